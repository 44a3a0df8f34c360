// otawire — per-device session state in bounded memory: text fingerprints, device keys, and the
// session table.
//
// A platform or gateway validates the OTA traffic of many devices at once and keeps one small
// session per device. This header gives the three pieces every family uses for that:
//
// - `text_fingerprint` (<otawire/fingerprint.hpp>): a version, an md5sum, a module name kept as
//   64 bits, for a session that only asks whether a later text is the same one.
// - `session_key`: a device's identity as a table key, two independent 64-bit hashes of the
//   identity's parts (each part's length is hashed too, so ("ab","c") and ("a","bc") differ).
//   The table's rule, tested: two keys name the same device if and only if BOTH hashes are equal.
//   `hash` alone places the entry; `check` tells apart identities whose `hash` collides. Two
//   device identities are confused only when both 64-bit hashes collide at once (128 bits;
//   identities are names the platform assigns, not inputs chosen to attack this table).
// - `session_table<Value>`: open addressing (linear probing, backward-shift erase: no tombstones)
//   over one array allocated when the table is created or explicitly `resize`d, never per message.
//   It holds at most `max_devices()` entries (at most 3/4 of the slots are used, so probes stay
//   short). When it is full, touching a new device evicts the least-recently-active device: the
//   one whose last `touch` is the oldest (an intrusive doubly-linked recency list of slot
//   indices makes that O(1)). `find` reads without changing recency; `touch` finds or inserts
//   and marks the device as the most recently active.
//
// Value must be default-constructible and trivially copyable (entries move when the table
// erases or resizes). Pointers to values stay valid until the next `touch`, `erase` or `resize`.
#ifndef OTAWIRE_SESSION_TABLE_HPP
#define OTAWIRE_SESSION_TABLE_HPP

#include <otawire/fingerprint.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

namespace otawire {

/// A device's identity as a table key (see the header comment for the rule).
struct session_key {
  std::uint64_t hash = 0;   ///< Places the entry in the table.
  std::uint64_t check = 0;  ///< Separates identities whose `hash` collides.
  friend constexpr bool operator==(const session_key&, const session_key&) noexcept = default;
};

/// Builds a `session_key` from the parts of an identity (product, device, child, …).
class identity_hasher {
 public:
  /// Adds one part; its length goes in first, so part boundaries matter.
  constexpr identity_hasher& add(std::string_view part) noexcept {
    add_length(part.size());
    for (const char c : part) add_byte(static_cast<unsigned char>(c));
    return *this;
  }
  /// The key of the parts added so far (`hash()` and `check()`).
  [[nodiscard]] constexpr session_key key() const noexcept { return {hash(), check()}; }
  /// The placing hash of the parts added so far.
  [[nodiscard]] constexpr std::uint64_t hash() const noexcept { return detail::mix64(primary_); }
  /// The second, independent hash of the parts added so far.
  [[nodiscard]] constexpr std::uint64_t check() const noexcept { return detail::mix64(secondary_ ^ (secondary_ >> 29)); }

 private:
  constexpr void add_length(std::size_t n) noexcept {
    for (int i = 0; i < 8; ++i) add_byte(static_cast<unsigned char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xffU));
  }
  constexpr void add_byte(unsigned char c) noexcept {
    primary_ = detail::fnv1a_byte(primary_, c);
    // A different function (rotate, add, odd multiplier), so one's collisions are not the other's.
    secondary_ = ((secondary_ << 23) | (secondary_ >> 41)) + c;
    secondary_ *= 0x9e3779b97f4a7c15ULL;
  }

  std::uint64_t primary_ = detail::fnv1a_basis;
  std::uint64_t secondary_ = 0x243f6a8885a308d3ULL;
};

/// The key of a one-part identity (a device id).
[[nodiscard]] constexpr session_key session_key_of(std::string_view identity) noexcept {
  return identity_hasher{}.add(identity).key();
}

/// Per-device values in one array sized once (see the header comment).
template <class Value>
class session_table {
  static_assert(std::is_trivially_copyable_v<Value>, "entries move as bytes when the table erases or resizes");
  static_assert(std::is_default_constructible_v<Value>);

 public:
  /// A table for at most `max_devices` devices (at least 1). Allocates its slots now.
  explicit session_table(std::size_t max_devices) { allocate(max_devices); }

  ///@{
  /// A copy has its own array of the same size, the same entries and the same recency order.
  session_table(const session_table& other) { copy_from(other); }
  session_table& operator=(const session_table& other) {
    if (this != &other) copy_from(other);
    return *this;
  }
  ///@}
  ///@{
  /// A moved-from table is empty: `find` answers null; it may be assigned to or destroyed.
  session_table(session_table&& other) noexcept { take(other); }
  session_table& operator=(session_table&& other) noexcept {
    if (this != &other) take(other);
    return *this;
  }
  ///@}
  ~session_table() = default;

  /// Devices in the table now.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Devices the table holds at most; touching one more evicts the least recently active.
  [[nodiscard]] std::size_t max_devices() const noexcept { return max_devices_; }
  /// Slots in the array (a power of two, at least 4/3 of `max_devices()`).
  [[nodiscard]] std::size_t slot_count() const noexcept { return mask_ + 1; }
  /// Bytes of one slot: the key, two recency links and the value.
  [[nodiscard]] static constexpr std::size_t slot_bytes() noexcept { return sizeof(slot); }
  /// Devices evicted so far to make room.
  [[nodiscard]] std::uint64_t evictions() const noexcept { return evictions_; }

  ///@{
  /// The value of `k`, or null; recency is not changed.
  [[nodiscard]] Value* find(const session_key& k) noexcept {
    const auto i = index_of(k);
    return i == none ? nullptr : &slots_[i].value;
  }
  [[nodiscard]] const Value* find(const session_key& k) const noexcept {
    const auto i = index_of(k);
    return i == none ? nullptr : &slots_[i].value;
  }
  ///@}

  /// What `touch` did.
  struct touched {
    /// The device's value (valid until the next `touch`, `erase` or `resize`).
    Value* value;
    bool inserted;  ///< The device was not in the table: its value is `Value{}`.
    bool evicted;   ///< Inserting it evicted the least-recently-active device.
  };

  /// Finds `k`, or inserts it with `Value{}` (evicting the least-recently-active device when the
  /// table is full), and marks it the most recently active. Never allocates.
  touched touch(const session_key& k) noexcept {
    if (const auto i = index_of(k); i != none) {
      move_to_front(i);
      return {&slots_[i].value, false, false};
    }
    bool evicted = false;
    if (size_ == max_devices_) {
      erase_at(oldest_);
      ++evictions_;
      evicted = true;
    }
    auto i = home_of(k.hash);
    while (slots_[i].newer != empty) i = next(i);
    slots_[i].key = k;
    slots_[i].value = Value{};
    slots_[i].newer = none;
    slots_[i].older = none;
    link_front(i);
    ++size_;
    return {&slots_[i].value, true, evicted};
  }

  /// Removes `k`; whether it was there.
  bool erase(const session_key& k) noexcept {
    const auto i = index_of(k);
    if (i == none) return false;
    erase_at(i);
    return true;
  }

  /// The key of the first entry whose `hash` is `hash` and whose value satisfies `pred` (entries
  /// that share a hash sit in one probe run, so this reads only that run).
  template <class Predicate>
  [[nodiscard]] std::optional<session_key> find_if(std::uint64_t hash, Predicate pred) const {
    if (size_ == 0) return std::nullopt;
    for (auto i = home_of(hash); slots_[i].newer != empty; i = next(i)) {
      if (slots_[i].key.hash == hash && pred(slots_[i].value)) return slots_[i].key;
    }
    return std::nullopt;
  }

  /// Visits every entry from the most to the least recently active: f(key, value).
  template <class F>
  void for_each_by_recency(F f) const {
    for (auto i = newest_; i != none; i = slots_[i].older) f(slots_[i].key, slots_[i].value);
  }

  /// Re-sizes the table for `max_devices` devices (allocates). If fewer than `size()`, the least
  /// recently active devices are dropped (counted as evictions). Recency order is kept.
  void resize(std::size_t max_devices) {
    session_table old(std::move(*this));
    allocate(max_devices);
    evictions_ = old.evictions_;
    // Re-insert from the oldest, so the newest ends up the most recent.
    std::size_t skip = old.size_ > max_devices_ ? old.size_ - max_devices_ : 0;
    evictions_ += skip;
    for (auto i = old.oldest_; i != none; i = old.slots_[i].newer) {
      if (skip > 0) {
        --skip;
        continue;
      }
      *touch(old.slots_[i].key).value = old.slots_[i].value;
    }
  }

 private:
  static constexpr std::uint32_t none = 0xffffffffU;   // end of the recency list
  static constexpr std::uint32_t empty = 0xfffffffeU;  // in `newer`: the slot is free

  struct slot {
    session_key key{};
    std::uint32_t newer = empty;  // the next more recently active entry (or none / empty)
    std::uint32_t older = none;   // the next less recently active entry (or none)
    Value value{};
  };

  void allocate(std::size_t max_devices) {
    if (max_devices == 0) max_devices = 1;
    constexpr std::size_t limit = std::size_t{1} << 30;  // slot indices are 32-bit
    if (max_devices > limit / 4 * 3) max_devices = limit / 4 * 3;
    max_devices_ = max_devices;
    const std::size_t slots = std::bit_ceil(max_devices + (max_devices + 2) / 3);
    mask_ = slots - 1;
    slots_ = std::make_unique<slot[]>(slots);
    size_ = 0;
    newest_ = none;
    oldest_ = none;
  }

  void take(session_table& other) noexcept {
    slots_ = std::move(other.slots_);
    mask_ = other.mask_;
    max_devices_ = other.max_devices_;
    size_ = other.size_;
    newest_ = other.newest_;
    oldest_ = other.oldest_;
    evictions_ = other.evictions_;
    other.mask_ = 0;
    other.max_devices_ = 0;
    other.size_ = 0;
    other.newest_ = none;
    other.oldest_ = none;
  }

  void copy_from(const session_table& other) {
    slots_ = std::make_unique<slot[]>(other.mask_ + 1);
    for (std::size_t i = 0; i <= other.mask_; ++i) slots_[i] = other.slots_[i];
    mask_ = other.mask_;
    max_devices_ = other.max_devices_;
    size_ = other.size_;
    newest_ = other.newest_;
    oldest_ = other.oldest_;
    evictions_ = other.evictions_;
  }

  [[nodiscard]] std::uint32_t home_of(std::uint64_t hash) const noexcept {
    return static_cast<std::uint32_t>(detail::mix64(hash) & mask_);
  }

  [[nodiscard]] std::uint32_t next(std::uint32_t i) const noexcept { return static_cast<std::uint32_t>((i + 1U) & mask_); }
  [[nodiscard]] std::uint32_t distance(std::uint32_t from, std::uint32_t to) const noexcept {
    return static_cast<std::uint32_t>((to - from) & mask_);
  }

  [[nodiscard]] std::uint32_t index_of(const session_key& k) const noexcept {
    if (size_ == 0) return none;
    for (auto i = home_of(k.hash); slots_[i].newer != empty; i = next(i)) {
      if (slots_[i].key == k) return i;
    }
    return none;
  }

  void link_front(std::uint32_t i) noexcept {
    slots_[i].newer = none;
    slots_[i].older = newest_;
    if (newest_ != none) slots_[newest_].newer = i;
    newest_ = i;
    if (oldest_ == none) oldest_ = i;
  }

  void unlink(std::uint32_t i) noexcept {
    const auto newer = slots_[i].newer;
    const auto older = slots_[i].older;
    if (newer != none) slots_[newer].older = older; else newest_ = older;
    if (older != none) slots_[older].newer = newer; else oldest_ = newer;
  }

  void move_to_front(std::uint32_t i) noexcept {
    if (newest_ == i) return;
    unlink(i);
    link_front(i);
  }

  // Empties slot i, then shifts later entries of its probe run back so every entry stays
  // reachable from its home slot (no tombstones).
  void erase_at(std::uint32_t hole) noexcept {
    unlink(hole);
    slots_[hole].newer = empty;
    --size_;
    for (auto j = next(hole); slots_[j].newer != empty; j = next(j)) {
      const auto home = home_of(slots_[j].key.hash);
      // The entry at j may stay when its home lies cyclically in (hole, j].
      if (distance(home, j) < distance(hole, j)) continue;
      slots_[hole] = slots_[j];
      // Its recency neighbours now point at the new place.
      if (slots_[hole].newer != none) slots_[slots_[hole].newer].older = hole; else newest_ = hole;
      if (slots_[hole].older != none) slots_[slots_[hole].older].newer = hole; else oldest_ = hole;
      slots_[j].newer = empty;
      hole = j;
    }
  }

  std::unique_ptr<slot[]> slots_;
  std::size_t mask_ = 0;
  std::size_t max_devices_ = 0;
  std::size_t size_ = 0;
  std::uint32_t newest_ = none;
  std::uint32_t oldest_ = none;
  std::uint64_t evictions_ = 0;
};

}  // namespace otawire

#endif

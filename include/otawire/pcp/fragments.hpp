// otawire::pcp — fragments: the platform-side planner (package → fragment responses) and the
// device-side assembler (fragment responses → firmware through a caller-supplied sink).
//
// Rules (spec §3, §5.4): fragment size 32–500 bytes, default 500; count = ceil(size / fragment
// size); index from 0; fragment i lives at offset i × fragment size; every fragment but the last
// is exactly the fragment size, the last is sent at its real length (no zero padding).
#ifndef OTAWIRE_PCP_FRAGMENTS_HPP
#define OTAWIRE_PCP_FRAGMENTS_HPP

#include <otawire/bytes.hpp>
#include <otawire/config.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/result.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace otawire::pcp {

// --- platform side: planner -----------------------------------------------------------------------

class fragment_plan;

/// Plans the fragments of a package of `package_size` bytes. Errors (`out_of_range`):
/// "fragment_size" outside 32–500, "package_size" of 0 or needing more than 65 535 fragments.
[[nodiscard]] constexpr result<fragment_plan> plan_fragments(
    std::uint64_t package_size, std::uint16_t fragment_size = default_fragment_size) noexcept;

/// How a package is cut into fragments. Only `plan_fragments` makes one, so its three numbers
/// always agree (size 32–500, count = ceil(package size / fragment size) ≤ 65 535): every
/// fragment it names lies inside a package of the planned size, and no argument of any member
/// reaches outside the package (a plan whose fields disagreed used to return views past it).
class fragment_plan {
 public:
  /// The package size in bytes the plan was made for (never 0).
  [[nodiscard]] constexpr std::uint32_t package_size() const noexcept { return package_size_; }
  /// Bytes per fragment (32–500); only the last fragment may be shorter.
  [[nodiscard]] constexpr std::uint16_t fragment_size() const noexcept { return fragment_size_; }
  /// How many fragments cover the package (1–65 535), as announced in the message-20 notification.
  [[nodiscard]] constexpr std::uint16_t fragment_count() const noexcept { return fragment_count_; }

  /// Length of fragment `index` (0 when out of range).
  [[nodiscard]] constexpr std::size_t fragment_length(std::uint16_t index) const noexcept {
    if (index >= fragment_count_) return 0;
    const std::size_t offset = std::size_t{index} * fragment_size_;  // < package_size_ (invariant)
    const std::size_t left = package_size_ - offset;
    return left < fragment_size_ ? left : fragment_size_;
  }

  /// Fragment `index` of `package` (a view into it). Errors: `bad_length` "package" when the
  /// package is not the planned size, `out_of_range` "fragment_index".
  [[nodiscard]] constexpr result<byte_view> fragment(byte_view package OTAWIRE_LIFETIMEBOUND,
                                                     std::uint16_t index) const noexcept {
    if (package.size() != package_size_) return fail(errc::bad_length, "package", package.size());
    if (index >= fragment_count_) return fail(errc::out_of_range, "fragment_index");
    return package.subspan(std::size_t{index} * fragment_size_, fragment_length(index));
  }
  /// An owning temporary (`std::vector<std::byte>{…}`) would die before the view: not allowed.
  template <class R>
    requires dangling_temporary<R>
  result<byte_view> fragment(R&&, std::uint16_t) const = delete;

  /// The 21 response for a request of `index`: the fragment (a view into `package`), or 0x81
  /// "fragment does not exist" (with the index, no data) when there is no such fragment.
  [[nodiscard]] constexpr request_fragment_response respond(byte_view package OTAWIRE_LIFETIMEBOUND,
                                                            std::uint16_t index) const noexcept {
    auto f = fragment(package, index);
    if (!f) return {result_code::fragment_not_found, index, {}};
    return {result_code::success, index, *f};
  }
  template <class R>
    requires dangling_temporary<R>
  request_fragment_response respond(R&&, std::uint16_t) const = delete;

  /// The 20 notification announcing this plan.
  [[nodiscard]] constexpr notify_new_version_request notification(
      const version_string& target, std::uint16_t package_check_code = 0) const noexcept {
    return {target, fragment_size_, fragment_count_, package_check_code};
  }

  friend constexpr bool operator==(const fragment_plan&, const fragment_plan&) = default;

 private:
  friend constexpr result<fragment_plan> plan_fragments(std::uint64_t, std::uint16_t) noexcept;
  constexpr fragment_plan(std::uint32_t package_size, std::uint16_t fragment_size,
                          std::uint16_t fragment_count) noexcept
      : package_size_(package_size), fragment_size_(fragment_size), fragment_count_(fragment_count) {}

  std::uint32_t package_size_;
  std::uint16_t fragment_size_;
  std::uint16_t fragment_count_;
};

constexpr result<fragment_plan> plan_fragments(std::uint64_t package_size, std::uint16_t fragment_size) noexcept {
  if (fragment_size < min_fragment_size || fragment_size > max_fragment_size) {
    return fail(errc::out_of_range, "fragment_size");
  }
  if (package_size == 0) return fail(errc::out_of_range, "package_size");
  const std::uint64_t count = (package_size + fragment_size - 1) / fragment_size;
  if (count > 0xFFFFu) return fail(errc::out_of_range, "package_size");
  return fragment_plan{static_cast<std::uint32_t>(package_size), fragment_size,
                       static_cast<std::uint16_t>(count)};
}

// --- device side: assembler ------------------------------------------------------------------------

/// Where fragments go: called with the byte offset in the package and the fragment data; returns
/// an error to refuse (flash write failed, …). Usually a lambda writing to flash or a buffer.
template <class S>
concept fragment_sink = requires(S& s, std::size_t offset, byte_view data) {
  { s(offset, data) } -> std::convertible_to<result<void>>;
};

/// What the assembler decided on a notification.
enum class assembly_start : std::uint8_t {
  restarted,  ///< a new package (or fragmentation): everything received before is dropped
  resumed,    ///< the same package: fragments received before are kept
};

/// Collects the fragments of one package. State: the package identity and a bitmap of received
/// fragments in caller-provided storage (1 bit per fragment, `bitmap_bytes(count)` bytes), so
/// that a device can keep both across a reboot and resume from the first missing fragment.
/// The assembler itself is 32 bytes on a 32-bit device (the identity, a pointer to the bitmap,
/// two lengths; an empty sink takes no room).
template <fragment_sink Sink>
class fragment_assembler {
 public:
  /// Bytes of bitmap storage needed for `fragment_count` fragments.
  [[nodiscard]] static constexpr std::size_t bitmap_bytes(std::uint32_t fragment_count) noexcept {
    return (fragment_count + 7u) / 8u;
  }

  /// A fresh assembler (no package yet); `bitmap` is the caller's storage.
  constexpr fragment_assembler(std::span<std::uint8_t> bitmap, Sink sink) noexcept
      : bitmap_(bitmap.data()), bitmap_size_(usable(bitmap)), sink_(static_cast<Sink&&>(sink)) {}

  /// An assembler restored after a reboot: `identity` and `bitmap` as persisted. Call `start`
  /// with the next notification; it resumes if the package is the same.
  constexpr fragment_assembler(std::span<std::uint8_t> bitmap, Sink sink,
                               const notify_new_version_request& identity) noexcept
      : fragment_assembler(bitmap, static_cast<Sink&&>(sink)) {
    if (bitmap_size_ >= bitmap_bytes(identity.fragment_count)) identity_ = identity;
  }

  /// Begins (or resumes) the package a 20 notification announces. Resume identity: same target
  /// version, check code, fragment size and count (spec §5.5). Errors: `out_of_range`
  /// "fragment_size"/"fragment_count", `buffer_too_small` "fragment_bitmap".
  constexpr result<assembly_start> start(const notify_new_version_request& n) noexcept {
    if (n.fragment_size < min_fragment_size || n.fragment_size > max_fragment_size) {
      return fail(errc::out_of_range, "fragment_size");
    }
    if (n.fragment_count == 0) return fail(errc::out_of_range, "fragment_count");
    if (bitmap_size_ < bitmap_bytes(n.fragment_count)) {
      return fail(errc::buffer_too_small, "fragment_bitmap", bitmap_size_);
    }
    if (started() && identity_ == n) return assembly_start::resumed;
    identity_ = n;
    for (std::size_t i = 0; i < bitmap_bytes(n.fragment_count); ++i) bitmap_[i] = 0;
    last_length_ = 0;
    return assembly_start::restarted;
  }

  /// Stores one fragment response through the sink. Errors: `invalid_value` "notification" before
  /// `start`; `invalid_value` "result" for an error response; `out_of_range` "fragment_index";
  /// `bad_length` "fragment_data" (not the fragment size, or a longer last fragment); whatever
  /// the sink returns. A fragment received again is written again (idempotent).
  constexpr result<void> accept(const request_fragment_response& r) noexcept {
    if (!started()) return fail(errc::invalid_value, "notification");
    if (r.result != result_code::success) return fail(errc::invalid_value, "result");
    const auto& id = identity_;
    if (r.fragment_index >= id.fragment_count) return fail(errc::out_of_range, "fragment_index");
    const bool last = r.fragment_index + 1u == id.fragment_count;
    if (r.data.empty() || (last ? r.data.size() > id.fragment_size : r.data.size() != id.fragment_size)) {
      return fail(errc::bad_length, "fragment_data", r.data.size());
    }
    if (auto w = sink_(std::size_t{r.fragment_index} * id.fragment_size, r.data); !w) return w;
    bitmap_[r.fragment_index / 8u] = static_cast<std::uint8_t>(bitmap_[r.fragment_index / 8u] |
                                                               (1u << (r.fragment_index % 8u)));
    if (last) last_length_ = static_cast<std::uint16_t>(r.data.size());
    return ok();
  }

  /// Has fragment `index` arrived?
  [[nodiscard]] constexpr bool has(std::uint16_t index) const noexcept {
    if (!started() || index >= identity_.fragment_count) return false;
    return (bitmap_[index / 8u] >> (index % 8u)) & 1u;
  }

  /// The fragment to request next: the first missing one (none when complete or not started).
  [[nodiscard]] constexpr std::optional<std::uint16_t> next_missing() const noexcept {
    if (!started()) return std::nullopt;
    for (std::uint32_t byte = 0; byte < bitmap_bytes(identity_.fragment_count); ++byte) {
      if (bitmap_[byte] == 0xFF) continue;
      for (unsigned bit = 0; bit < 8; ++bit) {
        const std::uint32_t index = byte * 8u + bit;
        if (index >= identity_.fragment_count) return std::nullopt;
        if (!((bitmap_[byte] >> bit) & 1u)) return static_cast<std::uint16_t>(index);
      }
    }
    return std::nullopt;
  }

  /// True once every fragment of the current package has been stored.
  [[nodiscard]] constexpr bool complete() const noexcept {
    return started() && received() == identity_.fragment_count;
  }
  /// How many distinct fragments have arrived (counted in the bitmap: no counter to keep).
  [[nodiscard]] constexpr std::uint32_t received() const noexcept {
    if (!started()) return 0;
    std::uint32_t n = 0;
    for (std::uint32_t i = 0; i < identity_.fragment_count; ++i) {
      if ((bitmap_[i / 8u] >> (i % 8u)) & 1u) ++n;
    }
    return n;
  }
  /// The package's identity, to persist with the bitmap (none before the first `start`).
  [[nodiscard]] constexpr std::optional<notify_new_version_request> identity() const noexcept {
    if (!started()) return std::nullopt;
    return identity_;
  }
  /// The package size, known once the last fragment has arrived in this run.
  [[nodiscard]] constexpr std::optional<std::uint32_t> package_size() const noexcept {
    if (!complete() || last_length_ == 0) return std::nullopt;
    return static_cast<std::uint32_t>(identity_.fragment_count - 1u) * identity_.fragment_size +
           last_length_;
  }
  /// The sink the fragments are written to, e.g. to flush or read back what it stored.
  [[nodiscard]] constexpr Sink& sink() noexcept OTAWIRE_LIFETIMEBOUND { return sink_; }

 private:
  /// No fragment count is 0 (`start` refuses it), so a count of 0 means "no package yet".
  [[nodiscard]] constexpr bool started() const noexcept { return identity_.fragment_count != 0; }
  /// 65 535 fragments need 8 192 bytes: more storage is never used, so 16 bits hold its size.
  [[nodiscard]] static constexpr std::uint16_t usable(std::span<std::uint8_t> bitmap) noexcept {
    constexpr std::size_t most = bitmap_bytes(0xFFFFu);
    return static_cast<std::uint16_t>(bitmap.size() < most ? bitmap.size() : most);
  }

  std::uint8_t* bitmap_;
  notify_new_version_request identity_{version_string{}, 0, 0, 0};
  std::uint16_t bitmap_size_;
  std::uint16_t last_length_ = 0;
  [[no_unique_address]] Sink sink_;
};

}  // namespace otawire::pcp

#endif

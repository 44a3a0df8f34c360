// otawire::lwm2m — the TLV reader (zero-copy pull reader, whole-tree validator) and the canonical
// TLV writer. Facts: shared/spec/lwm2m.md §1.1-1.4.
//
// Error `where` strings name the rule of §1.4 they enforce ("rule_1_…" truncation, "rule_7_max_id",
// "rule_8_nesting…", "rule_9_duplicate_id", "rule_11_value_too_long"); `offset` is the byte offset
// in the whole payload of the field that broke it (the entry's type byte unless said otherwise).
//
// Strict where the spec is, lenient where it must be (§1.4 "Must not reject"):
//   * bits 2-0 are ignored when a length field is present;
//   * non-minimal identifier and length forms are read;
//   * empty Object Instance, empty Multiple Resource and zero-length values are read.
//
// Complexity: every entry header is parsed a constant number of times and value bytes are never
// scanned, so `validate` is linear in the payload size whatever the number of siblings. Duplicate
// identifiers (rule 9), chosen method:
//   * a level whose IDs are strictly ascending (what every canonical encoder emits) cannot hold a
//     duplicate: one comparison per entry, no memory;
//   * any other level is checked with an 8 KiB bitmap over the 16-bit ID space (`tlv_id_set`, on
//     the stack or the caller's): insert each ID of the level, then clear the same bits by a
//     second walk of that level (O(entries), never a wholesale 8 KiB clear). A level's bitmap
//     pass runs after its children are done, so one bitmap serves every level. Without a
//     caller's set, `validate(byte_view)` first tries the bitmap-free pass and, only if some level
//     is out of order, zeroes a stack bitmap once and checks again: still linear.
// The walk is depth-first, so of two errors the first in document order is reported, except that
// a duplicate ID is only known once its whole level has been read.
// No sort, no allocation, no quadratic sibling comparison (the C and Java peers compare or copy
// siblings pairwise).
#ifndef OTAWIRE_LWM2M_TLV_HPP
#define OTAWIRE_LWM2M_TLV_HPP

#include <otawire/bytes.hpp>
#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace otawire::lwm2m {

namespace detail {

[[nodiscard]] constexpr std::uint8_t byte_at(byte_view b, std::size_t i) noexcept {
  return std::to_integer<std::uint8_t>(b[i]);
}

// The rule names used as `where` for truncation: at the top level the input simply ends (more
// bytes may complete it: errc::truncated); inside a container the child overruns its parent,
// which no further bytes can fix (errc::bad_length, Anjay's "child entry is longer than its parent").
struct truncation_names {
  std::string_view identifier, length, value;
};
inline constexpr truncation_names top_truncation{"rule_1_truncation.identifier",
                                                 "rule_1_truncation.length",
                                                 "rule_1_truncation.value"};
inline constexpr truncation_names child_truncation{"rule_1_child_longer_than_parent.identifier",
                                                   "rule_1_child_longer_than_parent.length",
                                                   "rule_1_child_longer_than_parent.value"};

// Top-level entries must be all Object Instances, all Resources/Multiple Resources, or all
// Resource Instances (a payload for /O, /O/I or /O/I/R, /O/I/R/RI; §1.2, §1.5).
enum class top_family : std::uint8_t { unknown, instances, resources, resource_instances };

[[nodiscard]] constexpr top_family family_of(tlv_kind k) noexcept {
  switch (k) {
    case tlv_kind::object_instance: return top_family::instances;
    case tlv_kind::resource:
    case tlv_kind::multiple_resource: return top_family::resources;
    case tlv_kind::resource_instance: return top_family::resource_instances;
  }
  return top_family::unknown;
}

// Which kinds a level admits (§1.2, §1.4-8); the rule name when it does not.
[[nodiscard]] constexpr std::string_view nesting_violation(tlv_level level, tlv_kind k) noexcept {
  switch (level) {
    case tlv_level::top: return {};
    case tlv_level::object_instance:
      if (k == tlv_kind::object_instance) return "rule_8_nesting.object_instance_in_object_instance";
      if (k == tlv_kind::resource_instance) {
        return "rule_8_nesting.resource_instance_outside_multiple_resource";
      }
      return {};
    case tlv_level::multiple_resource:
      if (k == tlv_kind::object_instance) {
        return "rule_8_nesting.object_instance_in_multiple_resource";
      }
      if (k == tlv_kind::multiple_resource) {
        return "rule_8_nesting.multiple_resource_in_multiple_resource";
      }
      if (k == tlv_kind::resource) return "rule_8_nesting.resource_in_multiple_resource";
      return {};
  }
  return {};
}

}  // namespace detail

/// Zero-copy pull reader over the entries of ONE TLV level. It checks, per entry, truncation
/// (rule 1), the reserved ID 65535 (rule 7) and which kinds the level admits (rule 8); duplicate
/// IDs (rule 9) need the whole level and are checked by `validate`.
///
///   tlv_reader r(payload);
///   while (true) {
///     auto e = r.next();            // result<optional<tlv_entry>>
///     if (!e) return e.error();     // malformed
///     if (!*e) break;               // end of level
///     if (is_container((*e)->kind)) { auto kids = r.children(**e); ... }
///   }
class tlv_reader {
 public:
  /// `base_offset`: offset of `bytes` in the whole payload, so errors and entries carry absolute
  /// offsets. Readers for nested levels come from `children`.
  constexpr explicit tlv_reader(byte_view bytes, tlv_level level = tlv_level::top,
                                std::size_t base_offset = 0) noexcept
      : bytes_(bytes), base_(base_offset), level_(level) {}
  /// Entries are views into the bytes: reading a temporary container would dangle.
  template <class Temporary>
    requires detail::owning_temporary<Temporary>
  explicit tlv_reader(Temporary&&, tlv_level = tlv_level::top, std::size_t = 0) = delete;

  [[nodiscard]] constexpr bool at_end() const noexcept { return pos_ == bytes_.size(); }
  /// Absolute offset of the next entry.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return base_ + pos_; }
  [[nodiscard]] constexpr tlv_level level() const noexcept { return level_; }

  /// What `step` found.
  enum class status : std::uint8_t { entry, end, failed };

  /// The allocation-free core of `next`: fills `out` (status::entry), or `failure`
  /// (status::failed; the reader stays at the bad entry), or reports the end of the level.
  constexpr status step(tlv_entry& out, error& failure) noexcept {
    const std::size_t start = pos_;
    const std::size_t avail = bytes_.size() - start;
    if (avail == 0) return status::end;
    const std::uint8_t type = detail::byte_at(bytes_, start);
    const std::size_t id_size = (type & 0x20) ? 2 : 1;
    const std::size_t length_size = (type >> 3) & 0x03;
    const std::size_t header = 1 + id_size + length_size;
    if (avail < header) {
      const bool id_cut = avail < 1 + id_size;
      failure = overrun(id_cut ? 0 : 1, start + 1 + (id_cut ? 0 : id_size));
      return status::failed;
    }
    std::uint32_t id = detail::byte_at(bytes_, start + 1);
    if (id_size == 2) id = (id << 8) | detail::byte_at(bytes_, start + 2);
    std::size_t length = type & 0x07;
    if (length_size != 0) {
      // Bits 2-0 "MUST be ignored" when a length field is present (§1.1).
      length = 0;
      for (std::size_t i = start + 1 + id_size; i < start + header; ++i) {
        length = (length << 8) | detail::byte_at(bytes_, i);
      }
    }
    if (avail - header < length) {
      failure = overrun(2, start + header);
      return status::failed;
    }
    if (id == max_id) {
      failure = fail(errc::reserved_id, "rule_7_max_id", base_ + start + 1);
      return status::failed;
    }
    const auto kind = static_cast<tlv_kind>(type >> 6);
    if (level_ != tlv_level::top) {
      // Kinds a nested level admits, as a bit mask: Object Instance level takes Resources (3) and
      // Multiple Resources (2), Multiple Resource level takes Resource Instances (1).
      const unsigned admitted = level_ == tlv_level::object_instance ? 0b1100u : 0b0010u;
      if (((admitted >> (type >> 6)) & 1u) == 0) {
        failure = fail(errc::bad_nesting, detail::nesting_violation(level_, kind), base_ + start);
        return status::failed;
      }
    } else {
      const auto family = detail::family_of(kind);
      if (family_ == detail::top_family::unknown) {
        family_ = family;
      } else if (family_ != family) {
        failure = fail(errc::bad_nesting, "rule_8_nesting.mixed_top_level", base_ + start);
        return status::failed;
      }
    }
    pos_ = start + header + length;
    out.kind = kind;
    out.id = static_cast<std::uint16_t>(id);
    out.value = bytes_.subspan(start + header, length);
    out.offset = base_ + start;
    out.value_offset = base_ + start + header;
    return status::entry;
  }

  /// The next entry of this level, `nullopt` at its end, or the error of the first bad entry
  /// (after an error the reader stays at that entry).
  constexpr result<std::optional<tlv_entry>> next() noexcept {
    tlv_entry e;
    error failure;
    switch (step(e, failure)) {
      case status::entry: return std::optional<tlv_entry>{e};
      case status::end: return std::optional<tlv_entry>{};
      case status::failed: break;
    }
    return failure;
  }

  /// A reader over the children of a container entry (Object Instance or Multiple Resource) read
  /// by this reader. For a value entry the reader is empty.
  [[nodiscard]] constexpr tlv_reader children(const tlv_entry& e) const noexcept {
    const auto level = e.kind == tlv_kind::object_instance     ? tlv_level::object_instance
                       : e.kind == tlv_kind::multiple_resource ? tlv_level::multiple_resource
                                                               : level_;
    return tlv_reader(is_container(e.kind) ? e.value : byte_view{}, level, e.value_offset);
  }

 private:
  // Truncation of the identifier (0), length (1) or value (2) field starting at `at`.
  [[nodiscard]] constexpr error overrun(int field, std::size_t at) const noexcept {
    const auto& names = level_ == tlv_level::top ? detail::top_truncation : detail::child_truncation;
    const auto where = field == 0 ? names.identifier : field == 1 ? names.length : names.value;
    return fail(level_ == tlv_level::top ? errc::truncated : errc::bad_length, where, base_ + at);
  }

  byte_view bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
  tlv_level level_ = tlv_level::top;
  detail::top_family family_ = detail::top_family::unknown;
};

/// A set of 16-bit identifiers: an 8 KiB bitmap. Held by the caller (or on `validate`'s stack) so
/// that duplicate detection needs no allocation and costs O(1) per entry.
class tlv_id_set {
 public:
  /// False when `id` was already present.
  constexpr bool insert(std::uint16_t id) noexcept {
    auto& word = words_[id >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (id & 63);
    if (word & bit) return false;
    word |= bit;
    return true;
  }
  constexpr void erase(std::uint16_t id) noexcept {
    words_[id >> 6] &= ~(std::uint64_t{1} << (id & 63));
  }
  [[nodiscard]] constexpr bool contains(std::uint16_t id) const noexcept {
    return (words_[id >> 6] >> (id & 63)) & 1u;
  }
  [[nodiscard]] constexpr bool empty() const noexcept {
    for (auto w : words_) {
      if (w != 0) return false;
    }
    return true;
  }

 private:
  std::array<std::uint64_t, 65536 / 64> words_{};
};

namespace detail {

// Clears the IDs of the first `count` entries of a level (they were inserted by the check pass).
constexpr void forget_ids(tlv_reader r, std::size_t count, tlv_id_set& seen) noexcept {
  tlv_entry e;
  error ignored;
  for (std::size_t i = 0; i < count && r.step(e, ignored) == tlv_reader::status::entry; ++i) {
    seen.erase(e.id);
  }
}

// Duplicate IDs of one level whose headers are known to be valid: insert every ID, then clear
// them again (O(entries): the 8 KiB bitmap is never cleared wholesale).
constexpr result<void> check_duplicates(const tlv_reader& level, tlv_id_set& seen) noexcept {
  tlv_reader r = level;
  tlv_entry e;
  error ignored;
  std::size_t count = 0;
  while (r.step(e, ignored) == tlv_reader::status::entry) {
    if (!seen.insert(e.id)) {
      forget_ids(level, count, seen);
      return fail(errc::duplicate, "rule_9_duplicate_id", e.offset);
    }
    ++count;
  }
  forget_ids(level, count, seen);
  return ok();
}

struct validation {
  tlv_id_set* seen = nullptr;  // null: no bitmap yet (see `validate(byte_view)`)
  bool needs_bitmap = false;   // a level was out of order while `seen` was null
};

// One pass over a level: headers, nesting, children (depth <= 3 by the nesting rules). Canonical
// encoders list IDs in ascending order; a strictly ascending level cannot hold a duplicate, so
// only a level that is not ascending pays for the bitmap pass.
struct no_visit {
  constexpr void operator()(const tlv_entry&, unsigned) const noexcept {}
};

template <class Visitor>
constexpr result<std::size_t> validate_level(const tlv_reader& level, validation& v,
                                             Visitor& visit, unsigned depth) noexcept {
  tlv_reader r = level;
  tlv_entry e;
  error failure;
  std::size_t entries = 0;
  std::int32_t previous = -1;
  bool ascending = true;
  while (true) {
    const auto st = r.step(e, failure);
    if (st == tlv_reader::status::end) break;
    if (st == tlv_reader::status::failed) return failure;
    ascending = ascending && static_cast<std::int32_t>(e.id) > previous;
    previous = e.id;
    ++entries;
    visit(static_cast<const tlv_entry&>(e), depth);
    if (is_container(e.kind)) {
      auto kids = validate_level(r.children(e), v, visit, depth + 1);
      if (!kids) return kids.error();
      entries += *kids;
    }
  }
  if (!ascending) {
    if (v.seen == nullptr) {
      v.needs_bitmap = true;
    } else if (auto d = check_duplicates(level, *v.seen); !d) {
      return d.error();
    }
  }
  return entries;
}

}  // namespace detail

/// Checks a whole TLV payload against every structural rule of §1.4 (1, 7, 8, 9); returns the
/// number of entries at all levels. Linear time; uses the caller's 8 KiB `seen` set, which is
/// empty again when this returns (on success and on error).
constexpr result<std::size_t> validate(byte_view payload, tlv_id_set& seen) noexcept {
  detail::validation v{&seen, false};
  detail::no_visit none;
  return detail::validate_level(tlv_reader(payload), v, none, 0);
}

/// As above; the 8 KiB ID set lives on the stack and is only built (zeroed) when some level lists
/// its IDs out of ascending order — canonical payloads never pay for it.
inline result<std::size_t> validate(byte_view payload) noexcept {
  detail::validation fast{};
  detail::no_visit none;
  auto r = detail::validate_level(tlv_reader(payload), fast, none, 0);
  if (!r || !fast.needs_bitmap) return r;
  tlv_id_set seen;
  return validate(payload, seen);
}

/// Validates and visits in ONE pass: `visit(const tlv_entry&, unsigned depth)` is called for every
/// entry in document order, a container before its children (depth 0 = top level). The visits are
/// only meaningful if `walk` succeeds: an error may be found after some entries were visited
/// (a duplicate ID is only known once its level is complete). Linear, no allocation.
template <class Visitor>
inline result<std::size_t> walk(byte_view payload, Visitor&& visit) noexcept {
  detail::validation fast{};
  auto r = detail::validate_level(tlv_reader(payload), fast, visit, 0);
  if (!r || !fast.needs_bitmap) return r;
  tlv_id_set seen;  // some level is out of ascending order: check duplicates with the bitmap
  return validate(payload, seen);
}

// ------------------------------------------------------------------------------------------------
// Writer (§1.1 canonical form: 16-bit ID only above 255; inline length below 8, else the shortest
// length field; bits 2-0 zero whenever a length field is present).

/// Bytes of the canonical header for an entry with this ID and value length.
[[nodiscard]] constexpr std::size_t header_size(std::uint16_t id, std::size_t length) noexcept {
  const std::size_t id_size = id > 0xFF ? 2 : 1;
  const std::size_t length_size = length < 8 ? 0 : length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : 3;
  return 1 + id_size + length_size;
}

/// Bytes of a canonical entry (header and value).
[[nodiscard]] constexpr std::size_t entry_size(std::uint16_t id, std::size_t length) noexcept {
  return header_size(id, length) + length;
}

/// Writes canonical TLV into a caller-provided buffer. Containers take their content size up
/// front (compute it with `entry_size`), and `close` checks that exactly that much was written.
class tlv_writer {
 public:
  constexpr explicit tlv_writer(mutable_byte_view out) noexcept : out_(out) {}

  [[nodiscard]] constexpr std::size_t size() const noexcept { return out_.size(); }
  [[nodiscard]] constexpr byte_view written() const noexcept { return out_.written(); }

  /// A header only; the caller writes `length` value bytes next.
  constexpr result<void> header(tlv_kind kind, std::uint16_t id, std::size_t length) noexcept {
    if (id == max_id) return fail(errc::reserved_id, "rule_7_max_id", out_.size());
    if (length > max_value_length) {
      return fail(errc::out_of_range, "rule_11_value_too_long", out_.size());
    }
    if (out_.remaining() < header_size(id, length)) {
      return fail(errc::buffer_too_small, "output", out_.size());
    }
    const unsigned id_bit = id > 0xFF ? 0x20u : 0u;
    const unsigned length_size = length < 8 ? 0u : length <= 0xFF ? 1u : length <= 0xFFFF ? 2u : 3u;
    const unsigned type = (static_cast<unsigned>(kind) << 6) | id_bit | (length_size << 3) |
                          (length_size == 0 ? static_cast<unsigned>(length) : 0u);
    (void)out_.u8(static_cast<std::uint8_t>(type));
    if (id_bit) {
      (void)out_.u16(id);
    } else {
      (void)out_.u8(static_cast<std::uint8_t>(id));
    }
    if (length_size == 1) (void)out_.u8(static_cast<std::uint8_t>(length));
    if (length_size == 2) (void)out_.u16(static_cast<std::uint16_t>(length));
    if (length_size == 3) (void)out_.u24(static_cast<std::uint32_t>(length));
    return ok();
  }

  /// A Resource or Resource Instance with its value.
  constexpr result<void> value(tlv_kind kind, std::uint16_t id, byte_view v) noexcept {
    if (is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.value_on_container", out_.size());
    if (out_.remaining() < v.size() + header_size(id, v.size()) && v.size() <= max_value_length) {
      return fail(errc::buffer_too_small, "output", out_.size());
    }
    if (auto h = header(kind, id, v.size()); !h) return h;
    return out_.bytes(v);
  }

  /// Opens an Object Instance or Multiple Resource whose children take `content_size` bytes.
  constexpr result<void> open(tlv_kind kind, std::uint16_t id, std::size_t content_size) noexcept {
    if (!is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.open_value", out_.size());
    if (depth_ == ends_.size()) {
      return fail(errc::bad_nesting, "rule_8_nesting.too_deep", out_.size());
    }
    if (auto h = header(kind, id, content_size); !h) return h;
    ends_[depth_++] = out_.size() + content_size;
    return ok();
  }

  /// Closes the innermost open container; fails if its content size was not what `open` said.
  constexpr result<void> close() noexcept {
    if (depth_ == 0) return fail(errc::bad_nesting, "close_without_open", out_.size());
    if (ends_[--depth_] != out_.size()) {
      return fail(errc::bad_length, "container_content_size", out_.size());
    }
    return ok();
  }

 private:
  byte_writer out_;
  std::array<std::size_t, 2> ends_{};  // Object Instance > Multiple Resource: at most two open
  std::size_t depth_ = 0;
};

}  // namespace otawire::lwm2m

#endif

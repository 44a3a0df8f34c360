// otawire::lwm2m — the TLV reader (zero-copy pull reader, whole-tree validator, request-path rules
// for any object) and the canonical TLV writer. Facts: shared/spec/lwm2m.md §1.1-1.4.
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
// Complexity and memory: every entry header is parsed a constant number of times (once, or at most
// 65 times in a level out of ascending ID order) and value bytes are never scanned, so `validate`
// is linear in the payload size whatever the number of siblings;
// no call needs more than a few hundred bytes of stack (a device task may have 2 KiB; the
// stack_usage test holds every public entry point to 256 B per frame). Duplicate identifiers
// (rule 9), exact:
//   * a level whose IDs are strictly ascending (what every canonical encoder emits) cannot hold a
//     duplicate: one comparison per entry, no memory;
//   * any other level is checked, once its entries are known to be well formed, with a 1024-bit
//     window (128 B) slid over the level's ID range: each pass re-reads the level's headers, marks
//     the IDs inside the window and jumps to the next ID above it. Passes: at most one per 1024
//     IDs of the range that hold an ID (<= 64) and never more than the level has entries, so the
//     cost stays linear (worst case 64 header reads per entry). In the device profile
//     (OTAWIRE_DEVICE_PROFILE) the same entry is found by comparing each ID with its earlier
//     siblings': quadratic, but a device's payload is one CoAP block, and it saves the window's
//     frame and code (`first_duplicate_pairwise`).
// The walk is depth-first, so of two errors the first in document order is reported, except that
// a duplicate ID is only known once its whole level has been read (then the earliest repeated
// entry of that level is reported).
// No sort, no allocation, no quadratic sibling comparison (the C and Java peers compare or copy
// siblings pairwise).
#ifndef OTAWIRE_LWM2M_TLV_HPP
#define OTAWIRE_LWM2M_TLV_HPP

#include <otawire/bytes.hpp>
#include <otawire/config.hpp>
#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/values.hpp>
#include <otawire/result.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>

namespace otawire::lwm2m {

namespace detail {

[[nodiscard]] constexpr std::uint8_t byte_at(byte_view b, std::size_t i) noexcept {
  return std::to_integer<std::uint8_t>(b[i]);
}

// The rule names used as `where` for truncation: at the top level the input simply ends (more
// bytes may complete it: errc::truncated); inside a container the child overruns its parent,
// which no further bytes can fix (errc::bad_length, Anjay's "child entry is longer than its parent").
struct truncation_names {
  text_id identifier, length, value;
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
[[nodiscard]] constexpr text_id nesting_violation(tlv_level level, tlv_kind k) noexcept {
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

// A level as the one-frame walks read it: its bytes up to the level's end (positions count from
// the start of `bytes`), their offset in the payload, and the rules its entries are checked by
// (the kinds `level` admits; at the top, the family of the entries read so far).
struct level_view {
  byte_view bytes;
  std::size_t base = 0;
  tlv_level level = tlv_level::top;
  top_family family = top_family::unknown;
};

// What the one-frame walks below (`read_entry_at`) use of a reader's internals.
struct reader_access;

template <class Visitor>
class tree_walker;

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
    requires dangling_temporary<Temporary>
  explicit tlv_reader(Temporary&&, tlv_level = tlv_level::top, std::size_t = 0) = delete;

  /// True once every entry of this level has been read (an empty level starts at the end).
  [[nodiscard]] constexpr bool at_end() const noexcept { return pos_ == bytes_.size(); }
  /// Absolute offset of the next entry.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return base_ + pos_; }
  /// The nesting level this reader checks entry kinds against (rule 8).
  [[nodiscard]] constexpr tlv_level level() const noexcept { return level_; }

  /// What `step` found.
  enum class status : std::uint8_t { entry, end, failed };

  /// The allocation-free core of `next`: fills `out` and moves past it (status::entry), or stays
  /// at a bad entry (status::failed: `failure()` says why), or reports the end of the level.
  constexpr status step(tlv_entry& out) noexcept {
    const fault f = examine(out);
    if (f == fault::none) {
      pos_ = out.value_offset - base_ + out.value.size();
      if (level_ == tlv_level::top) family_ = detail::family_of(out.kind);
      return status::entry;
    }
    return f == fault::end ? status::end : status::failed;
  }

  /// As above, with the error of a bad entry in `failure`.
  constexpr status step(tlv_entry& out, error& failure) noexcept {
    const status st = step(out);
    if (st == status::failed) failure = this->failure();
    return st;
  }

  /// Why the entry at the current position is bad, after `step` returned status::failed. The
  /// header is parsed again: errors are rare and the hot loop then carries no error object.
  [[nodiscard]] constexpr error failure() const noexcept;

  /// The next entry of this level, `nullopt` at its end, or the error of the first bad entry
  /// (after an error the reader stays at that entry).
  constexpr result<std::optional<tlv_entry>> next() noexcept {
    tlv_entry e;
    switch (step(e)) {
      case status::entry: return std::optional<tlv_entry>{e};
      case status::end: return std::optional<tlv_entry>{};
      case status::failed: break;
    }
    return failure();
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
  template <class Visitor>
  friend class detail::tree_walker;
  friend struct detail::reader_access;

  // Resumes a level at `pos` (relative to `bytes`) with its top-level family: the tree walker
  // keeps its levels as offsets and rebuilds their readers per step.
  constexpr tlv_reader(byte_view bytes, tlv_level level, std::size_t base, std::size_t pos,
                       detail::top_family family) noexcept
      : bytes_(bytes), base_(base), pos_(pos), level_(level), family_(family) {}

  enum class fault : std::uint8_t {
    none, end, identifier_cut, length_cut, value_cut, reserved_id, nesting, mixed_top_level,
  };

  // Parses the entry at the current position without moving: rules 1, 7 and 8 per entry (the
  // hot path's test; `failure()` tells which rule with `detail::read_entry_at`).
  OTAWIRE_LWM2M_DEVICE_INLINE constexpr fault examine(tlv_entry& out) const noexcept {
    const std::size_t start = pos_;
    const std::size_t avail = bytes_.size() - start;
    if (avail == 0) return fault::end;
    const std::uint8_t type = detail::byte_at(bytes_, start);
    const std::size_t id_size = (type & 0x20) ? 2 : 1;
    const std::size_t length_size = (type >> 3) & 0x03;
    const std::size_t header = 1 + id_size + length_size;
    if (avail < 1 + id_size) return fault::identifier_cut;
    if (avail < header) return fault::length_cut;
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
    out.kind = static_cast<tlv_kind>(type >> 6);
    out.offset = base_ + start;
    out.value_offset = base_ + start + header;
    if (avail - header < length) return fault::value_cut;
    if (id == max_id) return fault::reserved_id;
    if (level_ != tlv_level::top) {
      // Kinds a nested level admits, as a bit mask: Object Instance level takes Resources (3) and
      // Multiple Resources (2), Multiple Resource level takes Resource Instances (1).
      const unsigned admitted = level_ == tlv_level::object_instance ? 0b1100u : 0b0010u;
      if (((admitted >> (type >> 6)) & 1u) == 0) return fault::nesting;
    } else if (family_ != detail::top_family::unknown && family_ != detail::family_of(out.kind)) {
      return fault::mixed_top_level;
    }
    out.id = static_cast<std::uint16_t>(id);
    out.value = bytes_.subspan(start + header, length);
    return fault::none;
  }

  byte_view bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
  tlv_level level_ = tlv_level::top;
  detail::top_family family_ = detail::top_family::unknown;
};

namespace detail {

// Duplicate IDs of the level in `bytes` (at offset `base` of the payload), whose entries are known
// to be well formed and whose IDs span [lowest, highest]. A 1024-bit window slides over that range:
// one pass over the level's headers per window that holds an ID, each pass marking the IDs inside
// the window and finding the next ID above it. The passes read headers only (type, ID, length),
// bounds-checked although the level was validated. Returns the offset of the earliest entry (in
// document order) that repeats an ID of an earlier sibling, or error::no_offset. Out of line: its
// 128-byte window must not add to the walk's frame.
[[gnu::noinline]] constexpr std::size_t first_duplicate_windowed(byte_view bytes, std::size_t base,
                                                                 std::uint16_t lowest,
                                                                 std::uint16_t highest) noexcept {
  constexpr std::uint32_t window_bits = 1024;
  std::size_t earliest = error::no_offset;
  std::uint32_t start = lowest;
  while (true) {
    std::array<std::uint64_t, window_bits / 64> window{};
    std::uint32_t next_start = std::uint32_t{highest} + 1;  // none yet
    bool repeated = false;  // later repeats in this window come after the first one
    std::size_t pos = 0;
    while (bytes.size() - pos >= 2) {
      const std::uint8_t type = byte_at(bytes, pos);
      const std::size_t id_size = (type & 0x20) ? 2 : 1;
      const std::size_t length_size = (type >> 3) & 0x03;
      const std::size_t header = 1 + id_size + length_size;
      if (bytes.size() - pos < header) break;
      std::uint32_t id = byte_at(bytes, pos + 1);
      if (id_size == 2) id = (id << 8) | byte_at(bytes, pos + 2);
      std::size_t length = type & 0x07;
      if (length_size != 0) {
        length = 0;
        for (std::size_t i = pos + 1 + id_size; i < pos + header; ++i) {
          length = (length << 8) | byte_at(bytes, i);
        }
      }
      const std::size_t at = pos;
      if (bytes.size() - pos - header < length) break;
      pos += header + length;
      if (id < start) continue;
      if (id - start >= window_bits) {
        if (id < next_start) next_start = id;
        continue;
      }
      auto& word = window[(id - start) >> 6];
      const std::uint64_t bit = std::uint64_t{1} << ((id - start) & 63);
      if ((word & bit) != 0 && !repeated) {
        repeated = true;
        if (base + at < earliest) earliest = base + at;
      }
      word |= bit;
    }
    if (next_start > highest) return earliest;
    start = next_start;
  }
}

struct reader_access {
  using fault = tlv_reader::fault;
  [[gnu::always_inline]] static constexpr fault examine(const level_view& at_level, std::size_t start,
                                                        tlv_entry& out) noexcept {
    return tlv_reader(at_level.bytes, at_level.level, at_level.base, start, at_level.family).examine(out);
  }
};

// The entry kinds a level admits, as a bit mask over `tlv_kind` (rule 8): an Object Instance
// takes Resources (3) and Multiple Resources (2), a Multiple Resource takes Resource Instances (1),
// the top level any kind until its first entry and then that entry's family (§1.2).
[[nodiscard]] constexpr unsigned admitted_kinds(tlv_level level, top_family family) noexcept {
  switch (level) {
    case tlv_level::object_instance: return 0b1100u;
    case tlv_level::multiple_resource: return 0b0010u;
    case tlv_level::top: break;
  }
  switch (family) {
    case top_family::instances: return 0b0001u;
    case top_family::resources: return 0b1100u;
    case top_family::resource_instances: return 0b0010u;
    case top_family::unknown: break;
  }
  return 0b1111u;
}

// A header's fields (§1.1): the identifier, the value's length, the header's own size.
struct header_fields {
  std::uint32_t id = 0;
  std::size_t length = 0;
  std::size_t size = 0;
};

// The fields of the header at `at`, with `id_size` and `length_size` as its type byte gives them,
// `avail` bytes left in its level; false when the header does not fit.
[[gnu::always_inline]] constexpr bool cut_header(const std::byte* at, std::size_t avail, std::size_t id_size,
                                                 std::size_t length_size, header_fields& h) noexcept {
  h.size = 1 + id_size + length_size;
  if (avail < h.size) return false;
  h.id = static_cast<std::uint32_t>(load_be(byte_view(at + 1, id_size)));
  // Bits 2-0 "MUST be ignored" when a length field is present (§1.1).
  h.length = length_size == 0 ? (std::to_integer<std::size_t>(at[0]) & 0x07)
                              : static_cast<std::size_t>(load_be(byte_view(at + 1 + id_size, length_size)));
  return true;
}

// Whether `scan_entry` cuts a header per format (the host) or by its type's bit fields (a device:
// less code on a 32-bit core, issue 14).
#if defined(OTAWIRE_DEVICE_PROFILE)
inline constexpr bool header_by_format = false;
#else
inline constexpr bool header_by_format = true;
#endif

// The hot test of the entry at `pos` of a level ending at `end` of `bytes` (at offset
// `base` of the payload): true with `out` filled when it breaks none of rules 1, 7 and 8
// (`admitted`: `admitted_kinds` of the level), false otherwise; the caller then takes the exact
// error from `read_entry_at`, which re-reads the entry (errors are rare).
[[gnu::always_inline]] constexpr bool scan_entry(byte_view bytes, std::size_t base, std::size_t pos,
                                              std::size_t end, unsigned admitted, tlv_entry& out) noexcept {
  const std::byte* at = bytes.data() + pos;
  const std::size_t avail = end - pos;
  const unsigned type = std::to_integer<unsigned>(at[0]);
  header_fields h;
  bool fits = false;
  if constexpr (header_by_format) {
    // One case per format (ID size: bit 5; length field size: bits 4-3), each with fixed offsets:
    // the next entry's position is a byte load and an add away from this one's, where sizes
    // computed from the type's bits put a chain of shifts between them (issue 16, F1: about a
    // quarter faster at -O2 and a third at -O3 native). The two formats of most entries (8-bit
    // ID; length in the type or in one byte) are tested before the jump table (a few % more).
    const unsigned format = (type >> 3) & 7;
    if (format == 0b001) {
      fits = cut_header(at, avail, 1, 1, h);
    } else if (format == 0b000) {
      fits = cut_header(at, avail, 1, 0, h);
    } else {
      switch (format) {
        case 0b010: fits = cut_header(at, avail, 1, 2, h); break;
        case 0b011: fits = cut_header(at, avail, 1, 3, h); break;
        case 0b100: fits = cut_header(at, avail, 2, 0, h); break;
        case 0b101: fits = cut_header(at, avail, 2, 1, h); break;
        case 0b110: fits = cut_header(at, avail, 2, 2, h); break;
        default: fits = cut_header(at, avail, 2, 3, h); break;
      }
    }
  } else {
    fits = cut_header(at, avail, (type & 0x20) ? 2 : 1, (type >> 3) & 0x03, h);
  }
  if (!fits || avail - h.size < h.length || h.id == max_id || ((admitted >> (type >> 6)) & 1u) == 0) return false;
  out.kind = static_cast<tlv_kind>(type >> 6);
  out.id = static_cast<std::uint16_t>(h.id);
  out.offset = base + pos;
  out.value_offset = base + pos + h.size;
  out.value = byte_view(at + h.size, h.length);
  return true;
}

// The entry at `start` of `at_level`, checked as `tlv_reader` checks it (rules 1, 7 and 8) and with
// the error `tlv_reader::failure()` gives: false with `failure` set, or true with `out` filled. For
// the one-frame walks (`check_structure`, the device decoder), which keep positions, not readers:
// the reader's own test (`examine`), then the error of the rule it failed, so one parser serves the
// hot loop and the errors. Out of line on a device, where one copy serves every walk.
OTAWIRE_LWM2M_DEVICE_OUTLINE constexpr bool read_entry_at(level_view at_level, std::size_t start,
                                                           tlv_entry& out, error& failure) noexcept {
  using fault = reader_access::fault;
  const fault f = reader_access::examine(at_level, start, out);
  if (f == fault::none) return true;
  const std::size_t at = at_level.base + start;
  const bool top = at_level.level == tlv_level::top;
  const auto& names = top ? top_truncation : child_truncation;
  const errc overrun = top ? errc::truncated : errc::bad_length;
  switch (f) {
    case fault::identifier_cut: failure = fail(overrun, names.identifier, at + 1); break;
    case fault::length_cut: {
      const std::size_t id_size = (byte_at(at_level.bytes, start) & 0x20) ? 2 : 1;
      failure = fail(overrun, names.length, at + 1 + id_size);
      break;
    }
    case fault::value_cut: failure = fail(overrun, names.value, out.value_offset); break;
    case fault::reserved_id: failure = fail(errc::reserved_id, "rule_7_max_id", at + 1); break;
    case fault::nesting:
      failure = fail(errc::bad_nesting, nesting_violation(at_level.level, out.kind), at);
      break;
    case fault::mixed_top_level:
      failure = fail(errc::bad_nesting, "rule_8_nesting.mixed_top_level", at);
      break;
    case fault::none:
    case fault::end: failure = fail(errc::invalid_value, "tlv_reader.no_failure", at); break;  // misuse
  }
  return false;
}

}  // namespace detail

constexpr error tlv_reader::failure() const noexcept {
  error why{};
  tlv_entry e;
  (void)detail::read_entry_at(detail::level_view{bytes_, base_, level_, family_}, pos_, e, why);
  return why;
}

namespace detail {

// The header of the well-formed entry at `pos` of a validated level: its ID, and the position
// of the entry after it. A leaf for the duplicate checks, which need no reader: their frames stay
// small on a device (examples/device/budgets.txt: 256 B of stack for any public call).
[[gnu::always_inline]] constexpr std::size_t skip_entry(byte_view bytes, std::size_t pos,
                                                        std::uint16_t& id) noexcept {
  // Bounds are checked all the same (a cut entry ends the level), so that misuse cannot read
  // past `bytes`.
  const std::uint8_t type = byte_at(bytes, pos);
  const std::size_t id_end = pos + ((type & 0x20) ? 3 : 2);
  const std::size_t header_end = id_end + ((type >> 3) & 0x03);
  if (header_end > bytes.size()) return bytes.size();
  id = byte_at(bytes, pos + 1);
  if (id_end - pos == 3) id = static_cast<std::uint16_t>(id << 8 | byte_at(bytes, pos + 2));
  std::size_t length = type & 0x07;
  if (header_end != id_end) {
    length = 0;
    for (std::size_t i = id_end; i < header_end; ++i) length = (length << 8) | byte_at(bytes, i);
  }
  return bytes.size() - header_end < length ? bytes.size() : header_end + length;
}

// `first_duplicate_windowed`'s result by pairwise comparison: each entry's ID against every earlier
// sibling's. Quadratic in a level's entries, but a fraction of the code and no 128-byte window: the
// device profile's choice, where a payload is one CoAP block (at most 1024 bytes, so at most 512
// entries per level). The level was validated (every entry well formed, the last one ending at
// `bytes.size()`), so headers are read without the reader's checks.
[[gnu::noinline]] constexpr std::size_t first_duplicate_pairwise(byte_view bytes,
                                                                 std::size_t base) noexcept {
  // Two nested loops written as one, so that the header parser is inlined once: each checked
  // entry (`at`) is read first, then the entries before it (`pos`) are compared with its ID.
  std::size_t at = 0;
  std::size_t after_at = 0;
  std::size_t pos = 0;
  std::uint16_t wanted = 0;
  bool comparing = false;
  while (true) {
    if (comparing && pos >= at) {  // no earlier entry repeats `wanted`: check the next entry
      at = after_at;
      comparing = false;
    }
    if (!comparing && at >= bytes.size()) return error::no_offset;
    std::uint16_t id = 0;
    const std::size_t next = skip_entry(bytes, comparing ? pos : at, id);
    if (!comparing) {
      after_at = next;
      wanted = id;
      pos = 0;
      comparing = true;
    } else if (id == wanted) {
      return base + at;
    } else {
      pos = next;
    }
  }
}

// The duplicate check of the walk (§1.4 rule 9): the linear window on the host, pairwise on a
// device (OTAWIRE_DEVICE_PROFILE). Both give the same answer (tests/lwm2m/device_profile_test.cpp).
constexpr std::size_t first_duplicate(byte_view bytes, std::size_t base, std::uint16_t lowest,
                                      std::uint16_t highest) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  (void)lowest;
  (void)highest;
  return first_duplicate_pairwise(bytes, base);
#else
  return first_duplicate_windowed(bytes, base, lowest, highest);
#endif
}

// A level of a one-frame walk: where it lies in the walked bytes, how it is read, and the IDs
// seen so far (for rule 9: only a level whose IDs do not strictly ascend can hold a duplicate).
// Every member starts at zero, so that a walk's levels start as one cleared block; 12 bytes on a
// device, where the walks keep three of these in the frame that the device budget counts.
struct open_level {
  std::size_t begin = 0;
  std::size_t end = 0;
  // One more than the highest ID seen, 0 before the first entry. IDs stop at 65534 (rule 7 keeps
  // 65535 out before an entry is noted), so this fits 16 bits.
  std::uint16_t above_highest = 0;
  tlv_level level = tlv_level::top;
  bool out_of_order = false;

  constexpr void note(std::uint16_t id) noexcept {
    out_of_order |= id < above_highest;
    above_highest = id < above_highest ? above_highest : static_cast<std::uint16_t>(id + 1);
  }
  // The offset of the first repeated ID of the level (`bytes` as walked, at `base`), or
  // error::no_offset. Only called on an out-of-order level, which has at least two entries. The
  // lowest ID is not tracked (it cost every entry of every walk): the window search starts at 0,
  // which costs at most one pass more, and only on an out-of-order level.
  [[nodiscard]] constexpr std::size_t first_duplicate_in(byte_view bytes, std::size_t base) const noexcept {
    return first_duplicate(bytes.subspan(begin, end - begin), base + begin, 0,
                           static_cast<std::uint16_t>(above_highest - 1));
  }
  // At the level's end: false with `failure` set when an ID repeats (`bytes` as walked, at `base`).
  [[nodiscard, gnu::always_inline]] constexpr bool check_duplicates(byte_view bytes, std::size_t base,
                                                error& failure) const noexcept {
    if (!out_of_order) return true;
    const auto at = first_duplicate_in(bytes, base);
    if (at == error::no_offset) return true;
    failure = fail(errc::duplicate, "rule_9_duplicate_id", at);
    return false;
  }
};

// The verdict of `tree_walker<no_visit>` on the level in `bytes` (at offset `base` of the payload,
// read as `level`) and every level below it — the same error, code, text and offset — in one leaf
// frame: entries are parsed at positions (no reader) and each error is built where it is found,
// not by re-reading the entry. The device profile's whole-payload check (OTAWIRE_DEVICE_PROFILE),
// where the walker, its reader and `failure()` stacked 400 B on a 256 B budget;
// tests/lwm2m/device_profile_test.cpp and fuzz_lwm2m_tlv hold it to the walker.
[[gnu::noinline]] constexpr bool check_structure(const byte_view& bytes, tlv_level level, std::size_t base,
                                                 error& failure) noexcept {
  std::array<open_level, 3> levels{};
  levels[0].end = bytes.size();
  levels[0].level = level;
  std::size_t d = 0;
  std::size_t pos = 0;
  top_family family = top_family::unknown;
  while (true) {
    open_level& l = levels[d];
    if (pos == l.end) {
      if (!l.check_duplicates(bytes, base, failure)) return false;
      if (d == 0) return true;
      --d;  // the parent goes on after the container just read, at `pos`
      continue;
    }
    tlv_entry e;
    if (!read_entry_at(level_view{bytes.first(l.end), base, l.level, family}, pos, e, failure)) return false;
    if (l.level == tlv_level::top) family = family_of(e.kind);
    const std::size_t value_begin = e.value_offset - base;
    pos = value_begin + e.value.size();
    l.note(e.id);
    if (is_container(e.kind)) {
      // A Multiple Resource admits no container, so d + 1 < 3; checked anyway.
      if (d + 1 == levels.size()) {
        failure = fail(errc::bad_nesting, "rule_8_nesting.too_deep", e.offset);
        return false;
      }
      open_level& child = levels[++d];
      child = open_level{};
      child.begin = value_begin;
      child.end = pos;
      child.level = e.kind == tlv_kind::object_instance ? tlv_level::object_instance
                                                        : tlv_level::multiple_resource;
      pos = value_begin;
    }
  }
}

struct no_visit {
  constexpr void operator()(const tlv_entry&, unsigned) const noexcept {}
};

// The depth-first walk behind `validate` and `walk`, iterative: the nesting rules allow at most
// three levels (top > Object Instance > Multiple Resource). The current level is a position, an
// end and its rules in locals; the others wait as records of offsets into the first level's
// bytes. So the whole walk is one small frame (plus `first_duplicate`'s while it runs).
template <class Visitor>
class tree_walker {
 public:
  constexpr explicit tree_walker(Visitor& visit) noexcept : visit_(visit) {}

  // Checks the level `from` (from its current position) and, depth first, every level below it;
  // false with `failure()` set on error. `depth`: the depth `from` is reported at to the visitor.
  [[gnu::noinline]] constexpr bool run(const tlv_reader& from, unsigned depth) noexcept {
    // The current level's bounds, rules and position live in locals (registers), not in a
    // reader rebuilt per level: each step is `scan_entry` at a position, the error (rare) is
    // `read_entry_at`'s, as the reader's would be.
    const byte_view root = from.bytes_;
    const std::size_t base = from.base_;
    std::array<level_state, 3> levels{};
    levels[0].end = root.size();
    levels[0].level = from.level_;
    std::size_t d = 0;
    std::size_t pos = from.pos_;
    std::size_t end = root.size();  // levels[d].end
    tlv_level level = from.level_;  // levels[d].level
    top_family family = from.family_;
    std::size_t entries = 0;
    unsigned admitted = admitted_kinds(level, family);  // of the current level
    tlv_entry e;
    while (true) {
      if (pos == end) {
        // Only a level that is not strictly ascending can hold a duplicate.
        const level_state& l = levels[d];
        if (l.out_of_order) {
          const auto at = l.first_duplicate_in(root, base);
          if (at != error::no_offset) return failed(errc::duplicate, "rule_9_duplicate_id", at);
        }
        if (d == 0) {
          entries_ = entries;
          return true;
        }
        --d;  // the parent goes on after the container just read, at `pos`
        end = levels[d].end;
        level = levels[d].level;
        admitted = admitted_kinds(level, family);
        continue;
      }
      if (!scan_entry(root, base, pos, end, admitted, e)) {
        return failed(root.first(end), base, level, d == 0 ? family : top_family::unknown, pos);
      }
      // Only the top level admits every kind (0b1111), and only until its first entry fixes the
      // family (one compare per entry, not a family update).
      if (admitted == 0b1111u) {
        family = family_of(e.kind);
        admitted = admitted_kinds(level, family);
      }
      pos = e.value_offset - base + e.value.size();
      levels[d].note(e.id);
      ++entries;  // stored on success only: `entries()` is not read after an error
      if (!visit(e, depth + static_cast<unsigned>(d))) return false;
      if (is_container(e.kind)) {
        // The reader admits no container inside a Multiple Resource, so d + 1 < 3; checked anyway.
        if (d + 1 == levels.size()) {
          return failed(errc::bad_nesting, "rule_8_nesting.too_deep", e.offset);
        }
        level_state& child = levels[++d];
        child = level_state{};
        child.begin = e.value_offset - base;
        child.end = pos;
        child.level = e.kind == tlv_kind::object_instance ? tlv_level::object_instance
                                                          : tlv_level::multiple_resource;
        pos = child.begin;
        end = child.end;
        level = child.level;
        admitted = admitted_kinds(level, top_family::unknown);
      }
    }
  }

  [[nodiscard]] constexpr std::size_t entries() const noexcept { return entries_; }
  [[nodiscard]] constexpr const error& failure() const noexcept { return failure_; }

 private:
  // One level: offsets into the walked bytes of its first byte and its end, the IDs seen. A level waiting
  // for its child resumes at the child's end.
  using level_state = open_level;

  // The visitor may return void, or result<void> to stop the walk (path rules do).
  constexpr bool visit(const tlv_entry& e, unsigned depth) noexcept {
    using returned = decltype(visit_(e, depth));
    if constexpr (std::is_void_v<returned>) {
      visit_(e, depth);
      return true;
    } else if constexpr (std::is_same_v<returned, bool>) {
      return visit_(e, depth);  // detail visitors only: false stops, the visitor keeps the error
    } else {
      return visit_checked(e, depth);
    }
  }
  // Out of line: its result<void> stays out of the walk's frame.
  [[gnu::noinline]] constexpr bool visit_checked(const tlv_entry& e, unsigned depth) noexcept {
    auto v = visit_(e, depth);
    if (!v) failure_ = v.error();
    return v.has_value();
  }

  // Out of line: errors are built only when there is one, outside the walk's frame.
  // (The level's fields by value: a level_view passed by reference would be stored per entry.)
  OTAWIRE_LWM2M_ERROR_HELPER constexpr bool failed(byte_view bytes, std::size_t base, tlv_level level,
                                                   top_family family, std::size_t at) noexcept {
    tlv_entry e;
    (void)read_entry_at(level_view{bytes, base, level, family}, at, e, failure_);
    return false;
  }
  OTAWIRE_LWM2M_ERROR_HELPER constexpr bool failed(errc code, text_id where, std::size_t at) noexcept {
    failure_ = fail(code, where, at);
    return false;
  }

  Visitor& visit_;
  std::size_t entries_ = 0;
  error failure_{};
};

// A whole walk from `level`: the number of entries at that level and below, or the first error.
template <class Visitor>
constexpr result<std::size_t> validate_level(const tlv_reader& level, Visitor& visit,
                                             unsigned depth) noexcept {
  tree_walker<Visitor> walker(visit);
  if (!walker.run(level, depth)) return walker.failure();
  return walker.entries();
}

// Transitional, for object5.hpp (which reads `needs_bitmap` after checking a skipped container):
// duplicates are now checked in the same walk, so the flag is never set. Call
// `validate_level(level, visit, depth)` instead.
struct validation {
  bool needs_bitmap = false;
};
template <class Visitor>
constexpr result<std::size_t> validate_level(const tlv_reader& level, validation&, Visitor& visit,
                                             unsigned depth) noexcept {
  return validate_level(level, visit, depth);
}

}  // namespace detail

/// Checks a whole TLV payload against every structural rule of §1.4 (1, 7, 8, 9); returns the
/// number of entries at all levels. Linear time, no allocation, a small stack frame.
inline result<std::size_t> validate(byte_view payload) noexcept {
  detail::no_visit none;
  return detail::validate_level(tlv_reader(payload), none, 0);
}

/// Validates and visits in ONE pass: `visit(const tlv_entry&, unsigned depth)` is called for every
/// entry in document order, a container before its children (depth 0 = top level). The visits are
/// only meaningful if `walk` succeeds: an error may be found after some entries were visited
/// (a duplicate ID is only known once its level is complete). A visitor may return
/// `result<void>`: its first error ends the walk. Linear, no allocation.
template <class Visitor>
inline result<std::size_t> walk(byte_view payload, Visitor&& visit) noexcept {
  using returned = std::invoke_result_t<Visitor&, const tlv_entry&, unsigned>;
  static_assert(std::is_void_v<returned> || std::is_same_v<returned, result<void>>,
                "a walk visitor returns void or otawire::result<void>");
  return detail::validate_level(tlv_reader(payload), visit, 0);
}

// ------------------------------------------------------------------------------------------------
// Request paths (§1.2, §1.4 rule 10): what a payload for /O, /O/I, /O/I/R or /O/I/R/RI may hold,
// for any object.

namespace detail {

// The path level an entry names: an Object Instance its instance (2), a Resource or Multiple
// Resource its resource (3), a Resource Instance its resource instance (4).
[[nodiscard]] constexpr unsigned path_level(tlv_kind k) noexcept {
  switch (k) {
    case tlv_kind::object_instance: return 2;
    case tlv_kind::resource:
    case tlv_kind::multiple_resource: return 3;
    case tlv_kind::resource_instance: return 4;
  }
  return 4;
}

// The path rules as a walk visitor; it keeps its own error so that no result object sits in the
// walk's frame.
struct path_rules {
  const path& target;
  error failure{};
  // Whether a path rule stopped the walk (not the text: the device profile drops it).
  bool broke = false;

  constexpr bool operator()(const tlv_entry& e, unsigned depth) noexcept {
    const broken_rule broken = rule_broken(e, depth);
    if (broken.code == errc{}) return true;
    return reject(broken, e.offset);
  }

 private:
  // A rule `e` breaks: the error's code and the rule's name (code 0: none broken). The code, not
  // the text, tells whether one is: the device profile drops the text.
  struct broken_rule {
    errc code{};
    text_id name{};
  };

  [[gnu::noinline]] constexpr bool reject(const broken_rule& rule, std::size_t at) noexcept {
    failure = fail(rule.code, rule.name, at);
    broke = true;
    return false;
  }

  // The rule `e` breaks, if any.
  [[nodiscard]] constexpr broken_rule rule_broken(const tlv_entry& e, unsigned depth) const noexcept {
    const unsigned level = path_level(e.kind);
    if (depth == 0) {
      // "when the Object Instance ID is not specified in the request, the Object Instance TLV MUST
      // be used" (§1.2); below /O/I a payload names resources, below /O/I/R anything deeper.
      if (target.depth == 1 && level != 2) return {errc::bad_nesting, "rule_8_nesting.object_instance_required"};
      if (target.depth == 2 && level == 4) {
        return {errc::bad_nesting, "rule_8_nesting.resource_instance_outside_multiple_resource"};
      }
    }
    // Every ID of a level the path fixes must be the path's ID (Anjay, Leshan).
    if (level > target.depth) return {};
    switch (level) {
      case 2:
        if (e.id != target.instance) return {errc::invalid_value, "rule_10_id_contradicts_path.instance"};
        return {};
      case 3:
        if (e.id != target.resource) return {errc::invalid_value, "rule_10_id_contradicts_path.resource"};
        // /O/I/R/RI: one Resource Instance; a single-value Resource names the whole resource.
        if (target.depth == 4 && e.kind == tlv_kind::resource) {
          return {errc::bad_nesting, "rule_8_nesting.resource_instance_expected"};
        }
        return {};
      default:
        if (e.id != target.resource_instance) return {errc::invalid_value, "rule_10_id_contradicts_path.resource_instance"};
        return {};
    }
  }
};

}  // namespace detail

/// `validate(payload)` plus the rules of the request path `target` (/O, /O/I, /O/I/R or
/// /O/I/R/RI) for any object (§1.2, §1.4 rule 10):
///   * /O: every top-level entry is an Object Instance (`rule_8_nesting.object_instance_required`);
///   * /O/I: Object Instance TLVs are optional, Resource Instances cannot stand at the top;
///   * an Object Instance, Resource / Multiple Resource or Resource Instance ID on a level the path
///     names must be the path's ID (`rule_10_id_contradicts_path.instance|resource|resource_instance`);
///   * /O/I/R/RI: the value is a Resource Instance, not a Resource (`…resource_instance_expected`).
/// Bare Resource Instances answer /O/I/R (the multiple-resource form of §1.5 S7). Errors carry the
/// offset of the entry at fault; a malformed path (depth not 1..4, an ID 65535) has no offset.
inline result<std::size_t> validate(byte_view payload, const path& target) noexcept {
  if (target.depth < 1 || target.depth > 4) {
    return fail(errc::invalid_value, "path.depth", error::no_offset);
  }
  const std::array<std::uint16_t, 4> ids{target.object, target.instance, target.resource,
                                         target.resource_instance};
  for (std::size_t i = 0; i < target.depth; ++i) {
    if (ids[i] == max_id) return fail(errc::reserved_id, "path.rule_7_max_id", error::no_offset);
  }
  detail::path_rules rules{target};
  detail::tree_walker<detail::path_rules> walker(rules);
  if (walker.run(tlv_reader(payload), 0)) return walker.entries();
  // The walk stopped either at a structural error or at a path rule (which keeps its own).
  return rules.broke ? rules.failure : walker.failure();
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
///
/// The writer refuses, with a typed error and nothing written, every entry `validate` would
/// reject: ID 65535 (rule 7), a kind the current level does not admit or a top level that mixes
/// Object Instances, Resources and Resource Instances (rule 8, the reader's rule names), an ID
/// already used in the same level (rule 9), a value over 0xFFFFFF bytes (rule 11). So what
/// `value`/`open`/`close` produce (with every container closed) always validates. Writing a
/// level's IDs in ascending order (canonical) costs O(1) per entry; an ID below the level's
/// highest so far costs one scan of that level's headers.
class tlv_writer {
 public:
  /// Writes into `out` from its start; nothing is allocated.
  constexpr explicit tlv_writer(mutable_byte_view out) noexcept : out_(out) {}

  /// Bytes written so far.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return pos_; }
  /// The bytes written so far; valid TLV once every container is closed.
  [[nodiscard]] constexpr byte_view written() const noexcept { return byte_view(out_.data(), pos_); }

  /// A header only, checked like any entry; the caller puts the `length` value bytes (for a
  /// container: its children, unchecked) after it, outside the writer. For low-level use;
  /// `value` and `open` keep the whole output valid.
  constexpr result<void> header(tlv_kind kind, std::uint16_t id, std::size_t length) noexcept {
    if (const refusal r = check(kind, id, length, header_size(id, length)); r != refusal::none) {
      return refusal_error(r, kind);
    }
    pos_ += put_header(out_.data() + pos_, kind, id, length);
    record(kind, id);
    return ok();
  }

  /// A Resource or Resource Instance with its value.
  OTAWIRE_LWM2M_DEVICE_OUTLINE constexpr result<void> value(tlv_kind kind, std::uint16_t id, byte_view v) noexcept {
    if (is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.value_on_container", pos_);
    if (const refusal r = check(kind, id, v.size(), v.size() + header_size(id, v.size())); r != refusal::none) {
      return refusal_error(r, kind);
    }
    // One update of `pos_` per entry: each is a store and a reload (the byte stores may alias
    // it), and the next entry waits on it.
    std::byte* const at = out_.data() + pos_;
    const std::size_t header_bytes = put_header(at, kind, id, v.size());
    otawire::detail::copy_bytes(at + header_bytes, v.data(), v.size());
    pos_ += header_bytes + v.size();
    record(kind, id);
    return ok();
  }

  /// Opens an Object Instance or Multiple Resource whose children take `content_size` bytes.
  constexpr result<void> open(tlv_kind kind, std::uint16_t id, std::size_t content_size) noexcept {
    if (!is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.open_value", pos_);
    if (depth_ + 1 == levels_.size()) {
      return fail(errc::bad_nesting, "rule_8_nesting.too_deep", pos_);
    }
    if (auto h = header(kind, id, content_size); !h) return h;
    const tlv_level level =
        kind == tlv_kind::object_instance ? tlv_level::object_instance : tlv_level::multiple_resource;
    levels_[++depth_] =
        written_level{pos_, pos_ + content_size, -1, detail::admitted_kinds(level, detail::top_family::unknown)};
    return ok();
  }

  /// Closes the innermost open container; fails if its content size was not what `open` said.
  constexpr result<void> close() noexcept {
    if (depth_ == 0) return fail(errc::bad_nesting, "close_without_open", pos_);
    if (levels_[depth_].end != pos_) {
      return fail(errc::bad_length, "container_content_size", pos_);
    }
    --depth_;
    return ok();
  }

 private:
  // Why an entry is refused: the rules of §1.4 for one more entry at the current level, then the
  // room. The hot path returns this byte; the error is built out of line, only on a refusal.
  enum class refusal : std::uint8_t { none, reserved_id, too_long, mixed_top_level, nesting, duplicate, no_room };

  // Read off the kinds the level admits (only a Multiple Resource admits Resource Instances only).
  [[nodiscard]] constexpr tlv_level current_level() const noexcept {
    if (depth_ == 0) return tlv_level::top;
    const unsigned multiple = detail::admitted_kinds(tlv_level::multiple_resource, detail::top_family::unknown);
    return levels_[depth_].admitted == multiple ? tlv_level::multiple_resource : tlv_level::object_instance;
  }

  // `room`: the bytes the entry takes (header, and the value for `value`).
  OTAWIRE_LWM2M_DEVICE_OUTLINE [[nodiscard]] constexpr refusal check(tlv_kind kind, std::uint16_t id, std::size_t length,
                                        std::size_t room) const noexcept {
    const written_level& level = levels_[depth_];
    if (id == max_id) return refusal::reserved_id;
    if (length > max_value_length) return refusal::too_long;
    if (((level.admitted >> static_cast<unsigned>(kind)) & 1u) == 0) {
      // The top level admits every kind until its first entry, then that entry's family.
      return depth_ == 0 ? refusal::mixed_top_level : refusal::nesting;
    }
    if (static_cast<std::int32_t>(id) <= level.highest && level_has(id)) return refusal::duplicate;
    if (remaining() < room) return refusal::no_room;
    return refusal::none;
  }

  [[gnu::cold, gnu::noinline]] constexpr error refusal_error(refusal r, tlv_kind kind) const noexcept {
    switch (r) {
      case refusal::reserved_id: return fail(errc::reserved_id, "rule_7_max_id", pos_);
      case refusal::too_long: return fail(errc::out_of_range, "rule_11_value_too_long", pos_);
      case refusal::mixed_top_level: return fail(errc::bad_nesting, "rule_8_nesting.mixed_top_level", pos_);
      case refusal::nesting:
        return fail(errc::bad_nesting, detail::nesting_violation(current_level(), kind), pos_);
      case refusal::duplicate: return fail(errc::duplicate, "rule_9_duplicate_id", pos_);
      case refusal::no_room:
      case refusal::none: break;
    }
    return fail(errc::buffer_too_small, "output", pos_);
  }

  // After an admitted entry's header is written.
  // Narrowing a level to the entry's family changes only the top (a nested level admits one
  // family), so it needs no test of the depth.
  constexpr void record(tlv_kind kind, std::uint16_t id) noexcept {
    written_level& level = levels_[depth_];
    level.admitted &= detail::admitted_kinds(tlv_level::top, detail::family_of(kind));
    if (static_cast<std::int32_t>(id) > level.highest) level.highest = id;
  }

  // Whether the current level already holds `id`: one scan of its headers (all written by us).
  [[nodiscard]] constexpr bool level_has(std::uint16_t id) const noexcept {
    const std::size_t start = levels_[depth_].start;
    const byte_view written = this->written().subspan(start);
    for (std::size_t pos = 0; pos < written.size();) {
      std::uint16_t written_id = 0;
      pos = detail::skip_entry(written, pos, written_id);
      if (written_id == id) return true;
    }
    return false;
  }

  // The header at `at`, whose room the caller checked (`header`, `value`); returns its size.
  // Written through a pointer and a count: a store through std::byte may alias the writer's
  // members, so `out_[pos_++]` would reload and store `pos_` per byte.
  static constexpr std::size_t put_header(std::byte* at, tlv_kind kind, std::uint16_t id,
                                          std::size_t length) noexcept {
    const unsigned id_bit = id > 0xFF ? 0x20u : 0u;
    const unsigned length_size = length < 8 ? 0u : length <= 0xFF ? 1u : length <= 0xFFFF ? 2u : 3u;
    std::size_t n = 0;
    at[n++] = static_cast<std::byte>((static_cast<unsigned>(kind) << 6) | id_bit | (length_size << 3) |
                                     (length_size == 0 ? static_cast<unsigned>(length) : 0u));
    if (id_bit) at[n++] = static_cast<std::byte>(id >> 8);
    at[n++] = static_cast<std::byte>(id & 0xFF);
    for (unsigned i = length_size; i > 0; --i) at[n++] = static_cast<std::byte>((length >> (8 * (i - 1))) & 0xFF);
    return n;
  }

  [[nodiscard]] constexpr std::size_t remaining() const noexcept { return out_.size() - pos_; }

  mutable_byte_view out_;
  std::size_t pos_ = 0;
  // A level being written: the top (always open) and each open container (Object Instance >
  // Multiple Resource: at most two). Where its content starts and, for a container, must end;
  // the highest ID written in it (-1: none; an ID above it cannot repeat one, rule 9); the kinds
  // it admits (rule 8, a mask over `tlv_kind`: the top admits any kind until its first entry, then
  // that entry's family). One record per level, so that a check reads one place.
  struct written_level {
    std::size_t start = 0;
    std::size_t end = 0;
    std::int32_t highest = -1;
    unsigned admitted = 0b1111u;
  };
  std::array<written_level, 3> levels_{};
  std::size_t depth_ = 0;
};

}  // namespace otawire::lwm2m

#endif

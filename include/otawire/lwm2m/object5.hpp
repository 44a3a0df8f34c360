// otawire::lwm2m — the Firmware Update object (ID 5) model: resources of object versions 1.0, 1.1
// and 1.2 (§2.1-2.2), decoded from Read responses / notifications and Write payloads (TLV, and for
// one resource text/plain or opaque as LwM2M 1.0 servers use them), encoded as TLV for Read
// responses and Write requests (the decoder's inverse on every path it takes).
//
// Choices:
//   * Object 5 is single-instance: an Object Instance TLV other than 0, a second one, or a path
//     naming another instance (/5/1, /5/1/3) is rejected (`object5_single_instance`).
//   * Resources the object version does not define (ID 4 of the pre-1.0 drafts, 10-13 on 1.0, 14
//     before 1.2, 15+) are skipped and counted, as "a parser can skip TLVs for which the Resource
//     is not known" (§1.1); their structure is still checked.
//   * Protocol Support values above 5 are counted in `ignored_values`, not rejected ("Any value not
//     understood by the LwM2M Server MUST be ignored"); the encoder writes only the known ones.
//   * text/plain for an Opaque resource (base64) is not supported: Package travels as TLV or as
//     application/octet-stream (42).
//   * /5 and /5/0 decode in one pass; rule 9 (duplicate IDs) needs the full validator only when a
//     level is not in ascending ID order (see tlv.hpp).
//   * Every frame of the decoder and the encoder fits a small RTOS task stack (at most 256 B under
//     g++ -O2/-O3, issue 12 item 1): each path shape is its own out-of-line function, errors are
//     built by cold out-of-line helpers into one error slot, and values are decoded in place.
//   * A device fixes what it decodes at compile time (issue 14): `fixed_decode_options<V, K>`
//     instantiates only the resources, value types and text parsers that version V and payload
//     kind K can carry, with the same results as run-time `decode_options`. Under
//     OTAWIRE_DEVICE_PROFILE the error helpers are inlined so that no rule or resource name
//     reaches the image (examples/device/lwm2m: 5.6 KB for the whole client on a Cortex-M3).
#ifndef OTAWIRE_LWM2M_OBJECT5_HPP
#define OTAWIRE_LWM2M_OBJECT5_HPP

#include <otawire/bytes.hpp>
#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/tlv.hpp>
#include <otawire/lwm2m/values.hpp>
#include <otawire/result.hpp>

#include <array>
#include <bit>
#include <charconv>
#include <optional>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <system_error>

namespace otawire::lwm2m {

/// Operations a resource allows (§2.2).
enum class operations : std::uint8_t { read, write, read_write, execute };

/// Whether a Read response or Notify may carry the resource.
[[nodiscard]] constexpr bool readable(operations o) noexcept {
  return o == operations::read || o == operations::read_write;
}
/// Whether a Write request may carry the resource.
[[nodiscard]] constexpr bool writable(operations o) noexcept {
  return o == operations::write || o == operations::read_write;
}

/// A resource's name (snake_case, as the inspector prints it: `name.view()`). In the device
/// profile it is empty (see `text_id`): no name reaches a device image.
using resource_name = text_id;

/// One row of the Object 5 resource table (§2.2). `min`/`max`: the value range for Integers, the
/// length range in bytes for Strings (none for others: 0..0).
struct resource_info {
  std::uint16_t id;                          ///< the resource ID (the R of /5/0/R)
  [[no_unique_address]] resource_name name;  ///< snake_case name, for printers and error texts
  data_type type;                            ///< the value's data type (`none`: executable)
  operations ops;                            ///< which operations may carry it (R, W, RW, E)
  bool multiple;                             ///< a Multiple Resource (only Protocol Support)
  bool mandatory;                            ///< M in the object definition (O when false)
  object_version since;                      ///< the first object version that defines it
  std::int16_t min;                          ///< lower bound (value or length; 0 when none)
  std::int16_t max;                          ///< upper bound (value or length; 0 when none)
};

/// Resources 0-14 of Object 5; ID 4 is absent (pre-1.0 drafts only, §2.2). Update Result's upper
/// bound depends on the version: see `max_update_result`.
inline constexpr std::array<resource_info, 14> firmware_resources{{
    {0, "package", data_type::opaque, operations::write, false, true, object_version::v1_0, 0, 0},
    {1, "package_uri", data_type::string, operations::read_write, false, true, object_version::v1_0, 0, 255},
    {2, "update", data_type::none, operations::execute, false, true, object_version::v1_0, 0, 0},
    {3, "state", data_type::integer, operations::read, false, true, object_version::v1_0, 0, 3},
    {5, "update_result", data_type::integer, operations::read, false, true, object_version::v1_0, 0, 11},
    {6, "pkg_name", data_type::string, operations::read, false, false, object_version::v1_0, 0, 255},
    {7, "pkg_version", data_type::string, operations::read, false, false, object_version::v1_0, 0, 255},
    {8, "protocol_support", data_type::integer, operations::read, true, false, object_version::v1_0, 0, 5},
    {9, "delivery_method", data_type::integer, operations::read, false, true, object_version::v1_0, 0, 2},
    {10, "cancel", data_type::none, operations::execute, false, false, object_version::v1_1, 0, 0},
    {11, "severity", data_type::integer, operations::read_write, false, false, object_version::v1_1, 0, 2},
    {12, "last_state_change_time", data_type::time, operations::read, false, false, object_version::v1_1, 0, 0},
    {13, "maximum_defer_period", data_type::unsigned_integer, operations::read_write, false, false, object_version::v1_1, 0, 0},
    {14, "automatic_upgrade", data_type::boolean, operations::read_write, false, false, object_version::v1_2, 0, 0},
}};

namespace detail {
// Row of each ID 0-14 in `firmware_resources` (-1: none): O(1) per decoded resource.
inline constexpr std::array<std::int8_t, 15> resource_row{0, 1, 2, 3, -1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
}  // namespace detail

/// The resource `id` as defined by object version `v`, or null when that version has no such
/// resource (ID 4, IDs above 14, 10-13 in 1.0, 14 before 1.2).
[[nodiscard]] constexpr const resource_info* find_resource(std::uint16_t id,
                                                           object_version v) noexcept {
  if (id >= detail::resource_row.size() || detail::resource_row[id] < 0) return nullptr;
  const auto& r = firmware_resources[static_cast<std::size_t>(detail::resource_row[id])];
  return r.since <= v ? &r : nullptr;
}

/// What a payload is: a Read response or Notify (readable resources only) or a Write request
/// (writable resources only). Executable resources never carry a payload value.
enum class payload_kind : std::uint8_t { read_response, write_request };

/// How `decode_firmware_update` reads a payload, chosen at run time.
struct decode_options {
  object_version version = object_version::v1_2;    ///< resources it does not define are skipped and counted
  payload_kind kind = payload_kind::read_response;  ///< which resources the payload may carry
  content_format format = content_format::tlv;      ///< the CoAP Content-Format the payload came with
};

/// `decode_options` fixed at compile time, for a device: the object version it implements and the
/// payload kind it receives (a client decodes Write requests) are constants, the content format
/// stays what the server sent. The decoder then contains only the resources, value types and
/// formats that this version and kind can carry (no Integer or text-number parsing for a 1.0
/// Write, whose only writable resources are Package and Package URI) and decodes exactly as
/// `decode_options{Version, Kind, format}` does (tests/lwm2m/device_profile_test.cpp).
template <object_version Version, payload_kind Kind>
struct fixed_decode_options {
  static constexpr object_version version = Version;  ///< as `decode_options::version`, a constant
  static constexpr payload_kind kind = Kind;          ///< as `decode_options::kind`, a constant
  content_format format = content_format::tlv;        ///< the CoAP Content-Format the payload came with
};

/// Mirrors `decode_options`: what `encode_firmware_update` writes is what a decoder with the same
/// version and kind reads back.
struct encode_options {
  object_version version = object_version::v1_2;    ///< resources it does not define are refused
  payload_kind kind = payload_kind::read_response;  ///< which resources the payload may carry
  /// How Maximum Defer Period (the only Unsigned Integer) is sized: the default reads back the
  /// same on every peer.
  unsigned_policy unsigned_encoding = unsigned_policy::top_bit_clear;
};

/// Parses a path "/5", "/5/0", "/5/0/3", "/5/0/8/1" (IDs 0..65534, no trailing slash).
constexpr result<path> parse_path(std::string_view text) noexcept {
  path p;
  std::size_t i = 0;
  if (text.empty() || text[0] != '/') return fail(errc::bad_string, "path", 0);
  std::array<std::uint16_t*, 4> slots{&p.object, &p.instance, &p.resource, &p.resource_instance};
  while (i < text.size()) {
    if (text[i] != '/') return fail(errc::bad_string, "path", i);
    if (p.depth == 4) return fail(errc::bad_string, "path.depth", i);
    ++i;
    const std::size_t start = i;
    std::uint32_t v = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      v = v * 10 + static_cast<std::uint32_t>(text[i] - '0');
      if (v >= max_id) return fail(errc::reserved_id, "path.rule_7_max_id", start);
      ++i;
    }
    if (i == start) return fail(errc::bad_string, "path", i);
    *slots[p.depth++] = static_cast<std::uint16_t>(v);
  }
  return p;
}

namespace detail {

// The path rules the decoder and the encoder share: Object 5, depth 1-4, no reserved ID (§1.2),
// and only instance 0 (single-instance object).
constexpr result<void> check_path(const path& p) noexcept {
  if (p.object != firmware_object_id || p.depth == 0) {
    return fail(errc::invalid_value, "path.object", error::no_offset);
  }
  if (p.depth > 4) return fail(errc::invalid_value, "path.depth", error::no_offset);
  // The object is 5; the other IDs the path gives must not be MAX_ID.
  if ((p.depth >= 2 && p.instance == max_id) || (p.depth >= 3 && p.resource == max_id) ||
      (p.depth == 4 && p.resource_instance == max_id)) {
    return fail(errc::reserved_id, "path.rule_7_max_id", error::no_offset);
  }
  if (p.depth >= 2 && p.instance != 0) {
    return fail(errc::invalid_value, "object5_single_instance", error::no_offset);
  }
  return ok();
}

// Per object version and payload kind: the resources defined, and those the payload may carry.
struct resource_mask {
  std::uint16_t allowed = 0;
};

[[nodiscard]] constexpr resource_mask make_mask(object_version v, payload_kind k) noexcept {
  resource_mask m;
  for (const auto& r : firmware_resources) {
    const bool ok_kind = k == payload_kind::read_response ? readable(r.ops) : writable(r.ops);
    if (r.since <= v && ok_kind) m.allowed = static_cast<std::uint16_t>(m.allowed | (1u << r.id));
  }
  return m;
}

inline constexpr std::array<std::array<resource_mask, 2>, 3> resource_masks{{
    {make_mask(object_version::v1_0, payload_kind::read_response), make_mask(object_version::v1_0, payload_kind::write_request)},
    {make_mask(object_version::v1_1, payload_kind::read_response), make_mask(object_version::v1_1, payload_kind::write_request)},
    {make_mask(object_version::v1_2, payload_kind::read_response), make_mask(object_version::v1_2, payload_kind::write_request)},
}};

// Resources a decoder built for `Options` can carry: all of them for run-time options, the
// version's and kind's for fixed ones. Code for the others is not instantiated (`if constexpr`).
template <class Options>
inline constexpr std::uint16_t carried_resources = 0xFFFF;
template <object_version Version, payload_kind Kind>
inline constexpr std::uint16_t carried_resources<fixed_decode_options<Version, Kind>> =
    make_mask(Version, Kind).allowed;

template <class Options>
[[nodiscard]] constexpr bool may_carry(fw_resource r) noexcept {
  return ((carried_resources<Options> >> static_cast<unsigned>(r)) & 1u) != 0;
}
// Whether any carried resource has an Integer or Time value (State, Update Result, Protocol
// Support, Delivery Method, Severity, Last State Change Time).
template <class Options>
[[nodiscard]] constexpr bool may_carry_integers() noexcept {
  return may_carry<Options>(fw_resource::state) || may_carry<Options>(fw_resource::update_result) ||
         may_carry<Options>(fw_resource::protocol_support) ||
         may_carry<Options>(fw_resource::delivery_method) || may_carry<Options>(fw_resource::severity) ||
         may_carry<Options>(fw_resource::last_state_change_time);
}

// The decoder reports failures through one caller-owned error slot: each function returns false
// with `failure` set. The errors are built here, out of line and cold: an error (48 B) built
// inline in every rejecting branch would add its temporary to each decode function's frame
// (issue 12 item 1: at most 256 B per frame, tests/lwm2m/stack_usage_object5.cpp).
OTAWIRE_LWM2M_ERROR_HELPER constexpr bool set_failure(error& failure, errc code,
                                                     text_id where,
                                                     std::size_t offset) noexcept {
  failure = fail(code, where, offset);
  return false;
}
// The error of a returned result (the value decoders of values.hpp, the path rules).
OTAWIRE_LWM2M_ERROR_HELPER constexpr bool set_failure(error& failure, const error& e) noexcept {
  failure = e;
  return false;
}
// The error of the entry a reader stopped at (`step` returned status::failed).
OTAWIRE_LWM2M_ERROR_HELPER constexpr bool set_failure(error& failure,
                                                     const tlv_reader& stopped) noexcept {
  failure = stopped.failure();
  return false;
}

// Range and assignment of one decoded scalar, shared by the TLV and the text paths.
constexpr bool assign_integer(firmware_update& fw, const resource_info& r, std::int64_t v,
                              object_version version, std::size_t offset, error& failure) noexcept {
  switch (static_cast<fw_resource>(r.id)) {
    case fw_resource::state:
      if (v < 0 || v > 3) return set_failure(failure, errc::out_of_range, "state", offset);
      fw.state = static_cast<fw_state>(v);
      return true;
    case fw_resource::update_result:
      if (v < 0 || v > max_update_result(version)) {
        return set_failure(failure, errc::out_of_range, "update_result", offset);
      }
      fw.result = static_cast<update_result>(v);
      return true;
    case fw_resource::delivery_method:
      if (v < 0 || v > 2) return set_failure(failure, errc::out_of_range, "delivery_method", offset);
      fw.delivery = static_cast<delivery_method>(v);
      return true;
    case fw_resource::severity:
      if (v < 0 || v > 2) return set_failure(failure, errc::out_of_range, "severity", offset);
      fw.update_severity = static_cast<severity>(v);
      return true;
    case fw_resource::last_state_change_time: fw.last_state_change_time = v; return true;
    default: return set_failure(failure, errc::wrong_type, r.name, offset);
  }
}

constexpr bool assign_string(firmware_update& fw, const resource_info& r, std::string_view s,
                             std::size_t offset, error& failure) noexcept {
  if (s.size() > static_cast<std::size_t>(r.max)) {
    return set_failure(failure, errc::bad_length, r.name, offset);
  }
  switch (static_cast<fw_resource>(r.id)) {
    case fw_resource::package_uri: fw.package_uri = s; return true;
    case fw_resource::pkg_name: fw.pkg_name = s; return true;
    case fw_resource::pkg_version: fw.pkg_version = s; return true;
    default: return set_failure(failure, errc::wrong_type, r.name, offset);
  }
}

constexpr void add_protocol(protocol_set& set, std::int64_t v) noexcept {
  if (v >= 0 && v <= max_fw_protocol) {
    set.insert(static_cast<fw_protocol>(v));
  } else {
    // "Any value not understood by the LwM2M Server MUST be ignored": counted (saturating).
    if (set.ignored_values != 0xFFFF) ++set.ignored_values;
  }
}

// One TLV value of a single-instance resource: one dispatch on the resource ID does the type's
// length rule, the range and the assignment.
// Forced inline: it runs once per resource on the /5 Read hot path (see bench/lwm2m).
// `Options`: the decoder's options type; cases for resources it cannot carry are not instantiated.
template <class Options>
[[gnu::always_inline]] inline bool assign_tlv_value(firmware_update& fw, const resource_info& r,
                                                    const tlv_entry& e, object_version version,
                                                    error& failure) noexcept {
  // An Integer resource whose range is 0..max: `small` holds its value.
  [[maybe_unused]] std::int64_t small = 0;
  [[maybe_unused]] const auto read_small = [&](std::int64_t max, text_id where) -> bool {
    const auto v = decode_integer(e.value, e.offset);
    if (!v) return set_failure(failure, v.error());
    if (*v < 0 || *v > max) return set_failure(failure, errc::out_of_range, where, e.value_offset);
    small = *v;
    return true;
  };
  // Each case is instantiated only when `Options` can carry its resource (always, for run-time
  // options); the others fall to the type error below, which the caller never lets them reach.
  switch (static_cast<fw_resource>(e.id)) {  // == r.id
    case fw_resource::package:
      if constexpr (may_carry<Options>(fw_resource::package)) {
        fw.package = e.value;
        return true;
      }
      break;
    case fw_resource::package_uri:
    case fw_resource::pkg_name:
    case fw_resource::pkg_version:
      return assign_string(fw, r, decode_string(e.value), e.offset, failure);
    case fw_resource::state:
      if constexpr (may_carry<Options>(fw_resource::state)) {
        if (!read_small(3, "state")) return false;
        fw.state = static_cast<fw_state>(small);
        return true;
      }
      break;
    case fw_resource::update_result:
      if constexpr (may_carry<Options>(fw_resource::update_result)) {
        if (!read_small(max_update_result(version), "update_result")) return false;
        fw.result = static_cast<update_result>(small);
        return true;
      }
      break;
    case fw_resource::delivery_method:
      if constexpr (may_carry<Options>(fw_resource::delivery_method)) {
        if (!read_small(2, "delivery_method")) return false;
        fw.delivery = static_cast<delivery_method>(small);
        return true;
      }
      break;
    case fw_resource::severity:
      if constexpr (may_carry<Options>(fw_resource::severity)) {
        if (!read_small(2, "severity")) return false;
        fw.update_severity = static_cast<severity>(small);
        return true;
      }
      break;
    case fw_resource::last_state_change_time:
      if constexpr (may_carry<Options>(fw_resource::last_state_change_time)) {
        const auto v = decode_time(e.value, e.offset);
        if (!v) return set_failure(failure, v.error());
        fw.last_state_change_time = *v;
        return true;
      }
      break;
    case fw_resource::maximum_defer_period:
      if constexpr (may_carry<Options>(fw_resource::maximum_defer_period)) {
        const auto v = decode_unsigned(e.value, e.offset);
        if (!v) return set_failure(failure, v.error());
        fw.maximum_defer_period = *v;
        return true;
      }
      break;
    case fw_resource::automatic_upgrade:
      if constexpr (may_carry<Options>(fw_resource::automatic_upgrade)) {
        const auto v = decode_boolean(e.value, e.offset, e.value_offset);
        if (!v) return set_failure(failure, v.error());
        fw.automatic_upgrade = *v;
        return true;
      }
      break;
    default: break;
  }
  return set_failure(failure, errc::wrong_type, r.name, e.offset);
}

// Whether the payload kind may not carry resource `r` at all (operation_violation names the rule).
[[nodiscard]] constexpr bool operation_refused(const resource_info& r, payload_kind kind) noexcept {
  return r.ops == operations::execute || (kind == payload_kind::read_response && !readable(r.ops)) ||
         (kind == payload_kind::write_request && !writable(r.ops));
}

// The rule a refused operation breaks (see operation_refused; the text is empty on devices).
[[nodiscard]] constexpr text_id operation_violation(const resource_info& r, payload_kind kind) noexcept {
  if (r.ops == operations::execute) return "operation.executable_resource_has_no_value";
  if (kind == payload_kind::read_response && !readable(r.ops)) {
    return "operation.resource_not_readable";
  }
  if (kind == payload_kind::write_request && !writable(r.ops)) {
    return "operation.resource_not_writable";
  }
  return {};
}

// Checks that the payload kind may carry resource `r` at all: as a result (encoder) or through
// the decoder's error slot.
constexpr result<void> check_operation(const resource_info& r, payload_kind kind,
                                       std::size_t offset) noexcept {
  if (operation_refused(r, kind)) return fail(errc::invalid_value, operation_violation(r, kind), offset);
  return ok();
}
constexpr bool check_operation(const resource_info& r, payload_kind kind, std::size_t offset,
                               error& failure) noexcept {
  // A bool test first: the rule's text is only looked up to build the error (and not at all in
  // the device profile, which drops it).
  const bool allowed = r.ops != operations::execute &&
                       (kind == payload_kind::read_response ? readable(r.ops) : writable(r.ops));
  if (!allowed) return set_failure(failure, errc::invalid_value, operation_violation(r, kind), offset);
  return true;
}

// One Resource Instance of Protocol Support: its value listed in `set`. Out of line on a device,
// where the integer decoder's result would otherwise sit in the level walks' frames.
OTAWIRE_LWM2M_DEVICE_OUTLINE inline bool read_protocol_instance(const tlv_entry& e, protocol_set& set,
                                                     error& failure) noexcept {
  const auto v = decode_integer(e.value, e.offset);
  if (!v) return set_failure(failure, v.error());
  add_protocol(set, *v);
  return true;
}

// The Resource Instances of Protocol Support: the level in `bytes` (at offset `base` of the
// payload), a Multiple Resource's (`level` multiple_resource) or the payload's (`level` top).
// `out_of_order` is set when IDs are not strictly ascending: only then can a level hold a duplicate,
// and the caller runs the full `validate` (§1.4 rule 9) — one pass over canonical payloads.
// Out of line: one call per Protocol Support resource, and its entry would otherwise sit in every
// caller's frame (issue 12 item 1).
[[gnu::noinline]] inline bool read_protocol_instances(byte_view bytes, tlv_level level, std::size_t base,
                                                      protocol_set& set, bool& out_of_order,
                                                      error& failure) noexcept {
  top_family family = top_family::unknown;
  std::int32_t previous = -1;
  tlv_entry e;
  for (std::size_t pos = 0; pos < bytes.size(); pos = e.value_offset - base + e.value.size()) {
    if (!read_entry_at(level_view{bytes, base, level, family}, pos, e, failure)) return false;
    if (level == tlv_level::top) family = family_of(e.kind);
    out_of_order |= static_cast<std::int32_t>(e.id) <= previous;
    previous = e.id;
    if (!read_protocol_instance(e, set, failure)) return false;
  }
  return true;
}

// A Resource or Multiple Resource entry of Object 5 instance level.
template <class Options>
[[nodiscard]] constexpr std::uint16_t allowed_resources(const Options& opt) noexcept {
  return resource_masks[static_cast<unsigned>(opt.version)][static_cast<unsigned>(opt.kind)].allowed;
}

// An unknown resource's container is skipped, but its structure is still checked. It can only be
// a Multiple Resource (read_resource_value refuses the other kinds first), whose level holds
// values only: one pass checks rules 1, 7 and 8 per entry, then rule 9 when its IDs do not
// ascend, with the errors the whole-tree walk would give and without the walk's frame (this is
// the deepest path of a device's decode). Out of line: rare.
[[gnu::noinline]] inline bool check_skipped_container(const tlv_entry& container,
                                                      error& failure) noexcept {
  tlv_reader r(container.value, tlv_level::multiple_resource, container.value_offset);
  tlv_entry e;
  std::int32_t highest = -1;
  std::uint16_t lowest = 0xFFFF;
  bool ascending = true;
  while (true) {
    const auto st = r.step(e);
    if (st == tlv_reader::status::end) break;
    if (st == tlv_reader::status::failed) return set_failure(failure, r);
    ascending = ascending && static_cast<std::int32_t>(e.id) > highest;
    lowest = e.id < lowest ? e.id : lowest;
    highest = e.id > highest ? e.id : highest;
  }
  if (ascending) return true;
  const auto at = first_duplicate(container.value, container.value_offset, lowest,
                                  static_cast<std::uint16_t>(highest));
  if (at != error::no_offset) return set_failure(failure, errc::duplicate, "rule_9_duplicate_id", at);
  return true;
}

// What one resource entry needs after `read_resource_value`: nothing more, or its children read
// (Protocol Support's instances, or an unknown resource's skipped Multiple Resource checked). The
// caller walks the children, so that a decoder with one frame can do it in its own loop.
enum class resource_step : std::uint8_t { done, failed, read_protocols, check_skipped };

// `allowed`: `allowed_resources(opt)`, computed once per payload.
template <class Options>
[[gnu::always_inline]] inline resource_step read_resource_value(firmware_update& fw, const tlv_entry& e,
                                                                const Options& opt, std::uint16_t allowed,
                                                                error& failure) noexcept {
  // Only Resources and Multiple Resources name a resource (rule 8); the reader already keeps other
  // kinds out of an instance level, but a top-level entry for /5/0 or /5/0/<rid> may be anything.
  if (e.kind == tlv_kind::object_instance || e.kind == tlv_kind::resource_instance) {
    set_failure(failure, errc::bad_nesting,
                e.kind == tlv_kind::object_instance
                    ? text_id("rule_8_nesting.object_instance_where_resource_expected")
                    : text_id("rule_8_nesting.resource_instance_outside_multiple_resource"),
                e.offset);
    return resource_step::failed;
  }
  // Fast path: one mask test says "defined in this version and allowed in this payload kind".
  if (e.id < 16 && ((allowed >> e.id) & 1u)) {
    if (may_carry<Options>(fw_resource::protocol_support) &&
        e.id == static_cast<std::uint16_t>(fw_resource::protocol_support)) {
      if (e.kind != tlv_kind::multiple_resource) {
        set_failure(failure, errc::bad_nesting, "rule_8_nesting.single_value_for_multiple_resource",
                    e.offset);
        return resource_step::failed;
      }
      return resource_step::read_protocols;
    }
    if (e.kind == tlv_kind::multiple_resource) {
      set_failure(failure, errc::bad_nesting, "rule_8_nesting.multiple_resource_for_single_resource",
                  e.offset);
      return resource_step::failed;
    }
    return assign_tlv_value<Options>(fw, firmware_resources[static_cast<std::size_t>(resource_row[e.id])],
                                     e, opt.version, failure)
               ? resource_step::done
               : resource_step::failed;
  }
  const resource_info* r = find_resource(e.id, opt.version);
  if (r == nullptr) {
    if (fw.unknown_resources != 0xFFFF) ++fw.unknown_resources;
    return is_container(e.kind) ? resource_step::check_skipped : resource_step::done;
  }
  // Defined in this version but not in the mask: this payload kind may not carry it.
  return check_operation(*r, opt.kind, e.offset, failure) ? resource_step::done : resource_step::failed;
}

// Whether an unknown resource's skipped Multiple Resource still needs its structure checked: not
// when the caller validated the whole payload first.
enum class skipped_structure : std::uint8_t { unchecked, validated };

// What `read_resource_value` left to do for entry `e` (`step`): read Protocol Support's instances,
// or check a skipped Multiple Resource; false with `failure` set when it is rejected.
// `Options`: only a payload kind that may carry Protocol Support links its reader (a client's
// Write decoder never does: `read_resource_value` never asks for it there).
template <class Options>
[[gnu::always_inline]] inline bool read_resource_children(firmware_update& fw, const tlv_entry& e,
                                                          resource_step step, skipped_structure skipped,
                                                          bool& out_of_order, error& failure) noexcept {
  switch (step) {
    case resource_step::done: return true;
    case resource_step::failed: return false;
    case resource_step::read_protocols: {
      if constexpr (may_carry<Options>(fw_resource::protocol_support)) {
        protocol_set set;
        if (!read_protocol_instances(e.value, tlv_level::multiple_resource, e.value_offset, set,
                                     out_of_order, failure)) {
          return false;
        }
        fw.protocol_support = set;
      }
      return true;  // (without Protocol Support in `Options`, not reached)
    }
    case resource_step::check_skipped:
      return skipped == skipped_structure::validated || check_skipped_container(e, failure);
  }
  return true;
}

// One resource entry, its children included; false with `failure` set when it is rejected. Out of
// line, so that the level walks keep small frames (issue 12 item 1: each frame at most 256 B).
template <class Options>
[[gnu::noinline]] inline bool read_resource(firmware_update& fw, const tlv_entry& e,
                                            const Options& opt, bool& out_of_order,
                                            error& failure) noexcept {
  return read_resource_children<Options>(fw, e, read_resource_value(fw, e, opt, allowed_resources(opt), failure),
                                skipped_structure::unchecked, out_of_order, failure);
}

// The entries of Object Instance `instance` (a top-level entry). Out of line, and building the
// instance's reader itself (as tlv_reader::children would), so that its reader and entry do not
// add to the caller's frame.
template <class Options>
[[gnu::noinline]] inline bool read_instance_level(firmware_update& fw, const tlv_entry& instance,
                                                  const Options& opt, bool& out_of_order,
                                                  error& failure) noexcept {
  tlv_reader r(instance.value, tlv_level::object_instance, instance.value_offset);
  tlv_entry e;
  std::int32_t previous = -1;
  bool unordered = false;  // a local, not the caller's flag: no store per entry
  while (true) {
    const auto st = r.step(e);
    if (st == tlv_reader::status::end) break;
    if (st == tlv_reader::status::failed) return set_failure(failure, r);
    unordered |= static_cast<std::int32_t>(e.id) <= previous;
    previous = e.id;
    if (!read_resource(fw, e, opt, unordered, failure)) return false;
  }
  out_of_order |= unordered;
  return true;
}

// The decoder's functions below keep their own frames (noinline): a Write to /5/0/<rid> runs on
// small RTOS task stacks, and one function inlining every path would need the sum of their
// frames (issue 12 item 1: at most 256 B per frame, tests/lwm2m/stack_usage_object5.cpp).
// (`validate` itself, without its result<size_t>: the entry count is not needed here.) On a device
// the one-frame check, called straight from the entry point: its frame is the deepest.
#if defined(OTAWIRE_DEVICE_PROFILE)
inline bool validate_whole(const byte_view& payload, error& failure) noexcept {
  return check_structure(payload, tlv_level::top, 0, failure);
}
#else
[[gnu::noinline]] inline bool validate_whole(const byte_view& payload, error& failure) noexcept {
  no_visit none;
  tree_walker<no_visit> walker(none);
  if (walker.run(tlv_reader(payload), 0)) return true;
  return set_failure(failure, walker.failure());
}
#endif

// /5 and /5/0.
// `out_of_order`: set when some level's IDs do not strictly ascend; the caller then runs the
// duplicate check (rule 9) over the whole payload, after this frame is gone.
template <class Options>
[[gnu::noinline]] inline bool decode_instance_payload(byte_view payload, const path& p,
                                                      const Options& opt, firmware_update& fw,
                                                      bool& out_of_order, error& failure) noexcept {
  // One pass: the reader checks rules 1, 7 and 8 as it goes; rule 9 (duplicates) needs the
  // full validator only when some level is out of ascending order.
  // /5: Object Instance TLVs are mandatory; /5/0: optional (§1.2).
  tlv_reader top(payload);
  std::size_t instances = 0;
  tlv_entry entry;
  std::int32_t previous = -1;
  while (true) {
    const auto st = top.step(entry);
    if (st == tlv_reader::status::end) break;
    if (st == tlv_reader::status::failed) return set_failure(failure, top);
    out_of_order |= static_cast<std::int32_t>(entry.id) <= previous;
    previous = entry.id;
    if (entry.kind == tlv_kind::object_instance) {
      if (p.depth == 2 && entry.id != p.instance) {
        return set_failure(failure, errc::invalid_value, "rule_10_id_contradicts_path.instance",
                           entry.offset);
      }
      if (++instances > 1 || entry.id != 0) {
        // Object 5 is single-instance: its only instance is 0.
        return set_failure(failure, errc::invalid_value, "object5_single_instance", entry.offset);
      }
      if (!read_instance_level(fw, entry, opt, out_of_order, failure)) return false;
    } else {
      if (p.depth == 1) {
        return set_failure(failure, errc::bad_nesting, "rule_8_nesting.object_instance_required",
                           entry.offset);
      }
      if (entry.kind == tlv_kind::resource_instance) {
        // A bare Resource Instance only answers /5/0/8 or /5/0/8/<ri> (§1.5).
        return set_failure(failure, errc::bad_nesting,
                           "rule_8_nesting.resource_instance_outside_multiple_resource",
                           entry.offset);
      }
      if (!read_resource(fw, entry, opt, out_of_order, failure)) return false;
    }
  }
  return true;
}

// One resource entry of a one-frame walk (`decode_instance_levels`): its value assigned or its
// rejection, or which children to read next. Out of line: the value decoders' temporaries stay
// out of the walk's frame.
template <class Options>
[[gnu::noinline]] inline resource_step read_resource_entry(firmware_update& fw, const tlv_entry& e,
                                                           const Options& opt, error& failure) noexcept {
  return read_resource_value(fw, e, opt, allowed_resources(opt), failure);
}

// Whether /5 and /5/0 payloads decode with `decode_instance_levels` (one frame for every level)
// instead of the level-per-function decoder the host's benchmarks are tuned on. Both give the same
// results (tests/lwm2m/device_profile_test.cpp, fuzz_lwm2m_object5); the device's stack budget
// (256 B for the whole call) decides.
#if defined(OTAWIRE_DEVICE_PROFILE)
inline constexpr bool one_frame_decoder = true;
#else
inline constexpr bool one_frame_decoder = false;
#endif

// `decode_instance_payload` as one loop over positions: the top level, an Object Instance's
// resources and a Multiple Resource's instances (Protocol Support read, an unknown resource's
// checked) are levels of one walk, as in `check_structure`, so no reader, entry or level state
// stacks up across calls. Same checks in the same order, so the same first error.
template <class Options>
[[gnu::noinline]] inline bool decode_instance_levels(const byte_view& payload, const path& p,
                                                     const Options& opt, firmware_update& fw,
                                                     bool& out_of_order, error& failure) noexcept {
  enum class role : std::uint8_t { top, instance, protocols, skipped };
  std::array<open_level, 3> levels{};
  std::array<role, 3> roles{};
  levels[0].end = payload.size();
  std::size_t d = 0;
  std::size_t pos = 0;
  top_family family = top_family::unknown;
  std::size_t instances = 0;
  protocol_set protocols;
  while (true) {
    open_level& l = levels[d];
    if (pos == l.end) {
      if (roles[d] == role::skipped) {
        // An unknown resource's instances: their duplicates are reported at once, as the
        // level-per-function decoder's `check_skipped_container` does.
        if (!l.check_duplicates(payload, 0, failure)) return false;
      } else {
        out_of_order |= l.out_of_order;
      }
      if (roles[d] == role::protocols) fw.protocol_support = protocols;
      if (d == 0) return true;
      --d;  // the parent goes on after the container just read, at `pos`
      continue;
    }
    tlv_entry e;
    if (!read_entry_at(level_view{payload.first(l.end), 0, l.level, family}, pos, e, failure)) return false;
    if (d == 0) family = family_of(e.kind);
    pos = e.value_offset + e.value.size();
    l.note(e.id);
    resource_step next = resource_step::done;
    switch (roles[d]) {
      case role::top:
        if (e.kind == tlv_kind::object_instance) {
          if (p.depth == 2 && e.id != p.instance) {
            return set_failure(failure, errc::invalid_value, "rule_10_id_contradicts_path.instance",
                               e.offset);
          }
          if (++instances > 1 || e.id != 0) {
            // Object 5 is single-instance: its only instance is 0.
            return set_failure(failure, errc::invalid_value, "object5_single_instance", e.offset);
          }
          levels[1] = open_level{};
          levels[1].begin = e.value_offset;
          levels[1].end = pos;
          levels[1].level = tlv_level::object_instance;
          roles[1] = role::instance;
          d = 1;
          pos = e.value_offset;
          continue;
        }
        if (p.depth == 1) {
          return set_failure(failure, errc::bad_nesting, "rule_8_nesting.object_instance_required",
                             e.offset);
        }
        if (e.kind == tlv_kind::resource_instance) {
          // A bare Resource Instance only answers /5/0/8 or /5/0/8/<ri> (§1.5).
          return set_failure(failure, errc::bad_nesting,
                             "rule_8_nesting.resource_instance_outside_multiple_resource", e.offset);
        }
        next = read_resource_entry(fw, e, opt, failure);
        break;
      case role::instance: next = read_resource_entry(fw, e, opt, failure); break;
      case role::protocols:
        // Only a payload kind that may carry Protocol Support opens such a level.
        if constexpr (may_carry<Options>(fw_resource::protocol_support)) {
          if (!read_protocol_instance(e, protocols, failure)) return false;
        }
        break;
      case role::skipped: break;
    }
    if (next == resource_step::failed) return false;
    if (next == resource_step::read_protocols || next == resource_step::check_skipped) {
      // A Multiple Resource: its Resource Instances are the next level (d + 1 < 3: an instance
      // level is at most depth 1).
      open_level& child = levels[++d];
      child = open_level{};
      child.begin = e.value_offset;
      child.end = pos;
      child.level = tlv_level::multiple_resource;
      roles[d] = next == resource_step::read_protocols ? role::protocols : role::skipped;
      if (next == resource_step::read_protocols) protocols = protocol_set{};
      pos = e.value_offset;
    }
  }
}

// ---- Host fast path for /5 and /5/0 (issue 16 item 3) ----------------------------------------
// The common Read response shape — one Object Instance 0 spanning the payload, its resources in
// strictly ascending ID order, Protocol Support's instances likewise — decoded in one loop: each
// header read with one bounds check (`scan_entry`), each resource assigned
// by `read_resource_value` (the same checks as the general decoder), no reader object and no call
// per resource. Anything else — another shape, an unknown Multiple Resource, any rule broken — is
// not decided here: the caller resets the value and runs the general decoder, so accept/reject,
// errors and decoded values are the general decoder's (fuzz_lwm2m_object5 and object5_test compare
// the two: `decode_firmware_update_general`).

// True with `fw` decoded, or false (with `fw` partly written) when the payload is not of the
// shape above or breaks a rule: the caller then decodes it with the general decoder.
template <class Options>
[[gnu::noinline]] inline bool decode_instance_fast(byte_view payload, const Options& opt,
                                                   firmware_update& fw) noexcept {
  tlv_entry e;
  // One Object Instance 0 and nothing after it (its ID matches /5/0: check_path allows instance 0 only).
  if (payload.empty() || !scan_entry(payload, 0, 0, payload.size(), admitted_kinds(tlv_level::top, top_family::instances), e)) return false;
  if (e.id != 0 || e.value_offset + e.value.size() != payload.size()) {
    return false;
  }
  const std::uint16_t allowed = allowed_resources(opt);
  error ignored{};  // a rejection is reported by the general decoder, not from here
  std::size_t pos = e.value_offset;
  const std::size_t end = payload.size();
  std::int32_t previous = -1;
  while (pos != end) {
    // The Object Instance level admits Resources and Multiple Resources only (rule 8).
    if (!scan_entry(payload, 0, pos, end, admitted_kinds(tlv_level::object_instance, top_family::unknown), e)) {
      return false;
    }
    if (static_cast<std::int32_t>(e.id) <= previous) return false;  // rule 9 needs the general check
    previous = e.id;
    pos = e.value_offset + e.value.size();
    switch (read_resource_value(fw, e, opt, allowed, ignored)) {
      case resource_step::done: break;
      case resource_step::read_protocols: {
        if constexpr (may_carry<Options>(fw_resource::protocol_support)) {
          protocol_set set;
          std::int32_t previous_instance = -1;
          tlv_entry ri;
          for (std::size_t at = e.value_offset; at != pos; at = ri.value_offset + ri.value.size()) {
            if (!scan_entry(payload, 0, at, pos, admitted_kinds(tlv_level::multiple_resource, top_family::unknown), ri) ||
                static_cast<std::int32_t>(ri.id) <= previous_instance) {
              return false;
            }
            previous_instance = ri.id;
            const auto v = decode_integer(ri.value, ri.offset);
            if (!v) return false;
            add_protocol(set, *v);
          }
          fw.protocol_support = set;
          break;
        } else {
          return false;
        }
      }
      case resource_step::failed:
      case resource_step::check_skipped: return false;
    }
  }
  return true;
}

// /5/0/8/<ri>: one Resource Instance at top level (§1.5).
template <class Options>
[[gnu::noinline]] inline bool decode_resource_instance_payload(byte_view payload, const path& p,
                                                               const Options& opt,
                                                               firmware_update& fw,
                                                               error& failure) noexcept {
  const resource_info* r = find_resource(p.resource, opt.version);
  if (r == nullptr || !r->multiple) {
    return set_failure(failure, errc::invalid_value, "path.resource_instance", 0);
  }
  if (!check_operation(*r, opt.kind, 0, failure)) return false;
  if constexpr (!may_carry<Options>(fw_resource::protocol_support)) {
    // Not reached: Protocol Support is the only multiple resource, and check_operation refused it.
    return set_failure(failure, errc::invalid_value, "path.resource_instance", 0);
  }
  tlv_entry e;
  if (payload.empty()) {
    return set_failure(failure, errc::bad_nesting, "rule_8_nesting.single_resource_instance_expected", 0);
  }
  if (!read_entry_at(level_view{payload}, 0, e, failure)) {
    return false;
  }
  if (e.kind != tlv_kind::resource_instance || e.value_offset + e.value.size() != payload.size()) {
    return set_failure(failure, errc::bad_nesting, "rule_8_nesting.single_resource_instance_expected",
                       e.offset);
  }
  if (e.id != p.resource_instance) {
    return set_failure(failure, errc::invalid_value,
                       "rule_10_id_contradicts_path.resource_instance", e.offset);
  }
  protocol_set set;
  if (!read_protocol_instance(e, set, failure)) return false;
  fw.protocol_support = set;
  return true;
}

// /5/0/<rid>: one Resource TLV, one Multiple Resource TLV, or (multiple resource) its bare
// Resource Instances (S7 form, §4.1). Small payloads: the caller checked every structural rule
// first (`validate_whole`).
template <class Options>
[[gnu::noinline]] inline bool decode_resource_payload(byte_view payload, const path& p,
                                                      const Options& opt,
                                                      firmware_update& fw, error& failure) noexcept {
  if (payload.empty()) return set_failure(failure, errc::missing_field, "resource_value", 0);
  tlv_entry e;
  if (!read_entry_at(level_view{payload}, 0, e, failure)) {
    return false;
  }
  bool ignored = false;  // validated by the caller
  if (e.kind == tlv_kind::resource_instance) {
    const resource_info* r = find_resource(p.resource, opt.version);
    if (r == nullptr || !r->multiple) {
      return set_failure(failure, errc::bad_nesting,
                         "rule_8_nesting.resource_instance_outside_multiple_resource", e.offset);
    }
    if (!check_operation(*r, opt.kind, e.offset, failure)) return false;
    if constexpr (may_carry<Options>(fw_resource::protocol_support)) {
      protocol_set set;
      if (!read_protocol_instances(payload, tlv_level::top, 0, set, ignored, failure)) return false;
      fw.protocol_support = set;
      return true;
    } else {
      // Not reached: Protocol Support is the only multiple resource, and check_operation refused it.
      return set_failure(failure, errc::bad_nesting,
                         "rule_8_nesting.resource_instance_outside_multiple_resource", e.offset);
    }
  }
  if (e.id != p.resource) {
    return set_failure(failure, errc::invalid_value, "rule_10_id_contradicts_path.resource",
                       e.offset);
  }
  const std::size_t end = e.value_offset + e.value.size();
  if (end != payload.size()) {
    return set_failure(failure, errc::trailing_bytes, "single_resource_payload", end);
  }
  // An unknown resource's Multiple Resource was validated with the payload.
  return read_resource_children<Options>(fw, e, read_resource_entry(fw, e, opt, failure),
                                skipped_structure::validated, ignored, failure);
}

// text/plain of one resource (LwM2M 1.0 §6.4.x "Plain Text"): decimal numbers, "0"/"1" booleans.
template <class Options>
inline bool decode_text(byte_view payload, const resource_info& r, [[maybe_unused]] const Options& opt,
                        firmware_update& fw, error& failure) noexcept {
  const std::string_view text = decode_string(payload);
  [[maybe_unused]] const char* first = text.data();
  [[maybe_unused]] const char* last = text.data() + text.size();
  // Number and boolean parsing is instantiated only when `Options` can carry such a resource (a
  // 1.0 Write carries strings and Package only: no from_chars on that device).
  switch (r.type) {
    case data_type::string: return assign_string(fw, r, text, 0, failure);
    case data_type::integer:
    case data_type::time:
      if constexpr (may_carry_integers<Options>()) {
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(first, last, v);
        if (ec != std::errc{} || ptr != last || text.empty()) {
          return set_failure(failure, errc::bad_string, "text.integer",
                             static_cast<std::size_t>(ptr - first));
        }
        if (r.multiple) {
          // /5/0/8/<ri>: the one Protocol Support value of that instance.
          protocol_set set;
          add_protocol(set, v);
          fw.protocol_support = set;
          return true;
        }
        return assign_integer(fw, r, v, opt.version, 0, failure);
      }
      break;
    case data_type::unsigned_integer:
      if constexpr (may_carry<Options>(fw_resource::maximum_defer_period)) {
        std::uint64_t v = 0;
        auto [ptr, ec] = std::from_chars(first, last, v);
        if (ec != std::errc{} || ptr != last || text.empty()) {
          return set_failure(failure, errc::bad_string, "text.unsigned_integer",
                             static_cast<std::size_t>(ptr - first));
        }
        fw.maximum_defer_period = v;
        return true;
      }
      break;
    case data_type::boolean:
      if constexpr (may_carry<Options>(fw_resource::automatic_upgrade)) {
        if (text == "0" || text == "1") {
          fw.automatic_upgrade = text == "1";
          return true;
        }
        return set_failure(failure, errc::bad_string, "text.boolean", 0);
      }
      break;
    default: break;
  }
  // Opaque in text/plain would be base64; Package travels as opaque (42) or TLV instead. (The
  // types `Options` cannot carry never get here: the caller checked the operation.)
  return set_failure(failure, errc::unsupported, "text.opaque", 0);
}

// One value in text/plain or opaque: a single-instance resource (/5/0/<rid>) or one Protocol
// Support instance (/5/0/8/<ri>), never the Multiple Resource as a whole (the generic rule of
// values.hpp). Out of line: its checks' results stay out of the TLV paths' frames.
template <class Options>
[[gnu::noinline]] inline bool decode_single_value(byte_view payload, const path& target,
                                                  const Options& opt, firmware_update& fw,
                                                  error& failure) noexcept {
  const resource_info* r = target.depth >= 3 ? find_resource(target.resource, opt.version) : nullptr;
  if (target.depth >= 3 && r == nullptr) {
    return set_failure(failure, errc::invalid_value, "path.resource", error::no_offset);
  }
  if (const auto c = check_single_value_target(opt.format, target, r != nullptr && r->multiple); !c) {
    return set_failure(failure, c.error());
  }
  if (!check_operation(*r, opt.kind, 0, failure)) return false;
  if (opt.format == content_format::opaque) {
    if (r->type != data_type::opaque) {
      return set_failure(failure, errc::unsupported, "content_format.opaque_for_non_opaque",
                         error::no_offset);
    }
    fw.package = payload;
    return true;
  }
  return decode_text(payload, *r, opt, fw, failure);
}

// Every path and format, after the path rules; one error slot for the whole decode. Inlined into
// the entry point: one frame less below it.
// `fast`: whether /5 and /5/0 try `decode_instance_fast` first (false: the general decoder only,
// for the differential fuzzer and tests).
template <class Options>
[[gnu::always_inline]] inline bool decode_payload(const byte_view& payload, const path& p, const Options& opt,
                           firmware_update& fw, error& failure, bool fast = true) noexcept {
  switch (opt.format) {
    case content_format::tlv:
    case content_format::legacy_tlv:
      // The whole-payload check runs here, beside the decoders rather than inside them, so that
      // their frames and its frame never stack (device budget: 256 B for the whole call).
      if (p.depth <= 2) {
        if constexpr (!one_frame_decoder) {
          if (fast) {
            if (decode_instance_fast(payload, opt, fw)) return true;
            std::construct_at(&fw);  // not the fast path's shape: decode from scratch
          }
        }
        bool out_of_order = false;
        const bool decoded = one_frame_decoder
                                 ? decode_instance_levels(payload, p, opt, fw, out_of_order, failure)
                                 : decode_instance_payload(payload, p, opt, fw, out_of_order, failure);
        return decoded && (!out_of_order || validate_whole(payload, failure));
      }
      if (!validate_whole(payload, failure)) return false;
      if (p.depth == 4) return decode_resource_instance_payload(payload, p, opt, fw, failure);
      return decode_resource_payload(payload, p, opt, fw, failure);
    case content_format::text:
    case content_format::opaque: return decode_single_value(payload, p, opt, fw, failure);
  }
  return set_failure(failure, errc::unsupported, "content_format", error::no_offset);
}

// Replaces a decoded value by the decode's error; cold and out of line, so that the temporary
// result does not sit in the caller's frame.
[[gnu::cold, gnu::noinline]] inline void store_error(result<firmware_update>& decoded,
                                                     const error& e) noexcept {
  decoded = e;
}

}  // namespace detail

/// Decodes an Object 5 payload for `target` (/5, /5/0, `/5/0/<rid>` or `/5/0/8/<ri>`) into `out`
/// (reset first). No allocation; string and opaque members are views into `payload`.
///
/// TLV (11542, legacy 1542): every rule of §1.4 plus: IDs that contradict the path (rule 10),
/// resources the payload kind may not carry (operation.*), value ranges of §2.2 (out_of_range).
/// Resources unknown to `opt.version` are skipped and counted. text/plain (0) and opaque (42)
/// are single-value formats: `target` must name one single-instance resource or one Resource
/// Instance (`/5/0/8/<ri>`); opaque only Package.
inline result<void> decode_firmware_update(byte_view payload, const path& target,
                                           firmware_update& out,
                                           const decode_options& opt = {}) noexcept {
  std::construct_at(&out);  // reset in place: no temporary value in this frame
  if (auto p = detail::check_path(target); !p) return p;
  if (error failure; !detail::decode_payload(payload, target, opt, out, failure)) return failure;
  return ok();
}

/// The same decoder with the version and payload kind fixed at compile time (a device profile,
/// `fixed_decode_options`): same checks, same result, only the code that version and kind need.
template <object_version Version, payload_kind Kind>
inline result<void> decode_firmware_update(byte_view payload, const path& target,
                                           firmware_update& out,
                                           const fixed_decode_options<Version, Kind>& opt) noexcept {
  std::construct_at(&out);
  if (auto p = detail::check_path(target); !p) return p;
  if (error failure; !detail::decode_payload(payload, target, opt, out, failure)) return failure;
  return ok();
}

namespace detail {
/// `decode_firmware_update` without the /5 and /5/0 fast path: the general decoder alone, which
/// the fast path must agree with (fuzz_lwm2m_object5, tests/lwm2m/object5_test.cpp).
inline result<void> decode_firmware_update_general(byte_view payload, const path& target, firmware_update& out,
                                                   const decode_options& opt = {}) noexcept {
  std::construct_at(&out);
  if (auto p = check_path(target); !p) return p;
  if (error failure; !decode_payload(payload, target, opt, out, failure, false)) return failure;
  return ok();
}

// The value-returning decoder's work, out of line so that the result<void> it checks stays out
// of the caller's frame.
[[gnu::noinline]] inline void decode_in_place(byte_view payload, const path& target,
                                              const decode_options& opt,
                                              result<firmware_update>& decoded) noexcept {
  if (const auto r = decode_firmware_update(payload, target, *decoded, opt); !r) {
    store_error(decoded, r.error());
  }
}
}  // namespace detail

/// As above, returning the value; its views point into `payload`.
inline result<firmware_update> decode_firmware_update(byte_view payload OTAWIRE_LIFETIMEBOUND,
                                                      const path& target,
                                                      const decode_options& opt = {}) noexcept {
  // Decoded in place, one named result returned: no copy of the value and no error in this
  // frame (the caller's frame holds the result anyway).
  result<firmware_update> decoded{std::in_place};
  detail::decode_in_place(payload, target, opt, decoded);
  return decoded;
}

/// The decoded strings and Package are views into the payload: decoding an owning temporary
/// (`std::vector<std::byte>{…}`) would leave them dangling, so that is a compile error. Views
/// (`std::span(rx).first(n)`) and lvalues are borrowed and stay accepted.
template <class Temporary>
  requires dangling_temporary<Temporary>
result<firmware_update> decode_firmware_update(Temporary&&, const path&,
                                               const decode_options& = {}) = delete;
template <class Temporary>
  requires dangling_temporary<Temporary>
result<void> decode_firmware_update(Temporary&&, const path&, firmware_update&,
                                    const decode_options& = {}) = delete;
template <class Temporary, object_version Version, payload_kind Kind>
  requires dangling_temporary<Temporary>
result<void> decode_firmware_update(Temporary&&, const path&, firmware_update&,
                                    const fixed_decode_options<Version, Kind>&) = delete;

// ------------------------------------------------------------------------------------------------
// Encoding: the inverse of the decoder for every path it takes (/5, /5/0, /5/0/<rid>,
// /5/0/8/<ri>), per payload kind: a Read response carries only readable resources, a Write
// request only writable ones. Canonical TLV, resources in ascending ID order. `encoded_size` and
// `encode_firmware_update` run the same code (with a counting writer and the real one), so they
// fail in the same cases with the same error.
//
// What the encoder refuses is what the decoder would reject or could not give back: a path the
// decoder refuses, a resource the payload kind may not carry (the decoder's operation.* error),
// a resource the object version lacks (the decoder would skip it), a value out of its §2.2 range,
// Protocol Support values above 5, a string over 255 bytes, a missing value for /5/0/<rid>, and
// for /5/0/8/<ri> a Protocol Support set that is not exactly one value. The decode-side counters
// (`unknown_resources`, `protocol_set::ignored_values`) are not encoded. For /5/0/<rid> and
// /5/0/8/<ri> only the named resource is written and checked; the other members are ignored.

namespace detail {

/// Counts what a `tlv_writer` would write, with the writer's own limits (rule 7, rule 11), so
/// that a size is only ever reported for bytes the writer accepts.
class counting_writer {
 public:
  [[nodiscard]] constexpr std::size_t size() const noexcept { return total_; }

  constexpr result<void> value(tlv_kind kind, std::uint16_t id, byte_view v) noexcept {
    if (is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.value_on_container", total_);
    if (auto h = header(id, v.size()); !h) return h;
    total_ += v.size();
    return ok();
  }
  constexpr result<void> open(tlv_kind kind, std::uint16_t id, std::size_t content_size) noexcept {
    if (!is_container(kind)) return fail(errc::bad_nesting, "rule_8_nesting.open_value", total_);
    return header(id, content_size);
  }
  constexpr result<void> close() noexcept { return ok(); }

 private:
  constexpr result<void> header(std::uint16_t id, std::size_t length) noexcept {
    if (id == max_id) return fail(errc::reserved_id, "rule_7_max_id", total_);
    if (length > max_value_length) return fail(errc::out_of_range, "rule_11_value_too_long", total_);
    total_ += header_size(id, length);
    return ok();
  }
  std::size_t total_ = 0;
};

[[nodiscard]] constexpr bool is_present(const firmware_update& fw, fw_resource id) noexcept {
  switch (id) {
    case fw_resource::package: return fw.package.has_value();
    case fw_resource::package_uri: return fw.package_uri.has_value();
    case fw_resource::state: return fw.state.has_value();
    case fw_resource::update_result: return fw.result.has_value();
    case fw_resource::pkg_name: return fw.pkg_name.has_value();
    case fw_resource::pkg_version: return fw.pkg_version.has_value();
    case fw_resource::protocol_support: return fw.protocol_support.has_value();
    case fw_resource::delivery_method: return fw.delivery.has_value();
    case fw_resource::severity: return fw.update_severity.has_value();
    case fw_resource::last_state_change_time: return fw.last_state_change_time.has_value();
    case fw_resource::maximum_defer_period: return fw.maximum_defer_period.has_value();
    case fw_resource::automatic_upgrade: return fw.automatic_upgrade.has_value();
    default: return false;
  }
}

// The encoder's errors (no offset: the input is a value, not bytes). Built out of line and cold,
// so that no rejecting branch adds an error temporary to an encoder frame (issue 12 item 1).
OTAWIRE_LWM2M_ERROR_HELPER constexpr result<void> refuse(errc code,
                                                           text_id where) noexcept {
  return fail(code, where, error::no_offset);
}

// Whether this object version and payload kind may carry resource `id` at all; the decoder's
// errors for the same case (an unknown resource: the decoder would skip it, so it cannot be
// given back). Out of line: its checks stay out of the encoder's frames.
[[gnu::noinline]] constexpr result<void> check_carried(std::uint16_t id,
                                                       const encode_options& opt) noexcept {
  const resource_info* r = find_resource(id, opt.version);
  if (r == nullptr) return refuse(errc::unsupported, "resource_not_in_object_version");
  return check_operation(*r, opt.kind, error::no_offset);
}

inline constexpr std::uint8_t known_protocols = (1u << (max_fw_protocol + 1)) - 1;

[[nodiscard]] constexpr std::size_t protocols_content_size(const protocol_set& set) noexcept {
  std::size_t n = 0;
  std::uint16_t instance = 0;
  for (unsigned p = 0; p <= max_fw_protocol; ++p) {
    if (set.contains(static_cast<fw_protocol>(p))) n += entry_size(instance++, 1);
  }
  return n;
}

// One value entry, and the opening of a container. Out of line: `tlv_writer::value` and `open`
// inlined at each call site would add their temporaries to every encoder frame.
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_value(Writer& w, tlv_kind kind, std::uint16_t id,
                                                     byte_view value) noexcept {
  return w.value(kind, id, value);
}
template <class Writer>
[[gnu::noinline]] constexpr result<void> open_container(Writer& w, tlv_kind kind, std::uint16_t id,
                                                        std::size_t content_size) noexcept {
  return w.open(kind, id, content_size);
}

// Protocol Support (present) as one Multiple Resource, its values in ascending order.
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_protocol_support(const protocol_set& set,
                                                                std::uint16_t rid,
                                                                Writer& w) noexcept {
  if ((set.bits & ~known_protocols) != 0) return refuse(errc::out_of_range, "protocol_support");
  if (auto o = open_container(w, tlv_kind::multiple_resource, rid, protocols_content_size(set)); !o) {
    return o;
  }
  std::uint16_t instance = 0;
  for (unsigned p = 0; p <= max_fw_protocol; ++p) {
    if (!set.contains(static_cast<fw_protocol>(p))) continue;
    const scalar_bytes value = encode_integer(static_cast<std::int64_t>(p));
    if (auto v = write_value(w, tlv_kind::resource_instance, instance++, value.view()); !v) return v;
  }
  return w.close();
}

// Resource `id` of `fw` (present, carried: see `check_carried`) as one TLV entry. Each case only
// picks the value's bytes; one writer call writes them (one set of temporaries in this frame).
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_resource(const firmware_update& fw, fw_resource id,
                                                        const encode_options& opt,
                                                        Writer& w) noexcept {
  const auto rid = static_cast<std::uint16_t>(id);
  scalar_bytes scalar;
  byte_view bytes;
  // An Integer resource with a 0..max range: its value, range and name; max < 0 for the others.
  std::int64_t integer = 0;
  std::int64_t max = -1;
  text_id where;
  // A String resource: at most 255 bytes (§2.2).
  const std::string_view* text = nullptr;
  switch (id) {
    case fw_resource::package: bytes = *fw.package; break;
    case fw_resource::package_uri: text = &*fw.package_uri; where = "package_uri"; break;
    case fw_resource::state:
      integer = static_cast<std::int64_t>(*fw.state);
      max = 3;
      where = "state";
      break;
    case fw_resource::update_result:
      integer = static_cast<std::int64_t>(*fw.result);
      max = max_update_result(opt.version);
      where = "update_result";
      break;
    case fw_resource::pkg_name: text = &*fw.pkg_name; where = "pkg_name"; break;
    case fw_resource::pkg_version: text = &*fw.pkg_version; where = "pkg_version"; break;
    case fw_resource::protocol_support: return write_protocol_support(*fw.protocol_support, rid, w);
    case fw_resource::delivery_method:
      integer = static_cast<std::int64_t>(*fw.delivery);
      max = 2;
      where = "delivery_method";
      break;
    case fw_resource::severity:
      integer = static_cast<std::int64_t>(*fw.update_severity);
      max = 2;
      where = "severity";
      break;
    case fw_resource::last_state_change_time:
      scalar = encode_integer(*fw.last_state_change_time);
      bytes = scalar.view();
      break;
    case fw_resource::maximum_defer_period:
      scalar = encode_unsigned(*fw.maximum_defer_period, opt.unsigned_encoding);
      bytes = scalar.view();
      break;
    case fw_resource::automatic_upgrade:
      scalar = encode_boolean(*fw.automatic_upgrade);
      bytes = scalar.view();
      break;
    default: return refuse(errc::invalid_value, "path.resource");
  }
  if (text != nullptr) {
    if (text->size() > 255) return refuse(errc::bad_length, where);
    bytes = as_bytes(*text);
  } else if (max >= 0) {
    if (integer < 0 || integer > max) return refuse(errc::out_of_range, where);
    scalar = encode_integer(integer);
    bytes = scalar.view();
  }
  return write_value(w, tlv_kind::resource, rid, bytes);
}

// Every present resource, in ascending ID order (the order the decoder reads in one pass).
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_resources(const firmware_update& fw,
                                                         const encode_options& opt,
                                                         Writer& w) noexcept {
  for (const auto& row : firmware_resources) {
    const auto id = static_cast<fw_resource>(row.id);
    if (!is_present(fw, id)) continue;
    if (auto c = check_carried(row.id, opt); !c) return c;
    if (auto s = write_resource(fw, id, opt, w); !s) return s;
  }
  return ok();
}

// /5/0/8/<ri>: one Resource Instance at top level (§1.5), as the decoder expects.
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_resource_instance(const firmware_update& fw,
                                                                 const path& target,
                                                                 const encode_options& opt,
                                                                 Writer& w) noexcept {
  const resource_info* info = find_resource(target.resource, opt.version);
  if (info == nullptr || !info->multiple) return refuse(errc::invalid_value, "path.resource_instance");
  if (operation_refused(*info, opt.kind)) return refuse(errc::invalid_value, operation_violation(*info, opt.kind));
  if (!fw.protocol_support) return refuse(errc::missing_field, "resource_value");
  const std::uint8_t bits = fw.protocol_support->bits;
  if ((bits & ~known_protocols) != 0) return refuse(errc::out_of_range, "protocol_support");
  if (bits == 0 || (bits & (bits - 1)) != 0) {
    // The instance ID is the path's; one value is all such a payload can carry.
    return refuse(errc::invalid_value, "protocol_support.one_value_per_resource_instance");
  }
  const scalar_bytes value = encode_integer(static_cast<std::int64_t>(std::countr_zero(bits)));
  return write_value(w, tlv_kind::resource_instance, target.resource_instance, value.view());
}

// /5: the Object Instance TLV is mandatory (§1.2); its content size is counted first.
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_object_instance(const firmware_update& fw,
                                                               const encode_options& opt,
                                                               Writer& w) noexcept {
  counting_writer content;
  if (auto s = write_resources(fw, opt, content); !s) return s;
  if (auto o = open_container(w, tlv_kind::object_instance, 0, content.size()); !o) return o;
  if (auto s = write_resources(fw, opt, w); !s) return s;
  return w.close();
}

// /5/0/<rid>: that one resource, which must be present.
template <class Writer>
[[gnu::noinline]] constexpr result<void> write_named_resource(const firmware_update& fw,
                                                              std::uint16_t rid,
                                                              const encode_options& opt,
                                                              Writer& w) noexcept {
  if (auto c = check_carried(rid, opt); !c) return c;
  const auto id = static_cast<fw_resource>(rid);
  if (!is_present(fw, id)) return refuse(errc::missing_field, "resource_value");
  return write_resource(fw, id, opt, w);
}

// The one encoder: every check, then the entries, into a `tlv_writer` or a `counting_writer`.
// Each path shape has its own frame, and so has this (not inlined beside a writer; issue 12
// item 1).
template <class Writer>
[[gnu::noinline]] constexpr result<void> encode_to(const firmware_update& fw, const path& target,
                                 const encode_options& opt, Writer& w) noexcept {
  if (auto p = check_path(target); !p) return p;
  switch (target.depth) {
    case 1: return write_object_instance(fw, opt, w);
    case 2: return write_resources(fw, opt, w);
    case 3: return write_named_resource(fw, target.resource, opt, w);
    default: return write_resource_instance(fw, target, opt, w);
  }
}

// `encoded_size`, out of line: the caller's frame keeps only the returned size.
[[gnu::noinline]] inline result<std::size_t> count_encoded(const firmware_update& fw,
                                                           const path& target,
                                                           const encode_options& opt) noexcept {
  counting_writer counter;
  if (auto s = encode_to(fw, target, opt, counter); !s) return s.error();
  return counter.size();
}

// `encode_firmware_update` once the size is known to fit: the writer (88 B) lives here.
[[gnu::noinline]] inline result<std::size_t> write_encoded(const firmware_update& fw,
                                                           const path& target,
                                                           mutable_byte_view out,
                                                           const encode_options& opt) noexcept {
  tlv_writer writer(out);
  if (auto s = encode_to(fw, target, opt, writer); !s) return s.error();
  return writer.written().size();
}

// `encode_firmware_update` on the host, out of line: the caller's frame keeps only the returned
// size. It writes in one pass; only when `out` runs short does it count, so that a value error
// met further on is reported as the size-first contract says (before `buffer_too_small`). The
// one pass writes what a count-then-write would (tests/lwm2m/device_profile_test.cpp), at half
// the work.
[[gnu::noinline]] inline result<std::size_t> encode_checked(const firmware_update& fw,
                                                            const path& target,
                                                            mutable_byte_view out,
                                                            const encode_options& opt) noexcept {
  const auto written = write_encoded(fw, target, out, opt);
  if (written || written.error().code() != errc::buffer_too_small) return written;
  const auto total = count_encoded(fw, target, opt);
  if (!total) return total.error();
  return fail(errc::buffer_too_small, "output", 0);
}

#if !defined(OTAWIRE_DEVICE_PROFILE)
// The host's encoder of /5 and /5/0 when every check passes: one pass of raw stores, no writer
// and no result per entry (the checked encoder spent 5 500 instructions on the 83-byte Read of
// bench_lwm2m: a noinline call, a result and a bounds check per header byte and per resource).
// It never reports an error of its own: anything the checked encoder could refuse (a resource
// the version or kind does not carry, a value out of range, a String over 255 bytes, a short
// buffer) sends the whole payload to `encode_checked`, so errors, and the partial output left
// with them, are the checked encoder's. Same bytes when both succeed
// (Lwm2mEncode.FastPathWritesWhatTheCheckedEncoderWrites).
class raw_entry_writer {
 public:
  raw_entry_writer(std::byte* at, std::byte* end) noexcept : at_(at), end_(end) {}

  [[nodiscard]] std::byte* at() const noexcept { return at_; }

  // A header for `length` value bytes (IDs here are below 256), false when it does not fit.
  [[nodiscard]] bool header(tlv_kind kind, std::uint8_t id, std::size_t length) noexcept {
    const unsigned length_size = length < 8 ? 0u : length <= 0xFF ? 1u : length <= 0xFFFF ? 2u : 3u;
    if (static_cast<std::size_t>(end_ - at_) < 2 + length_size) return false;
    *at_++ = static_cast<std::byte>((static_cast<unsigned>(kind) << 6) | (length_size << 3) |
                                    (length_size == 0 ? static_cast<unsigned>(length) : 0u));
    *at_++ = static_cast<std::byte>(id);
    for (unsigned i = length_size; i > 0; --i) *at_++ = static_cast<std::byte>(length >> (8 * (i - 1)));
    return true;
  }
  // A value entry, false when it does not fit.
  [[nodiscard]] bool entry(tlv_kind kind, std::uint8_t id, byte_view value) noexcept {
    if (!header(kind, id, value.size())) return false;
    if (static_cast<std::size_t>(end_ - at_) < value.size()) return false;
    otawire::detail::copy_bytes(at_, value.data(), value.size());  // the value may lie in the output itself
    at_ += value.size();
    return true;
  }
  // A one-byte Integer in 0..`max`, false when out of range or it does not fit.
  [[nodiscard]] bool small_integer(std::uint8_t id, unsigned value, unsigned max) noexcept {
    if (value > max || end_ - at_ < 3) return false;
    at_[0] = std::byte{0xC1};  // Resource, 8-bit ID, length 1
    at_[1] = static_cast<std::byte>(id);
    at_[2] = static_cast<std::byte>(value);
    at_ += 3;
    return true;
  }
  [[nodiscard]] bool string(std::uint8_t id, std::string_view text) noexcept {
    return text.size() <= 255 && entry(tlv_kind::resource, id, as_bytes(text));
  }

 private:
  std::byte* at_;
  std::byte* end_;
};

// The resources of `fw` in ascending ID order into `w`; false where the checked encoder must
// decide (see above).
[[nodiscard]] inline bool write_resources_fast(const firmware_update& fw, const encode_options& opt,
                                               raw_entry_writer& w) noexcept {
  using enum fw_resource;
  const auto bit = [](fw_resource r) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(r)); };
  const std::uint16_t present = static_cast<std::uint16_t>(
      (fw.package ? bit(package) : 0) | (fw.package_uri ? bit(package_uri) : 0) |
      (fw.state ? bit(state) : 0) | (fw.result ? bit(update_result) : 0) |
      (fw.pkg_name ? bit(pkg_name) : 0) | (fw.pkg_version ? bit(pkg_version) : 0) |
      (fw.protocol_support ? bit(protocol_support) : 0) | (fw.delivery ? bit(delivery_method) : 0) |
      (fw.update_severity ? bit(severity) : 0) |
      (fw.last_state_change_time ? bit(last_state_change_time) : 0) |
      (fw.maximum_defer_period ? bit(maximum_defer_period) : 0) |
      (fw.automatic_upgrade ? bit(automatic_upgrade) : 0));
  const std::uint16_t allowed =
      resource_masks[static_cast<unsigned>(opt.version)][static_cast<unsigned>(opt.kind)].allowed;
  if ((present & ~allowed) != 0) return false;  // check_carried's refusals
  const auto u8 = [](auto e) { return static_cast<unsigned>(e); };
  if (fw.package && (fw.package->size() > max_value_length || !w.entry(tlv_kind::resource, 0, *fw.package))) {
    return false;
  }
  if (fw.package_uri && !w.string(1, *fw.package_uri)) return false;
  if (fw.state && !w.small_integer(3, u8(*fw.state), 3)) return false;
  if (fw.result && !w.small_integer(5, u8(*fw.result), max_update_result(opt.version))) return false;
  if (fw.pkg_name && !w.string(6, *fw.pkg_name)) return false;
  if (fw.pkg_version && !w.string(7, *fw.pkg_version)) return false;
  if (fw.protocol_support) {
    const unsigned bits = fw.protocol_support->bits;
    if ((bits & ~unsigned{known_protocols}) != 0) return false;
    // Each Resource Instance is 3 bytes: type, ID (below 6), one value byte (below 6).
    if (!w.header(tlv_kind::multiple_resource, 8, 3u * static_cast<unsigned>(std::popcount(bits)))) return false;
    std::uint8_t instance = 0;
    for (unsigned p = 0; p <= max_fw_protocol; ++p) {
      if (((bits >> p) & 1u) == 0) continue;
      const std::byte value{static_cast<std::uint8_t>(p)};
      if (!w.entry(tlv_kind::resource_instance, instance++, byte_view(&value, 1))) return false;
    }
  }
  if (fw.delivery && !w.small_integer(9, u8(*fw.delivery), 2)) return false;
  if (fw.update_severity && !w.small_integer(11, u8(*fw.update_severity), 2)) return false;
  if (fw.last_state_change_time) {
    const scalar_bytes v = encode_integer(*fw.last_state_change_time);
    if (!w.entry(tlv_kind::resource, 12, v.view())) return false;
  }
  if (fw.maximum_defer_period) {
    const scalar_bytes v = encode_unsigned(*fw.maximum_defer_period, opt.unsigned_encoding);
    if (!w.entry(tlv_kind::resource, 13, v.view())) return false;
  }
  if (fw.automatic_upgrade && !w.small_integer(14, *fw.automatic_upgrade ? 1u : 0u, 1)) return false;
  return true;
}

// /5 and /5/0 through `write_resources_fast`, everything else (and every refusal) through
// `encode_checked`. /5's Object Instance header is written after its content: the content goes
// where a 1-byte length leaves it, and moves by a byte or two for the other lengths.
[[gnu::noinline]] inline result<std::size_t> encode_fast(const firmware_update& fw, const path& target,
                                                         mutable_byte_view out,
                                                         const encode_options& opt) noexcept {
  if (target.depth <= 2 && check_path(target).has_value()) {
    std::byte* const begin = out.data();
    std::byte* const end = begin + out.size();
    constexpr std::size_t reserved = 3;  // type, ID 0, a 1-byte length
    if (target.depth == 2) {
      raw_entry_writer w(begin, end);
      if (write_resources_fast(fw, opt, w)) return static_cast<std::size_t>(w.at() - begin);
    } else if (out.size() >= reserved) {
      raw_entry_writer w(begin + reserved, end);
      if (write_resources_fast(fw, opt, w)) {
        const auto content = static_cast<std::size_t>(w.at() - (begin + reserved));
        const std::size_t header = 2 + (content < 8 ? 0 : content <= 0xFF ? 1 : content <= 0xFFFF ? 2 : 3);
        if (content <= max_value_length && header + content <= out.size()) {
          if (header != reserved) std::memmove(begin + header, begin + reserved, content);
          raw_entry_writer h(begin, begin + header);
          (void)h.header(tlv_kind::object_instance, 0, content);
          return header + content;
        }
      }
    }
  }
  return encode_checked(fw, target, out, opt);
}
#endif

}  // namespace detail

/// Exact size of `encode_firmware_update(fw, target, …)`, or the error it would return (every
/// error but `buffer_too_small`).
inline result<std::size_t> encoded_size(const firmware_update& fw, const path& target,
                                        const encode_options& opt = {}) noexcept {
  return detail::count_encoded(fw, target, opt);
}

/// Encodes `fw` as the TLV payload for `target` in `opt.kind` (a Read response by default): /5
/// wraps the resources in Object Instance 0, /5/0 lists them bare, `/5/0/<rid>` carries that one
/// resource (which must be present), `/5/0/8/<ri>` one Protocol Support value. Returns the bytes
/// written.
///
/// It writes in one pass; only when `out` runs short does the host count the whole payload, so
/// that a value error met further on is reported before `buffer_too_small` (as `encoded_size`
/// would report it). `out` then holds a partial payload. In the device profile
/// (OTAWIRE_DEVICE_PROFILE) there is no counting pass at all (it doubled the encoder's code): a
/// short `out` gives `buffer_too_small` even where a value error lies further on. (/5 still counts
/// its Object Instance's content, which its header needs first.)
inline result<std::size_t> encode_firmware_update(const firmware_update& fw, const path& target,
                                                  mutable_byte_view out,
                                                  const encode_options& opt = {}) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  return detail::write_encoded(fw, target, out, opt);
#else
  return detail::encode_fast(fw, target, out, opt);
#endif
}

}  // namespace otawire::lwm2m

#endif

// otawire::lwm2m — the Firmware Update object (ID 5) model: resources of object versions 1.0, 1.1
// and 1.2 (§2.1-2.2), decoded from Read responses / notifications and Write payloads (TLV, and for
// one resource text/plain or opaque as LwM2M 1.0 servers use them), encoded for Read responses.
//
// Choices:
//   * Object 5 is single-instance: an Object Instance TLV other than 0, or a second one, is
//     rejected (`object5_single_instance`).
//   * Resources the object version does not define (ID 4 of the pre-1.0 drafts, 10-13 on 1.0, 14
//     before 1.2, 15+) are skipped and counted, as "a parser can skip TLVs for which the Resource
//     is not known" (§1.1); their structure is still checked.
//   * Protocol Support values above 5 are counted in `ignored_values`, not rejected ("Any value not
//     understood by the LwM2M Server MUST be ignored"); the encoder writes only the known ones.
//   * text/plain for an Opaque resource (base64) is not supported: Package travels as TLV or as
//     application/octet-stream (42).
//   * /5 and /5/0 decode in one pass; rule 9 (duplicate IDs) needs the full validator only when a
//     level is not in ascending ID order (see tlv.hpp).
#ifndef OTAWIRE_LWM2M_OBJECT5_HPP
#define OTAWIRE_LWM2M_OBJECT5_HPP

#include <otawire/bytes.hpp>
#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/lwm2m/tlv.hpp>
#include <otawire/lwm2m/values.hpp>
#include <otawire/result.hpp>

#include <array>
#include <charconv>
#include <optional>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace otawire::lwm2m {

/// Operations a resource allows (§2.2).
enum class operations : std::uint8_t { read, write, read_write, execute };

[[nodiscard]] constexpr bool readable(operations o) noexcept {
  return o == operations::read || o == operations::read_write;
}
[[nodiscard]] constexpr bool writable(operations o) noexcept {
  return o == operations::write || o == operations::read_write;
}

/// One row of the Object 5 resource table (§2.2). `min`/`max`: the value range for Integers, the
/// length range in bytes for Strings (none for others: 0..0).
struct resource_info {
  std::uint16_t id;
  std::string_view name;  // snake_case, as the inspector prints it
  data_type type;
  operations ops;
  bool multiple;
  bool mandatory;
  object_version since;
  std::int64_t min;
  std::int64_t max;
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

/// The resource `id` as defined by object version `v`, or null when that version has no such
/// resource (ID 4, IDs above 14, 10-13 in 1.0, 14 before 1.2).
namespace detail {
// Row of each ID 0-14 in `firmware_resources` (-1: none): O(1) per decoded resource.
inline constexpr std::array<std::int8_t, 15> resource_row{0, 1, 2, 3, -1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
}  // namespace detail

[[nodiscard]] constexpr const resource_info* find_resource(std::uint16_t id,
                                                           object_version v) noexcept {
  if (id >= detail::resource_row.size() || detail::resource_row[id] < 0) return nullptr;
  const auto& r = firmware_resources[static_cast<std::size_t>(detail::resource_row[id])];
  return r.since <= v ? &r : nullptr;
}

/// What a payload is: a Read response or Notify (readable resources only) or a Write request
/// (writable resources only). Executable resources never carry a payload value.
enum class payload_kind : std::uint8_t { read_response, write_request };

struct decode_options {
  object_version version = object_version::v1_2;
  payload_kind kind = payload_kind::read_response;
  content_format format = content_format::tlv;
};

struct encode_options {
  object_version version = object_version::v1_2;
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

// Range and assignment of one decoded scalar, shared by the TLV and the text paths.
constexpr result<void> assign_integer(firmware_update& fw, const resource_info& r, std::int64_t v,
                                      object_version version, std::size_t offset) noexcept {
  switch (static_cast<fw_resource>(r.id)) {
    case fw_resource::state:
      if (v < 0 || v > 3) return fail(errc::out_of_range, "state", offset);
      fw.state = static_cast<fw_state>(v);
      return ok();
    case fw_resource::update_result:
      if (v < 0 || v > max_update_result(version)) {
        return fail(errc::out_of_range, "update_result", offset);
      }
      fw.result = static_cast<update_result>(v);
      return ok();
    case fw_resource::delivery_method:
      if (v < 0 || v > 2) return fail(errc::out_of_range, "delivery_method", offset);
      fw.delivery = static_cast<delivery_method>(v);
      return ok();
    case fw_resource::severity:
      if (v < 0 || v > 2) return fail(errc::out_of_range, "severity", offset);
      fw.update_severity = static_cast<severity>(v);
      return ok();
    case fw_resource::last_state_change_time: fw.last_state_change_time = v; return ok();
    default: return fail(errc::wrong_type, r.name, offset);
  }
}

constexpr result<void> assign_string(firmware_update& fw, const resource_info& r,
                                     std::string_view s, std::size_t offset) noexcept {
  if (s.size() > static_cast<std::size_t>(r.max)) return fail(errc::bad_length, r.name, offset);
  switch (static_cast<fw_resource>(r.id)) {
    case fw_resource::package_uri: fw.package_uri = s; return ok();
    case fw_resource::pkg_name: fw.pkg_name = s; return ok();
    case fw_resource::pkg_version: fw.pkg_version = s; return ok();
    default: return fail(errc::wrong_type, r.name, offset);
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
[[gnu::always_inline]] inline result<void> assign_tlv_value(firmware_update& fw,
                                                            const resource_info& r,
                                                            const tlv_entry& e,
                                                            object_version version) noexcept {
  const auto small = [&](std::int64_t max, std::string_view where) -> result<std::int64_t> {
    auto v = decode_integer(e.value, e.offset);
    if (!v) return v.error();
    if (*v < 0 || *v > max) return fail(errc::out_of_range, where, e.value_offset);
    return *v;
  };
  switch (static_cast<fw_resource>(e.id)) {  // == r.id
    case fw_resource::package: fw.package = e.value; return ok();
    case fw_resource::package_uri:
    case fw_resource::pkg_name:
    case fw_resource::pkg_version: return assign_string(fw, r, decode_string(e.value), e.offset);
    case fw_resource::state: {
      auto v = small(3, "state");
      if (!v) return v.error();
      fw.state = static_cast<fw_state>(*v);
      return ok();
    }
    case fw_resource::update_result: {
      auto v = small(max_update_result(version), "update_result");
      if (!v) return v.error();
      fw.result = static_cast<update_result>(*v);
      return ok();
    }
    case fw_resource::delivery_method: {
      auto v = small(2, "delivery_method");
      if (!v) return v.error();
      fw.delivery = static_cast<delivery_method>(*v);
      return ok();
    }
    case fw_resource::severity: {
      auto v = small(2, "severity");
      if (!v) return v.error();
      fw.update_severity = static_cast<severity>(*v);
      return ok();
    }
    case fw_resource::last_state_change_time: {
      auto v = decode_time(e.value, e.offset);
      if (!v) return v.error();
      fw.last_state_change_time = *v;
      return ok();
    }
    case fw_resource::maximum_defer_period: {
      auto v = decode_unsigned(e.value, e.offset);
      if (!v) return v.error();
      fw.maximum_defer_period = *v;
      return ok();
    }
    case fw_resource::automatic_upgrade: {
      auto v = decode_boolean(e.value, e.offset, e.value_offset);
      if (!v) return v.error();
      fw.automatic_upgrade = *v;
      return ok();
    }
    default: return fail(errc::wrong_type, r.name, e.offset);
  }
}

// Checks that the payload kind may carry resource `r` at all.
constexpr result<void> check_operation(const resource_info& r, payload_kind kind,
                                       std::size_t offset) noexcept {
  if (r.ops == operations::execute) {
    return fail(errc::invalid_value, "operation.executable_resource_has_no_value", offset);
  }
  if (kind == payload_kind::read_response && !readable(r.ops)) {
    return fail(errc::invalid_value, "operation.resource_not_readable", offset);
  }
  if (kind == payload_kind::write_request && !writable(r.ops)) {
    return fail(errc::invalid_value, "operation.resource_not_writable", offset);
  }
  return ok();
}

// The Resource Instances of Protocol Support, read from a Multiple Resource's level or the top.
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

// `out_of_order` is set when IDs are not strictly ascending: only then can a level hold a duplicate,
// and the caller runs the full `validate` (§1.4 rule 9) — one pass over canonical payloads.
[[gnu::always_inline]] inline result<void> read_protocol_instances(tlv_reader r,
                                                                   protocol_set& set,
                                                                   bool& out_of_order) noexcept {
  tlv_entry e;
  error failure;
  std::int32_t previous = -1;
  while (true) {
    const auto st = r.step(e, failure);
    if (st == tlv_reader::status::end) return ok();
    if (st == tlv_reader::status::failed) return failure;
    out_of_order |= static_cast<std::int32_t>(e.id) <= previous;
    previous = e.id;
    auto v = decode_integer(e.value, e.offset);
    if (!v) return v.error();
    add_protocol(set, *v);
  }
}

// A Resource or Multiple Resource entry of Object 5 instance level.
[[nodiscard]] constexpr std::uint16_t allowed_resources(const decode_options& opt) noexcept {
  return resource_masks[static_cast<unsigned>(opt.version)][static_cast<unsigned>(opt.kind)].allowed;
}

// `allowed`: `allowed_resources(opt)`, computed once per payload.
inline result<void> read_resource(firmware_update& fw, const tlv_reader& level,
                                  const tlv_entry& e, const decode_options& opt,
                                  std::uint16_t allowed, bool& out_of_order) noexcept {
  // Only Resources and Multiple Resources name a resource (rule 8); the reader already keeps other
  // kinds out of an instance level, but a top-level entry for /5/0 or /5/0/<rid> may be anything.
  if (e.kind == tlv_kind::object_instance || e.kind == tlv_kind::resource_instance) {
    return fail(errc::bad_nesting,
                e.kind == tlv_kind::object_instance
                    ? "rule_8_nesting.object_instance_where_resource_expected"
                    : "rule_8_nesting.resource_instance_outside_multiple_resource",
                e.offset);
  }
  // Fast path: one mask test says "defined in this version and allowed in this payload kind".
  if (e.id < 16 && ((allowed >> e.id) & 1u)) {
    if (e.id == static_cast<std::uint16_t>(fw_resource::protocol_support)) {
      if (e.kind != tlv_kind::multiple_resource) {
        return fail(errc::bad_nesting, "rule_8_nesting.single_value_for_multiple_resource", e.offset);
      }
      protocol_set set;
      if (auto s = read_protocol_instances(level.children(e), set, out_of_order); !s) return s;
      fw.protocol_support = set;
      return ok();
    }
    if (e.kind == tlv_kind::multiple_resource) {
      return fail(errc::bad_nesting, "rule_8_nesting.multiple_resource_for_single_resource", e.offset);
    }
    return assign_tlv_value(fw, firmware_resources[static_cast<std::size_t>(resource_row[e.id])], e,
                            opt.version);
  }
  const resource_info* r = find_resource(e.id, opt.version);
  if (r == nullptr) {
    if (fw.unknown_resources != 0xFFFF) ++fw.unknown_resources;
    if (is_container(e.kind)) {
      // Skipped, but its structure is still checked.
      validation v{};
      no_visit none;
      if (auto k = validate_level(level.children(e), v, none, 0); !k) return k.error();
      out_of_order |= v.needs_bitmap;
    }
    return ok();
  }
  // Defined in this version but not in the mask: this payload kind may not carry it.
  return check_operation(*r, opt.kind, e.offset);
}

// The entries of an Object 5 instance level (bare resources, or the inside of instance 0).
inline result<void> read_instance_level(firmware_update& fw, tlv_reader r,
                                        const decode_options& opt, bool& out_of_order) noexcept {
  tlv_entry e;
  error failure;
  std::int32_t previous = -1;
  bool unordered = false;  // a local, not the caller's flag: no store per entry
  const std::uint16_t allowed = allowed_resources(opt);
  while (true) {
    const auto st = r.step(e, failure);
    if (st == tlv_reader::status::end) break;
    if (st == tlv_reader::status::failed) return failure;
    unordered |= static_cast<std::int32_t>(e.id) <= previous;
    previous = e.id;
    if (auto s = read_resource(fw, r, e, opt, allowed, unordered); !s) return s;
  }
  out_of_order |= unordered;
  return ok();
}

inline result<void> decode_tlv(byte_view payload, const path& p, const decode_options& opt,
                              firmware_update& fw) noexcept {
  tlv_reader top(payload);
  if (p.depth <= 2) {
    // One pass: the reader checks rules 1, 7 and 8 as it goes; rule 9 (duplicates) needs the
    // full validator only when some level is out of ascending order.
    // /5: Object Instance TLVs are mandatory; /5/0: optional (§1.2).
    std::size_t instances = 0;
    tlv_entry entry;
    error failure;
    bool out_of_order = false;
    std::int32_t previous = -1;
    while (true) {
      const auto st = top.step(entry, failure);
      if (st == tlv_reader::status::end) break;
      if (st == tlv_reader::status::failed) return failure;
      out_of_order |= static_cast<std::int32_t>(entry.id) <= previous;
      previous = entry.id;
      if (entry.kind == tlv_kind::object_instance) {
        if (p.depth == 2 && entry.id != p.instance) {
          return fail(errc::invalid_value, "rule_10_id_contradicts_path.instance", entry.offset);
        }
        if (++instances > 1 || entry.id != 0) {
          // Object 5 is single-instance: its only instance is 0.
          return fail(errc::invalid_value, "object5_single_instance", entry.offset);
        }
        if (auto s = read_instance_level(fw, top.children(entry), opt, out_of_order); !s) return s;
      } else {
        if (p.depth == 1) {
          return fail(errc::bad_nesting, "rule_8_nesting.object_instance_required", entry.offset);
        }
        if (entry.kind == tlv_kind::resource_instance) {
          // A bare Resource Instance only answers /5/0/8 or /5/0/8/<ri> (§1.5).
          return fail(errc::bad_nesting,
                      "rule_8_nesting.resource_instance_outside_multiple_resource", entry.offset);
        }
        if (auto s = read_resource(fw, top, entry, opt, allowed_resources(opt), out_of_order); !s) return s;
      }
    }
    if (out_of_order) {
      if (auto v = validate(payload); !v) return v.error();
    }
    return ok();
  }
  // A single resource (instance): small; every structural rule first.
  if (auto v = validate(payload); !v) return v.error();
  if (p.instance != 0) return fail(errc::invalid_value, "object5_single_instance", 0);
  const resource_info* r = find_resource(p.resource, opt.version);
  if (p.depth == 4) {
    // /5/0/8/<ri>: one Resource Instance at top level (§1.5).
    if (r == nullptr || !r->multiple) return fail(errc::invalid_value, "path.resource_instance", 0);
    if (auto c = check_operation(*r, opt.kind, 0); !c) return c.error();
    auto e = top.next();
    if (!e) return e.error();
    if (!*e || (*e)->kind != tlv_kind::resource_instance || !top.at_end()) {
      return fail(errc::bad_nesting, "rule_8_nesting.single_resource_instance_expected",
                  *e ? (*e)->offset : 0);
    }
    if ((*e)->id != p.resource_instance) {
      return fail(errc::invalid_value, "rule_10_id_contradicts_path.resource_instance", (*e)->offset);
    }
    protocol_set set;
    auto v = decode_integer((*e)->value, (*e)->offset);
    if (!v) return v.error();
    add_protocol(set, *v);
    fw.protocol_support = set;
    return ok();
  }
  // /5/0/<rid>: one Resource TLV, one Multiple Resource TLV, or (multiple resource) its bare
  // Resource Instances (S7 form, §4.1).
  auto first = top.next();
  if (!first) return first.error();
  if (!*first) return fail(errc::missing_field, "resource_value", 0);
  const tlv_entry& e = **first;
  if (e.kind == tlv_kind::resource_instance) {
    if (r == nullptr || !r->multiple) {
      return fail(errc::bad_nesting, "rule_8_nesting.resource_instance_outside_multiple_resource",
                  e.offset);
    }
    if (auto c = check_operation(*r, opt.kind, e.offset); !c) return c.error();
    protocol_set set;
    bool ignored = false;  // validated above
    if (auto s = read_protocol_instances(tlv_reader(payload), set, ignored); !s) return s.error();
    fw.protocol_support = set;
    return ok();
  }
  if (e.id != p.resource) {
    return fail(errc::invalid_value, "rule_10_id_contradicts_path.resource", e.offset);
  }
  if (!top.at_end()) return fail(errc::trailing_bytes, "single_resource_payload", top.offset());
  bool ignored = false;  // validated above
  if (auto s = read_resource(fw, top, e, opt, allowed_resources(opt), ignored); !s) return s.error();
  return ok();
}

// text/plain of one resource (LwM2M 1.0 §6.4.x "Plain Text"): decimal numbers, "0"/"1" booleans.
inline result<void> decode_text(byte_view payload, const resource_info& r,
                               const decode_options& opt, firmware_update& fw) noexcept {
  const std::string_view text = decode_string(payload);
  const char* first = text.data();
  const char* last = text.data() + text.size();
  switch (r.type) {
    case data_type::string:
      if (auto s = assign_string(fw, r, text, 0); !s) return s.error();
      return ok();
    case data_type::integer:
    case data_type::time: {
      std::int64_t v = 0;
      auto [ptr, ec] = std::from_chars(first, last, v);
      if (ec != std::errc{} || ptr != last || text.empty()) {
        return fail(errc::bad_string, "text.integer", static_cast<std::size_t>(ptr - first));
      }
      if (r.multiple) {
        protocol_set set;
        add_protocol(set, v);
        fw.protocol_support = set;
        return ok();
      }
      if (auto s = assign_integer(fw, r, v, opt.version, 0); !s) return s.error();
      return ok();
    }
    case data_type::unsigned_integer: {
      std::uint64_t v = 0;
      auto [ptr, ec] = std::from_chars(first, last, v);
      if (ec != std::errc{} || ptr != last || text.empty()) {
        return fail(errc::bad_string, "text.unsigned_integer", static_cast<std::size_t>(ptr - first));
      }
      fw.maximum_defer_period = v;
      return ok();
    }
    case data_type::boolean:
      if (text == "0" || text == "1") {
        fw.automatic_upgrade = text == "1";
        return ok();
      }
      return fail(errc::bad_string, "text.boolean", 0);
    default:
      // Opaque in text/plain would be base64; Package travels as opaque (42) or TLV instead.
      return fail(errc::unsupported, "text.opaque", 0);
  }
}

}  // namespace detail

/// Decodes an Object 5 payload for `target` (/5, /5/0, /5/0/<rid> or /5/0/8/<ri>) into `out`
/// (reset first). No allocation; string and opaque members are views into `payload`.
///
/// TLV (11542, legacy 1542): every rule of §1.4 plus: IDs that contradict the path (rule 10),
/// resources the payload kind may not carry (operation.*), value ranges of §2.2 (out_of_range).
/// Resources unknown to `opt.version` are skipped and counted. text/plain (0) and opaque (42)
/// carry one resource: `target` must name it (opaque: only Package).
inline result<void> decode_firmware_update(byte_view payload, const path& target,
                                           firmware_update& out,
                                           const decode_options& opt = {}) noexcept {
  out = firmware_update{};
  if (target.object != firmware_object_id || target.depth == 0) {
    return fail(errc::invalid_value, "path.object", error::no_offset);
  }
  switch (opt.format) {
    case content_format::tlv:
    case content_format::legacy_tlv: return detail::decode_tlv(payload, target, opt, out);
    case content_format::text:
    case content_format::opaque: {
      if (target.depth != 3 || target.instance != 0) {
        return fail(errc::unsupported, "content_format.single_resource_only", error::no_offset);
      }
      const resource_info* r = find_resource(target.resource, opt.version);
      if (r == nullptr) return fail(errc::invalid_value, "path.resource", error::no_offset);
      if (auto c = detail::check_operation(*r, opt.kind, 0); !c) return c;
      if (opt.format == content_format::opaque) {
        if (r->type != data_type::opaque) {
          return fail(errc::unsupported, "content_format.opaque_for_non_opaque", error::no_offset);
        }
        out.package = payload;
        return ok();
      }
      return detail::decode_text(payload, *r, opt, out);
    }
  }
  return fail(errc::unsupported, "content_format", error::no_offset);
}

/// As above, returning the value.
inline result<firmware_update> decode_firmware_update(byte_view payload, const path& target,
                                                      const decode_options& opt = {}) noexcept {
  firmware_update fw;
  if (auto r = decode_firmware_update(payload, target, fw, opt); !r) return r.error();
  return fw;
}

/// The decoded strings and Package are views into the payload: decoding a temporary container
/// would leave them dangling, so that is a compile error.
template <class Temporary>
  requires detail::owning_temporary<Temporary>
result<firmware_update> decode_firmware_update(Temporary&&, const path&,
                                               const decode_options& = {}) = delete;
template <class Temporary>
  requires detail::owning_temporary<Temporary>
result<void> decode_firmware_update(Temporary&&, const path&, firmware_update&,
                                    const decode_options& = {}) = delete;

// ------------------------------------------------------------------------------------------------
// Encoding (Read responses): resources in ascending ID order, canonical TLV, exact size first.

namespace detail {

// Feeds every present resource, in ID order, to `sink`: sink.value(id, bytes) for single
// resources, sink.protocols(id, set) for Protocol Support.
template <class Sink>
inline result<void> emit_resources(const firmware_update& fw, const encode_options& opt,
                                      Sink& sink) noexcept {
  const auto need = [&](fw_resource id) -> result<void> {
    if (find_resource(static_cast<std::uint16_t>(id), opt.version) == nullptr) {
      return fail(errc::unsupported, "resource_not_in_object_version", error::no_offset);
    }
    return ok();
  };
#define OTAWIRE_LWM2M_TRY(expr) \
  do {                          \
    auto otawire_r_ = (expr);   \
    if (!otawire_r_) return otawire_r_; \
  } while (0)
  if (fw.package) OTAWIRE_LWM2M_TRY(sink.value(0, *fw.package));
  const auto string_fits = [](const std::optional<std::string_view>& s, std::string_view name) -> result<void> {
    if (s && s->size() > 255) return fail(errc::bad_length, name, error::no_offset);
    return ok();
  };
  OTAWIRE_LWM2M_TRY(string_fits(fw.package_uri, "package_uri"));
  OTAWIRE_LWM2M_TRY(string_fits(fw.pkg_name, "pkg_name"));
  OTAWIRE_LWM2M_TRY(string_fits(fw.pkg_version, "pkg_version"));
  if (fw.package_uri) OTAWIRE_LWM2M_TRY(sink.value(1, as_bytes(*fw.package_uri)));
  if (fw.state) OTAWIRE_LWM2M_TRY(sink.value(3, encode_integer(static_cast<std::int64_t>(*fw.state)).view()));
  if (fw.result) {
    if (static_cast<std::uint8_t>(*fw.result) > max_update_result(opt.version)) {
      return fail(errc::out_of_range, "update_result", error::no_offset);
    }
    OTAWIRE_LWM2M_TRY(sink.value(5, encode_integer(static_cast<std::int64_t>(*fw.result)).view()));
  }
  if (fw.pkg_name) OTAWIRE_LWM2M_TRY(sink.value(6, as_bytes(*fw.pkg_name)));
  if (fw.pkg_version) OTAWIRE_LWM2M_TRY(sink.value(7, as_bytes(*fw.pkg_version)));
  if (fw.protocol_support) OTAWIRE_LWM2M_TRY(sink.protocols(8, *fw.protocol_support));
  if (fw.delivery) OTAWIRE_LWM2M_TRY(sink.value(9, encode_integer(static_cast<std::int64_t>(*fw.delivery)).view()));
  if (fw.update_severity) {
    OTAWIRE_LWM2M_TRY(need(fw_resource::severity));
    OTAWIRE_LWM2M_TRY(sink.value(11, encode_integer(static_cast<std::int64_t>(*fw.update_severity)).view()));
  }
  if (fw.last_state_change_time) {
    OTAWIRE_LWM2M_TRY(need(fw_resource::last_state_change_time));
    OTAWIRE_LWM2M_TRY(sink.value(12, encode_integer(*fw.last_state_change_time).view()));
  }
  if (fw.maximum_defer_period) {
    OTAWIRE_LWM2M_TRY(need(fw_resource::maximum_defer_period));
    OTAWIRE_LWM2M_TRY(sink.value(13, encode_unsigned(*fw.maximum_defer_period, opt.unsigned_encoding).view()));
  }
  if (fw.automatic_upgrade) {
    OTAWIRE_LWM2M_TRY(need(fw_resource::automatic_upgrade));
    OTAWIRE_LWM2M_TRY(sink.value(14, encode_boolean(*fw.automatic_upgrade).view()));
  }
#undef OTAWIRE_LWM2M_TRY
  return ok();
}

[[nodiscard]] constexpr std::size_t protocols_content_size(const protocol_set& set) noexcept {
  std::size_t n = 0;
  std::uint16_t instance = 0;
  for (unsigned p = 0; p <= max_fw_protocol; ++p) {
    if (set.contains(static_cast<fw_protocol>(p))) n += entry_size(instance++, 1);
  }
  return n;
}

struct size_sink {
  std::uint16_t only = max_id;  // max_id: every resource
  std::size_t total = 0;
  constexpr result<void> value(std::uint16_t id, byte_view v) noexcept {
    if (only == max_id || only == id) total += entry_size(id, v.size());
    return ok();
  }
  constexpr result<void> protocols(std::uint16_t id, const protocol_set& set) noexcept {
    if (only == max_id || only == id) total += entry_size(id, protocols_content_size(set));
    return ok();
  }
};

struct write_sink {
  tlv_writer& out;
  std::uint16_t only = max_id;
  constexpr result<void> value(std::uint16_t id, byte_view v) noexcept {
    if (only != max_id && only != id) return ok();
    return out.value(tlv_kind::resource, id, v);
  }
  constexpr result<void> protocols(std::uint16_t id, const protocol_set& set) noexcept {
    if (only != max_id && only != id) return ok();
    if (auto o = out.open(tlv_kind::multiple_resource, id, protocols_content_size(set)); !o) return o;
    std::uint16_t instance = 0;
    for (unsigned p = 0; p <= max_fw_protocol; ++p) {
      if (!set.contains(static_cast<fw_protocol>(p))) continue;
      if (auto v = out.value(tlv_kind::resource_instance, instance++,
                             encode_integer(static_cast<std::int64_t>(p)).view());
          !v) {
        return v;
      }
    }
    return out.close();
  }
};

}  // namespace detail

/// Exact size of `encode_firmware_update(fw, target, …)`.
inline result<std::size_t> encoded_size(const firmware_update& fw, const path& target,
                                           const encode_options& opt = {}) noexcept {
  detail::size_sink sizes;
  if (target.depth == 3) sizes.only = target.resource;
  if (auto s = detail::emit_resources(fw, opt, sizes); !s) return s.error();
  if (target.depth == 1) return entry_size(0, sizes.total);
  return sizes.total;
}

/// Encodes `fw` as the TLV Read response for `target`: /5 wraps the resources in Object Instance
/// 0, /5/0 lists them bare, /5/0/<rid> carries that one resource (which must be present).
/// Returns the bytes written.
inline result<std::size_t> encode_firmware_update(const firmware_update& fw, const path& target,
                                                     mutable_byte_view out,
                                                     const encode_options& opt = {}) noexcept {
  if (target.object != firmware_object_id || target.depth == 0 || target.depth > 3 ||
      (target.depth >= 2 && target.instance != 0)) {
    return fail(errc::invalid_value, "path", error::no_offset);
  }
  detail::size_sink sizes;
  if (target.depth == 3) sizes.only = target.resource;
  if (auto s = detail::emit_resources(fw, opt, sizes); !s) return s.error();
  if (target.depth == 3 && sizes.total == 0) {
    return fail(errc::missing_field, "resource_value", error::no_offset);
  }
  const std::size_t total = target.depth == 1 ? entry_size(0, sizes.total) : sizes.total;
  if (out.size() < total) return fail(errc::buffer_too_small, "output", 0);
  tlv_writer writer(out);
  if (target.depth == 1) {
    if (auto o = writer.open(tlv_kind::object_instance, 0, sizes.total); !o) return o.error();
  }
  detail::write_sink sink{writer, sizes.only};
  if (auto s = detail::emit_resources(fw, opt, sink); !s) return s.error();
  if (target.depth == 1) {
    if (auto c = writer.close(); !c) return c.error();
  }
  return writer.written().size();
}

}  // namespace otawire::lwm2m

#endif

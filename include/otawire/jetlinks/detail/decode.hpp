// otawire JetLinks internals: the one generic decoder of every firmware message, written once
// over the JSON layer's backends (simdjson On-Demand and Boost.JSON DOM).
//
// Acceptance rules (both backends), chosen to follow what the platform's Jackson mapper
// (`FAIL_ON_UNKNOWN_PROPERTIES=false`) accepts where the spec records it, and to stay strict
// where it does not:
// - Unknown keys are ignored (validated, skipped): `messageType`, `replyType`, `thingType`, the
//   doc's `timestampe` typo, … In particular `messageType` in a payload is NOT consulted: the
//   type comes from the topic (the bean has no setter for it, Jackson drops it).
// - `null` for a String or Map field = absent; `null` for a primitive = the Java default
//   (Jackson's behaviour for primitives: 0, false).
// - Numeric fields (`timestamp`, `size`, `progress`) accept `123` or `"123"` (Jackson coerces
//   numeric strings; the doc [J6] writes `"timestampe":"毫秒时间戳"`). Fractions are wrong_type.
//   `progress` is a Java int: beyond int32 is out_of_range; 0..100 is the validator's rule.
// - Strings must be JSON strings, booleans JSON booleans, Maps JSON objects (wrong_type).
// - Required (missing_field): `url`, `version` of UPGRADE_FIRMWARE and `version` of
//   UPGRADE_FIRMWARE_PROGRESS (§C.4 "req"/"必填"); `messageId` of the three replies, which are
//   matched to their request by it.
#ifndef OTAWIRE_JETLINKS_DETAIL_DECODE_HPP
#define OTAWIRE_JETLINKS_DETAIL_DECODE_HPP

#include <otawire/jetlinks/messages.hpp>
#include <otawire/json/common.hpp>

#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

namespace otawire::jetlinks::detail {

template <class Value>
result<bool> read_string(Value& v, std::string_view path, optional_string& out) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return is_null.error();
  if (*is_null) {
    out.reset();
    return true;
  }
  auto s = v.string(path);
  if (!s) return s.error();
  out = *s;
  return true;
}

template <class Value>
result<bool> read_object(Value& v, std::string_view path, json::raw_json& out) noexcept {
  if (v.first_byte() != '{') {  // the usual case (an object) costs one load
    auto k = v.type(path);
    if (!k) return k.error();
    if (*k == json::kind::null) {
      auto n = v.null(path);
      if (!n) return n.error();
      out = {};
      return true;
    }
    // A Java Map: anything but an object (or null) is refused (the walk validates it).
    if (*k != json::kind::object) return fail(errc::wrong_type, path, v.offset());
  }
  auto raw = v.raw(path);
  if (!raw) return raw.error();
  out = *raw;
  return true;
}

template <class Value>
result<bool> read_int64(Value& v, std::string_view path, std::int64_t& out) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return is_null.error();
  if (*is_null) {
    out = 0;
    return true;
  }
  auto n = v.int64_lenient(path);
  if (!n) return n.error();
  out = *n;
  return true;
}

template <class Value>
result<bool> read_int64(Value& v, std::string_view path, std::optional<std::int64_t>& out) noexcept {
  std::int64_t n = 0;
  auto r = read_int64(v, path, n);
  if (!r) return r.error();
  out = n;
  return true;
}

template <class Value>
result<bool> read_int32(Value& v, std::string_view path, std::int32_t& out) noexcept {
  std::int64_t n = 0;
  auto r = read_int64(v, path, n);
  if (!r) return r.error();
  auto checked = json::in_range<std::int32_t>(n, std::numeric_limits<std::int32_t>::min(),
                                              std::numeric_limits<std::int32_t>::max(), path, v.offset());
  if (!checked) return checked.error();
  out = *checked;
  return true;
}

template <class Value>
result<bool> read_bool(Value& v, std::string_view path, bool& out) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return is_null.error();
  if (*is_null) {
    out = false;
    return true;
  }
  auto b = v.boolean(path);
  if (!b) return b.error();
  out = *b;
  return true;
}

// --- the fields of each bean: true = handled, false = unknown key --------------------------

/// The keys every message bean has (`DeviceMessage`): device_message_fields and, with more,
/// device_reply_fields.
template <class Fields, class Value>
result<bool> common_field(Fields& m, json::key_view key, Value& v) noexcept {
  if (key == "code") return read_string(v, "code", m.code);
  if (key == "messageId") return read_string(v, "messageId", m.message_id);
  if (key == "deviceId") return read_string(v, "deviceId", m.device_id);
  if (key == "timestamp") return read_int64(v, "timestamp", m.timestamp);
  if (key == "headers") return read_object(v, "headers", m.headers);
  return false;
}

template <class Value>
result<bool> field(device_message_fields& m, json::key_view key, Value& v) noexcept {
  return common_field(m, key, v);
}

template <class Value>
result<bool> field(device_reply_fields& m, json::key_view key, Value& v) noexcept {
  if (key == "success") return read_bool(v, "success", m.success);
  if (key == "message") return read_string(v, "message", m.message);
  return common_field(m, key, v);
}

template <class Value>
result<bool> field(read_firmware& m, json::key_view key, Value& v) noexcept {
  return field(static_cast<device_message_fields&>(m), key, v);
}

template <class Value>
result<bool> field(read_firmware_reply& m, json::key_view key, Value& v) noexcept {
  if (key == "version") return read_string(v, "version", m.version);
  if (key == "properties") return read_object(v, "properties", m.properties);
  return field(static_cast<device_reply_fields&>(m), key, v);
}

template <class Value>
result<bool> field(report_firmware& m, json::key_view key, Value& v) noexcept {
  if (key == "version") return read_string(v, "version", m.version);
  if (key == "properties") return read_object(v, "properties", m.properties);
  return field(static_cast<device_message_fields&>(m), key, v);
}

template <class Value>
result<bool> field(request_firmware& m, json::key_view key, Value& v) noexcept {
  if (key == "currentVersion") return read_string(v, "currentVersion", m.current_version);
  if (key == "requestVersion") return read_string(v, "requestVersion", m.request_version);
  return field(static_cast<device_message_fields&>(m), key, v);
}

// url, version, parameters, sign, signMethod, firmwareId, size: shared by push and pull reply.
template <class Msg, class Value>
result<bool> firmware_field(Msg& m, json::key_view key, Value& v) noexcept {
  if (key == "url") return read_string(v, "url", m.url);
  if (key == "version") return read_string(v, "version", m.version);
  if (key == "parameters") return read_object(v, "parameters", m.parameters);
  if (key == "sign") return read_string(v, "sign", m.sign);
  if (key == "signMethod") return read_string(v, "signMethod", m.sign_method);
  if (key == "firmwareId") return read_string(v, "firmwareId", m.firmware_id);
  if (key == "size") return read_int64(v, "size", m.size);
  return false;
}

template <class Value>
result<bool> field(request_firmware_reply& m, json::key_view key, Value& v) noexcept {
  // The result is looked at, not returned by copy: g++ copies it with a wide load right after
  // the callee's narrow stores (a store-forwarding stall per key).
  if (auto own = firmware_field(m, key, v); !own) {
    return own.error();
  } else if (*own) {
    return true;
  }
  return field(static_cast<device_reply_fields&>(m), key, v);
}

template <class Value>
result<bool> field(upgrade_firmware& m, json::key_view key, Value& v) noexcept {
  if (auto own = firmware_field(m, key, v); !own) {  // looked at, not copied (see above)
    return own.error();
  } else if (*own) {
    return true;
  }
  return field(static_cast<device_message_fields&>(m), key, v);
}

template <class Value>
result<bool> field(upgrade_firmware_reply& m, json::key_view key, Value& v) noexcept {
  return field(static_cast<device_reply_fields&>(m), key, v);
}

template <class Value>
result<bool> field(upgrade_firmware_progress& m, json::key_view key, Value& v) noexcept {
  if (key == "progress") return read_int32(v, "progress", m.progress);
  if (key == "complete") return read_bool(v, "complete", m.complete);
  if (key == "version") return read_string(v, "version", m.version);
  if (key == "success") return read_bool(v, "success", m.success);
  if (key == "errorReason") return read_string(v, "errorReason", m.error_reason);
  if (key == "firmwareId") return read_string(v, "firmwareId", m.firmware_id);
  if (key == "message") return read_string(v, "message", m.message);  // the [J6] doc slip
  return field(static_cast<device_message_fields&>(m), key, v);
}

// --- required fields, checked after the whole object was walked ----------------------------

template <class Msg>
result<void> check_required(const Msg& m) noexcept {
  if constexpr (std::is_same_v<Msg, upgrade_firmware>) {
    if (!m.url) return fail(errc::missing_field, "url");
    if (!m.version) return fail(errc::missing_field, "version");
  } else if constexpr (std::is_same_v<Msg, upgrade_firmware_progress>) {
    if (!m.version) return fail(errc::missing_field, "version");
  } else if constexpr (is_reply(Msg::type)) {
    if (!m.message_id) return fail(errc::missing_field, "messageId");
  }
  return ok();
}

/// Decodes the root object of `doc` into `m` (a default-constructed message).
template <class Document, class Msg>
result<void> decode_fields(Document& doc, Msg& m) noexcept {
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> { return field(m, key, v); });
  if (!walked) return walked.error();
  return check_required(m);
}

/// Decodes the root object of `doc` as a `Msg`.
template <class Msg, class Document>
result<Msg> decode_as(Document& doc) noexcept {
  result<Msg> out{std::in_place};  // built in place, returned by name (no copy of the message)
  if (auto r = decode_fields(doc, *out); !r) out = r.error();
  return out;
}

/// Decodes the root object of `doc` as the message `type` names, in place (no copy of the
/// message on the hot path).
template <class Document>
result<void> decode_message_into(Document& doc, message_type type, message& out) noexcept {
  switch (type) {
    case message_type::read_firmware: return decode_fields(doc, out.emplace<read_firmware>());
    case message_type::read_firmware_reply: return decode_fields(doc, out.emplace<read_firmware_reply>());
    case message_type::report_firmware: return decode_fields(doc, out.emplace<report_firmware>());
    case message_type::request_firmware: return decode_fields(doc, out.emplace<request_firmware>());
    case message_type::request_firmware_reply: return decode_fields(doc, out.emplace<request_firmware_reply>());
    case message_type::upgrade_firmware: return decode_fields(doc, out.emplace<upgrade_firmware>());
    case message_type::upgrade_firmware_reply: return decode_fields(doc, out.emplace<upgrade_firmware_reply>());
    case message_type::upgrade_firmware_progress: return decode_fields(doc, out.emplace<upgrade_firmware_progress>());
  }
  return fail(errc::unknown_message, "messageType");
}

template <class Document>
result<message> decode_message(Document& doc, message_type type) noexcept {
  result<message> out{std::in_place};  // built in place, returned by name (no copy of the message)
  if (auto r = decode_message_into(doc, type, *out); !r) out = r.error();
  return out;
}

/// The sixteen spellings `MessageType.of` accepts for the firmware types: upper at 2i, lower
/// at 2i+1, i = the message_type.
inline constexpr std::array<std::string_view, 2 * message_type_count> message_type_spellings = [] {
  std::array<std::string_view, 2 * message_type_count> a{};
  for (std::size_t i = 0; i < message_type_count; ++i) {
    a[2 * i] = name(all_message_types[i]);
    a[2 * i + 1] = lower_name(all_message_types[i]);
  }
  return a;
}();

}  // namespace otawire::jetlinks::detail

#endif

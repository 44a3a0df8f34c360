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
#include <otawire/json/fields.hpp>

#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

namespace otawire::jetlinks::detail {

/// What reading one key did. An error goes to the walk's one error slot, written only when it
/// happens: a result<bool> per key came back through memory (a 64-byte object returned by
/// hidden pointer), which was most of what a field cost beyond simdjson's own work.
enum class field_read : std::uint8_t { unknown, done, failed };

[[nodiscard]] inline field_read failed(error& slot, const error& e) noexcept {
  slot = e;
  return field_read::failed;
}

template <class Value>
field_read read_string(Value& v, text_id path, optional_string& out, error& err) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return failed(err, is_null.error());
  if (*is_null) {
    out.reset();
    return field_read::done;
  }
  auto s = v.string(path);
  if (!s) return failed(err, s.error());
  out = *s;
  return field_read::done;
}

template <class Value>
field_read read_object(Value& v, text_id path, json::raw_json& out, error& err) noexcept {
  if (v.first_byte() != '{') {  // the usual case (an object) costs one load
    auto k = v.type(path);
    if (!k) return failed(err, k.error());
    if (*k == json::kind::null) {
      auto n = v.null(path);
      if (!n) return failed(err, n.error());
      out = {};
      return field_read::done;
    }
    // A Java Map: anything but an object (or null) is refused (the walk validates it).
    if (*k != json::kind::object) return failed(err, fail(errc::wrong_type, path, v.offset()));
  }
  auto raw = v.raw(path);
  if (!raw) return failed(err, raw.error());
  out = *raw;
  return field_read::done;
}

template <class Value>
field_read read_int64(Value& v, text_id path, std::int64_t& out, error& err) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return failed(err, is_null.error());
  if (*is_null) {
    out = 0;
    return field_read::done;
  }
  auto n = v.int64_lenient(path);
  if (!n) return failed(err, n.error());
  out = *n;
  return field_read::done;
}

template <class Value>
field_read read_int64(Value& v, text_id path, std::optional<std::int64_t>& out, error& err) noexcept {
  std::int64_t n = 0;
  const auto r = read_int64(v, path, n, err);
  if (r == field_read::done) out = n;
  return r;
}

template <class Value>
field_read read_int32(Value& v, text_id path, std::int32_t& out, error& err) noexcept {
  std::int64_t n = 0;
  if (const auto r = read_int64(v, path, n, err); r != field_read::done) return r;
  auto checked = json::in_range<std::int32_t>(n, std::numeric_limits<std::int32_t>::min(),
                                              std::numeric_limits<std::int32_t>::max(), path, v.offset());
  if (!checked) return failed(err, checked.error());
  out = *checked;
  return field_read::done;
}

template <class Value>
field_read read_bool(Value& v, text_id path, bool& out, error& err) noexcept {
  auto is_null = v.null(path);
  if (!is_null) return failed(err, is_null.error());
  if (*is_null) {
    out = false;
    return field_read::done;
  }
  auto b = v.boolean(path);
  if (!b) return failed(err, b.error());
  out = *b;
  return field_read::done;
}

// --- the fields of each bean: done, unknown key, or failed (the error in `err`) ------------

/// The keys every message bean has (`DeviceMessage`): device_message_fields and, with more,
/// device_reply_fields.
template <class Fields, class Value>
field_read common_field(Fields& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "code") return read_string(v, "code", m.code, err);
  if (key == "messageId") return read_string(v, "messageId", m.message_id, err);
  if (key == "deviceId") return read_string(v, "deviceId", m.device_id, err);
  if (key == "timestamp") return read_int64(v, "timestamp", m.timestamp, err);
  if (key == "headers") return read_object(v, "headers", m.headers, err);
  return field_read::unknown;
}

template <class Value>
field_read field(device_message_fields& m, json::key_view key, Value& v, error& err) noexcept {
  return common_field(m, key, v, err);
}

template <class Value>
field_read field(device_reply_fields& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "success") return read_bool(v, "success", m.success, err);
  if (key == "message") return read_string(v, "message", m.message, err);
  return common_field(m, key, v, err);
}

template <class Value>
field_read field(read_firmware& m, json::key_view key, Value& v, error& err) noexcept {
  return field(static_cast<device_message_fields&>(m), key, v, err);
}

template <class Value>
field_read field(read_firmware_reply& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "version") return read_string(v, "version", m.version, err);
  if (key == "properties") return read_object(v, "properties", m.properties, err);
  return field(static_cast<device_reply_fields&>(m), key, v, err);
}

template <class Value>
field_read field(report_firmware& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "version") return read_string(v, "version", m.version, err);
  if (key == "properties") return read_object(v, "properties", m.properties, err);
  return field(static_cast<device_message_fields&>(m), key, v, err);
}

template <class Value>
field_read field(request_firmware& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "currentVersion") return read_string(v, "currentVersion", m.current_version, err);
  if (key == "requestVersion") return read_string(v, "requestVersion", m.request_version, err);
  return field(static_cast<device_message_fields&>(m), key, v, err);
}

/// `url`: null or the download-URL rule every family shares (json/fields.hpp; the protocol's
/// own test downloads from `http://baidu.com/1.mp3` [J2]; the doc's "固件文件下载地址" is a
/// placeholder, not a URL).
template <class Value>
field_read read_url(Value& v, optional_string& out, error& err) noexcept {
  const auto r = read_string(v, "url", out, err);
  if (r == field_read::done && out && !json::fields::is_download_url(*out)) {
    return failed(err, fail(errc::invalid_value, "url", v.offset()));
  }
  return r;
}

// url, version, parameters, sign, signMethod, firmwareId, size: shared by push and pull reply.
template <class Msg, class Value>
field_read firmware_field(Msg& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "url") return read_url(v, m.url, err);
  if (key == "version") return read_string(v, "version", m.version, err);
  if (key == "parameters") return read_object(v, "parameters", m.parameters, err);
  if (key == "sign") return read_string(v, "sign", m.sign, err);
  if (key == "signMethod") return read_string(v, "signMethod", m.sign_method, err);
  if (key == "firmwareId") return read_string(v, "firmwareId", m.firmware_id, err);
  if (key == "size") return read_int64(v, "size", m.size, err);
  return field_read::unknown;
}

template <class Value>
field_read field(request_firmware_reply& m, json::key_view key, Value& v, error& err) noexcept {
  if (const auto own = firmware_field(m, key, v, err); own != field_read::unknown) return own;
  return field(static_cast<device_reply_fields&>(m), key, v, err);
}

template <class Value>
field_read field(upgrade_firmware& m, json::key_view key, Value& v, error& err) noexcept {
  if (const auto own = firmware_field(m, key, v, err); own != field_read::unknown) return own;
  return field(static_cast<device_message_fields&>(m), key, v, err);
}

template <class Value>
field_read field(upgrade_firmware_reply& m, json::key_view key, Value& v, error& err) noexcept {
  return field(static_cast<device_reply_fields&>(m), key, v, err);
}

template <class Value>
field_read field(upgrade_firmware_progress& m, json::key_view key, Value& v, error& err) noexcept {
  if (key == "progress") return read_int32(v, "progress", m.progress, err);
  if (key == "complete") return read_bool(v, "complete", m.complete, err);
  if (key == "version") return read_string(v, "version", m.version, err);
  if (key == "success") return read_bool(v, "success", m.success, err);
  if (key == "errorReason") return read_string(v, "errorReason", m.error_reason, err);
  if (key == "firmwareId") return read_string(v, "firmwareId", m.firmware_id, err);
  if (key == "message") return read_string(v, "message", m.message, err);  // the [J6] doc slip
  return field(static_cast<device_message_fields&>(m), key, v, err);
}

// --- required fields, checked after the whole object was walked ----------------------------

/// `sign` of a method that names a digest (`md5`, `sha256`, any case) is that digest's hex, the
/// rule every family shares (json/fields.hpp); `signMethod` is free text [J1], so the sign of any
/// other method is opaque. Checked after the walk: `signMethod` may follow `sign`.
template <class Msg>
result<void> check_sign(const Msg& m) noexcept {
  if (!m.sign || !m.sign_method) return ok();
  const auto method = json::fields::digest_method_of(*m.sign_method);
  if (method != json::fields::digest_method::unknown && !json::fields::is_digest_hex(*m.sign, method)) {
    return fail(errc::bad_string, "sign");
  }
  return ok();
}

template <class Msg>
result<void> check_required(const Msg& m) noexcept {
  if constexpr (std::is_same_v<Msg, upgrade_firmware>) {
    if (!m.url) return fail(errc::missing_field, "url");
    if (!m.version) return fail(errc::missing_field, "version");
    return check_sign(m);
  } else if constexpr (std::is_same_v<Msg, request_firmware_reply>) {
    if (!m.message_id) return fail(errc::missing_field, "messageId");
    return check_sign(m);
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
  error err;  // written only when a field fails
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    switch (field(m, key, v, err)) {
      case field_read::done: return true;
      case field_read::unknown: return false;
      case field_read::failed: break;
    }
    return err;
  });
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

/// Makes `out` hold the (empty) message `type` names and returns `fill(that message)`, or
/// `otherwise()` for a value outside the enum. The one place a message type becomes its
/// alternative: the generic walk and the fast path both decode through it.
template <class Fill, class Otherwise>
OTAWIRE_JSON_INLINE auto with_message_of_type(message_type type, message& out, Fill&& fill, Otherwise&& otherwise) noexcept {
  switch (type) {
    case message_type::read_firmware: return fill(out.emplace<read_firmware>());
    case message_type::read_firmware_reply: return fill(out.emplace<read_firmware_reply>());
    case message_type::report_firmware: return fill(out.emplace<report_firmware>());
    case message_type::request_firmware: return fill(out.emplace<request_firmware>());
    case message_type::request_firmware_reply: return fill(out.emplace<request_firmware_reply>());
    case message_type::upgrade_firmware: return fill(out.emplace<upgrade_firmware>());
    case message_type::upgrade_firmware_reply: return fill(out.emplace<upgrade_firmware_reply>());
    case message_type::upgrade_firmware_progress: return fill(out.emplace<upgrade_firmware_progress>());
  }
  return otherwise();
}

/// Decodes the root object of `doc` as the message `type` names, in place (no copy of the
/// message on the hot path).
template <class Document>
result<void> decode_message_into(Document& doc, message_type type, message& out) noexcept {
  return with_message_of_type(
      type, out, [&](auto& m) { return decode_fields(doc, m); },
      [] { return result<void>(fail(errc::unknown_message, "messageType")); });
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

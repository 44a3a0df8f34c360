// otawire JetLinks internals: the fields of every firmware message, declared once
// (json/declare.hpp) for the generic walk over both backends and the simdjson fast path.
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
//   matched to their request by it. A `null` there is no value, so it is missing too.
#ifndef OTAWIRE_JETLINKS_DETAIL_DECODE_HPP
#define OTAWIRE_JETLINKS_DETAIL_DECODE_HPP

#include <otawire/jetlinks/messages.hpp>
#include <otawire/json/declare.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>

namespace otawire::jetlinks::detail {

/// Every field is a Java bean property: `null` is no value (json/declare.hpp `nullable`).
inline constexpr json::field_options java = json::nullable;
/// A Java number: `123` or `"123"` (Jackson coerces numeric strings).
inline constexpr json::field_options java_number = json::nullable | json::lenient;

// `CommonDeviceMessage` and `CommonDeviceMessageReply`, in the order Jackson writes them.
inline constexpr auto message_fields = json::field_list(
    json::field("headers", &device_message_fields::headers, java), json::field("code", &device_message_fields::code, java),
    json::field("messageId", &device_message_fields::message_id, java),
    json::field("deviceId", &device_message_fields::device_id, java),
    json::field("timestamp", &device_message_fields::timestamp, java_number));
inline constexpr auto reply_fields = json::field_list(
    json::field("headers", &device_reply_fields::headers, java), json::defaulted(json::field("success", &device_reply_fields::success, java)),
    json::field("code", &device_reply_fields::code, java), json::field("message", &device_reply_fields::message, java),
    json::required(json::field("messageId", &device_reply_fields::message_id, java)),
    json::field("deviceId", &device_reply_fields::device_id, java),
    json::field("timestamp", &device_reply_fields::timestamp, java_number));

/// The firmware of a push (`Push`: `url` and `version` required) or of a pull reply. `url` is null
/// or follows the download-URL rule every family shares (json/fields.hpp; the protocol's own test
/// downloads from `http://baidu.com/1.mp3` [J2]; the doc's "固件文件下载地址" is a placeholder).
template <class M, bool Push>
inline constexpr auto firmware_fields = json::field_list(
    json::required_if<Push>(json::field("url", &M::url, json::download_url, java)),
    json::required_if<Push>(json::field("version", &M::version, java)), json::field("parameters", &M::parameters, java),
    json::field("sign", &M::sign, java), json::field("signMethod", &M::sign_method, java),
    json::field("firmwareId", &M::firmware_id, java), json::defaulted(json::field("size", &M::size, java_number)));

template <class M>
inline constexpr auto version_fields =
    json::field_list(json::field("version", &M::version, java), json::field("properties", &M::properties, java));

template <class M, class... F>
consteval auto root(std::tuple<F...> fields) {
  return json::object<M>("", fields);
}

/// The declaration of message `T` (one of the eight; the primary template is never used).
template <class T>
inline constexpr auto fields_of = 0;
template <>
inline constexpr auto fields_of<read_firmware> = root<read_firmware>(message_fields);
template <>
inline constexpr auto fields_of<read_firmware_reply> =
    root<read_firmware_reply>(std::tuple_cat(reply_fields, version_fields<read_firmware_reply>));
template <>
inline constexpr auto fields_of<report_firmware> =
    root<report_firmware>(std::tuple_cat(message_fields, version_fields<report_firmware>));
template <>
inline constexpr auto fields_of<request_firmware> = root<request_firmware>(std::tuple_cat(
    message_fields, json::field_list(json::field("currentVersion", &request_firmware::current_version, java),
                                     json::field("requestVersion", &request_firmware::request_version, java))));
template <>
inline constexpr auto fields_of<request_firmware_reply> = root<request_firmware_reply>(
    std::tuple_cat(reply_fields, firmware_fields<request_firmware_reply, false>));
template <>
inline constexpr auto fields_of<upgrade_firmware> =
    root<upgrade_firmware>(std::tuple_cat(message_fields, firmware_fields<upgrade_firmware, true>));
template <>
inline constexpr auto fields_of<upgrade_firmware_reply> = root<upgrade_firmware_reply>(reply_fields);
template <>
inline constexpr auto fields_of<upgrade_firmware_progress> = root<upgrade_firmware_progress>(std::tuple_cat(
    message_fields,
    json::field_list(json::defaulted(json::field("progress", &upgrade_firmware_progress::progress, java_number)),
                     json::defaulted(json::field("complete", &upgrade_firmware_progress::complete, java)),
                     json::required(json::field("version", &upgrade_firmware_progress::version, java)),
                     json::defaulted(json::field("success", &upgrade_firmware_progress::success, java)),
                     json::field("errorReason", &upgrade_firmware_progress::error_reason, java),
                     json::field("firmwareId", &upgrade_firmware_progress::firmware_id, java),
                     // The [J6] doc slip: accepted, never written (the bean has no such field).
                     json::field("message", &upgrade_firmware_progress::message, java | json::decode_only))));

/// `sign` of a method that names a digest (`md5`, `sha256`, any case) is that digest's hex, the
/// rule every family shares (json/fields.hpp); `signMethod` is free text [J1], so the sign of any
/// other method is opaque. Checked after the walk: `signMethod` may follow `sign`.
template <class Msg>
result<void> check_sign(const Msg& m) noexcept {
  if constexpr (requires { m.sign_method; }) {
    if (!m.sign || !m.sign_method) return ok();
    const auto method = json::fields::digest_method_of(*m.sign_method);
    if (method != json::fields::digest_method::unknown && !json::fields::is_digest_hex(*m.sign, method)) {
      return fail(errc::bad_string, "sign");
    }
  }
  return ok();
}

/// Decodes the root object of `doc` into `m` (a default-constructed message).
template <class Document, class Msg>
result<void> decode_fields(Document& doc, Msg& m) noexcept {
  if (auto r = json::read_object(doc, m, fields_of<Msg>); !r) return r;
  return check_sign(m);
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

/// The fast path for a message of type `type`, into `out`; false: the generic walk decides
/// (`out` then holds a partial message, which the generic walk replaces).
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, message_type type, message& out) noexcept {
  return with_message_of_type(
      type, out, [&](auto& m) { return json::fast_read_object(doc, m, fields_of<std::remove_cvref_t<decltype(m)>>) && check_sign(m).has_value(); },
      [] { return false; });
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

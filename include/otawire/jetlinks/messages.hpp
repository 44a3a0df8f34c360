// otawire JetLinks: the eight firmware messages of jetlinks-core, as sent on the official MQTT
// protocol (spec: shared/spec/json-messages.md §C).
//
// Field model. Each struct mirrors a jetlinks-core bean (§C.3): every message has the fields of
// `CommonDeviceMessage` (`code`, `messageId`, `deviceId`, `timestamp`, `headers`), every reply
// those of `CommonDeviceMessageReply` (adds `success`, default true, and `message`).
// - Java `String` fields are `std::optional<std::string_view>`: absent and JSON `null` are both
//   "no value" (Jackson, NON_NULL, never writes them), `""` is a present, empty string.
// - Java `Map<String, Object>` fields (`headers`, `properties`, `parameters`) are kept exactly as
//   sent, as a `json::raw_json` view (no copy on the simdjson path); they must be JSON objects.
// - Java primitives (`size`, `progress`, `complete`, `success`) always have a value: the bean's
//   default when absent. `timestamp` is optional: a bean that got none is stamped "now" by the
//   platform, which a codec cannot reproduce, so absence is kept visible.
//
// Lifetime. Decoded strings and raw values are views: into the `json::parser`'s buffer (fast
// path; valid until that parser decodes the next message), into the caller's padded input (zero
// copy fast path), or into the caller's `boost::json::value` (DOM path).
#ifndef OTAWIRE_JETLINKS_MESSAGES_HPP
#define OTAWIRE_JETLINKS_MESSAGES_HPP

#include <otawire/contract.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/dom.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::jetlinks {

/// The firmware constants of jetlinks-core `MessageType`, in source order (§C.2).
enum class message_type : std::uint8_t {
  read_firmware,
  read_firmware_reply,
  report_firmware,
  request_firmware,
  request_firmware_reply,
  upgrade_firmware,
  upgrade_firmware_reply,
  upgrade_firmware_progress,
};

/// How many firmware message types there are.
inline constexpr std::size_t message_type_count = 8;

/// Every `message_type`, in source order (for iterating over them).
inline constexpr std::array<message_type, message_type_count> all_message_types{
    message_type::read_firmware,          message_type::read_firmware_reply,
    message_type::report_firmware,        message_type::request_firmware,
    message_type::request_firmware_reply, message_type::upgrade_firmware,
    message_type::upgrade_firmware_reply, message_type::upgrade_firmware_progress,
};

/// The `MessageType` enum name, as `toJson()` writes it in `"messageType"` (§C.2).
[[nodiscard]] constexpr std::string_view name(message_type t) noexcept {
  switch (t) {
    case message_type::read_firmware: return "READ_FIRMWARE";
    case message_type::read_firmware_reply: return "READ_FIRMWARE_REPLY";
    case message_type::report_firmware: return "REPORT_FIRMWARE";
    case message_type::request_firmware: return "REQUEST_FIRMWARE";
    case message_type::request_firmware_reply: return "REQUEST_FIRMWARE_REPLY";
    case message_type::upgrade_firmware: return "UPGRADE_FIRMWARE";
    case message_type::upgrade_firmware_reply: return "UPGRADE_FIRMWARE_REPLY";
    case message_type::upgrade_firmware_progress: return "UPGRADE_FIRMWARE_PROGRESS";
  }
  return "";
}

/// The all-lower spelling `MessageType.of` also accepts.
[[nodiscard]] constexpr std::string_view lower_name(message_type t) noexcept {
  switch (t) {
    case message_type::read_firmware: return "read_firmware";
    case message_type::read_firmware_reply: return "read_firmware_reply";
    case message_type::report_firmware: return "report_firmware";
    case message_type::request_firmware: return "request_firmware";
    case message_type::request_firmware_reply: return "request_firmware_reply";
    case message_type::upgrade_firmware: return "upgrade_firmware";
    case message_type::upgrade_firmware_reply: return "upgrade_firmware_reply";
    case message_type::upgrade_firmware_progress: return "upgrade_firmware_progress";
  }
  return "";
}

/// `MessageType.of(name)` for the firmware constants: exactly the all-upper or the all-lower
/// spelling (`mapping.put(name.toLowerCase())`, `put(name.toUpperCase())`); mixed case is not
/// a JetLinks spelling.
[[nodiscard]] constexpr std::optional<message_type> parse_message_type(std::string_view s) noexcept {
  for (const auto t : all_message_types) {
    if (s == name(t) || s == lower_name(t)) return t;
  }
  return std::nullopt;
}

/// Who sends each message on the official MQTT protocol (§C.1; the doc's "下行" label on
/// `/firmware/report` is a doc error: the codec and the platform treat it as upstream).
[[nodiscard]] constexpr direction direction_of(message_type t) noexcept {
  switch (t) {
    case message_type::read_firmware:
    case message_type::request_firmware_reply:
    case message_type::upgrade_firmware: return direction::platform_to_device;
    default: return direction::device_to_platform;
  }
}

/// Whether `t` answers a request (and so echoes its `messageId`).
[[nodiscard]] constexpr bool is_reply(message_type t) noexcept {
  return t == message_type::read_firmware_reply || t == message_type::request_firmware_reply ||
         t == message_type::upgrade_firmware_reply;
}

/// A Java `String` field: absent and JSON `null` are both "no value"; `""` is a value.
using optional_string = std::optional<std::string_view>;

/// `CommonDeviceMessage` (+ `GenericHeaderSupport.headers`).
struct device_message_fields {
  /// `code`: an error or business code, free text.
  optional_string code;
  /// `messageId`: pairs a reply with its request.
  optional_string message_id;
  /// Overwritten from the MQTT topic when decoded with one, as the platform does (§C.4).
  optional_string device_id;
  /// `timestamp`: milliseconds since the epoch; absent when the sender sent none.
  std::optional<std::int64_t> timestamp;
  /// `headers`, as sent (a JSON object or empty).
  json::raw_json headers;
};

/// `CommonDeviceMessageReply` (+ `GenericHeaderSupport.headers`).
struct device_reply_fields {
  /// `success`: true unless the device says the request failed (default true, as in the bean).
  bool success = true;
  /// `code`: the failure code when `success` is false.
  optional_string code;
  /// `message`: the failure text when `success` is false.
  optional_string message;
  /// `messageId`: the id of the request this reply answers.
  optional_string message_id;
  /// `deviceId`: overwritten from the MQTT topic when decoded with one, as the platform does.
  optional_string device_id;
  /// `timestamp`: milliseconds since the epoch; absent when the sender sent none.
  std::optional<std::int64_t> timestamp;
  /// `headers`, as sent (a JSON object or empty).
  json::raw_json headers;
};

/// `READ_FIRMWARE`, platform → device, `/firmware/read`. No fields of its own.
struct read_firmware : device_message_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::read_firmware;
};

/// `READ_FIRMWARE_REPLY`, device → platform, `/firmware/read/reply`.
struct read_firmware_reply : device_reply_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::read_firmware_reply;
  /// The firmware version the device runs.
  optional_string version;
  /// `properties`: the device's other firmware properties, as sent.
  json::raw_json properties;
};

/// `REPORT_FIRMWARE`, device → platform, `/firmware/report`.
struct report_firmware : device_message_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::report_firmware;
  /// The firmware version the device runs.
  optional_string version;
  /// `properties`: the device's other firmware properties, as sent.
  json::raw_json properties;
};

/// `REQUEST_FIRMWARE` (pull), device → platform, `/firmware/pull`.
struct request_firmware : device_message_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::request_firmware;
  optional_string current_version;  ///< "currentVersion": may be null
  optional_string request_version;  ///< "requestVersion": null or "" = the latest
};

/// `REQUEST_FIRMWARE_REPLY` (pull reply), platform → device, `/firmware/pull/reply`.
/// `success=false, code="not_found"` when there is no firmware (§C.5).
struct request_firmware_reply : device_reply_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::request_firmware_reply;
  /// Where to download the firmware (required when `success`).
  optional_string url;
  /// The firmware's version (required when `success`).
  optional_string version;
  /// `parameters`: extra upgrade parameters, as sent.
  json::raw_json parameters;
  /// `sign`: the firmware's digest, hex, by `sign_method`.
  optional_string sign;
  optional_string sign_method;  ///< "signMethod": md5, sha256 (opaque)
  optional_string firmware_id;  ///< "firmwareId", @since 1.1.4
  std::int64_t size = 0;        ///< @since 1.1.5; always emitted, 0 if unknown
};

/// `UPGRADE_FIRMWARE` (push), platform → device, `/firmware/upgrade`.
struct upgrade_firmware : device_message_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::upgrade_firmware;
  optional_string url;      ///< Where to download the firmware (required)
  optional_string version;  ///< The version the firmware installs (required)
  /// `parameters`: extra upgrade parameters, as sent.
  json::raw_json parameters;
  /// `sign`: the firmware's digest, hex, by `sign_method`.
  optional_string sign;
  /// `signMethod`: md5 or sha256 (other values are opaque).
  optional_string sign_method;
  /// `firmwareId`: the platform's id of this firmware, echoed by progress reports.
  optional_string firmware_id;
  /// `size`: the firmware's size in bytes (0 when unknown).
  std::int64_t size = 0;
};

/// `UPGRADE_FIRMWARE_REPLY`, device → platform, `/firmware/upgrade/reply` (protocol v3, v3.1).
struct upgrade_firmware_reply : device_reply_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::upgrade_firmware_reply;
};

/// `UPGRADE_FIRMWARE_PROGRESS`, device → platform, `/firmware/upgrade/progress`.
struct upgrade_firmware_progress : device_message_fields {
  /// The message type, for generic code (`T::type`).
  static constexpr message_type type = message_type::upgrade_firmware_progress;
  std::int32_t progress = 0;  ///< Java `int`; the validator checks 0..100
  /// `complete`: the upgrade finished (successfully or not: see `success`).
  bool complete = false;
  optional_string version;  ///< The version being installed (required, doc [J6]: 必填)
  /// Java `boolean` with no initialiser: a progress message WITHOUT "success" is a failure to
  /// the platform (unlike replies, whose `success` defaults to true).
  bool success = false;
  optional_string error_reason;  ///< "errorReason"
  /// `firmwareId`: the firmware of the upgrade, as pushed.
  optional_string firmware_id;
  /// Doc slip [J6]: the platform-level example sends the failure text as "message", but the
  /// bean has no such property (Jackson drops it; the reason is lost on the platform). We keep
  /// it here, separately, so it is not lost and can be flagged; it never becomes
  /// `error_reason`, and the encoder (strict: the reference never writes it) omits it.
  optional_string message;
};

/// Any of the eight, indexed like `message_type`.
using message = std::variant<read_firmware, read_firmware_reply, report_firmware, request_firmware,
                             request_firmware_reply, upgrade_firmware, upgrade_firmware_reply,
                             upgrade_firmware_progress>;

/// Whether `T` is one of the eight message structs (true for each of them).
template <class T>
struct is_message : std::false_type {};
template <>
struct is_message<read_firmware> : std::true_type {};
template <>
struct is_message<read_firmware_reply> : std::true_type {};
template <>
struct is_message<report_firmware> : std::true_type {};
template <>
struct is_message<request_firmware> : std::true_type {};
template <>
struct is_message<request_firmware_reply> : std::true_type {};
template <>
struct is_message<upgrade_firmware> : std::true_type {};
template <>
struct is_message<upgrade_firmware_reply> : std::true_type {};
template <>
struct is_message<upgrade_firmware_progress> : std::true_type {};

/// One of the eight message structs: what `encode`, `check` and `decode_as` accept.
template <class T>
concept firmware_message = is_message<T>::value;

/// Which of the eight messages `m` holds.
[[nodiscard]] inline message_type type_of(const message& m) noexcept {
  return static_cast<message_type>(m.index());
}

/// The `messageId` of `m`, whatever the alternative.
[[nodiscard]] inline optional_string message_id_of(const message& m) noexcept {
  return std::visit([](const auto& x) { return x.message_id; }, m);
}
/// The `deviceId` of `m`, whatever the alternative.
[[nodiscard]] inline optional_string device_id_of(const message& m) noexcept {
  return std::visit([](const auto& x) { return x.device_id; }, m);
}

namespace detail {
// Raw values compare by JSON content (either backend's form); both absent is equal.
[[nodiscard]] inline bool raw_equal(const json::raw_json& a, const json::raw_json& b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty();
  return json::equivalent(a, b);
}
[[nodiscard]] inline bool common_equal(const device_message_fields& a, const device_message_fields& b) {
  return a.code == b.code && a.message_id == b.message_id && a.device_id == b.device_id &&
         a.timestamp == b.timestamp && raw_equal(a.headers, b.headers);
}
[[nodiscard]] inline bool common_equal(const device_reply_fields& a, const device_reply_fields& b) {
  return a.success == b.success && a.code == b.code && a.message == b.message && a.message_id == b.message_id &&
         a.device_id == b.device_id && a.timestamp == b.timestamp && raw_equal(a.headers, b.headers);
}
}  // namespace detail

///@{
/// Field-wise equality; raw values compare by JSON content, so a simdjson decode and a DOM
/// decode of the same text compare equal.
[[nodiscard]] inline bool operator==(const read_firmware& a, const read_firmware& b) {
  return detail::common_equal(a, b);
}
[[nodiscard]] inline bool operator==(const read_firmware_reply& a, const read_firmware_reply& b) {
  return detail::common_equal(a, b) && a.version == b.version && detail::raw_equal(a.properties, b.properties);
}
[[nodiscard]] inline bool operator==(const report_firmware& a, const report_firmware& b) {
  return detail::common_equal(a, b) && a.version == b.version && detail::raw_equal(a.properties, b.properties);
}
[[nodiscard]] inline bool operator==(const request_firmware& a, const request_firmware& b) {
  return detail::common_equal(a, b) && a.current_version == b.current_version && a.request_version == b.request_version;
}
[[nodiscard]] inline bool operator==(const request_firmware_reply& a, const request_firmware_reply& b) {
  return detail::common_equal(a, b) && a.url == b.url && a.version == b.version &&
         detail::raw_equal(a.parameters, b.parameters) && a.sign == b.sign && a.sign_method == b.sign_method &&
         a.firmware_id == b.firmware_id && a.size == b.size;
}
[[nodiscard]] inline bool operator==(const upgrade_firmware& a, const upgrade_firmware& b) {
  return detail::common_equal(a, b) && a.url == b.url && a.version == b.version &&
         detail::raw_equal(a.parameters, b.parameters) && a.sign == b.sign && a.sign_method == b.sign_method &&
         a.firmware_id == b.firmware_id && a.size == b.size;
}
[[nodiscard]] inline bool operator==(const upgrade_firmware_reply& a, const upgrade_firmware_reply& b) {
  return detail::common_equal(a, b);
}
[[nodiscard]] inline bool operator==(const upgrade_firmware_progress& a, const upgrade_firmware_progress& b) {
  return detail::common_equal(a, b) && a.progress == b.progress && a.complete == b.complete &&
         a.version == b.version && a.success == b.success && a.error_reason == b.error_reason &&
         a.firmware_id == b.firmware_id && a.message == b.message;
}
///@}

}  // namespace otawire::jetlinks

#endif

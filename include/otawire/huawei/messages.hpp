// otawire::huawei — the message types of Huawei Cloud IoTDA's MQTT software/firmware upgrade
// (the `$ota` system events on `$oc/devices/{device_id}/sys/events/down|up`).
//
// Facts: shared/spec/huawei-alibaba-json.md §A. One MQTT message is an *envelope*
// (`object_device_id`, `services[]`); each `services[]` element is one *event* (`service_id`,
// `event_type`, `event_time`, `paras`). A message may carry several events: they are decoded into
// a bounded, allocation-free array (`message::events()`), see `max_services`.
//
// Lifetime: every `std::string_view` and `json::raw_json` in these types is a view. After a
// fast-path decode they point into the text being decoded (the parser's copy of it for
// an `otawire::mqtt_publish` or a `std::string_view` payload, the caller's padded input for the zero-copy overload) or,
// for strings that contained escapes, into the parser's string buffers: they stay valid until
// that parser decodes the next message (and, zero-copy, while the input lives). After a DOM
// decode they point into the caller's `boost::json::value`.
#ifndef OTAWIRE_HUAWEI_MESSAGES_HPP
#define OTAWIRE_HUAWEI_MESSAGES_HPP

#include <otawire/contract.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/dom.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace otawire::huawei {

/// The only `service_id` of the OTA events (§A.2).
inline constexpr std::string_view ota_service_id = "$ota";

/// The `event_type` of a `$ota` event (§A.3), plus `other_service` for an event of another
/// system service (`$time_sync`, `$sub_device_manager`, …) that shares the events topics: it is
/// kept as sent (its `paras` raw) and ignored by the validator.
enum class event_kind : std::uint8_t {
  version_query,
  version_report,
  firmware_upgrade,
  software_upgrade,
  firmware_upgrade_v2,
  software_upgrade_v2,
  upgrade_progress_report,
  other_service,
};

/// The wire names of the `$ota` event types, indexed by `event_kind` (exact match: the C SDK
/// compares with `strcmp`, §A.7).
inline constexpr std::array<std::string_view, 7> event_type_names{
    "version_query",       "version_report",      "firmware_upgrade",        "software_upgrade",
    "firmware_upgrade_v2", "software_upgrade_v2", "upgrade_progress_report",
};

/// The `event_type` as the wire spells it (`other_service` for another service's event).
[[nodiscard]] constexpr std::string_view name(event_kind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < event_type_names.size() ? event_type_names[i] : std::string_view("other_service");
}

/// The `event_kind` of a `$ota` event type name, if it is one.
[[nodiscard]] constexpr std::optional<event_kind> ota_event_kind(std::string_view type) noexcept {
  for (std::size_t i = 0; i < event_type_names.size(); ++i) {
    if (event_type_names[i] == type) return static_cast<event_kind>(i);
  }
  return std::nullopt;
}

/// Where an event may travel (§A.1): queries and upgrade notifications go down, reports up.
[[nodiscard]] constexpr std::optional<direction> direction_of(event_kind k) noexcept {
  switch (k) {
    case event_kind::version_report:
    case event_kind::upgrade_progress_report: return direction::device_to_platform;
    case event_kind::other_service: return std::nullopt;
    default: return direction::platform_to_device;
  }
}

/// Whether `k` offers a package (firmware or software, v1 or v2).
[[nodiscard]] constexpr bool is_upgrade(event_kind k) noexcept {
  return k == event_kind::firmware_upgrade || k == event_kind::software_upgrade ||
         k == event_kind::firmware_upgrade_v2 || k == event_kind::software_upgrade_v2;
}
/// `*_v2`: the package is an object in the user's OBS; its download carries no Authorization
/// header and its `sign` may be absent (§A.3.4).
[[nodiscard]] constexpr bool is_v2(event_kind k) noexcept {
  return k == event_kind::firmware_upgrade_v2 || k == event_kind::software_upgrade_v2;
}
/// Whether `k` upgrades firmware (rather than software).
[[nodiscard]] constexpr bool is_firmware(event_kind k) noexcept {
  return k == event_kind::firmware_upgrade || k == event_kind::firmware_upgrade_v2;
}

/// A calendar time in UTC, as `event_time` writes it (`yyyyMMdd'T'HHmmss'Z'`).
struct utc_time {
  /// Year, four digits.
  std::uint16_t year = 1970;
  ///@{
  /// Month 1–12, day 1–31, hour 0–23, minute and second 0–59.
  std::uint8_t month = 1, day = 1, hour = 0, minute = 0, second = 0;
  ///@}
  [[nodiscard]] friend constexpr bool operator==(const utc_time&, const utc_time&) noexcept = default;
};

/// `services[].event_time` as sent. `utc` is set when the text is a valid
/// `yyyyMMdd'T'HHmmss'Z'` time. Platform → device events always carry that form (the decoder
/// rejects anything else there); device → platform events may not: the Python SDK sends local
/// time as `2024-07-26T11:42:52Z`, and the platform then uses its receive time (§A.2, §A.6) — so
/// such a text is kept with `utc` empty instead of being refused.
struct event_time {
  /// The text as sent, whatever its form.
  std::string_view text;
  /// The time, when the text is the platform's `yyyyMMdd'T'HHmmss'Z'` form.
  std::optional<utc_time> utc;
  [[nodiscard]] friend constexpr bool operator==(const event_time&, const event_time&) noexcept = default;
};

/// Whether `paras` was an object, `null` or absent — `version_query` may send any of them (the
/// platform sends `"paras":null`, §A.2); encoders reproduce it.
enum class paras_form : std::uint8_t { object, null, absent };

/// `version_query` paras (§A.3.1), all optional (gateway batch tasks).
struct version_query {
  /// Whether `paras` was an object, `null` or absent.
  paras_form form = paras_form::object;
  /// The gateway batch task this query belongs to.
  std::optional<std::string_view> task_id;
  std::optional<std::int64_t> sub_device_count;  ///< `2` or `"2"` (the Go SDK types it string)
  json::raw_json task_ext_info;                  ///< an object (Python: also a string), kept as sent
};

/// `version_report` paras (§A.3.2): either key may be absent (or `null`); the encoder requires at
/// least one, as the C SDK does.
struct version_report {
  /// The software version the device runs, when it reports one.
  std::optional<std::string_view> sw_version;
  /// The firmware version the device runs, when it reports one.
  std::optional<std::string_view> fw_version;
  [[nodiscard]] friend constexpr bool operator==(const version_report&, const version_report&) noexcept = default;
};

/// `firmware_upgrade`, `software_upgrade` and their `_v2` forms (§A.3.3, §A.3.4): the event's
/// `event_kind` says which. `sign` is the package's SHA-256 as 64 hex digits (either case on
/// decode): required for v1, optional for v2.
struct upgrade_notification {
  /// The version the package installs; the device reports it when done.
  std::string_view version;
  /// Where to download the package (http or https).
  std::string_view url;
  /// Package size in bytes.
  std::int64_t file_size = 0;
  std::optional<std::string_view> file_name;     ///< absent in the 2022 platform capture
  std::optional<std::string_view> access_token;  ///< v1 only in practice
  std::optional<std::int64_t> expires;           ///< seconds (86400 in every capture)
  /// SHA-256 of the package as 64 hex digits: verify the download against it.
  std::optional<std::string_view> sign;
  /// Free text the user attached to the upgrade task.
  std::optional<std::string_view> custom_info;
  /// The gateway batch task this upgrade belongs to.
  std::optional<std::string_view> task_id;
  std::optional<std::int64_t> sub_device_count;  ///< `2` or `"2"`
  /// Extra task information, kept as sent.
  json::raw_json task_ext_info;
};

/// `upgrade_progress_report` paras (§A.3.5). `result_code`: 0 success, 1–10 and 255 the failures
/// of §A.4; other integers are decoded (the Java/Python SDKs let users extend the codes) but the
/// encoder refuses them, as the C SDK does. `progress` 0–100.
struct progress_report {
  /// 0 success; the failure codes of `result_code` (§A.4).
  std::int32_t result_code = 0;
  /// Percentage 0–100, when the device reports one.
  std::optional<std::int32_t> progress;
  /// The device's current version; on success, the target version.
  std::string_view version;
  /// Free text: the state, or why the upgrade failed.
  std::optional<std::string_view> description;
  [[nodiscard]] friend constexpr bool operator==(const progress_report&, const progress_report&) noexcept = default;
};

/// The result codes of §A.4.
enum class result_code : std::int32_t {
  success = 0,           ///< processed successfully
  busy = 1,              ///< the device is in use
  signal_bad = 2,        ///< poor signal quality
  no_need = 3,           ///< already on the target version
  low_power = 4,         ///< low battery
  low_space = 5,         ///< not enough storage for the package
  download_timeout = 6,  ///< the download timed out
  check_fail = 7,        ///< the package failed verification
  unknown_type = 8,      ///< unsupported package type
  low_memory = 9,        ///< not enough memory
  install_fail = 10,     ///< installing the package failed
  inner_error = 255,     ///< internal error
};

/// Whether `code` is in the table of §A.4 (0–10, 255).
[[nodiscard]] constexpr bool is_known_result_code(std::int64_t code) noexcept {
  return (code >= 0 && code <= 10) || code == 255;
}
/// Codes a device may report before downloading anything, when it refuses the upgrade
/// (§A.8 rule 3: busy, bad signal, already latest, low power, low space, unsupported type, low
/// memory).
[[nodiscard]] constexpr bool is_refusal_code(std::int64_t code) noexcept {
  return (code >= 1 && code <= 5) || code == 8 || code == 9;
}

/// An event of another service, kept as sent.
struct other_service_event {
  /// The event's `paras` as sent.
  json::raw_json paras;
};

/// One `services[]` element.
struct event {
  /// Which event this is (`other_service` for another service's).
  event_kind kind = event_kind::version_query;
  /// `$ota` for every OTA event.
  std::string_view service_id = ota_service_id;
  /// The wire `event_type`, kept for other services' events.
  std::string_view event_type = event_type_names[0];  // the wire name (needed for other_service)
  /// `event_time`, when sent.
  std::optional<event_time> time;
  std::optional<std::string_view> event_id;  ///< not documented for `$ota`; Python/Java send null
  /// The `paras`: the alternative matching `kind`.
  std::variant<version_query, version_report, upgrade_notification, progress_report, other_service_event> paras;

  template <class T>
  /// The `paras` as `T`, or null when the event carries another kind.
  [[nodiscard]] const T* get() const noexcept {
    return std::get_if<T>(&paras);
  }
};

/// More `services[]` elements than this are refused (`out_of_range` at `services`). The C SDK
/// refuses more than 3 (`MAX_EVENT_COUNT`, §A.2); the platform sends one. The bound keeps decoding
/// free of allocation: events live in a fixed array inside the message.
inline constexpr std::size_t max_services = 4;

/// One MQTT message of the events topics.
struct message {
  /// The gateway's child device this message is about; absent means the topic's device.
  std::optional<std::string_view> object_device_id;
  /// The events, in order; only the first `count` are set.
  std::array<event, max_services> storage{};
  /// How many events the message carries.
  std::size_t count = 0;

  /// The decoded `services[]`, in order.
  [[nodiscard]] std::span<const event> events() const noexcept { return {storage.data(), count}; }
  /// The decoded `services[]`, in order, mutable (for building messages).
  [[nodiscard]] std::span<event> events() noexcept { return {storage.data(), count}; }

  /// Appends an event (for building messages to encode); false when full.
  bool push(const event& e) noexcept {
    if (count == storage.size()) return false;
    storage[count++] = e;
    return true;
  }
};

// Equality (raw JSON values compare by content, whichever backend decoded them).
namespace detail {
[[nodiscard]] inline bool same_raw(const json::raw_json& a, const json::raw_json& b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty();
  return json::equivalent(a, b);
}
}  // namespace detail

///@{
/// Equal when every field is; raw JSON values compare by content, whichever backend decoded them.
[[nodiscard]] inline bool operator==(const version_query& a, const version_query& b) {
  return a.form == b.form && a.task_id == b.task_id && a.sub_device_count == b.sub_device_count &&
         detail::same_raw(a.task_ext_info, b.task_ext_info);
}
[[nodiscard]] inline bool operator==(const upgrade_notification& a, const upgrade_notification& b) {
  return a.version == b.version && a.url == b.url && a.file_size == b.file_size && a.file_name == b.file_name &&
         a.access_token == b.access_token && a.expires == b.expires && a.sign == b.sign &&
         a.custom_info == b.custom_info && a.task_id == b.task_id && a.sub_device_count == b.sub_device_count &&
         detail::same_raw(a.task_ext_info, b.task_ext_info);
}
[[nodiscard]] inline bool operator==(const other_service_event& a, const other_service_event& b) {
  return detail::same_raw(a.paras, b.paras);
}
[[nodiscard]] inline bool operator==(const event& a, const event& b) {
  return a.kind == b.kind && a.service_id == b.service_id && a.event_type == b.event_type && a.time == b.time &&
         a.event_id == b.event_id && a.paras == b.paras;
}
[[nodiscard]] inline bool operator==(const message& a, const message& b) {
  if (a.object_device_id != b.object_device_id || a.count != b.count) return false;
  for (std::size_t i = 0; i < a.count; ++i) {
    if (!(a.storage[i] == b.storage[i])) return false;
  }
  return true;
}
///@}

}  // namespace otawire::huawei

#endif

// otawire::tencent — the Tencent Cloud IoT Hub / IoT Explorer firmware-OTA messages (spec §A.2).
//
// Four messages travel on two MQTT topics (topic.hpp):
//   $ota/report/${productID}/${deviceName}  device → cloud: report_version, report_progress
//   $ota/update/${productID}/${deviceName}  cloud → device: report_version_rsp, update_firmware
//
// Strings are views. A decoded message borrows from its input (see codec.hpp for the lifetimes);
// a message built by hand borrows from whatever the caller pointed it at.
//
// There is no device-initiated "request_firmware": no Tencent SDK sends one, and the 2025 doc's
// "device requests the latest package" message has no known format (spec §A.6), so it is not
// modelled; a `type` other than the four below is `unknown_message`.
#ifndef OTAWIRE_TENCENT_MESSAGES_HPP
#define OTAWIRE_TENCENT_MESSAGES_HPP

#include <otawire/contract.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace otawire::tencent {

/// Which of the two OTA topics (its second level): `$ota/report/…` carries what the device sends,
/// `$ota/update/…` what the cloud sends. A topic, not a direction: `direction_of` maps it.
enum class topic_kind : std::uint8_t { report, update };

/// The wire spelling (`report` / `update`), for topics and logs.
[[nodiscard]] constexpr std::string_view name(topic_kind k) noexcept {
  return k == topic_kind::report ? "report" : "update";
}

/// The direction every message on `k` travels in.
[[nodiscard]] constexpr direction direction_of(topic_kind k) noexcept {
  return k == topic_kind::report ? direction::device_to_platform : direction::platform_to_device;
}

/// The value of the `type` key. The order is the order of the `message` variant's alternatives.
enum class message_type : std::uint8_t { report_version, report_version_rsp, update_firmware, report_progress };

/// The `type` strings, indexed by `message_type`.
inline constexpr std::array<std::string_view, 4> message_type_names{"report_version", "report_version_rsp",
                                                                    "update_firmware", "report_progress"};

/// The `type` string of `t` as the wire spells it.
[[nodiscard]] constexpr std::string_view name(message_type t) noexcept {
  return message_type_names[static_cast<std::size_t>(t)];
}

/// The topic a message type travels on (spec §A.1).
[[nodiscard]] constexpr topic_kind topic_of(message_type t) noexcept {
  return (t == message_type::report_version || t == message_type::report_progress) ? topic_kind::report
                                                                                    : topic_kind::update;
}

/// The direction a message type travels in.
[[nodiscard]] constexpr direction direction_of(message_type t) noexcept { return direction_of(topic_of(t)); }

/// `report.progress.state`. The app API's `updating` is not here: no MQTT SDK emits it (§A.2).
enum class progress_state : std::uint8_t { downloading, burning, done, fail };

/// The `state` strings, indexed by `progress_state`.
inline constexpr std::array<std::string_view, 4> progress_state_names{"downloading", "burning", "done", "fail"};

/// The `state` string of `s` as the wire spells it.
[[nodiscard]] constexpr std::string_view name(progress_state s) noexcept {
  return progress_state_names[static_cast<std::size_t>(s)];
}

/// `result_code` of a `fail` progress report (`IOT_OTAReportType`, spec §A.2 table).
enum class fail_code : std::int8_t {
  download_timeout = -1,
  file_not_exist = -2,
  auth_fail = -3,
  md5_not_match = -4,
  upgrade_fail = -5,
};

/// The SDK's name of a failure code (`IOT_OTA_ERR_…` without the prefix, lowercase), for logs.
[[nodiscard]] constexpr std::string_view name(fail_code c) noexcept {
  switch (c) {
    case fail_code::download_timeout: return "download_timeout";
    case fail_code::file_not_exist: return "file_not_exist";
    case fail_code::auth_fail: return "auth_fail";
    case fail_code::md5_not_match: return "md5_not_match";
    case fail_code::upgrade_fail: return "upgrade_fail";
  }
  return "unknown";
}

/// The `result_msg` the C SDK v4 sends with each fail code, typo included ("file not exit"). The
/// C SDK v3 and the Python SDK send "time_out" for every code; Java sends what the caller passes.
[[nodiscard]] constexpr std::string_view sdk_v4_result_msg(fail_code c) noexcept {
  switch (c) {
    case fail_code::download_timeout: return "timeout";
    case fail_code::file_not_exist: return "file not exit";
    case fail_code::auth_fail: return "auth fail";
    case fail_code::md5_not_match: return "md5 not match";
    case fail_code::upgrade_fail: return "upgrade fail";
  }
  return "";
}

// Limits the SDKs enforce (spec §A.2).
/// `report_version.report.version`: the SDK accepts 1..32 characters (`OTA_VERSION_STR_LEN_MAX`).
inline constexpr std::size_t version_max_length = 32;
/// `md5sum`: 32 lowercase hex digits (the SDK compares it with its own lowercase digest).
inline constexpr std::size_t md5sum_length = 32;
/// `user_defined`: a JSON document sent as a string, at most 1536 bytes.
inline constexpr std::size_t user_defined_max_length = 1536;

/// `{"type":"report_version","report":{"version":"1.0.0"}}`: the running version, sent first in
/// every session and again after each reconnect and after the upgrade (spec §A.4 steps 1 and 9).
struct report_version {
  std::string_view version;                ///< 1..32 characters
  std::optional<std::string_view> fw_type;  ///< "mcu" or "module" (2022-24 SDK, 2025 doc)

  friend constexpr bool operator==(const report_version&, const report_version&) = default;
};

/// `{"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"}`.
/// Only `result_code` is required: the SDKs read nothing else, although the cloud always sends
/// `result_msg` and `version` too. `result_code` is a number on the wire; `"0"` is accepted on
/// decode because the C SDK v3 compares the token text (§A.2).
struct report_version_rsp {
  std::int32_t result_code = 0;  ///< 0 = success; other codes are unknown
  /// Free text (`"success"` from the cloud); not checked.
  std::optional<std::string_view> result_msg;
  std::optional<std::string_view> version;  ///< echoes the reported version
  std::optional<std::string_view> fw_type;  ///< Which firmware: "mcu" or "module" (2025 doc)

  friend constexpr bool operator==(const report_version_rsp&, const report_version_rsp&) = default;
};

/// The upgrade order. `file_size` is a number on the wire; `"175436"` is accepted on decode since
/// the C SDK v3 reads the token text with atoi (§A.2).
struct update_firmware {
  std::string_view version;  ///< the target version
  std::string_view url;      ///< http:// or https://, usually a COS pre-signed URL
  std::string_view md5sum;   ///< 32 hex digits (either case decodes; the SDKs send lowercase)
  /// Bytes of the firmware file, for the download and the progress percentage.
  std::uint32_t file_size = 0;
  /// A JSON document as a string (≤ 1536 bytes). The 2024 Explorer SDK requires it, every older
  /// source omits it: optional on decode, written only when present.
  std::optional<std::string_view> user_defined;
  std::optional<std::int64_t> task_id;      ///< The platform's upgrade task id (only the 2025 doc sends it)
  std::optional<std::string_view> fw_type;  ///< Which firmware: "mcu" or "module" (2025 doc)

  friend constexpr bool operator==(const update_firmware&, const update_firmware&) = default;
};

/// `{"type":"report_progress","report":{"progress":{"state":…,"percent":…,"result_code":…,
/// "result_msg":…},"version":…}}`, flattened. Every SDK writes `percent` and `result_code` as
/// strings; numbers are accepted on decode too.
///
/// Invariants (checked by the decoder and by `check`): `percent` is present exactly when
/// `state` is `downloading`, in 0..100; `result_code` is 0 except for `fail`, where it is -1..-5.
struct report_progress {
  /// Where the device is in the upgrade.
  progress_state state = progress_state::downloading;
  /// 0..100 while `downloading`, absent otherwise.
  std::optional<std::uint8_t> percent;
  /// 0, or the `fail_code` of a failed upgrade (-1..-5).
  std::int32_t result_code = 0;
  /// Free text; the SDKs send the error message here on failure.
  std::string_view result_msg;
  std::string_view version;  ///< the TARGET version (from update_firmware), not the running one
  std::optional<std::string_view> fw_type;  ///< Which firmware: "mcu" or "module" (2022-24 SDK, 2025 doc)
  std::optional<std::int64_t> task_id;      ///< The platform's upgrade task id (only the 2025 doc sends it)

  /// A download progress report: `percent` of the target `version` fetched.
  [[nodiscard]] static constexpr report_progress downloading(std::string_view version, std::uint8_t percent) noexcept {
    report_progress p;
    p.state = progress_state::downloading;
    p.percent = percent;
    p.version = version;
    return p;
  }
  /// The device is writing the downloaded firmware (after 100 % downloaded).
  [[nodiscard]] static constexpr report_progress burning(std::string_view version) noexcept {
    report_progress p;
    p.state = progress_state::burning;
    p.version = version;
    return p;
  }
  /// The upgrade succeeded; the device reports `version` again after rebooting.
  [[nodiscard]] static constexpr report_progress done(std::string_view version, std::string_view msg = "") noexcept {
    report_progress p;
    p.state = progress_state::done;
    p.result_msg = msg;
    p.version = version;
    return p;
  }
  /// The upgrade failed with `code`; `msg` says why.
  [[nodiscard]] static constexpr report_progress failed(std::string_view version, fail_code code,
                                                        std::string_view msg) noexcept {
    report_progress p;
    p.state = progress_state::fail;
    p.result_code = static_cast<std::int32_t>(code);
    p.result_msg = msg;
    p.version = version;
    return p;
  }

  /// The fail code of a `fail` report (nullopt for the other states).
  [[nodiscard]] constexpr std::optional<fail_code> failure() const noexcept {
    if (state != progress_state::fail || result_code < -5 || result_code > -1) return std::nullopt;
    return static_cast<fail_code>(result_code);
  }

  friend constexpr bool operator==(const report_progress&, const report_progress&) = default;
};

/// Any Tencent OTA message; alternatives in `message_type` order.
using message = std::variant<report_version, report_version_rsp, update_firmware, report_progress>;

/// Which of the four messages `m` holds.
[[nodiscard]] constexpr message_type type_of(const message& m) noexcept {
  return static_cast<message_type>(m.index());
}

}  // namespace otawire::tencent

#endif

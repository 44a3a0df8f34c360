// otawire CTWing (China Telecom AIoT) MQTT FOTA: the message types.
//
// Three messages on three fixed topics (spec json-messages.md §B); the device is identified by
// its MQTT connection, so no topic carries a product or device segment:
//   /ota/inform    device -> platform   version report         {"taskId":-1,"params":{"version":..,"module":..}}
//   /ota/upgrade   platform -> device   upgrade notification   {"taskId":N,"payload":{"size":..,"version":..,"url":..,"md5":..,"token":..,"module":..}}
//   /ota/progress  device -> platform   progress / failure     {"taskId":N,"params":{"step":..,"module":..,"desc":..}}
//
// Lifetimes: every `std::string_view` in these structs points into the decoder's input or buffer:
// - fast path (`ctwing::decode`, `decode_payload`): into the `json::parser`; valid until it decodes the next
//   message (copy what you keep);
// - DOM path (`decode_dom`, `boost::json::value_to`): into the `boost::json::value` decoded.
// A message you build yourself to encode simply views your own strings.
#ifndef OTAWIRE_CTWING_MESSAGES_HPP
#define OTAWIRE_CTWING_MESSAGES_HPP

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <variant>

namespace otawire::ctwing {

/// `taskId` of an `/ota/inform` sent outside any upgrade task [C1]: "-1 when there is no task".
inline constexpr std::int64_t no_task = -1;

/// Largest task id accepted. The doc types `taskId` as `int` [C1] and the device code reads it
/// with cJSON's `valueint` [C2]: both hold it in 32 bits, so a larger id cannot be a real one.
inline constexpr std::int64_t max_task_id = std::numeric_limits<std::int32_t>::max();

/// `params.step` failure codes (negative steps) [C1 seed doc, C2 comment block; Alibaba's are identical].
enum class failure : std::int8_t {
  upgrade_failed = -1,   ///< 升级失败 (generic failure)
  download_failed = -2,  ///< 下载失败
  verify_failed = -3,    ///< 校验失败 (MD5 mismatch)
  flash_failed = -4,     ///< 烧写失败
};

/// Step that completes the download/upgrade: 100 percent.
inline constexpr std::int64_t step_complete = 100;

/// `/ota/inform`: the device reports its firmware version, once after connecting (`task_id` -1),
/// and after an upgrade with that upgrade's task id (seed doc §vi: `"taskId": 1 //子任务ID`).
struct inform {
  std::int64_t task_id = no_task;       ///< -1 or a task id 0..max_task_id
  std::string_view version;             ///< non-empty
  std::optional<std::string_view> module;  ///< "reserved" in the doc; [C2] always sends "MCU"

  friend bool operator==(const inform&, const inform&) = default;
};

/// `/ota/upgrade`: the platform tells the device to download `version` from `url`.
struct upgrade {
  std::int64_t task_id = 0;             ///< 0..max_task_id; echoed by the progress reports
  std::int64_t size = 0;                ///< firmware size in bytes, >= 0
  std::string_view version;             ///< target version, non-empty
  std::string_view url;                 ///< delivered download URL (see ctwing/url.hpp): http(s), json/fields.hpp
  std::string_view md5;                 ///< 32 hex digits (either case)
  std::string_view token;               ///< "认证信息": sent as `accessToken` when downloading
  std::optional<std::string_view> module;  ///< "reserved"

  friend bool operator==(const upgrade&, const upgrade&) = default;
};

/// `/ota/progress`: a percentage (1..100) or a failure (-1..-4) for the task `task_id`.
struct progress {
  std::int64_t task_id = 0;             ///< 0..max_task_id
  std::int64_t step = 0;                ///< 1..100 or -4..-1
  std::optional<std::string_view> desc;    ///< free text; may carry the error message
  std::optional<std::string_view> module;  ///< [C2] hard-codes "MCU"

  /// A failure report (negative step): the attempt is over.
  [[nodiscard]] constexpr bool is_failure() const noexcept { return step < 0; }
  /// The download or upgrade is complete (step 100).
  [[nodiscard]] constexpr bool is_complete() const noexcept { return step == step_complete; }
  /// The failure code; precondition `is_failure()`.
  [[nodiscard]] constexpr failure failure_code() const noexcept { return static_cast<failure>(step); }

  friend bool operator==(const progress&, const progress&) = default;
};

/// Any CTWing FOTA message; the topic decides which (see ctwing/topic.hpp).
using message = std::variant<inform, upgrade, progress>;

/// Whether `step` is one the protocol defines: a percentage 1..100 or a failure -4..-1 [C1 seed
/// doc: "[1,100] 之间的数字 … -1 … -4"]. 0 is not among them (Alibaba's range includes it; CTWing's
/// documented range does not).
[[nodiscard]] constexpr bool is_valid_step(std::int64_t step) noexcept {
  return (step >= 1 && step <= step_complete) || (step >= -4 && step <= -1);
}

/// The snake_case name of a failure code, for logs.
[[nodiscard]] constexpr std::string_view name(failure f) noexcept {
  switch (f) {
    case failure::upgrade_failed: return "upgrade_failed";
    case failure::download_failed: return "download_failed";
    case failure::verify_failed: return "verify_failed";
    case failure::flash_failed: return "flash_failed";
  }
  return "unknown_failure";
}

}  // namespace otawire::ctwing

#endif

// otawire JetLinks: the firmware upgrade-task validator of one device (spec §C.5).
//
// It follows the platform's task states (`FirmwareUpgradeState { waiting, processing, failed,
// success, canceled }`, JetLinks Pro [J5]) as seen from one device's MQTT traffic:
//
//   idle --pull--> waiting --pull reply success--> processing
//                  waiting --pull reply failure (code "not_found")--> idle (the session ends)
//   any  --upgrade push--> processing (a new task replaces the old one)
//   processing --progress{success, !complete}--> processing (progress 0..100, non-decreasing)
//   processing --progress{success, complete}--> success
//   processing --progress{!success} | upgrade reply{!success}--> failed
//   waiting | processing --cancel() (platform side, no wire message)--> canceled
//
// Rules (each rejection is `violation(rule, state)`; the rule names are the constants below).
// They are inferred from the Pro logic (§C.5): where the platform silently ignores a message
// (its task row does not match or is no longer `processing`), the validator rejects it. A
// rejected message leaves the state unchanged, as the platform's ignoring does.
// - A reply needs an outstanding request of its kind, and its messageId must equal the
//   request's when the request had one (the platform generates an id for a pull without one).
// - A successful pull reply must carry `url` and `version` (it starts the task).
// - Progress needs a task in `processing`; after success/failed/canceled it is refused.
// - Progress must be for the task's device (when both ids are known), `version` and
//   `firmwareId` (absent equals only absent) of the task.
// - On success=true: progress in 0..100 and not below the last one. A failure report is
//   accepted whatever its progress (the `error()` helper leaves progress at 0).
// - `complete=true` with progress != 100 is flagged (note), not rejected: `complete()` forces 100.
//
// 32 bytes of state per device: ids and versions are remembered as fingerprints, never as views
// into a message buffer that the next decode reuses. Every check is an equality ("the same task?",
// "the reply to this request?"); nothing is ordered or shown, so fingerprints suffice. How many
// bits each gets, to fit 32 bytes:
// - the task's (version, firmwareId) pair: 64 bits. Progress for another firmware passes only on
//   a 64-bit collision. The version alone also has 32 bits, which only choose the rule a
//   rejection names (`progress_matches_version` before `progress_matches_firmware_id`).
// - the task's deviceId and the three pending requests' messageIds: 32 bits each (with a presence
//   bit). A reply or progress for another id passes on a 32-bit collision, about 2^-32 for a given
//   pair of ids: a check that can miss, never one that rejects a matching message.
#ifndef OTAWIRE_JETLINKS_SESSION_HPP
#define OTAWIRE_JETLINKS_SESSION_HPP

#include <otawire/json/fields.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>

#include <cstdint>
#include <string_view>
#include <variant>

namespace otawire::jetlinks {

/// The platform's task state (`FirmwareUpgradeState`) as one device's traffic shows it, plus
/// `idle`: no task yet, or the last pull found no firmware.
enum class session_state : std::uint8_t { idle, waiting, processing, failed, success, canceled };

/// The state's name (static storage), as rejections report it in their state.
[[nodiscard]] constexpr std::string_view name(session_state s) noexcept {
  switch (s) {
    case session_state::idle: return "idle";
    case session_state::waiting: return "waiting";
    case session_state::processing: return "processing";
    case session_state::failed: return "failed";
    case session_state::success: return "success";
    case session_state::canceled: return "canceled";
  }
  return "";
}

/// Whether the task has ended (failed, success or canceled): no progress is accepted after it.
[[nodiscard]] constexpr bool is_terminal(session_state s) noexcept {
  return s == session_state::failed || s == session_state::success || s == session_state::canceled;
}

/// The rules a rejection names (`error::where()`).
namespace rules {
/// A reply with no outstanding request of its kind.
inline constexpr rule reply_has_request{"reply_has_request", names_of_state<session_state>};
/// A reply whose messageId is not its request's (checked when the request had one).
inline constexpr rule reply_matches_request{"reply_matches_request", names_of_state<session_state>};
/// A successful pull reply without `url` or `version`, so it cannot start a task.
inline constexpr rule pull_reply_has_firmware{"pull_reply_has_firmware", names_of_state<session_state>};
/// Progress with no task (`idle`, or `waiting` for a pull reply).
inline constexpr rule progress_has_task{"progress_has_task", names_of_state<session_state>};
/// Progress after the task ended (failed, success or canceled).
inline constexpr rule task_not_terminal{"task_not_terminal", names_of_state<session_state>};
/// Progress for another deviceId than the task's (when both are known).
inline constexpr rule progress_matches_device{"progress_matches_device", names_of_state<session_state>};
/// Progress for another `version` than the task's.
inline constexpr rule progress_matches_version{"progress_matches_version", names_of_state<session_state>};
/// Progress for the task's version but another `firmwareId` (absent equals only absent).
inline constexpr rule progress_matches_firmware_id{"progress_matches_firmware_id", names_of_state<session_state>};
/// A successful progress report outside 0..100.
inline constexpr rule progress_in_range{"progress_in_range", names_of_state<session_state>};
/// A successful progress report below the last one of the task (the rule every family shares).
inline constexpr rule progress_non_decreasing{json::fields::rule_progress_non_decreasing, names_of_state<session_state>};  // json/fields.hpp
}  // namespace rules

/// Accepted, but worth a look.
enum note : std::uint8_t {
  note_none = 0,
  /// complete=true with progress != 100 (the SDK helper `complete()` forces 100).
  note_complete_not_100 = 1,
  /// The [J6] doc slip: a failure text sent as "message", which the platform drops.
  note_message_instead_of_error_reason = 2,
  /// A failed pull reply: no firmware for the device (code "not_found").
  note_no_firmware = 4,
};

/// What an accepted message led to.
struct verdict {
  /// The task's state after the message.
  session_state state = session_state::idle;
  /// The `note` flags raised by the message, or-ed together (`note_none` when nothing).
  std::uint8_t notes = note_none;
};

namespace detail {
/// 64 bits of an optional string (absent and "" differ).
[[nodiscard]] constexpr std::uint64_t fingerprint64(const optional_string& s) noexcept {
  return s ? text_fingerprint::of(*s).value() : 0x5bd1e9955bd1e995ULL;
}
/// 32 bits of an optional string (absent and "" differ).
[[nodiscard]] constexpr std::uint32_t fingerprint32(const optional_string& s) noexcept {
  const auto h = fingerprint64(s);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}
/// 64 bits of the pair (version, firmwareId).
[[nodiscard]] constexpr std::uint64_t task_fingerprint(const optional_string& version,
                                                       const optional_string& firmware_id) noexcept {
  return otawire::detail::mix64(fingerprint64(version) * 0x9e3779b97f4a7c15ULL ^ fingerprint64(firmware_id));
}
}  // namespace detail

/// The validator of one device's firmware traffic. Feed every decoded message in order.
class session {
 public:
  /// Where the current task stands.
  [[nodiscard]] constexpr session_state state() const noexcept { return state_; }
  /// The state's name (static storage), as rejections report it.
  [[nodiscard]] constexpr std::string_view state_name() const noexcept { return name(state_); }
  /// The last accepted progress of the current task, -1 before any.
  [[nodiscard]] constexpr std::int32_t last_progress() const noexcept { return last_progress_; }

  /// The platform cancels the task (no wire message): waiting/processing -> canceled.
  constexpr void cancel() noexcept {
    if (state_ == session_state::waiting || state_ == session_state::processing) state_ = session_state::canceled;
  }

  /// Dispatches a decoded message to the overload for its alternative.
  constexpr result<verdict> on(const message& m) noexcept {
    return std::visit([this](const auto& x) { return on(x); }, m);
  }

  /// A platform push: always accepted; starts a new task in `processing` (replacing any) and
  /// awaits the device's reply.
  constexpr result<verdict> on(const upgrade_firmware& m) noexcept {
    start_task(m.device_id, m.version, m.firmware_id);
    upgrade_reply_pending_ = true;
    upgrade_id_hash_ = detail::fingerprint32(m.message_id);
    upgrade_id_present_ = m.message_id.has_value();
    return now();
  }

  /// Needs the push it answers; a refusal (`success` false) fails a `processing` task.
  constexpr result<verdict> on(const upgrade_firmware_reply& m) noexcept {
    if (!upgrade_reply_pending_) return violation(rules::reply_has_request, state_);
    if (!matches_request(upgrade_id_hash_, upgrade_id_present_, m.message_id)) return violation(rules::reply_matches_request, state_);
    upgrade_reply_pending_ = false;
    // The device refused the pushed upgrade (inferred: it will send no progress).
    if (!m.success && state_ == session_state::processing) state_ = session_state::failed;
    return now();
  }

  /// A device pull: always accepted; `waiting` unless a task is already `processing`.
  constexpr result<verdict> on(const request_firmware& m) noexcept {
    pull_pending_ = true;
    pull_id_hash_ = detail::fingerprint32(m.message_id);
    pull_id_present_ = m.message_id.has_value();
    if (state_ != session_state::processing) state_ = session_state::waiting;
    return now();
  }

  /// Needs the pull it answers. Success starts a task (and must carry `url` and `version`); a
  /// failure returns `waiting` to `idle` with `note_no_firmware`.
  constexpr result<verdict> on(const request_firmware_reply& m) noexcept {
    if (!pull_pending_) return violation(rules::reply_has_request, state_);
    if (!matches_request(pull_id_hash_, pull_id_present_, m.message_id)) return violation(rules::reply_matches_request, state_);
    if (m.success && (!m.url || !m.version)) return violation(rules::pull_reply_has_firmware, state_);
    pull_pending_ = false;
    if (m.success) {
      start_task(m.device_id, m.version, m.firmware_id);
      upgrade_reply_pending_ = false;  // a pulled task has no upgrade reply
      return now();
    }
    if (state_ == session_state::waiting) state_ = session_state::idle;  // "not_found" ends the session
    return verdict{state_, note_no_firmware};
  }

  /// Progress of the `processing` task (same device, version and firmwareId). A failure ends the
  /// task as `failed`; otherwise 0..100, non-decreasing, and `complete` ends it as `success`.
  constexpr result<verdict> on(const upgrade_firmware_progress& m) noexcept {
    if (state_ == session_state::idle || state_ == session_state::waiting) {
      return violation(rules::progress_has_task, state_);
    }
    if (is_terminal(state_)) return violation(rules::task_not_terminal, state_);
    if (m.device_id && task_device_present_ && detail::fingerprint32(m.device_id) != task_device_) {
      return violation(rules::progress_matches_device, state_);
    }
    const bool same_task = detail::task_fingerprint(m.version, m.firmware_id) == task_;
    if (!same_task && detail::fingerprint32(m.version) != task_version_) {
      return violation(rules::progress_matches_version, state_);
    }
    if (!same_task) {
      return violation(rules::progress_matches_firmware_id, state_);
    }
    std::uint8_t notes = note_none;
    if (!m.error_reason && m.message) notes |= note_message_instead_of_error_reason;
    if (!m.success) {
      state_ = session_state::failed;
      return verdict{state_, notes};
    }
    if (m.progress < 0 || m.progress > 100) return violation(rules::progress_in_range, state_);
    if (!json::fields::progress_may_follow(last_progress_, m.progress)) {
      return violation(rules::progress_non_decreasing, state_);
    }
    last_progress_ = static_cast<std::int8_t>(m.progress);  // 0..100, checked above
    if (m.complete) {
      state_ = session_state::success;
      if (m.progress != 100) notes |= note_complete_not_100;
    }
    return verdict{state_, notes};
  }

  /// The platform asks for the device's firmware info: always accepted, awaits a reply.
  constexpr result<verdict> on(const read_firmware& m) noexcept {
    read_pending_ = true;
    read_id_hash_ = detail::fingerprint32(m.message_id);
    read_id_present_ = m.message_id.has_value();
    return now();
  }

  /// Needs the read it answers; changes no task state.
  constexpr result<verdict> on(const read_firmware_reply& m) noexcept {
    if (!read_pending_) return violation(rules::reply_has_request, state_);
    if (!matches_request(read_id_hash_, read_id_present_, m.message_id)) return violation(rules::reply_matches_request, state_);
    read_pending_ = false;
    return now();
  }

  /// Reports are always accepted (the platform upserts the device's firmware info).
  constexpr result<verdict> on(const report_firmware&) noexcept { return now(); }

 private:
  [[nodiscard]] constexpr verdict now() const noexcept { return verdict{state_, note_none}; }

  // A request without an id gets a generated one on the platform: any reply id is accepted.
  [[nodiscard]] static constexpr bool matches_request(std::uint32_t request, bool request_had_id,
                                                      const optional_string& reply) noexcept {
    return !request_had_id || (reply && detail::fingerprint32(reply) == request);
  }

  constexpr void start_task(const optional_string& device, const optional_string& version,
                            const optional_string& firmware_id) noexcept {
    state_ = session_state::processing;
    task_device_ = detail::fingerprint32(device);
    task_device_present_ = device.has_value();
    task_version_ = detail::fingerprint32(version);
    task_ = detail::task_fingerprint(version, firmware_id);
    last_progress_ = -1;
  }

  std::uint64_t task_ = detail::task_fingerprint(std::nullopt, std::nullopt);  // (version, firmwareId)
  std::uint32_t task_version_ = detail::fingerprint32(std::nullopt);
  std::uint32_t task_device_ = 0;
  std::uint32_t upgrade_id_hash_ = 0;
  std::uint32_t pull_id_hash_ = 0;
  std::uint32_t read_id_hash_ = 0;
  session_state state_ = session_state::idle;
  std::int8_t last_progress_ = -1;  // -1 or an accepted progress, 0..100
  bool task_device_present_ : 1 = false;
  bool upgrade_reply_pending_ : 1 = false;
  bool pull_pending_ : 1 = false;
  bool read_pending_ : 1 = false;
  bool upgrade_id_present_ : 1 = false;
  bool pull_id_present_ : 1 = false;
  bool read_id_present_ : 1 = false;
};

// What the issue asks of every family: at most 32 bytes of state per tracked device.
static_assert(sizeof(session) <= 32);

}  // namespace otawire::jetlinks

#endif

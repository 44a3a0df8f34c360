// otawire CTWing MQTT FOTA: the session validator (one per device connection history).
//
// The sequence (spec §B.4, seed doc §ii–§vi):
//   inform{taskId:-1, V0}  ->  upgrade{taskId:N, V1}  ->  progress{N, step 1..100 non-decreasing}
//   -> step 100 ends the download  ->  inform{taskId:N or -1, version}  (back to idle; the version
//      decides the outcome)
//   -> or a negative step (-1..-4) ends the attempt as failed
//
// States and what each accepts (anything else is rejected with the rule named in `rules::`):
//   awaiting_inform       nothing seen yet: the device must report its version first ("设备连接OTA
//                         服务,必须上报版本号"). Its first inform may carry any task id: a validator
//                         created mid-history cannot know which task the device completed.
//   idle                  inform{-1} (again, on reconnect; any version: the platform just records it);
//                         upgrade{N} starts an attempt.
//   upgrade_received,     progress{N} with step >= the last step (repeats allowed); 100 and
//   in_progress           negative steps end the attempt. inform{-1, same version} is a reconnect:
//                         the attempt goes on and its steps must continue from the break point
//                         (non-decreasing). upgrade{N} again (QoS 1 redelivery or the platform's
//                         re-push after a reconnect) restarts the attempt at step 0.
//   awaiting_new_version  step 100 seen: the device reboots and reports its version, tagged with
//                         the task id (seed doc §vi: `"taskId": 1 //子任务ID`) or -1 (what [C2]'s
//                         firmware always sends). That report ends the attempt and the session is
//                         idle again. upgrade{N} again restarts the attempt.
//   failed                negative step seen: an inform (-1, or the failed task's id, any version)
//                         -> idle; an upgrade (the same task retried or a new one) starts a new
//                         attempt.
//
// Outcomes (`last_outcome()`): success is judged by the version the device reports after step
// 100, not by the step (§B.4, mirroring Alibaba [C3]: "the platform judges success by the
// reported version"). The target version -> `succeeded`; any other version (a device that rolled
// back reports its old one) -> `not_applied`: a failed upgrade the validator reports, not a
// protocol violation, so the next task is accepted. A negative step -> `failed`.
//
// Choices where the sources are silent or disagree (spec §B.4 marks these rules "inferred"):
// - Whether the platform may replace a running task by another is unknown: an upgrade with a
//   different task id during an attempt is rejected (`upgrade_during_attempt`).
// - An inform during an attempt that carries a task id, or reports a changed version, is rejected:
//   the attempt has not reached 100, so no new version can be running.
// - Step 100 means the download is complete (§B.4: "on success the progress reaches step:100"; on
//   error the device sends a single negative step instead), so a failure reported after 100 is
//   `progress_after_end`, as is any further report.
//
// State is 32 bytes per device and allocates nothing: versions are kept as 64-bit fingerprints,
// not copies. The session only asks whether a reported version is the one reported before or the
// upgrade's target (equality), never orders or shows them; a collision could let a wrong version
// pass as the target, it cannot reject any message. The last step is kept in 32 bits: every step
// the decoder accepts is in -4..100; a hand-built step beyond the 32-bit range is saturated.
// A rejected message leaves the state unchanged.
#ifndef OTAWIRE_CTWING_SESSION_HPP
#define OTAWIRE_CTWING_SESSION_HPP

#include <otawire/ctwing/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>

#include <cstdint>
#include <limits>
#include <string_view>
#include <variant>

namespace otawire::ctwing {

/// Where a device's FOTA history stands; the file comment above says what each state accepts.
enum class session_state : std::uint8_t {
  awaiting_inform,
  idle,
  upgrade_received,
  in_progress,
  awaiting_new_version,
  failed,
};

/// How the last attempt ended (`none` until one has ended; a new attempt keeps the last outcome
/// until it ends).
enum class outcome : std::uint8_t {
  none,
  succeeded,    // step 100, then the target version reported
  not_applied,  // step 100, then another version reported (e.g. the device rolled back)
  failed,       // a negative step
};

/// The outcome's name (static storage), for logs and reports.
[[nodiscard]] constexpr std::string_view name(outcome o) noexcept {
  switch (o) {
    case outcome::none: return "none";
    case outcome::succeeded: return "succeeded";
    case outcome::not_applied: return "not_applied";
    case outcome::failed: return "failed";
  }
  return "unknown";
}

/// The state's name (static storage), as rejections report it in their state.
[[nodiscard]] constexpr std::string_view name(session_state s) noexcept {
  switch (s) {
    case session_state::awaiting_inform: return "awaiting_inform";
    case session_state::idle: return "idle";
    case session_state::upgrade_received: return "upgrade_received";
    case session_state::in_progress: return "in_progress";
    case session_state::awaiting_new_version: return "awaiting_new_version";
    case session_state::failed: return "failed";
  }
  return "unknown";
}

/// The rules a session can reject a message for (the `where` of the `rule_violation`).
namespace rules {
/// An upgrade or progress before the device's first version report.
inline constexpr rule inform_first{"inform_first", names_of_state<session_state>};
/// An inform carrying a task id where only -1 fits (no attempt has ended).
inline constexpr rule inform_task_id{"inform_task_id", names_of_state<session_state>};
/// A reconnect inform (-1) during an attempt that reports a different version.
inline constexpr rule version_changed_mid_attempt{"version_changed_mid_attempt", names_of_state<session_state>};
/// A progress report with no upgrade task (idle).
inline constexpr rule progress_without_upgrade{"progress_without_upgrade", names_of_state<session_state>};
/// A progress report for a task other than the active one.
inline constexpr rule progress_task_id{"progress_task_id", names_of_state<session_state>};
/// A percentage below the last one of the same attempt (the rule every family shares,
/// json/fields.hpp).
inline constexpr rule progress_non_decreasing{json::fields::rule_progress_non_decreasing, names_of_state<session_state>};
/// The same rule under the CTWing word for a percentage (`step`); the same text.
inline constexpr const rule& step_decreased = progress_non_decreasing;
/// A progress report after step 100 or a failure ended the attempt.
inline constexpr rule progress_after_end{"progress_after_end", names_of_state<session_state>};
/// An upgrade for another task while an attempt is active.
inline constexpr rule upgrade_during_attempt{"upgrade_during_attempt", names_of_state<session_state>};
/// After step 100, an inform tagged with another task's id (neither the task's nor -1).
inline constexpr rule new_version_task_id{"new_version_task_id", names_of_state<session_state>};
}  // namespace rules

/// Validates one device's CTWing FOTA messages in order and tracks how its attempts end.
class session {
 public:
  constexpr session() noexcept = default;

  /// Where the session stands now.
  [[nodiscard]] constexpr session_state state() const noexcept { return state_; }
  /// The state's name (static storage), as rejections report it.
  [[nodiscard]] constexpr std::string_view state_name() const noexcept { return name(state_); }
  /// The active (or last) upgrade task; meaningful once an upgrade was accepted.
  [[nodiscard]] constexpr std::int64_t task_id() const noexcept { return task_id_; }
  /// The last percentage of the current attempt (0 before any).
  [[nodiscard]] constexpr std::int64_t last_step() const noexcept { return last_step_; }
  /// How the last ended attempt ended.
  [[nodiscard]] constexpr outcome last_outcome() const noexcept { return outcome_; }

  /// A version report: the first message, a reconnect during an attempt (task id -1, same
  /// version: the attempt goes on), or after step 100 the report that decides the outcome.
  constexpr result<void> on(const inform& m) noexcept {
    const auto version = text_fingerprint::of(m.version);
    switch (state_) {
      case session_state::awaiting_inform:
      case session_state::idle:
        if (state_ != session_state::awaiting_inform && m.task_id != no_task) return reject(rules::inform_task_id);
        break;
      case session_state::failed:
        // The reboot report after a failure: -1 ([C2]) or the failed task's id (seed doc §vi).
        if (m.task_id != no_task && m.task_id != task_id_) return reject(rules::inform_task_id);
        break;
      case session_state::upgrade_received:
      case session_state::in_progress:
        if (m.task_id != no_task) return reject(rules::inform_task_id);
        if (version != reported_version_) return reject(rules::version_changed_mid_attempt);
        return ok();  // a reconnect: the attempt goes on
      case session_state::awaiting_new_version:
        if (m.task_id != no_task && m.task_id != task_id_) return reject(rules::new_version_task_id);
        outcome_ = version == target_version_ ? outcome::succeeded : outcome::not_applied;
        break;
    }
    reported_version_ = version;
    state_ = session_state::idle;
    return ok();
  }

  /// Starts an attempt at step 0; during an attempt only the same task id again (a redelivery
  /// or re-push) is accepted, and restarts it.
  constexpr result<void> on(const upgrade& m) noexcept {
    switch (state_) {
      case session_state::awaiting_inform: return reject(rules::inform_first);
      case session_state::upgrade_received:
      case session_state::in_progress:
      case session_state::awaiting_new_version:
        if (m.task_id != task_id_) return reject(rules::upgrade_during_attempt);
        break;  // the same task again: a new attempt
      case session_state::idle:
      case session_state::failed: break;
    }
    task_id_ = m.task_id;
    target_version_ = text_fingerprint::of(m.version);
    last_step_ = 0;
    state_ = session_state::upgrade_received;
    return ok();
  }

  /// A step of the active task: non-decreasing, 100 ends the download, a negative step fails
  /// the attempt.
  constexpr result<void> on(const progress& m) noexcept {
    switch (state_) {
      case session_state::awaiting_inform: return reject(rules::inform_first);
      case session_state::idle: return reject(rules::progress_without_upgrade);
      case session_state::awaiting_new_version:
      case session_state::failed: return reject(rules::progress_after_end);
      case session_state::upgrade_received:
      case session_state::in_progress: break;
    }
    if (m.task_id != task_id_) return reject(rules::progress_task_id);
    if (m.step < 0) {
      state_ = session_state::failed;
      outcome_ = outcome::failed;
      return ok();
    }
    if (!json::fields::progress_may_follow(last_step_, m.step)) return reject(rules::progress_non_decreasing);
    last_step_ = saturate(m.step);
    state_ = m.step == step_complete ? session_state::awaiting_new_version : session_state::in_progress;
    return ok();
  }

  /// Dispatches a decoded message to the overload for its alternative.
  constexpr result<void> on(const message& m) noexcept {
    return std::visit([this](const auto& x) { return on(x); }, m);
  }

 private:
  [[nodiscard]] constexpr error reject(const rule& r) const noexcept { return violation(r, state_); }
  [[nodiscard]] static constexpr std::int32_t saturate(std::int64_t step) noexcept {
    constexpr std::int64_t low = std::numeric_limits<std::int32_t>::min();
    constexpr std::int64_t high = std::numeric_limits<std::int32_t>::max();
    return static_cast<std::int32_t>(step < low ? low : step > high ? high : step);
  }

  std::int64_t task_id_ = 0;
  text_fingerprint reported_version_{};
  text_fingerprint target_version_{};
  std::int32_t last_step_ = 0;
  session_state state_ = session_state::awaiting_inform;
  outcome outcome_ = outcome::none;
};

// What the issue asks of every family: at most 32 bytes of state per tracked device.
static_assert(sizeof(session) <= 32);

}  // namespace otawire::ctwing

#endif

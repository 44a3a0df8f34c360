// otawire::pcp — upgrade-session validators (O(1) state per device, no allocation, no clock).
//
// Flow (spec §5.2): P→D 19 / D→P 19 · P→D 20 / D→P 20 · D→P 21 / P→D 21 … · D→P 22 / P→D 22 ·
// P→D 23 / D→P 23 · D→P 24 / P→D 24. Both validators are fed every message of one device's
// session, in order, in both directions, and share the transition rules below (`basic_session_rules`).
// They differ in what each side owns:
// - `platform_session` owns the task clock: the platform timeouts of spec §5.1 (24 h online,
//   3 min version reply, 60 min download, 30 min result), checked against timestamps the caller
//   supplies, with the task's `timeout_policy`. It keeps versions as 64-bit fingerprints (it only
//   compares them): 32 bytes of rules and 24 of clock per device;
// - `device_session` owns the persisted download record (what survives a reboot) and answers
//   which fragment to request next. Device-side timers differ between implementations (2 s in SDK
//   Tiny, 30 s × 3 in a third-party device) and the spec sets none, so none is enforced.
//
// Every rejection is `otawire::violation(rule, state)`: `where()` names the rule (`rules::`), `state()` the state
// the validator was in. A rejected message leaves the state unchanged, except a timeout, which
// ends the task.
#ifndef OTAWIRE_PCP_SESSION_HPP
#define OTAWIRE_PCP_SESSION_HPP

#include <otawire/config.hpp>
#include <otawire/error.hpp>
#include <otawire/fingerprint.hpp>
#include <otawire/pcp/messages.hpp>
#include <otawire/result.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <variant>

namespace otawire::pcp {

/// Where a session is in the flow (spec §5.2); the `state` of every rejection names it.
enum class session_state : std::uint8_t {
  idle,                ///< no exchange running (initially, and after a task ended)
  waiting_for_device,  ///< task created, device not seen online yet (platform side)
  querying_version,    ///< 19 sent, waiting for the version
  version_reported,    ///< 19 answered
  notifying,           ///< 20 sent (its response may be skipped by a 21 request)
  downloading,         ///< download running, no fragment request pending
  fragment_requested,  ///< 21 request pending
  download_reported,   ///< 22 request pending
  downloaded,          ///< download acknowledged, waiting for 23
  executing,           ///< 23 sent
  upgrading,           ///< 23 answered 00, device installing
  upgrade_reported,    ///< 24 request pending
};

/// The enumerator's name (`unknown` for a byte outside the enum), for logs and rejections.
[[nodiscard]] constexpr std::string_view name(session_state s) noexcept {
  switch (s) {
    case session_state::idle: return "idle";
    case session_state::waiting_for_device: return "waiting_for_device";
    case session_state::querying_version: return "querying_version";
    case session_state::version_reported: return "version_reported";
    case session_state::notifying: return "notifying";
    case session_state::downloading: return "downloading";
    case session_state::fragment_requested: return "fragment_requested";
    case session_state::download_reported: return "download_reported";
    case session_state::downloaded: return "downloaded";
    case session_state::executing: return "executing";
    case session_state::upgrading: return "upgrading";
    case session_state::upgrade_reported: return "upgrade_reported";
  }
  return "unknown";
}

/// The rules a session can reject a message for (the `where()` of a `rule_violation`).
namespace rules {
/// A request the flow does not expect in this state.
inline constexpr rule unexpected_request{"unexpected_request", names_of_state<session_state>};
/// A response with no request of its kind pending.
inline constexpr rule response_without_request{"response_without_request", names_of_state<session_state>};
/// A 20 notification before the device reported its version (19).
inline constexpr rule notify_before_version_query{"notify_before_version_query", names_of_state<session_state>};
/// A 20 notification of the version the device already runs (platform side only).
inline constexpr rule already_latest_version{"already_latest_version", names_of_state<session_state>};
/// A 21 fragment request outside a download.
inline constexpr rule request_outside_download{"request_outside_download", names_of_state<session_state>};
/// A 21 request for another version than the one notified.
inline constexpr rule fragment_version{"fragment_version", names_of_state<session_state>};
/// A 21 request for a fragment beyond the package.
inline constexpr rule fragment_index_range{"fragment_index_range", names_of_state<session_state>};
/// The first 21 request of a (resumed) download is not for the first missing fragment.
inline constexpr rule resume_from_first_missing{"resume_from_first_missing", names_of_state<session_state>};
/// A 21 request that skips a fragment not delivered yet.
inline constexpr rule fragment_order{"fragment_order", names_of_state<session_state>};
/// A 21 response for another fragment than the one requested.
inline constexpr rule fragment_index_echo{"fragment_index_echo", names_of_state<session_state>};
/// A 21 response whose data is not one fragment long (the last one may be shorter).
inline constexpr rule fragment_length{"fragment_length", names_of_state<session_state>};
/// A 22 success report before every fragment was delivered.
inline constexpr rule download_incomplete{"download_incomplete", names_of_state<session_state>};
/// A 23 execute request before the download was acknowledged.
inline constexpr rule execute_before_download{"execute_before_download", names_of_state<session_state>};
/// A 24 success report of another version than the target.
inline constexpr rule reported_version{"reported_version", names_of_state<session_state>};
/// A timestamp earlier than the previous one (platform_session).
inline constexpr rule time_went_backwards{"time_went_backwards", names_of_state<session_state>};
/// The download did not finish within its time (platform_session).
inline constexpr rule download_timeout{"download_timeout", names_of_state<session_state>};
/// The device did not come online within its time (platform_session).
inline constexpr rule online_timeout{"online_timeout", names_of_state<session_state>};
/// The device did not answer 19 within its time (platform_session).
inline constexpr rule version_reply_timeout{"version_reply_timeout", names_of_state<session_state>};
/// The device did not report a result within its time (platform_session).
inline constexpr rule result_timeout{"result_timeout", names_of_state<session_state>};
}  // namespace rules

/// How the last task ended.
enum class task_outcome : std::uint8_t {
  none,              ///< no task has ended yet
  succeeded,         ///< 24 reported success with the target version and was acknowledged
  declined,          ///< the device answered 20 with a non-zero result
  fragment_refused,  ///< the platform answered 21 with a non-zero result
  download_failed,   ///< 22 carried a non-zero status, or its acknowledgement did
  execute_refused,   ///< the device answered 23 with a non-zero result
  upgrade_failed,    ///< 24 reported a failure, or its acknowledgement did
  timed_out,         ///< a platform timeout expired
};

/// The enumerator's name (`unknown` for a byte outside the enum), for logs.
[[nodiscard]] constexpr std::string_view name(task_outcome o) noexcept {
  switch (o) {
    case task_outcome::none: return "none";
    case task_outcome::succeeded: return "succeeded";
    case task_outcome::declined: return "declined";
    case task_outcome::fragment_refused: return "fragment_refused";
    case task_outcome::download_failed: return "download_failed";
    case task_outcome::execute_refused: return "execute_refused";
    case task_outcome::upgrade_failed: return "upgrade_failed";
    case task_outcome::timed_out: return "timed_out";
  }
  return "unknown";
}

/// How a session remembers a version: the device keeps the text (it sends it back in 21 and 24),
/// the platform a 64-bit fingerprint (it only compares: issue 13's 32 bytes per device).
template <class Version>
concept version_memory = std::same_as<Version, version_string> || std::same_as<Version, text_fingerprint>;

namespace detail {
/// `v` as a session of memory `Version` keeps it.
template <version_memory Version>
[[nodiscard]] constexpr Version remembered(const version_string& v) noexcept {
  if constexpr (std::same_as<Version, version_string>) {
    return v;
  } else {
    return text_fingerprint::of(v.view());
  }
}

/// Whether `kept` (a version as a session of memory `Version` keeps it) is `v`. No copy of the
/// text: comparing through `remembered` cost the device image 108 bytes.
template <version_memory Version>
[[nodiscard]] constexpr bool same_version(const Version& kept, const version_string& v) noexcept {
  if constexpr (std::same_as<Version, version_string>) {
    return kept == v;
  } else {
    return kept == text_fingerprint::of(v.view());
  }
}
}  // namespace detail

/// What identifies a download and how far it got: enough to resume after an interruption.
/// Resume identity (spec §5.5): same target version and package check code. We also require the
/// same fragment size and count — stored fragments are useless under another fragmentation.
/// Counters are 16 bits: the fragment count is a WORD, so no index or count exceeds 65 535.
template <version_memory Version>
struct basic_download_record {
  Version target_version{};              ///< from the 20 notification
  std::uint16_t fragment_size = 0;        ///< from the 20 notification
  std::uint16_t fragment_count = 0;       ///< from the 20 notification; 0 = no download recorded
  std::uint16_t package_check_code = 0;   ///< from the 20 notification, compared as given
  /// Fragments 0 … delivered-1 have all arrived (downloads run in index order; see rule
  /// `fragment_order`).
  std::uint16_t delivered = 0;

  /// Whether notification `n` announces this download again, so it resumes instead of restarting.
  [[nodiscard]] constexpr bool same_package(const notify_new_version_request& n) const noexcept {
    return detail::same_version(target_version, n.target_version) &&
           package_check_code == n.package_check_code && fragment_size == n.fragment_size &&
           fragment_count == n.fragment_count;
  }
  /// Whether every fragment has arrived (never for an empty record).
  [[nodiscard]] constexpr bool complete() const noexcept {
    return fragment_count != 0 && delivered >= fragment_count;
  }
  friend constexpr bool operator==(const basic_download_record&, const basic_download_record&) = default;
};

/// The device's record, with the target version as text: what it persists to resume.
using download_record = basic_download_record<version_string>;

/// The transition rules shared by both sides. Rule names (the `where` of a rejection):
/// - `unexpected_request`, `response_without_request`: a message the state does not allow;
/// - `notify_before_version_query`: 20 sent before the device reported its version;
/// - `already_latest_version`: 20 announces the version the device reported running;
/// - `request_outside_download`: 21 outside the download phase;
/// - `fragment_version`: 21 asks for another version than the one notified;
/// - `fragment_index_range`: 21 index ≥ fragment count;
/// - `resume_from_first_missing`: the first 21 after a 20 is not the first missing fragment
///   (0 after a restart; resume continues, a different package restarts — spec §5.5);
/// - `fragment_order`: 21 skips ahead of the first missing fragment. All three reference
///   implementations download in index order; an O(1) validator can only prove completeness so;
/// - `fragment_index_echo`: the 21 response index differs from the requested one;
/// - `fragment_length`: a fragment other than the last is not exactly the fragment size, or the
///   last one is longer;
/// - `download_incomplete`: 22 reports success before every fragment arrived;
/// - `execute_before_download`: 23 before the download was acknowledged;
/// - `reported_version`: 24 reports success with a version other than the target.
/// Non-zero result codes end the task (state `idle`, `outcome()` says how).
///
/// `Version` is how versions are kept: as text on the device (`session_rules`), as fingerprints
/// on the platform (`platform_rules`, 32 bytes).
template <version_memory Version>
class basic_session_rules {
 public:
  /// The record type: the target version kept as `Version`.
  using record_type = basic_download_record<Version>;

  constexpr basic_session_rules() noexcept = default;
  /// Resumes from a persisted record (a device after a reboot).
  constexpr explicit basic_session_rules(const record_type& r) noexcept : record_(r) {}

  /// The current state; what the next message is checked against.
  [[nodiscard]] constexpr session_state state() const noexcept { return state_; }
  /// How the last task that ended ended (`none` before the first). A task that is running does
  /// not change it until it ends: after one success, `succeeded` stays while the next task runs.
  [[nodiscard]] constexpr task_outcome outcome() const noexcept { return outcome_; }
  /// The current (or last) download's identity and progress.
  [[nodiscard]] constexpr const record_type& record() const noexcept OTAWIRE_LIFETIMEBOUND {
    return record_;
  }
  /// Whether the last 20 resumed an interrupted download of the same package.
  [[nodiscard]] constexpr bool resumed() const noexcept { return resumed_; }
#if !defined(OTAWIRE_DEVICE_PROFILE)
  /// The version the device reported in its last 19 response, if any (as `Version`). Not in the
  /// device profile, whose session does not keep it (a device knows its own version; config.hpp).
  [[nodiscard]] constexpr std::optional<Version> device_version() const noexcept {
    if (!has_device_version_) return std::nullopt;
    return device_version_;
  }
#endif

  /// Feeds one message (its direction is part of its type).
  constexpr result<void> on(const message& m) noexcept {
    return std::visit([this](const auto& x) { return this->apply(x); }, m);
  }
  /// Feeds one typed message: the same rules, chosen at compile time (no `std::visit`; what a
  /// device calls).
  template <typed_message M>
  constexpr result<void> on(const M& m) noexcept {
    return apply(m);
  }

  /// Marks the start of a task on the platform (state `waiting_for_device`).
  constexpr void start_task() noexcept { state_ = session_state::waiting_for_device; }
  /// Ends the running task with `o` (a timeout, an operator cancelling it).
  constexpr void end_task(task_outcome o) noexcept { finish(o); }

 private:
  [[nodiscard]] constexpr otawire::error reject(const rule& r) const noexcept {
    return violation(r, state_);
  }
  /// Is the state one of `States`? One bit test against a constant set (a list searched at run
  /// time cost a device some 200 bytes over the eight call sites).
  template <session_state... States>
  [[nodiscard]] constexpr bool in() const noexcept {
    constexpr unsigned set = ((1u << static_cast<unsigned>(States)) | ...);
    return ((set >> static_cast<unsigned>(state_)) & 1u) != 0;
  }
  constexpr void finish(task_outcome o) noexcept {
    outcome_ = o;
    state_ = session_state::idle;
  }

  constexpr result<void> apply(const query_version_request&) noexcept {
    using enum session_state;
    // Re-querying is how the platform restarts an interrupted exchange; progress is kept.
    if (!in<idle, waiting_for_device, querying_version, version_reported, notifying, downloading,
             fragment_requested>()) {
      return reject(rules::unexpected_request);
    }
    state_ = querying_version;
    return ok();
  }
  constexpr result<void> apply(const query_version_response& m) noexcept {
    if (state_ != session_state::querying_version) return reject(rules::response_without_request);
#if defined(OTAWIRE_DEVICE_PROFILE)
    static_cast<void>(m);
#else
    device_version_ = detail::remembered<Version>(m.current_version);
    has_device_version_ = true;
#endif
    state_ = session_state::version_reported;
    return ok();
  }
  constexpr result<void> apply(const notify_new_version_request& m) noexcept {
    using enum session_state;
    if (in<idle, waiting_for_device, querying_version>()) return reject(rules::notify_before_version_query);
    if (!in<version_reported, notifying>()) return reject(rules::unexpected_request);
#if !defined(OTAWIRE_DEVICE_PROFILE)
    if (has_device_version_ && detail::same_version(device_version_, m.target_version)) {
      return reject(rules::already_latest_version);
    }
#endif
    resumed_ = record_.delivered > 0 && record_.same_package(m);
    if (!resumed_) {
      record_ = record_type{detail::remembered<Version>(m.target_version), m.fragment_size, m.fragment_count,
                            m.package_check_code, 0};
    }
    first_request_pending_ = true;
    state_ = notifying;
    return ok();
  }
  constexpr result<void> apply(const notify_new_version_response& m) noexcept {
    if (state_ != session_state::notifying) return reject(rules::response_without_request);
    if (m.result != result_code::success) {
      finish(task_outcome::declined);
    } else {
      state_ = session_state::downloading;
    }
    return ok();
  }
  constexpr result<void> apply(const request_fragment_request& m) noexcept {
    using enum session_state;
    // From `notifying`: the 20 response may be skipped (spec §3.1, LiteOS does so).
    if (!in<notifying, downloading, fragment_requested>()) return reject(rules::request_outside_download);
    if (!detail::same_version(record_.target_version, m.target_version)) return reject(rules::fragment_version);
    if (m.fragment_index >= record_.fragment_count) return reject(rules::fragment_index_range);
    if (first_request_pending_) {
      if (m.fragment_index != record_.delivered) return reject(rules::resume_from_first_missing);
    } else if (m.fragment_index > record_.delivered) {
      return reject(rules::fragment_order);
    }
    first_request_pending_ = false;
    requested_index_ = m.fragment_index;
    state_ = fragment_requested;
    return ok();
  }
  constexpr result<void> apply(const request_fragment_response& m) noexcept {
    if (state_ != session_state::fragment_requested) return reject(rules::response_without_request);
    if (m.fragment_index != requested_index_) return reject(rules::fragment_index_echo);
    if (m.result != result_code::success) {
      finish(task_outcome::fragment_refused);
      return ok();
    }
    const bool last = m.fragment_index + 1u == record_.fragment_count;
    const std::size_t n = m.data.size();
    if (last ? n > record_.fragment_size : n != record_.fragment_size) {
      return reject(rules::fragment_length);
    }
    if (m.fragment_index == record_.delivered) ++record_.delivered;
    state_ = session_state::downloading;
    return ok();
  }
  constexpr result<void> apply(const report_download_result_request& m) noexcept {
    using enum session_state;
    // From `notifying`: a resumed download that was already complete reports at once (LiteOS).
    if (!in<notifying, downloading, fragment_requested>()) return reject(rules::unexpected_request);
    if (m.status == result_code::success && !record_.complete()) return reject(rules::download_incomplete);
    reported_result_ = m.status;
    first_request_pending_ = false;
    state_ = download_reported;
    return ok();
  }
  constexpr result<void> apply(const report_download_result_response& m) noexcept {
    if (state_ != session_state::download_reported) return reject(rules::response_without_request);
    if (reported_result_ != result_code::success || m.result != result_code::success) {
      // A failed download is discarded: the next notification restarts it.
      if (reported_result_ != result_code::success) record_.delivered = 0;
      finish(task_outcome::download_failed);
    } else {
      state_ = session_state::downloaded;
    }
    return ok();
  }
  constexpr result<void> apply(const execute_upgrade_request&) noexcept {
    using enum session_state;
    if (in<notifying, downloading, fragment_requested, download_reported>()) {
      return reject(rules::execute_before_download);
    }
    if (!in<downloaded, executing>()) return reject(rules::unexpected_request);
    state_ = executing;
    return ok();
  }
  constexpr result<void> apply(const execute_upgrade_response& m) noexcept {
    if (state_ != session_state::executing) return reject(rules::response_without_request);
    if (m.result != result_code::success) {
      finish(task_outcome::execute_refused);
    } else {
      state_ = session_state::upgrading;
    }
    return ok();
  }
  constexpr result<void> apply(const report_upgrade_result_request& m) noexcept {
    using enum session_state;
    // Repeated until acknowledged (SDK Tiny resends 24 on its timer).
    if (!in<upgrading, upgrade_reported>()) return reject(rules::unexpected_request);
    if (m.result == result_code::success && !detail::same_version(record_.target_version, m.current_version)) {
      return reject(rules::reported_version);
    }
    reported_result_ = m.result;
    state_ = upgrade_reported;
    return ok();
  }
  constexpr result<void> apply(const report_upgrade_result_response& m) noexcept {
    if (state_ != session_state::upgrade_reported) return reject(rules::response_without_request);
    const bool success = reported_result_ == result_code::success && m.result == result_code::success;
    record_ = record_type{};
    finish(success ? task_outcome::succeeded : task_outcome::upgrade_failed);
    return ok();
  }

  record_type record_{};
#if !defined(OTAWIRE_DEVICE_PROFILE)
  Version device_version_{};  ///< valid while `has_device_version_`
#endif
  session_state state_ = session_state::idle;
  task_outcome outcome_ = task_outcome::none;
  /// The status of the pending 22 or 24 request (one at a time): what its acknowledgement ends.
  result_code reported_result_ = result_code::success;
  // Bits rather than bools: with them a device session (device profile) and the platform's rules
  // are 32 bytes each.
  bool first_request_pending_ : 1 = false;
  bool resumed_ : 1 = false;
#if !defined(OTAWIRE_DEVICE_PROFILE)
  bool has_device_version_ : 1 = false;
#endif
  std::uint16_t requested_index_ = 0;
};

/// The device's rules: versions kept as text (`record().target_version` is what it requests).
using session_rules = basic_session_rules<version_string>;
/// The platform's rules: versions kept as 64-bit fingerprints, 32 bytes per device.
using platform_rules = basic_session_rules<text_fingerprint>;
static_assert(sizeof(platform_rules) <= 32, "issue 13: at most 32 bytes of rules per device");
#if defined(OTAWIRE_DEVICE_PROFILE)
static_assert(sizeof(session_rules) <= 32, "a device session fits in 32 bytes");
#endif

// --- platform side -----------------------------------------------------------------------------------

/// A point in time on the caller's clock (any epoch); the validators never read a clock.
using timestamp = std::chrono::milliseconds;

/// Platform timeouts (spec §5.1, D3), with the documented defaults. One policy serves a whole
/// upgrade task (every device in it); sessions do not copy it, so pass the same one to each call.
struct timeout_policy {
  std::chrono::milliseconds online = std::chrono::hours(24);         ///< task created → device online
  std::chrono::milliseconds version_reply = std::chrono::minutes(3);  ///< 19 sent → 19 answered
  std::chrono::milliseconds download = std::chrono::minutes(60);      ///< 20 sent → 22 reported
  std::chrono::milliseconds result = std::chrono::minutes(30);        ///< 23 sent → 24 reported
};

/// The documented timeouts (spec §5.1).
inline constexpr timeout_policy default_timeouts{};

/// The platform's validator: the shared rules (`platform_rules`, versions as fingerprints) plus
/// the task clock. Timeout rules: `online_timeout`, `version_reply_timeout`, `download_timeout`,
/// `result_timeout`; and `time_went_backwards` for a timestamp earlier than the previous one.
///
/// Two independent clocks, as spec §5.1 times two kinds of thing:
/// - the download as a whole (20 sent → 22 reported, 60 min): started by the first 20 of a task,
///   never restarted by a resent 20 nor suspended by a 19 re-query in between;
/// - one exchange at a time (task → device online 24 h, 19 → 19 answered 3 min, 23 → 24
///   reported 30 min).
/// A message is checked against both; the one that expired first ends the task.
///
/// 56 bytes per device: the rules' 32 and three timestamps. The timeout policy is the task's, passed
/// to the calls that start a timer (a copy per device was 32 more bytes of the same values).
class platform_session {
 public:
  constexpr platform_session() noexcept = default;

  /// The shared rules' state (`basic_session_rules::state`).
  [[nodiscard]] constexpr session_state state() const noexcept { return rules_.state(); }
  /// How the last task ended (`basic_session_rules::outcome`); `timed_out` after a timeout.
  [[nodiscard]] constexpr task_outcome outcome() const noexcept { return rules_.outcome(); }
  /// The shared rules, for the record, resume flag and reported version (as fingerprints).
  [[nodiscard]] constexpr const platform_rules& rules() const noexcept OTAWIRE_LIFETIMEBOUND {
    return rules_;
  }
  /// When the first running timer expires, if one runs (the time to call `check_timeouts`).
  [[nodiscard]] constexpr std::optional<timestamp> deadline() const noexcept {
    const timestamp first = exchange_deadline_ < download_deadline_ ? exchange_deadline_ : download_deadline_;
    if (first == no_deadline) return std::nullopt;
    return first;
  }
  /// When the download must have been reported (22) by, while a download runs.
  [[nodiscard]] constexpr std::optional<timestamp> download_deadline() const noexcept {
    if (download_deadline_ == no_deadline) return std::nullopt;
    return download_deadline_;
  }

  /// A task was created for this device at `now`: it must come online within `policy.online`.
  constexpr void start_task(timestamp now, const timeout_policy& policy = default_timeouts) noexcept {
    rules_.start_task();
    stop_timers();
    exchange_deadline_ = now + policy.online;
    last_ = now;
  }

  /// The device sent business data (it is online) at `now`.
  constexpr result<void> device_online(timestamp now) noexcept {
    if (auto t = advance(now); !t) return t;
    if (rules_.state() == session_state::waiting_for_device) exchange_deadline_ = no_deadline;
    return ok();
  }

  /// Fails with the timeout rule if the running timer expired before `now` (and ends the task).
  constexpr result<void> check_timeouts(timestamp now) noexcept { return advance(now); }

  /// Feeds one message observed at `now`; a timer it starts runs for the time `policy` gives it
  /// (the task's policy: pass the same one to every call of a task).
  constexpr result<void> on(const message& m, timestamp now,
                            const timeout_policy& policy = default_timeouts) noexcept {
    if (auto t = advance(now); !t) return t;
    const session_state before = rules_.state();
    if (auto r = rules_.on(m); !r) return r;
    retime(kind_of(m), before, now, policy);
    return ok();
  }

  /// Feeds one message without a timestamp (captures without times): no timeout is checked.
  constexpr result<void> on(const message& m) noexcept {
    if (auto r = rules_.on(m); !r) return r;
    if (rules_.state() == session_state::idle) stop_timers();
    return ok();
  }

 private:
  constexpr void stop_timers() noexcept {
    exchange_deadline_ = no_deadline;
    download_deadline_ = no_deadline;
  }

  /// The rule of the exchange timer that runs: one at a time, and which one follows from the
  /// state (`online` is armed in `waiting_for_device`, `version_reply` in `querying_version`,
  /// `result` from `executing` on; no message leaves those states with the timer still armed but
  /// the one that stops it), so the session keeps no timer tag.
  [[nodiscard]] constexpr const rule& exchange_rule() const noexcept {
    switch (rules_.state()) {
      case session_state::waiting_for_device: return rules::online_timeout;
      case session_state::querying_version: return rules::version_reply_timeout;
      default: return rules::result_timeout;
    }
  }

  constexpr result<void> advance(timestamp now) noexcept {
    if (now < last_) return violation(rules::time_went_backwards, rules_.state());
    last_ = now;
    const bool exchange_expired = now > exchange_deadline_;  // never while it is no_deadline
    const bool download_expired = now > download_deadline_;
    if (!exchange_expired && !download_expired) return ok();
    // Both may have passed since the last message: the one that expired first ended the task.
    const bool download_first = download_expired && (!exchange_expired || download_deadline_ <= exchange_deadline_);
    const rule& expired = download_first ? rules::download_timeout : exchange_rule();
    const session_state state = rules_.state();
    stop_timers();
    rules_.end_task(task_outcome::timed_out);
    return violation(expired, state);
  }

  constexpr void retime(message_kind k, session_state before, timestamp now, const timeout_policy& policy) noexcept {
    switch (k) {
      case message_kind::query_version_request: exchange_deadline_ = now + policy.version_reply; break;
      case message_kind::query_version_response: exchange_deadline_ = no_deadline; break;
      case message_kind::notify_new_version_request:
        // The download clock runs from the task's first notification: neither a resent 20 nor
        // a 19 re-query before it restarts it (it stops at the 22 report or the task's end).
        if (download_deadline_ == no_deadline) download_deadline_ = now + policy.download;
        break;
      case message_kind::report_download_result_request: download_deadline_ = no_deadline; break;
      case message_kind::execute_upgrade_request:
        // A resent 23 (from `executing`) does not restart the result clock.
        if (before != session_state::executing) exchange_deadline_ = now + policy.result;
        break;
      case message_kind::report_upgrade_result_request: exchange_deadline_ = no_deadline; break;
      default: break;
    }
    if (rules_.state() == session_state::idle) stop_timers();
  }

  /// "No timer running" / "no time seen yet": sentinels rather than optionals or flags.
  static constexpr timestamp no_deadline = timestamp::max();
  static constexpr timestamp no_time = timestamp::min();

  platform_rules rules_{};
  timestamp exchange_deadline_ = no_deadline;
  timestamp download_deadline_ = no_deadline;
  timestamp last_ = no_time;
};
static_assert(sizeof(platform_session) <= 56, "rules (32 B) and the three timestamps");

// --- device side -------------------------------------------------------------------------------------

/// The device's validator: the shared rules plus the persisted download record. Construct it from
/// the record saved before a reboot to resume; `next_fragment()` says what to request.
class device_session {
 public:
  constexpr device_session() noexcept = default;
  /// Resumes from the record persisted before a reboot (`record()` as it was saved).
  constexpr explicit device_session(const download_record& saved) noexcept : rules_(saved) {}

  /// The shared rules' state (`session_rules::state`).
  [[nodiscard]] constexpr session_state state() const noexcept { return rules_.state(); }
  /// How the last task ended (`session_rules::outcome`).
  [[nodiscard]] constexpr task_outcome outcome() const noexcept { return rules_.outcome(); }
  /// The shared rules, for the resume flag and the reported version.
  [[nodiscard]] constexpr const session_rules& rules() const noexcept OTAWIRE_LIFETIMEBOUND {
    return rules_;
  }
  /// What to persist so that a download can resume after a reboot.
  [[nodiscard]] constexpr const download_record& record() const noexcept OTAWIRE_LIFETIMEBOUND {
    return rules_.record();
  }

  /// Feeds one message of the session, either direction, in order; a rejection leaves the state.
  constexpr result<void> on(const message& m) noexcept { return rules_.on(m); }
  /// Feeds one typed message (no `std::visit`: what a device calls).
  template <typed_message M>
  constexpr result<void> on(const M& m) noexcept {
    return rules_.on(m);
  }

  /// The fragment to request next (the first missing one), while a download is running.
  [[nodiscard]] constexpr std::optional<std::uint16_t> next_fragment() const noexcept {
    using enum session_state;
    const auto s = rules_.state();
    if (s != notifying && s != downloading && s != fragment_requested) return std::nullopt;
    if (rules_.record().complete()) return std::nullopt;
    return static_cast<std::uint16_t>(rules_.record().delivered);
  }

 private:
  session_rules rules_{};
};

}  // namespace otawire::pcp

#endif

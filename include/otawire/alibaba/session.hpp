// otawire Alibaba Link OTA: the session validator (spec huawei-alibaba-json.md §B.6).
//
//   (connect) --up inform{version}--> REPORTED
//   IDLE|REPORTED|… --down upgrade{data}--> NOTIFIED        (again after a reconnect: still NOTIFIED)
//   any but NOTIFIED|UPGRADING --up firmware/get--> AWAIT_REPLY
//       --down get_reply{200, data}--> NOTIFIED, {} --> IDLE|REPORTED
//   NOTIFIED|UPGRADING --up firmware/get--> (state kept, reply pending)
//       --down get_reply{200, data}--> NOTIFIED, {} --> (state kept: the push still stands)
//   NOTIFIED|UPGRADING --up progress{0…100, not below the last}--> UPGRADING
//   NOTIFIED|UPGRADING --up progress{-1…-4}--> FAILED
//   UPGRADING --up inform{version == data.version}--> SUCCEEDED   (the only way to succeed)
//   UPGRADING after step 100 --up inform{version != data.version}--> FAILED (rolled back)
//
// Outcomes (`last_outcome()`, kept until the next attempt ends): success is judged by the version
// the device reports, not by the step (§B.6 rule 3: "even if the reported progress is 100% … the
// update has failed"). The target version in UPGRADING -> `succeeded`; another version once the
// last step reached 100 (a device that rolled back reports its old one) -> `not_applied`, state
// FAILED: a failed upgrade the validator reports, not a violation, so the next push is accepted
// (issue 12, item 12). A negative step -> `failed`.
//
// One state machine per (productKey, deviceName, module) — `default` when `module` is absent
// (§B.6 rule 7); a gateway's sub-devices publish on their own pk/dn, so they get their own. Each
// machine is a 32-byte `module_session`, kept in a `session_table` (bounded memory sized when the
// validator is created, no allocation per message; past `max_sessions()` the least recently
// active machine is forgotten). Versions are 64-bit fingerprints of their (at most 64) chars: the
// machine only asks whether a report or an offer names the target (equality), never orders or
// shows a version. A machine is keyed by two 64-bit hashes of (pk, dn) and a 64-bit fingerprint
// of the module (session_table.hpp explains the rule).
//
// A rejected message leaves the state unchanged; the error names the rule (`where`) and the
// state (`state`). Rules:
//   diff_requires_version_report  a diff package is offered before any version report ([A5]: a
//                                 version report is required before a diff upgrade)
//   progress_requires_package     progress while no package is offered (IDLE, REPORTED,
//                                 AWAIT_REPLY, FAILED, SUCCEEDED)
//   success_requires_progress     inform of the target version straight after the push: the
//                                 upgrade starts with the first progress report [A5] and success
//                                 is the target version reported in UPGRADING
//   reply_without_request         a pull reply with no pull request pending
//   push_during_upgrade           a push (or pull reply) of ANOTHER version while upgrading (iotkit
//                                 ignores pushes while downloading [A6], §B.6 rule 6; a re-push of
//                                 the same version after a reconnect is allowed and restarts the
//                                 download)
//   progress_non_decreasing       a percentage below the last one of the same download (the shared
//                                 rule of json/fields.hpp; a (re-)offer starts a new download)
//
// Choices where the spec leaves room (each tested):
// - An inform of a non-target version in NOTIFIED, or in UPGRADING before step 100, is a boot
//   report (the device reconnected mid-download), not a failure: the state stays. After step 100
//   the download is done, so the next report is the verdict (see Outcomes).
// - A push is accepted without a version report for full packages ([A5]; the Link SDK's stricter
//   "no pushes before a report" describes what the device receives, not a protocol rule).
// - A pull in the middle of a push (§B.6 rule 4: a device may re-fetch what it was offered) keeps
//   the push: an empty reply leaves NOTIFIED/UPGRADING as it was, and a reply with the package
//   re-offers it as a re-push would.
// - A pull reply is correlated with the pending request of the same (device, module); a reply
//   without a package names no module, so it goes to the module whose request has the same `id`
//   (else `default`).
// - The legacy request (`/ota/device/request`) records the reported version like an inform but
//   never marks success: the docs name only the inform for that.
#ifndef OTAWIRE_ALIBABA_SESSION_HPP
#define OTAWIRE_ALIBABA_SESSION_HPP

#include <otawire/alibaba/messages.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/session_table.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace otawire::alibaba {

/// Where one (device, module) machine stands; the file comment above gives the transitions.
enum class session_state : std::uint8_t { idle, reported, await_reply, notified, upgrading, failed, succeeded };

/// The state's name (static storage), as rejections report it in their state.
[[nodiscard]] constexpr std::string_view name(session_state s) noexcept {
  switch (s) {
    case session_state::idle: return "idle";
    case session_state::reported: return "reported";
    case session_state::await_reply: return "await_reply";
    case session_state::notified: return "notified";
    case session_state::upgrading: return "upgrading";
    case session_state::failed: return "failed";
    case session_state::succeeded: return "succeeded";
  }
  return "idle";
}

/// How the last ended upgrade attempt ended (`none` until one has ended).
enum class outcome : std::uint8_t {
  none,
  succeeded,    // the target version reported while upgrading
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
  return "none";
}

/// The rule names a rejection carries in `error::where()`.
namespace rules {
/// A diff package offered before any version report ([A5]).
inline constexpr rule diff_requires_version_report{"diff_requires_version_report", names_of_state<session_state>};
/// Progress while no package is offered (neither NOTIFIED nor UPGRADING).
inline constexpr rule progress_requires_package{"progress_requires_package", names_of_state<session_state>};
/// The target version reported straight after the offer, before any progress: success is the
/// target version reported in UPGRADING.
inline constexpr rule success_requires_progress{"success_requires_progress", names_of_state<session_state>};
/// A pull reply with no pull request pending.
inline constexpr rule reply_without_request{"reply_without_request", names_of_state<session_state>};
/// A push (or pull reply) of another version while upgrading; the same version again is allowed.
inline constexpr rule push_during_upgrade{"push_during_upgrade", names_of_state<session_state>};
/// A step below the last one of the same download (the rule every family shares).
inline constexpr rule progress_non_decreasing{json::fields::rule_progress_non_decreasing, names_of_state<session_state>};
}  // namespace rules

namespace detail {
/// The fingerprint a version is remembered by: of its first `max_version_length` chars, as when
/// versions were kept inline (decoded versions are never longer). Incoming versions are compared
/// whole, so a longer hand-built one never matches, as before.
[[nodiscard]] constexpr text_fingerprint stored_version(std::string_view v) noexcept {
  return text_fingerprint::of(v.substr(0, v.size() < max_version_length ? v.size() : max_version_length));
}
}  // namespace detail

/// The state machine of one (device, module). Fixed size; every call is O(1).
class module_session {
 public:
  /// Where the machine stands now.
  [[nodiscard]] constexpr session_state state() const noexcept { return state_; }
  /// The state's name (static storage), as rejections report it.
  [[nodiscard]] constexpr std::string_view state_name() const noexcept { return name(state_); }
  /// The last version the device reported, as a fingerprint that compares with text
  /// (`reported_version() == "1.0.0"`); that of "" before any report.
  [[nodiscard]] constexpr text_fingerprint reported_version() const noexcept { return reported_; }
  /// Whether the device has reported a version (inform or legacy request); diff offers need it.
  [[nodiscard]] constexpr bool has_reported() const noexcept { return has_reported_; }
  /// The version of the package offered last, as a fingerprint that compares with text; that of ""
  /// before any offer.
  [[nodiscard]] constexpr text_fingerprint target_version() const noexcept { return target_; }
  /// The last step reported for the current offer: 0 after an offer, negative after a failure.
  [[nodiscard]] constexpr std::int32_t last_step() const noexcept { return last_step_; }
  /// How the last ended attempt ended (a new attempt keeps it until that one ends).
  [[nodiscard]] constexpr outcome last_outcome() const noexcept { return outcome_; }
  /// Whether a pull request with this id waits for its reply (ids compare by value: "7" answers 7).
  [[nodiscard]] constexpr bool awaits(const message_id& id) const noexcept { return pending_get_ && pending_id_ == id.value; }
  /// Whether any pull request waits for its reply.
  [[nodiscard]] constexpr bool awaits_reply() const noexcept { return pending_get_; }

  /// Uplink version report.
  constexpr result<void> on_inform(std::string_view text) noexcept {
    const auto version = text_fingerprint::of(text);
    if (state_ == session_state::notified && version == target_) {
      return violation(rules::success_requires_progress, state_);
    }
    record_version(text);
    if (state_ == session_state::upgrading && version == target_) {
      state_ = session_state::succeeded;
      outcome_ = outcome::succeeded;
    } else if (state_ == session_state::upgrading && last_step_ == max_step) {
      state_ = session_state::failed;  // the download was complete: another version is the verdict
      outcome_ = outcome::not_applied;
    } else if (state_ == session_state::idle || state_ == session_state::failed ||
               (state_ == session_state::succeeded && version != target_)) {
      state_ = session_state::reported;
    }
    return ok();
  }

  /// Uplink legacy request: a version report that never marks success.
  constexpr result<void> on_version_request(std::string_view version) noexcept {
    record_version(version);
    if (state_ == session_state::idle || state_ == session_state::failed) state_ = session_state::reported;
    return ok();
  }

  /// Downlink push.
  constexpr result<void> on_upgrade(const package& p) noexcept {
    if (auto r = check_offer(p); !r) return r;
    offer(p);
    return ok();
  }

  /// Uplink progress.
  constexpr result<void> on_progress(const progress& m) noexcept {
    if (state_ != session_state::notified && state_ != session_state::upgrading) {
      return violation(rules::progress_requires_package, state_);
    }
    if (!m.failed() && !json::fields::progress_may_follow(last_step_, m.step)) {
      return violation(rules::progress_non_decreasing, state_);
    }
    last_step_ = m.step;
    state_ = m.failed() ? session_state::failed : session_state::upgrading;
    if (m.failed()) outcome_ = outcome::failed;
    return ok();
  }

  /// Uplink pull request.
  constexpr result<void> on_firmware_get(const firmware_get& m) noexcept {
    pending_get_ = true;
    pending_id_ = m.id.value;
    // A pull during a push keeps the push (issue 12, item 14): the reply may be empty.
    if (!package_offered()) state_ = session_state::await_reply;
    return ok();
  }

  /// Downlink pull reply.
  constexpr result<void> on_firmware_get_reply(const firmware_get_reply& m) noexcept {
    if (!pending_get_) return violation(rules::reply_without_request, state_);
    if (m.has_package()) {
      if (auto r = check_offer(*m.data); !r) return r;
      pending_get_ = false;
      offer(*m.data);
      return ok();
    }
    pending_get_ = false;
    if (state_ == session_state::await_reply) state_ = has_reported_ ? session_state::reported : session_state::idle;
    return ok();
  }

 private:
  [[nodiscard]] constexpr bool package_offered() const noexcept {
    return state_ == session_state::notified || state_ == session_state::upgrading;
  }
  constexpr result<void> check_offer(const package& p) const noexcept {
    if (p.is_diff && !has_reported_) return violation(rules::diff_requires_version_report, state_);
    if (state_ == session_state::upgrading && text_fingerprint::of(p.version) != target_) {
      return violation(rules::push_during_upgrade, state_);
    }
    return ok();
  }
  constexpr void offer(const package& p) noexcept {
    target_ = detail::stored_version(p.version);
    state_ = session_state::notified;
    last_step_ = 0;
  }
  constexpr void record_version(std::string_view v) noexcept {
    reported_ = detail::stored_version(v);
    has_reported_ = true;
  }

  text_fingerprint reported_{};
  text_fingerprint target_{};
  std::int64_t pending_id_ = 0;  // the pending pull request's id (ids compare by value)
  std::int32_t last_step_ = 0;
  session_state state_ = session_state::idle;
  outcome outcome_ = outcome::none;
  bool has_reported_ = false;
  bool pending_get_ = false;
};

// What the issue asks of every family: at most 32 bytes of state per tracked (device, module).
static_assert(sizeof(module_session) <= 32);

/// All (device, module) state machines of a connection (a gateway's sub-devices included), in a
/// table allocated when the validator is created: `on` allocates nothing.
class session {
 public:
  /// (device, module) machines a default session tracks before it evicts the least recently
  /// active one.
  static constexpr std::size_t default_max_sessions = 1024;

  /// Allocates the table now (never per message).
  session() : session(default_max_sessions) {}
  /// Tracks at most `max_sessions` (device, module) machines (at least 1) before evicting;
  /// allocates the table now.
  explicit session(std::size_t max_sessions) : sessions_(max_sessions) {}

  /// Checks one message published on `t`. The session it concerned is `last()` afterwards. A
  /// rejected message changes nothing: no machine is inserted, none evicted, none touched.
  result<void> on(const topic& t, const message& m) {
    return std::visit([&](const auto& x) { return dispatch(t, x); }, m);
  }

  /// The session of (pk, dn, module), or null before any message for it (or once evicted).
  /// Valid until the next `on`.
  [[nodiscard]] const module_session* find(std::string_view product_key, std::string_view device_name,
                                           std::string_view module = default_module) const noexcept {
    return sessions_.find(key_of(product_key, device_name, module));
  }

  /// The session the last fed message concerned (null before the first, and after a rejected
  /// message that named a (device, module) not tracked yet: a rejection inserts nothing); valid
  /// until the next `on`.
  [[nodiscard]] const module_session* last() const noexcept { return has_last_ ? sessions_.find(last_key_) : nullptr; }
  /// Its module, as a fingerprint that compares with text (`last_module() == "MCU"`).
  [[nodiscard]] text_fingerprint last_module() const noexcept { return last_module_; }
  /// (device, module) machines tracked now.
  [[nodiscard]] std::size_t size() const noexcept { return sessions_.size(); }
  /// Machines tracked at most; one more evicts the least recently active.
  [[nodiscard]] std::size_t max_sessions() const noexcept { return sessions_.max_devices(); }
  /// Machines forgotten so far to make room for others.
  [[nodiscard]] std::uint64_t evictions() const noexcept { return sessions_.evictions(); }

 private:
  // hash: of (pk, dn) only, so a device's modules share one probe run (find_if below);
  // check: the second hash of (pk, dn) xor the module's fingerprint, so the module is recoverable.
  [[nodiscard]] static constexpr session_key key_of(std::string_view product_key, std::string_view device_name,
                                                    std::string_view module) noexcept {
    identity_hasher device;
    device.add(product_key).add(device_name);
    return {device.hash(), device.check() ^ text_fingerprint::of(module).value()};
  }

  // Runs `step` on a copy of the (device, module) machine `k` and stores it only when accepted:
  // a rejected message inserts no machine (so evicts none), leaves recency as it was and the
  // machine unchanged. `last()` is the machine afterwards: the one concerned, or null when a
  // rejected message named a machine not tracked yet.
  template <class Step>
  result<void> apply(const session_key& k, const topic& t, Step&& step) {
    const module_session* existing = sessions_.find(k);
    module_session trial = existing != nullptr ? *existing : module_session{};
    auto r = step(trial);
    has_last_ = r || existing != nullptr;
    last_key_ = k;
    identity_hasher device;
    device.add(t.product_key).add(t.device_name);
    last_module_ = text_fingerprint::from_value(k.check ^ device.check());
    if (r) *sessions_.touch(k).value = trial;
    return r;
  }
  template <class Step>
  result<void> apply(const topic& t, std::string_view module, Step&& step) {
    return apply(key_of(t.product_key, t.device_name, module), t, std::forward<Step>(step));
  }

  result<void> dispatch(const topic& t, const inform& m) {
    return apply(t, m.module_name(), [&](module_session& s) { return s.on_inform(m.version); });
  }
  result<void> dispatch(const topic& t, const version_request& m) {
    return apply(t, m.module_name(), [&](module_session& s) { return s.on_version_request(m.version); });
  }
  result<void> dispatch(const topic& t, const upgrade& m) {
    return apply(t, m.module_name(), [&](module_session& s) { return s.on_upgrade(m.data); });
  }
  result<void> dispatch(const topic& t, const progress& m) {
    return apply(t, m.module_name(), [&](module_session& s) { return s.on_progress(m); });
  }
  result<void> dispatch(const topic& t, const firmware_get& m) {
    return apply(t, m.module_name(), [&](module_session& s) { return s.on_firmware_get(m); });
  }
  result<void> dispatch(const topic& t, const firmware_get_reply& m) {
    const auto reply = [&](module_session& s) { return s.on_firmware_get_reply(m); };
    if (m.data) return apply(t, m.data->module_name(), reply);
    // No package, so no module: the module of this device whose pending request has this id
    // (the device's modules share one probe run of the table).
    const auto device = key_of(t.product_key, t.device_name, std::string_view{});
    if (const auto k = sessions_.find_if(device.hash, [&](const module_session& s) { return s.awaits(m.id); })) {
      return apply(*k, t, reply);
    }
    return apply(t, default_module, reply);
  }

  session_table<module_session> sessions_;
  session_key last_key_{};
  text_fingerprint last_module_{};
  bool has_last_ = false;
};

}  // namespace otawire::alibaba

#endif

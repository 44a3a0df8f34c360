// otawire::huawei — the upgrade sequence validator (§A.8), one state per device and per gateway
// child device.
//
//   idle --down version_query--> queried --up version_report--> reported
//   idle|reported|succeeded|failed|refused --down *_upgrade[_v2]--> notified (target = version)
//   notified|downloading --up progress(result_code 0, progress < 100, not below the last)
//        --> downloading (repeatable)
//   notified|downloading --up progress(result_code 0, progress absent or 100, version = target)
//        --> succeeded
//   notified|downloading --up progress(result_code 0, progress absent or 100, another version)
//        --> failed, `device_state::other_version_reported` set (a rollback: an outcome, not a
//        violation; the next notification is accepted)
//   notified --up progress(result_code 1–5, 8, 9)--> refused (the device declined before download)
//   notified|downloading --up progress(any other result_code)--> failed
//
// Choices where the sources are silent (each a deliberate leniency, tested):
// - A `version_report` is allowed in every state (devices report on boot, unasked, §A.8 rule 5);
//   it moves idle/queried/terminal states to `reported` and leaves an upgrade in progress alone.
// - `*_upgrade` straight from idle is allowed (whether the platform may skip the query is
//   unknown); after a query it must wait for the version report (the documented order, rule 1).
// - A `version_query` during an upgrade leaves the upgrade in progress.
// - Result codes outside §A.4 count as failures (the Java/Python SDKs let users add codes).
// - `progress` must not decrease within one upgrade (the rule every family shares,
//   json/fields.hpp; §A.8 rule 6 leaves monotonicity unknown, and every other family's SDKs
//   compute the percentage from the bytes fetched); a new notification starts again. `progress
//   100` is not required for success (a real device sent only `result_code 0` + `version`,
//   §A.8 rule 2).
// - Events of other services (`other_service`) are ignored.
//
// Per device the validator keeps a 32-byte `device_state` in a `session_table` (bounded memory,
// sized when the session is created; no allocation per message). It keeps no text: devices are
// keyed by two 64-bit hashes of their id (session_table.hpp), and the target version is a 64-bit
// fingerprint, because the only question asked of it is whether the final report names the same
// version (equality; nothing is ordered or shown). When more devices than `max_devices()` are
// active, the least recently active one is forgotten (`evictions()` counts them) and starts again
// from `idle` if it comes back.
#ifndef OTAWIRE_HUAWEI_SESSION_HPP
#define OTAWIRE_HUAWEI_SESSION_HPP

#include <otawire/huawei/messages.hpp>
#include <otawire/huawei/topic.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>
#include <otawire/session_table.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace otawire::huawei {

/// Where one device's upgrade stands; the file comment above gives the transitions.
enum class session_state : std::uint8_t { idle, queried, reported, notified, downloading, succeeded, failed, refused };

/// The state's name (static storage), as rejections report it in their state.
[[nodiscard]] constexpr std::string_view name(session_state s) noexcept {
  switch (s) {
    case session_state::idle: return "idle";
    case session_state::queried: return "queried";
    case session_state::reported: return "reported";
    case session_state::notified: return "notified";
    case session_state::downloading: return "downloading";
    case session_state::succeeded: return "succeeded";
    case session_state::failed: return "failed";
    case session_state::refused: return "refused";
  }
  return "?";
}

/// The rules a session can break (`error::where()` of a `rule_violation`).
namespace rules {
/// An event on the wrong topic direction (a report sent down, a notification sent up).
inline constexpr rule direction{"direction", names_of_state<session_state>};
/// `upgrade_progress_report` without an upgrade notification in progress.
inline constexpr rule progress_without_upgrade{"progress_without_upgrade", names_of_state<session_state>};
/// A second upgrade notification while one is in progress (no concurrent tasks, §A.8 rule 6).
inline constexpr rule upgrade_while_upgrading{"upgrade_while_upgrading", names_of_state<session_state>};
/// An upgrade notification after a `version_query` that the device has not answered yet.
inline constexpr rule upgrade_before_version_report{"upgrade_before_version_report", names_of_state<session_state>};
/// A `progress` below the last one of the same upgrade (json/fields.hpp).
inline constexpr rule progress_non_decreasing{json::fields::rule_progress_non_decreasing, names_of_state<session_state>};
}  // namespace rules

/// What the validator keeps per device.
struct device_state {
  // Widest members first: 32 bytes, not 40.
  text_fingerprint target_version;  ///< Of the notification in progress or last finished.
  /// The `progress` of this upgrade's last progress report (absent before one, or if it had none).
  std::optional<std::int32_t> last_progress;
  /// The `result_code` of this upgrade's last progress report (absent before one).
  std::optional<std::int32_t> last_result_code;
  /// Where the device's upgrade stands.
  session_state state = session_state::idle;
  /// Which notification (firmware or software, v1 or v2) started the last upgrade.
  event_kind upgrade_kind = event_kind::firmware_upgrade;
  /// The last upgrade ended with a success report naming another version than the target (a
  /// device that rolled back reports its old one): `state` is `failed`, as the platform counts it.
  bool other_version_reported = false;
};

// What the issue asks of every family: at most 32 bytes of state per tracked device.
static_assert(sizeof(device_state) <= 32);

/// Validates the `$ota` events of many devices (and gateway child devices), one `device_state`
/// each, in bounded memory.
class session {
 public:
  /// Devices a default session tracks before it starts evicting the least recently active.
  static constexpr std::size_t default_max_devices = 1024;

  /// Allocates the device table now (never per message).
  session() : session(default_max_devices) {}
  /// Tracks at most `max_devices` devices (at least 1) before evicting; allocates the table now.
  explicit session(std::size_t max_devices) : devices_(max_devices) {}

  /// Feeds one decoded message received on `t`. Its events are checked in order on a copy of the
  /// device's state, which is stored only when every event is accepted: a rejected message
  /// changes nothing (no device inserted or evicted, the state as it was), as in every protocol.
  result<void> on(const topic& t, const message& m) {
    const auto events = m.events();
    const auto is_ota = [](const event& e) { return e.kind != event_kind::other_service; };
    if (std::none_of(events.begin(), events.end(), is_ota)) return ok();  // nothing of `$ota`: no device
    return apply(identity_of(t, m).message_device(), [&](device_state& d) -> result<void> {
      for (const auto& e : events) {
        if (!is_ota(e)) continue;
        if (auto r = check(t.direction, d, e); !r) return r;
      }
      return ok();
    });
  }

  /// Feeds one event about `device` (the child device, or the connected device); a rejected
  /// event changes nothing.
  result<void> on_event(direction dir, std::string_view device, const event& e) {
    if (e.kind == event_kind::other_service) return ok();
    return apply(device, [&](device_state& d) { return check(dir, d, e); });
  }

  /// The state of `device` (idle if never seen).
  [[nodiscard]] session_state state(std::string_view device) const {
    const auto* d = find(device);
    return d != nullptr ? d->state : session_state::idle;
  }
  /// The state kept for `device`, or null if it was never seen (or was evicted).
  [[nodiscard]] const device_state* find(std::string_view device) const noexcept {
    return devices_.find(session_key_of(device));
  }
  /// Devices tracked now.
  [[nodiscard]] std::size_t device_count() const noexcept { return devices_.size(); }
  /// Devices tracked at most; one more evicts the least recently active.
  [[nodiscard]] std::size_t max_devices() const noexcept { return devices_.max_devices(); }
  /// Devices forgotten so far to make room for others.
  [[nodiscard]] std::uint64_t evictions() const noexcept { return devices_.evictions(); }

 private:
  // Runs `step` on a copy of `device`'s state and stores it only when accepted.
  template <class Step>
  result<void> apply(std::string_view device, Step&& step) {
    const session_key k = session_key_of(device);
    const device_state* existing = devices_.find(k);
    device_state trial = existing != nullptr ? *existing : device_state{};
    if (auto r = step(trial); !r) return r;
    *devices_.touch(k).value = trial;
    return ok();
  }

  // One event's rules, applied to `d` (the caller's copy).
  static result<void> check(direction dir, device_state& d, const event& e) {
    const session_state here = d.state;  // the state the rules are checked in
    if (direction_of(e.kind) != dir) return violation(rules::direction, here);
    const bool upgrading = d.state == session_state::notified || d.state == session_state::downloading;
    switch (e.kind) {
      case event_kind::version_query:
        if (!upgrading) d.state = session_state::queried;
        return ok();
      case event_kind::version_report:
        if (!upgrading) d.state = session_state::reported;
        return ok();
      case event_kind::upgrade_progress_report: {
        if (!upgrading) return violation(rules::progress_without_upgrade, here);
        const auto& p = std::get<progress_report>(e.paras);
        if (p.result_code == 0) {
          if (p.progress && d.last_progress && !json::fields::progress_may_follow(*d.last_progress, *p.progress)) {
            return violation(rules::progress_non_decreasing, here);
          }
          const bool final_report = !p.progress || *p.progress == 100;
          if (final_report) {
            // Success is judged by the reported version: "report success with the updated version,
            // or the platform considers the upgrade failed" (huawei-alibaba-json.md §A.8 rule 2,
            // [H4][H7][H8]). Another version is a failed upgrade the device reported correctly
            // (e.g. a rollback to its old firmware), so it is an outcome, not a rule violation,
            // and the next notification must be accepted (as CTWing, issue 12 item 12).
            d.other_version_reported = !(d.target_version == p.version);
            d.state = d.other_version_reported ? session_state::failed : session_state::succeeded;
          } else {
            d.state = session_state::downloading;
          }
        } else {
          d.state = (d.state == session_state::notified && is_refusal_code(p.result_code)) ? session_state::refused
                                                                                           : session_state::failed;
        }
        d.last_progress = p.progress;
        d.last_result_code = p.result_code;
        return ok();
      }
      default: {  // the four upgrade notifications
        if (upgrading) return violation(rules::upgrade_while_upgrading, here);
        if (d.state == session_state::queried) return violation(rules::upgrade_before_version_report, here);
        const auto& u = std::get<upgrade_notification>(e.paras);
        d.state = session_state::notified;
        d.target_version = text_fingerprint::of(u.version);
        d.upgrade_kind = e.kind;
        d.last_progress.reset();
        d.last_result_code.reset();
        d.other_version_reported = false;
        return ok();
      }
    }
  }


  session_table<device_state> devices_;
};

}  // namespace otawire::huawei

#endif

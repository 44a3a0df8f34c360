// otawire::lwm2m — the Firmware Update state machine (§2.3-2.4) in two roles:
//   * `firmware_client`: what a client does with an operation or a download/update outcome — the
//     next State and Update Result, or the CoAP error it must answer;
//   * `firmware_observer`: a server-side validator of the State / Update Result a device reports,
//     strict (every transition observed) or lenient (states may be missed between notifications).
// Both keep O(1) state per device; every rejection is `violation(rule, state)`. The client has one
// channel: `apply` always returns a `client_outcome`, and a rejected event is an outcome whose
// `rejection` names the rule (with the CoAP refusal for a server operation, `none` for an event
// that cannot happen).
//
// Choices where sources differ (§2.4), each tested in tests/lwm2m/session_test.cpp:
//   * Package URI with an unsupported scheme / an invalid URI: the Write succeeds (2.04) and the
//     error is reported in Update Result 9 / 7 — E.6.1 "Errors … MUST be reported only by the Update
//     Result resource". (Anjay answers 4.00 to an unsupported scheme.)
//   * Reset (URI "" or Package 0x00) is allowed in Idle, Downloading and Downloaded (Anjay; Zephyr
//     only in Downloaded) and answered 4.05 in Updating (Anjay).
//   * A non-reset Package / URI write outside Idle: 4.00 (Anjay); in Updating 4.05, as the reset.
//   * Update failure returns to Downloaded with 8 (1.0 text, Anjay, Zephyr); integrity failure
//     during Update (1.1+) goes to Idle with 5 (1.1 text). The observer also accepts Updating ->
//     Idle with 8 for 1.1+ ("may return to either Downloaded or Idle").
//   * Download failure: Idle with 2, 3, 4, 5, 6, 7 or 9 (Anjay); Zephyr's 8 is not accepted.
//   * Cancel (1.1+) from Downloading / Downloaded -> Idle with 10; 4.05 in Idle and Updating
//     (Anjay; the spec only names Updating). On object 1.0 Cancel does not exist: 4.04.
//   * Idle may show Update Result 0-9 (1.0, E.6.1's assertion) or 0-10 (1.1+); Downloading and
//     Updating only 0; Downloaded 0, 8 and (1.1+) 11.
#ifndef OTAWIRE_LWM2M_SESSION_HPP
#define OTAWIRE_LWM2M_SESSION_HPP

#include <otawire/error.hpp>
#include <otawire/lwm2m/messages.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace otawire::lwm2m {

/// The CoAP response a client gives to a server operation (`none` for device-internal events).
enum class coap_code : std::uint8_t {
  none,
  changed,             // 2.04
  bad_request,         // 4.00
  not_found,           // 4.04
  method_not_allowed,  // 4.05
};

/// The CoAP code as written in logs (`2.04`, `4.05`, …; `none` for no response).
[[nodiscard]] constexpr std::string_view name(coap_code c) noexcept {
  switch (c) {
    case coap_code::none: return "none";
    case coap_code::changed: return "2.04";
    case coap_code::bad_request: return "4.00";
    case coap_code::not_found: return "4.04";
    case coap_code::method_not_allowed: return "4.05";
  }
  return "?";
}

/// Server operations on Object 5 and the device's own outcomes.
enum class client_event : std::uint8_t {
  // Server operations (answered with a CoAP code).
  write_package,                   // Write /5/0/0 with a package (push; the first block)
  write_package_uri,               // Write /5/0/1 with a URI the client accepts (pull)
  write_uri_unsupported_protocol,  // Write /5/0/1 with a scheme the client does not support
  write_uri_invalid,               // Write /5/0/1 with a malformed URI
  write_reset,                     // Write Package = 0x00 or Package URI = ""
  execute_update,                  // Execute /5/0/2, the update starts
  execute_update_deferred,         // Execute /5/0/2, the user defers it (1.1+)
  execute_cancel,                  // Execute /5/0/10 (1.1+)
  // Device outcomes.
  download_complete,        // the package is complete (and verified)
  download_failed,          // with a reason: 2, 3, 4, 5, 6, 7 or 9
  deferred_update_accepted, // the user accepts a deferred update (1.1+)
  update_succeeded,
  update_failed,            // Updating -> Downloaded, 8
  update_integrity_failed,  // Updating -> Idle, 5 (1.1+)
};

/// Whether the event is a server Write/Execute (answered with a CoAP code) rather than
/// something the device itself reports.
[[nodiscard]] constexpr bool is_server_operation(client_event e) noexcept {
  return e <= client_event::execute_cancel;
}

/// What happened: the answer to a server operation and the resulting State / Update Result.
/// Every rejection comes back here, never as a separate error: a rejected event leaves State and
/// Update Result unchanged and names its rule in `rejection`. `response` then says how the client
/// answers: a CoAP refusal (4.00 / 4.04 / 4.05) for a server operation it refuses, `none` for an
/// event that cannot happen in this state or object version (a device outcome out of order, or a
/// deferral on object 1.0).
struct client_outcome {
  coap_code response = coap_code::none;           ///< the client's answer (`none` for a device outcome)
  fw_state state = fw_state::idle;                ///< State (resource 3) after the event
  update_result result = update_result::initial;  ///< Update Result (resource 5) after the event
  std::optional<otawire::error> rejection{};      ///< the rule that refused the event, if any

  /// Whether the event was applied (no rejection).
  [[nodiscard]] constexpr bool accepted() const noexcept { return !rejection.has_value(); }
};

/// The state a `firmware_observer` checks a rule in: a State (0..3), or `unknown_state` while the
/// notifications so far leave it open.
inline constexpr std::uint8_t unknown_state = 0xFF;

namespace detail {
/// The name of an observer's state index (see `unknown_state`).
[[nodiscard]] constexpr std::string_view observed_state_name(std::uint8_t s) noexcept {
  return s < 4 ? name(static_cast<fw_state>(s)) : std::string_view("unknown");
}
}  // namespace detail

/// The rules `firmware_client` and `firmware_observer` reject events for (the `where()` of a
/// `rule_violation`).
namespace rules {
/// A Package or Package URI write during Updating (4.05).
inline constexpr rule write_while_updating{"write_while_updating", names_of_state<fw_state>};
/// A package write outside Idle that is not a reset (4.00).
inline constexpr rule write_requires_idle_or_reset{"write_requires_idle_or_reset", names_of_state<fw_state>};
/// A reset during Updating (4.05).
inline constexpr rule reset_while_updating{"reset_while_updating", names_of_state<fw_state>};
/// An Update execute outside Downloaded (4.05).
inline constexpr rule update_requires_downloaded{"update_requires_downloaded", names_of_state<fw_state>};
/// A deferred update on object 1.0.
inline constexpr rule defer_requires_object_1_1{"defer_requires_object_1_1", names_of_state<fw_state>};
/// A Cancel execute on object 1.0 (4.04: the resource does not exist).
inline constexpr rule cancel_requires_object_1_1{"cancel_requires_object_1_1", names_of_state<fw_state>};
/// A Cancel execute in Idle or Updating (4.05).
inline constexpr rule cancel_requires_downloading_or_downloaded{"cancel_requires_downloading_or_downloaded", names_of_state<fw_state>};
/// A download outcome outside Downloading.
inline constexpr rule download_outcome_requires_downloading{"download_outcome_requires_downloading", names_of_state<fw_state>};
/// A download failure with an Update Result that is not a download failure.
inline constexpr rule download_failure_result{"download_failure_result", names_of_state<fw_state>};
/// An accepted deferred update with none deferred.
inline constexpr rule accept_requires_deferred_update{"accept_requires_deferred_update", names_of_state<fw_state>};
/// An update outcome outside Updating.
inline constexpr rule update_outcome_requires_updating{"update_outcome_requires_updating", names_of_state<fw_state>};
/// An integrity failure during Update on object 1.0.
inline constexpr rule integrity_failure_at_update_requires_object_1_1{"integrity_failure_at_update_requires_object_1_1", names_of_state<fw_state>};
/// An event outside `client_event`.
inline constexpr rule unknown_event{"unknown_event", names_of_state<fw_state>};

// firmware_observer
/// A State outside 0..3.
inline constexpr rule state_out_of_range{"state_out_of_range", detail::observed_state_name};
/// An Update Result the object version does not define.
inline constexpr rule update_result_not_defined_for_object_version{"update_result_not_defined_for_object_version", detail::observed_state_name};
/// An Update Result the reported State never shows.
inline constexpr rule update_result_not_allowed_in_state{"update_result_not_allowed_in_state", detail::observed_state_name};
/// A strict observer saw a change no single transition makes.
inline constexpr rule transition_not_allowed{"transition_not_allowed", detail::observed_state_name};
/// A lenient observer saw a State / Update Result no transitions lead to.
inline constexpr rule state_not_reachable{"state_not_reachable", detail::observed_state_name};
}  // namespace rules

/// The client side of Object 5's state machine for one device.
class firmware_client {
 public:
  /// A client implementing object `version`, starting in `state` / `result` (e.g. restored after
  /// a reboot).
  constexpr explicit firmware_client(object_version version = object_version::v1_2,
                                     fw_state state = fw_state::idle,
                                     update_result result = update_result::initial) noexcept
      : version_(version), state_(state), result_(result) {}

  /// The current State (resource 3), what the client reports on a Read.
  [[nodiscard]] constexpr fw_state state() const noexcept { return state_; }
  /// The current Update Result (resource 5).
  [[nodiscard]] constexpr update_result last_result() const noexcept { return result_; }
  /// The object version whose rules the client follows (Cancel and Defer need 1.1+).
  [[nodiscard]] constexpr object_version version() const noexcept { return version_; }

  /// Applies a server operation (2.04, or a refusal code with its rule) or a device outcome
  /// (`none`, with a rule when it cannot happen in this state). `reason`: the Update Result of
  /// `download_failed`.
  constexpr client_outcome apply(client_event e,
                                 update_result reason = update_result::initial) noexcept {
    const bool v11 = version_ != object_version::v1_0;
    switch (e) {
      case client_event::write_package:
      case client_event::write_package_uri:
      case client_event::write_uri_unsupported_protocol:
      case client_event::write_uri_invalid:
        if (state_ == fw_state::updating) return refuse(coap_code::method_not_allowed, rules::write_while_updating);
        if (state_ != fw_state::idle) return refuse(coap_code::bad_request, rules::write_requires_idle_or_reset);
        if (e == client_event::write_uri_unsupported_protocol) return changed(fw_state::idle, update_result::unsupported_protocol);
        if (e == client_event::write_uri_invalid) return changed(fw_state::idle, update_result::invalid_uri);
        return changed(fw_state::downloading, update_result::initial);
      case client_event::write_reset:
        if (state_ == fw_state::updating) return refuse(coap_code::method_not_allowed, rules::reset_while_updating);
        return changed(fw_state::idle, update_result::initial);
      case client_event::execute_update:
      case client_event::execute_update_deferred:
        if (state_ != fw_state::downloaded) return refuse(coap_code::method_not_allowed, rules::update_requires_downloaded);
        if (e == client_event::execute_update) return changed(fw_state::updating, update_result::initial);
        if (!v11) return impossible(rules::defer_requires_object_1_1);
        return changed(fw_state::downloaded, update_result::deferred);
      case client_event::execute_cancel:
        if (!v11) return refuse(coap_code::not_found, rules::cancel_requires_object_1_1);
        if (state_ != fw_state::downloading && state_ != fw_state::downloaded) {
          return refuse(coap_code::method_not_allowed, rules::cancel_requires_downloading_or_downloaded);
        }
        return changed(fw_state::idle, update_result::cancelled);
      case client_event::download_complete:
        if (state_ != fw_state::downloading) return impossible(rules::download_outcome_requires_downloading);
        return internal(fw_state::downloaded, update_result::initial);
      case client_event::download_failed:
        if (state_ != fw_state::downloading) return impossible(rules::download_outcome_requires_downloading);
        if (!is_download_failure(reason)) return impossible(rules::download_failure_result);
        return internal(fw_state::idle, reason);
      case client_event::deferred_update_accepted:
        if (!v11) return impossible(rules::defer_requires_object_1_1);
        if (state_ != fw_state::downloaded || result_ != update_result::deferred) {
          return impossible(rules::accept_requires_deferred_update);
        }
        return internal(fw_state::updating, update_result::initial);
      case client_event::update_succeeded:
      case client_event::update_failed:
      case client_event::update_integrity_failed:
        if (state_ != fw_state::updating) return impossible(rules::update_outcome_requires_updating);
        if (e == client_event::update_succeeded) return internal(fw_state::idle, update_result::success);
        if (e == client_event::update_failed) return internal(fw_state::downloaded, update_result::update_failed);
        if (!v11) return impossible(rules::integrity_failure_at_update_requires_object_1_1);
        return internal(fw_state::idle, update_result::integrity_check_failure);
    }
    return impossible(rules::unknown_event);
  }

  /// Update Results a download may fail with (§2.4).
  [[nodiscard]] static constexpr bool is_download_failure(update_result r) noexcept {
    switch (r) {
      case update_result::not_enough_flash:
      case update_result::out_of_ram:
      case update_result::connection_lost:
      case update_result::integrity_check_failure:
      case update_result::unsupported_package_type:
      case update_result::invalid_uri:
      case update_result::unsupported_protocol: return true;
      default: return false;
    }
  }

 private:
  constexpr client_outcome changed(fw_state s, update_result r) noexcept {
    return move_to(coap_code::changed, s, r);
  }
  constexpr client_outcome internal(fw_state s, update_result r) noexcept {
    return move_to(coap_code::none, s, r);
  }
  // One out-of-line transition for every accepted event: `apply` has a dozen of them, each
  // would otherwise build its outcome inline (flash on a device).
  [[gnu::noinline]] constexpr client_outcome move_to(coap_code code, fw_state s,
                                                     update_result r) noexcept {
    state_ = s;
    result_ = r;
    return client_outcome{code, s, r, {}};
  }
  constexpr client_outcome refuse(coap_code code, const rule& r) const noexcept {
    return client_outcome{code, state_, result_, violation(r, state_)};
  }
  // An event that cannot happen here: no CoAP answer, nothing changes.
  constexpr client_outcome impossible(const rule& r) const noexcept {
    return client_outcome{coap_code::none, state_, result_, violation(r, state_)};
  }

  object_version version_;
  fw_state state_;
  update_result result_;
};

// ------------------------------------------------------------------------------------------------
// Server side: the observed (State, Update Result) pairs form a graph of 4 x 12 nodes. The
// observer keeps the SET of nodes the device may be in (a 64-bit mask: O(1)), which also handles
// notifications that carry only one of the two resources.

/// How far apart two consecutive notifications may be.
enum class observe_mode : std::uint8_t {
  strict,   ///< each notification is the same node or one transition away
  lenient,  ///< each notification is reachable from the previous one (notifications may be missed)
};

namespace detail {

inline constexpr unsigned fw_results = 12;

[[nodiscard]] constexpr unsigned node(fw_state s, unsigned r) noexcept {
  return static_cast<unsigned>(s) * fw_results + r;
}
[[nodiscard]] constexpr std::uint64_t bit(unsigned n) noexcept { return std::uint64_t{1} << n; }

struct transition_table {
  std::uint64_t valid = 0;                 // nodes the object version allows
  std::array<std::uint64_t, 48> next{};    // one transition
  std::array<std::uint64_t, 48> reach{};   // any number of transitions, including none
};

[[nodiscard]] constexpr transition_table make_transitions(object_version v) noexcept {
  const bool v11 = v != object_version::v1_0;
  transition_table t;
  const unsigned idle_max = v11 ? 10 : 9;
  for (unsigned r = 0; r <= idle_max; ++r) t.valid |= bit(node(fw_state::idle, r));
  t.valid |= bit(node(fw_state::downloading, 0));
  t.valid |= bit(node(fw_state::downloaded, 0)) | bit(node(fw_state::downloaded, 8));
  if (v11) t.valid |= bit(node(fw_state::downloaded, 11));
  t.valid |= bit(node(fw_state::updating, 0));

  const auto idle = [](unsigned r) { return bit(node(fw_state::idle, r)); };
  for (unsigned r = 0; r < fw_results; ++r) {
    // Idle: a download starts, the URI is refused (7, 9), or a reset.
    t.next[node(fw_state::idle, r)] =
        bit(node(fw_state::downloading, 0)) | idle(0) | idle(7) | idle(9);
    // Downloaded: Update, reset, and from 1.1 Cancel and Defer.
    t.next[node(fw_state::downloaded, r)] = bit(node(fw_state::updating, 0)) | idle(0) |
                                            (v11 ? idle(10) | bit(node(fw_state::downloaded, 11)) : 0);
  }
  t.next[node(fw_state::downloading, 0)] = bit(node(fw_state::downloaded, 0)) | idle(0) | idle(2) |
                                           idle(3) | idle(4) | idle(5) | idle(6) | idle(7) |
                                           idle(9) | (v11 ? idle(10) : 0);
  t.next[node(fw_state::updating, 0)] = idle(1) | bit(node(fw_state::downloaded, 8)) |
                                        (v11 ? idle(5) | idle(8) : 0);
  for (unsigned n = 0; n < 48; ++n) {
    t.next[n] &= t.valid;
    t.reach[n] = bit(n) | t.next[n];
  }
  // Transitive closure (48 nodes: at most 48 rounds; done at compile time).
  for (unsigned round = 0; round < 48; ++round) {
    bool grew = false;
    for (unsigned n = 0; n < 48; ++n) {
      std::uint64_t acc = t.reach[n];
      for (unsigned m = 0; m < 48; ++m) {
        if (t.reach[n] & bit(m)) acc |= t.reach[m];
      }
      if (acc != t.reach[n]) {
        t.reach[n] = acc;
        grew = true;
      }
    }
    if (!grew) break;
  }
  return t;
}

inline constexpr std::array<transition_table, 3> transitions{
    make_transitions(object_version::v1_0), make_transitions(object_version::v1_1),
    make_transitions(object_version::v1_2)};

}  // namespace detail

/// Validates the State / Update Result notifications of one device, in order.
class firmware_observer {
 public:
  /// An observer of a device implementing object `version`; it starts knowing nothing (any node
  /// the version allows).
  constexpr explicit firmware_observer(object_version version = object_version::v1_2,
                                       observe_mode mode = observe_mode::strict) noexcept
      : version_(version), mode_(mode), possible_(table().valid) {}

  /// One notification (or Read response) carrying State, Update Result or both.
  constexpr otawire::result<void> observe(std::optional<fw_state> state,
                                 std::optional<update_result> result) noexcept {
    const auto known = this->state();  // the state the rules are checked in
    const std::uint8_t here = known ? static_cast<std::uint8_t>(*known) : unknown_state;
    if (!state && !result) return ok();
    if (state && static_cast<unsigned>(*state) > 3) return violation(rules::state_out_of_range, here);
    if (result && static_cast<unsigned>(*result) > max_update_result(version_)) {
      return violation(rules::update_result_not_defined_for_object_version, here);
    }
    std::uint64_t matching = 0;
    for (unsigned s = 0; s < 4; ++s) {
      if (state && static_cast<unsigned>(*state) != s) continue;
      for (unsigned r = 0; r < detail::fw_results; ++r) {
        if (result && static_cast<unsigned>(*result) != r) continue;
        matching |= detail::bit(detail::node(static_cast<fw_state>(s), r));
      }
    }
    matching &= table().valid;
    if (matching == 0) return violation(rules::update_result_not_allowed_in_state, here);
    std::uint64_t successors = 0;
    for (unsigned n = 0; n < 48; ++n) {
      if (!(possible_ & detail::bit(n))) continue;
      successors |= mode_ == observe_mode::strict ? (detail::bit(n) | table().next[n])
                                                  : table().reach[n];
    }
    const std::uint64_t next = successors & matching;
    if (next == 0) {
      return violation(mode_ == observe_mode::strict ? rules::transition_not_allowed : rules::state_not_reachable, here);
    }
    possible_ = next;
    return ok();
  }

  /// The device's State when the notifications so far pin it down, else "unknown".
  [[nodiscard]] constexpr std::string_view state_name() const noexcept {
    const auto s = state();
    return s ? name(*s) : std::string_view("unknown");
  }
  /// The device's State when the notifications so far pin it down.
  [[nodiscard]] constexpr std::optional<fw_state> state() const noexcept {
    std::optional<fw_state> only;
    for (unsigned s = 0; s < 4; ++s) {
      const std::uint64_t row = ((std::uint64_t{1} << detail::fw_results) - 1)
                                << (s * detail::fw_results);
      if (possible_ & row) {
        if (only) return std::nullopt;
        only = static_cast<fw_state>(s);
      }
    }
    return only;
  }
  /// The Update Result when pinned down.
  [[nodiscard]] constexpr std::optional<update_result> last_result() const noexcept {
    std::optional<update_result> only;
    for (unsigned r = 0; r < detail::fw_results; ++r) {
      std::uint64_t column = 0;
      for (unsigned s = 0; s < 4; ++s) column |= detail::bit(detail::node(static_cast<fw_state>(s), r));
      if (possible_ & column) {
        if (only) return std::nullopt;
        only = static_cast<update_result>(r);
      }
    }
    return only;
  }
  /// The object version whose states and results are allowed.
  [[nodiscard]] constexpr object_version version() const noexcept { return version_; }
  /// Strict or lenient, as constructed.
  [[nodiscard]] constexpr observe_mode mode() const noexcept { return mode_; }

 private:
  [[nodiscard]] constexpr const detail::transition_table& table() const noexcept {
    return detail::transitions[static_cast<unsigned>(version_)];
  }

  object_version version_;
  observe_mode mode_;
  std::uint64_t possible_;
};

}  // namespace otawire::lwm2m

#endif

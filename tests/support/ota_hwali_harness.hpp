// The Huawei `$ota` and Alibaba sides of the neutral validator's agreement checks, shared by the
// property tests (tests/ota/huawei_test.cpp, alibaba_test.cpp) and fuzz_ota_session_hwali: run
// one session through the family's own validator and through to_events → neutral_session, and
// say where they first disagree — or stop, counted, at the first place where the rules differ
// by design (each exclusion is documented where it is counted).
#ifndef OTAWIRE_TEST_SUPPORT_OTA_HWALI_HARNESS_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_HWALI_HARNESS_HPP

#include <otawire/alibaba/session.hpp>
#include <otawire/huawei/session.hpp>
#include <otawire/ota/alibaba.hpp>
#include <otawire/ota/huawei.hpp>
#include <otawire/ota/session.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::ota_hwali {

namespace hw = otawire::huawei;
namespace ab = otawire::alibaba;

/// What one run found: where the validators first disagreed (empty `disagreement`: nowhere up to
/// the end or the first exclusion), whether any message was rejected, and a log of every step.
struct agreement {
  std::string_view disagreement{};  ///< "accept/reject" or "state", or empty
  std::size_t at = 0;              ///< the step it happened at
  bool any_rejected = false;
  bool logging = true;  ///< write `log` (the fuzz target does not: it only needs the verdict)
  std::string log;
};

// --- Huawei ---------------------------------------------------------------------------------------

/// One step of a Huawei session: one `$ota` event (the platform and devices send one per message).
struct huawei_step {
  hw::event_kind kind = hw::event_kind::version_query;
  std::int32_t result_code = 0;
  std::optional<std::int32_t> progress{};
  std::string_view version{};
};

/// The one-event message of step `s`.
inline hw::message message_of(const huawei_step& s) {
  hw::message m{};
  hw::event e{};
  e.kind = s.kind;
  e.event_type = hw::name(s.kind);
  switch (s.kind) {
    case hw::event_kind::version_query: e.paras = hw::version_query{hw::paras_form::null, {}, {}, {}}; break;
    case hw::event_kind::version_report: e.paras = hw::version_report{std::nullopt, s.version}; break;
    case hw::event_kind::upgrade_progress_report:
      e.paras = hw::progress_report{s.result_code, s.progress, s.version, std::nullopt};
      break;
    default: {
      hw::upgrade_notification u{};
      u.version = s.version;
      u.url = "https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/p";
      u.file_size = 30720;
      e.paras = u;
      break;
    }
  }
  m.push(e);
  return m;
}

/// Where the two validators cannot agree because the rules differ, each counted; the comparison
/// of a session stops at the first (their states part ways there).
struct huawei_exclusions {
  /// 1. huawei::session rejects a progress below the last (json/fields.hpp's shared rule; §A.8
  ///    rule 6 leaves monotonicity unknown). The neutral session keeps no percent: it is 24 bytes.
  std::size_t progress_decrease = 0;
  /// 2. A final report (`progress` absent or 100) naming another version than the target:
  ///    huawei::session counts it a failed upgrade (§A.8 rule 2, a rollback); crosswalk §2.6's row
  ///    reads it as `progress` ("version ≠ target … → progress"), which does not end the upgrade.
  std::size_t other_version_reported = 0;
  /// 3. A second notification before any progress: huawei::session refuses it (no concurrent
  ///    tasks, §A.8 rule 6); the neutral session takes a re-offer while `offered` (PCP re-sends
  ///    20 to resume, pcp §5.5).
  std::size_t reoffer = 0;
  /// 4. A notification while a query is unanswered: huawei::session refuses it (the documented
  ///    order, §A.8 rule 1); the neutral session asks for a version first only of PCP.
  std::size_t offer_while_querying = 0;
  /// 5. A query during an upgrade: huawei::session keeps the upgrade (its choice where §A.8 is
  ///    silent); the neutral session starts over (PCP's re-query to resume, pcp §5.5).
  std::size_t query_during_upgrade = 0;
  /// 6. An offer of the version the device reported running: the neutral session refuses it
  ///    (`offer_of_running_version`); huawei::session does not check (Huawei has code 3 for it).
  std::size_t offer_of_running_version = 0;
  [[nodiscard]] std::size_t total() const {
    return progress_decrease + other_version_reported + reoffer + offer_while_querying + query_during_upgrade +
           offer_of_running_version;
  }
};

/// Whether Huawei state `h` reads as neutral state and outcome `n`, `o`.
inline bool same_state(hw::session_state h, ota::upgrade_state n, ota::upgrade_outcome o) {
  using H = hw::session_state;
  using N = ota::upgrade_state;
  using O = ota::upgrade_outcome;
  switch (h) {
    case H::idle: return n == N::idle && o == O::none;
    case H::queried: return n == N::querying;
    case H::reported: return n == N::version_known || n == N::idle;  // a report after an outcome
    case H::notified: return n == N::offered;
    case H::downloading: return n == N::downloading;
    case H::succeeded: return n == N::idle && o == O::succeeded;
    case H::failed: return n == N::idle && o == O::download_failed;  // HWM has no phase: the download's
    case H::refused: return n == N::idle && o == O::offer_refused;
  }
  return false;
}

/// Runs `steps` (one device) through huawei::session and through to_events → neutral_session.
inline huawei_exclusions check_huawei_agreement(const std::vector<huawei_step>& steps, agreement& out) {
  huawei_exclusions excluded{};
  hw::session native{4};
  ota::neutral_session neutral{ota::profile_of(ota::protocol::huawei_mqtt)};
  std::string_view target{};  // the version of the notification the neutral session last took
  std::array<ota::event, ota::huawei_max_events> events{};
  const auto disagree = [&](std::string_view what, std::size_t i) {
    out.disagreement = what;
    out.at = i;
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    const auto m = message_of(s);
    const auto before = neutral.state();
    ota::huawei_session_context context{};
    if (before == ota::upgrade_state::offered || before == ota::upgrade_state::downloading) context.target_version = target;
    context.progress_reported = before == ota::upgrade_state::downloading;
    context.query_pending = before == ota::upgrade_state::querying;
    const auto n = ota::to_events(m, ota::envelope{}, context, events);
    if (!n || *n == 0) {
      disagree("to_events", i);
      break;
    }
    const auto native_before = native.state("dev");
    const auto by_huawei = native.on_event(*hw::direction_of(s.kind), "dev", m.storage[0]);
    const auto by_neutral = neutral.on_events(std::span<const ota::event>(events.data(), *n));
    if (out.logging) {
      out.log += "step " + std::to_string(i) + " " + std::string(hw::name(s.kind)) + " code " +
                 std::to_string(s.result_code) + " version " + std::string(s.version) + ": huawei " +
                 std::string(by_huawei ? "accepts" : by_huawei.error().where()) + " in " +
                 std::string(hw::name(native_before)) + ", neutral " +
                 std::string(by_neutral ? "accepts" : by_neutral.error().where()) + " in " +
                 std::string(ota::name(before)) + "\n";
    }
    // The exclusions, each recognised by its own circumstances.
    const bool upgrading = native_before == hw::session_state::notified || native_before == hw::session_state::downloading;
    if (!by_huawei && by_neutral && by_huawei.error().where() == hw::rules::progress_non_decreasing.name()) {
      ++excluded.progress_decrease;
      break;
    }
    if (upgrading && by_huawei && native.find("dev")->other_version_reported &&
        native.state("dev") == hw::session_state::failed) {
      ++excluded.other_version_reported;
      break;
    }
    if (hw::is_upgrade(s.kind) && native_before == hw::session_state::notified && by_neutral) {
      ++excluded.reoffer;
      break;
    }
    if (hw::is_upgrade(s.kind) && native_before == hw::session_state::queried && by_neutral) {
      ++excluded.offer_while_querying;
      break;
    }
    if (s.kind == hw::event_kind::version_query && upgrading) {
      ++excluded.query_during_upgrade;
      break;
    }
    if (hw::is_upgrade(s.kind) && by_huawei && !by_neutral &&
        by_neutral.error().where() == ota::rules::offer_of_running_version.name()) {
      ++excluded.offer_of_running_version;
      break;
    }
    if (by_huawei.has_value() != by_neutral.has_value()) {
      disagree("accept/reject", i);
      break;
    }
    if (!same_state(native.state("dev"), neutral.state(), neutral.outcome())) {
      disagree("state", i);
      break;
    }
    if (by_neutral && hw::is_upgrade(s.kind)) target = s.version;
    out.any_rejected = out.any_rejected || !by_huawei;
  }
  return excluded;
}

// --- Alibaba --------------------------------------------------------------------------------------

/// Where the two validators cannot agree because the rules differ, each counted; the comparison
/// of a session stops at the first (their states part ways there).
struct alibaba_exclusions {
  /// 1. alibaba::session rejects a step below the last (json/fields.hpp's shared rule); the
  ///    neutral session keeps no percent (it is 24 bytes).
  std::size_t progress_decrease = 0;
  /// 2. After step 100, an inform of another version: alibaba::session counts the upgrade
  ///    failed (`not_applied`, §B.6 rule 3: "even if the reported progress is 100% … the update
  ///    has failed"); crosswalk §2.7's row reads it as a `version_report`, which ends nothing.
  std::size_t not_applied = 0;
  /// 3. A re-push (or pull reply) of the same version while upgrading: alibaba::session
  ///    restarts the download (a reconnect, §B.6 rule 6); the neutral session refuses an offer
  ///    during a download (`offer_during_upgrade`).
  std::size_t repush_while_upgrading = 0;
  /// 4. A pull reply with no pull pending: alibaba::session refuses it; the neutral session
  ///    keeps no pending pull (a pull and its answer change nothing, §1.4 E3/E5).
  std::size_t reply_without_request = 0;
  /// 5. A diff package before any version report: alibaba::session refuses it ([A5]); the
  ///    neutral model has no diff rule.
  std::size_t diff_without_report = 0;
  /// 6. An offer of the version the device reported running: the neutral session refuses it;
  ///    alibaba::session does not check.
  std::size_t offer_of_running_version = 0;
  [[nodiscard]] std::size_t total() const {
    return progress_decrease + not_applied + repush_while_upgrading + reply_without_request + diff_without_report +
           offer_of_running_version;
  }
};

/// Whether Alibaba state `a` (and its last outcome) reads as neutral state and outcome `n`, `o`.
inline bool same_state(ab::session_state a, ab::outcome last, ota::upgrade_state n, ota::upgrade_outcome o) {
  using A = ab::session_state;
  using N = ota::upgrade_state;
  using O = ota::upgrade_outcome;
  switch (a) {
    case A::idle:
    case A::reported:
    case A::await_reply: return n == N::idle || n == N::version_known;
    case A::notified: return n == N::offered;
    case A::upgrading: return n == N::downloading;
    case A::succeeded: return n == N::idle && o == O::succeeded;
    case A::failed: return n == N::idle && o == O::download_failed && last == ab::outcome::failed;  // no phase
  }
  return false;
}

/// One neutral session per module (§B.6 rule 7), with the version its offer named.
struct neutral_module {
  ota::neutral_session session{ota::profile_of(ota::protocol::alibaba)};
  std::string_view target{};
};

/// Runs `steps` (each with a `topic` and a `value`: one device of product `a1pk`, name `dev`)
/// through alibaba::session and through to_events → neutral_session (one per module).
template <class Steps>
alibaba_exclusions check_alibaba_agreement(const Steps& steps, agreement& out) {
  alibaba_exclusions excluded{};
  ab::session native{8};
  std::map<std::string_view, neutral_module> modules;
  std::array<ota::event, ota::alibaba_max_events> events{};
  const auto disagree = [&](std::string_view what, std::size_t i) {
    out.disagreement = what;
    out.at = i;
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    // The module the message names; a reply without a package names none (it changes nothing
    // on the neutral side either way).
    std::string_view module = ab::default_module;
    std::visit(
        [&](const auto& m) {
          if constexpr (requires { m.module_name(); }) module = m.module_name();
          if constexpr (requires { m.data->module_name(); }) {
            if (m.data) module = m.data->module_name();
          }
        },
        s.value);
    auto& side = modules[module];
    const auto before = side.session.state();
    ota::alibaba_session_context context{};
    if (before == ota::upgrade_state::offered || before == ota::upgrade_state::downloading) {
      context.target_version = side.target;
    }
    const auto n = ota::to_events(s.value, ota::envelope{}, context, events);
    if (!n || *n == 0) {
      disagree("to_events", i);
      break;
    }
    const auto* kept = native.find(s.topic.product_key, s.topic.device_name, module);
    const auto native_before = kept != nullptr ? kept->state() : ab::session_state::idle;
    const bool reported_before = kept != nullptr && kept->has_reported();
    const auto last_step = kept != nullptr ? kept->last_step() : 0;
    const auto by_alibaba = native.on(s.topic, s.value);
    const auto by_neutral = side.session.on_events(std::span<const ota::event>(events.data(), *n));
    if (out.logging) {
      out.log += "step " + std::to_string(i) + " " + std::string(ab::type_name(s.value)) + " module " +
                 std::string(module) + ": alibaba " + std::string(by_alibaba ? "accepts" : by_alibaba.error().where()) +
                 " in " + std::string(ab::name(native_before)) + ", neutral " +
                 std::string(by_neutral ? "accepts" : by_neutral.error().where()) + " in " +
                 std::string(ota::name(before)) + "\n";
    }
    const bool offer = events[0].kind() == ota::event_kind::upgrade_offer;
    if (!by_alibaba && by_neutral && by_alibaba.error().where() == ab::rules::progress_non_decreasing.name()) {
      ++excluded.progress_decrease;
      break;
    }
    if (by_alibaba && native_before == ab::session_state::upgrading && last_step == ab::max_step &&
        native.last()->last_outcome() == ab::outcome::not_applied) {
      ++excluded.not_applied;
      break;
    }
    if (offer && by_alibaba && !by_neutral && native_before == ab::session_state::upgrading) {
      ++excluded.repush_while_upgrading;
      break;
    }
    if (!by_alibaba && by_alibaba.error().where() == ab::rules::reply_without_request.name()) {
      ++excluded.reply_without_request;
      break;
    }
    if (!by_alibaba && by_alibaba.error().where() == ab::rules::diff_requires_version_report.name() && !reported_before) {
      ++excluded.diff_without_report;
      break;
    }
    if (offer && by_alibaba && !by_neutral && by_neutral.error().where() == ota::rules::offer_of_running_version.name()) {
      ++excluded.offer_of_running_version;
      break;
    }
    if (by_alibaba.has_value() != by_neutral.has_value()) {
      disagree("accept/reject", i);
      break;
    }
    const auto* now = native.find(s.topic.product_key, s.topic.device_name, module);
    if (now != nullptr &&
        !same_state(now->state(), now->last_outcome(), side.session.state(), side.session.outcome())) {
      disagree("state", i);
      break;
    }
    if (by_neutral && offer) side.target = std::get<ota::upgrade_offer>(events[0].body).package.version;
    out.any_rejected = out.any_rejected || !by_alibaba;
  }
  return excluded;
}

}  // namespace otawire::test::ota_hwali

#endif

// The CTWing part of tests/support/ota_tcj_harness.hpp: ctwing::session against the neutral
// session validator (tests/ota/ctwing_test.cpp, fuzz_ota_session_tcj). JSON-free, as the device
// profile build of ctwing_test.cpp needs.
#ifndef OTAWIRE_TEST_SUPPORT_OTA_TCJ_CTWING_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_TCJ_CTWING_HPP

#include "support/ota_tcj_agreement.hpp"

#include <otawire/ctwing/session.hpp>
#include <otawire/ota/ctwing.hpp>
#include <otawire/ota/session.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::ota_tcj {

namespace cw = otawire::ctwing;

/// Rules ctwing::session checks that have no neutral counterpart: task ids (json §B.4 "taskId in
/// progress must equal the active upgrade's"; neutral events carry the id but the neutral rules
/// do not compare it), the first-inform rule (json §B.2 "must report the version first"; the
/// neutral model lets offers come unasked, §1.4 E1), a version that changes mid-attempt, step
/// order, another task's upgrade while the first offer is unanswered (ctwing::session's choice:
/// whether a task may replace another is unknown; neutrally an offer may be re-sent until it is
/// answered), and reports after step 100 (ctwing::session's choice: 100 ends the download, so a later
/// failure is refused; neutrally a JSON device may still fail after it, §1.4 E9).
inline bool ctwing_only_rule(std::string_view where) {
  for (const std::string_view r :
       {cw::rules::inform_first.name(), cw::rules::inform_task_id.name(), cw::rules::version_changed_mid_attempt.name(),
        cw::rules::progress_task_id.name(), cw::rules::progress_non_decreasing.name(),
        cw::rules::progress_after_end.name(), cw::rules::new_version_task_id.name(),
        cw::rules::upgrade_during_attempt.name()}) {
    if (where == r) return true;
  }
  return false;
}

/// The neutral state a CTWing state stands for.
inline bool states_agree(const cw::session& native, const ota::neutral_session& neutral) {
  using S = cw::session_state;
  using N = ota::upgrade_state;
  switch (native.state()) {
    case S::awaiting_inform:
    case S::idle:
    case S::failed: return neutral.state() == N::idle;
    case S::upgrade_received: return neutral.state() == N::offered;
    case S::in_progress: return neutral.state() == N::downloading;
    case S::awaiting_new_version: return neutral.state() == N::downloaded;
  }
  return false;
}

/// The last upgrade's end: CTWing's outcome ↔ the neutral one (`not_applied`: the install failed).
inline bool outcomes_agree(const cw::session& native, const ota::neutral_session& neutral) {
  switch (native.last_outcome()) {
    case cw::outcome::none: return neutral.outcome() == ota::upgrade_outcome::none;
    case cw::outcome::succeeded: return neutral.outcome() == ota::upgrade_outcome::succeeded;
    case cw::outcome::not_applied: return neutral.outcome() == ota::upgrade_outcome::install_failed;
    case cw::outcome::failed:
      return neutral.outcome() == ota::upgrade_outcome::download_failed ||
             neutral.outcome() == ota::upgrade_outcome::install_failed;
  }
  return false;
}

/// Whether CTWing state `s` is inside an attempt (offered, in progress, or waiting for the version).
inline bool in_attempt(cw::session_state s) {
  return s == cw::session_state::upgrade_received || s == cw::session_state::in_progress ||
         s == cw::session_state::awaiting_new_version;
}

/// Runs `messages` through ctwing::session and through to_events → neutral_session; the context's
/// awaiting version is the last upgrade's target while ctwing::session waits for the new version.
///
/// Excluded where the two cannot agree (each counted by name):
/// 1. `redelivered_offer`: the same task's upgrade again during an attempt (QoS 1 redelivery or a
///    re-push, json §B.4; ctwing::session restarts the attempt); neutrally a second offer
///    mid-upgrade is `offer_during_upgrade`. The neutral session restarts with it.
/// 2. `offer_of_running_version`: CTWing accepts an offer of the running version; the neutral
///    rule refuses it. The neutral session restarts with it.
/// 3. A CTWing-only rule (`ctwing_only_rule`), counted under the rule's name: CTWing rejects, the
///    neutral session accepts; its state is put back, as CTWing's stays.
inline exclusion_counts check_ctwing_agreement(const std::vector<cw::message>& messages, agreement& out) {
  exclusion_counts excluded;
  cw::session native{};
  const auto profile = ota::profile_of(ota::protocol::ctwing);
  ota::neutral_session neutral{profile};
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::ctwing_max_events> events{};
  std::string_view target{};
  const auto disagree = [&](std::string_view what, std::size_t i) {
    out.disagreement = what;
    out.at = i;
  };
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    const auto before = native.state();
    const std::string_view awaiting = before == cw::session_state::awaiting_new_version ? target : std::string_view{};
    const auto n = ota::to_events(m, ota::envelope{}, {text, awaiting}, events);
    if (!n) {
      disagree("to_events", i);
      break;
    }
    std::span<ota::event> stream(events.data(), *n);
    const auto by_ctwing = native.on(m);
    const auto* offer = std::get_if<cw::upgrade>(&m);
    if (by_ctwing && offer != nullptr) target = offer->version;
    const auto neutral_before = neutral;
    auto by_neutral = neutral.on_events(stream);
    constexpr std::array<std::string_view, 3> types{"inform", "upgrade", "progress"};  // `cw::message` order
    detail::log_step(out, i, types[m.index()], "ctwing", by_ctwing, cw::name(before), by_neutral,
                     neutral_before.state());
    if (by_ctwing && !by_neutral && offer != nullptr) {
      const auto where = by_neutral.error().where();
      const bool redelivered = where == ota::rules::offer_during_upgrade.name();
      if (redelivered || where == ota::rules::offer_of_running_version.name()) {
        ++excluded[redelivered ? "redelivered_offer" : "offer_of_running_version"];
        neutral = ota::neutral_session{profile};  // restart with the offer
        if (!neutral.on_events(stream)) {
          disagree("restart", i);
          break;
        }
        if (!states_agree(native, neutral)) {
          disagree("state", i);
          break;
        }
        continue;
      }
    }
    if (!by_ctwing && by_neutral && ctwing_only_rule(by_ctwing.error().where())) {
      ++excluded[std::string(by_ctwing.error().where())];
      neutral = neutral_before;
      continue;
    }
    if (by_ctwing.has_value() != by_neutral.has_value()) {
      disagree("accept/reject", i);
      break;
    }
    if (!states_agree(native, neutral)) {
      disagree("state", i);
      break;
    }
    // When an attempt ends, both say how (an outcome kept from before a restart is not compared).
    if (in_attempt(before) && !in_attempt(native.state()) && !outcomes_agree(native, neutral)) {
      disagree("outcome", i);
      break;
    }
    out.any_rejected = out.any_rejected || !by_ctwing;
  }
  return excluded;
}

}  // namespace otawire::test::ota_tcj

#endif

// The JetLinks part of tests/support/ota_tcj_harness.hpp: jetlinks::session against the
// neutral session validator (tests/ota/jetlinks_test.cpp, fuzz_ota_session_tcj).
#ifndef OTAWIRE_TEST_SUPPORT_OTA_TCJ_JETLINKS_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_TCJ_JETLINKS_HPP

#include "support/ota_tcj_agreement.hpp"

#include <otawire/jetlinks/session.hpp>
#include <otawire/ota/jetlinks.hpp>
#include <otawire/ota/session.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::ota_tcj {

namespace jl = otawire::jetlinks;

/// Rules jetlinks::session checks that have no neutral counterpart: request/reply pairing
/// by messageId (the neutral model keeps `correlation` but its rules do not pair), a pull reply's
/// required url/version, progress for another device, version or firmwareId (neutral progress
/// names none, §2.5), the progress range and order (json §C.5 "inferred" rules).
inline bool jetlinks_only_rule(std::string_view where) {
  for (const std::string_view r :
       {jl::rules::reply_has_request.name(), jl::rules::reply_matches_request.name(),
        jl::rules::pull_reply_has_firmware.name(), jl::rules::progress_matches_device.name(),
        jl::rules::progress_matches_version.name(), jl::rules::progress_matches_firmware_id.name(),
        jl::rules::progress_in_range.name(), jl::rules::progress_non_decreasing.name()}) {
    if (where == r) return true;
  }
  return false;
}

/// Whether neutral state `s` is outside an upgrade attempt.
inline bool not_in_attempt(ota::upgrade_state s) {
  return s == ota::upgrade_state::idle || s == ota::upgrade_state::querying || s == ota::upgrade_state::version_known;
}

/// The neutral state a JetLinks task state stands for.
inline bool states_agree(const jl::session& native, const ota::neutral_session& neutral) {
  using S = jl::session_state;
  switch (native.state()) {
    case S::processing:
      return neutral.state() == ota::upgrade_state::offered || neutral.state() == ota::upgrade_state::downloading;
    default: return not_in_attempt(neutral.state());  // idle, waiting, and the ends
  }
}

/// The task's end: JetLinks `success` ↔ succeeded, `failed` ↔ a refused offer or a failure.
inline bool outcomes_agree(const jl::session& native, const ota::neutral_session& neutral) {
  if (native.state() == jl::session_state::success) return neutral.outcome() == ota::upgrade_outcome::succeeded;
  if (native.state() == jl::session_state::failed) {
    return neutral.outcome() == ota::upgrade_outcome::offer_refused ||
           neutral.outcome() == ota::upgrade_outcome::download_failed;
  }
  return true;
}

/// Runs `messages` through jetlinks::session and through to_events → neutral_session.
///
/// Excluded where the two cannot agree (each counted by name):
/// 1. `replaced_task`: a push (or a successful pull reply) while a task is processing replaces it
///    in JetLinks (json §C.5: "a new task replaces the old one"); neutrally a second offer
///    mid-upgrade is `offer_during_upgrade`. The neutral session restarts with the new offer.
/// 2. `offer_of_running_version`: JetLinks accepts it; the neutral rule refuses. Restart likewise.
/// 3. `read_during_task`: a read while a task runs is an independent query in JetLinks; neutrally a
///    query restarts the exchange (querying). Neither it nor its reply is fed neutrally.
/// 4. `late_upgrade_reply`: the v3 upgrade reply after progress began, or after the task ended (the
///    platform does not wait for it, `async=true`, json §C.5); neutrally the offer was already
///    taken by the progress.
///    Not fed; a late refusal fails the task in JetLinks, so the neutral session restarts idle.
/// 5. `success_without_progress`: a completed success right after the offer; neutrally some
///    progress must stand for the acceptance first. The neutral session restarts idle.
/// 6. A JetLinks-only rule (`jetlinks_only_rule`), counted under the rule's name: JetLinks rejects,
///    the neutral session accepts; its state is put back, as JetLinks' stays.
inline exclusion_counts check_jetlinks_agreement(const std::vector<jl::message>& messages, agreement& out) {
  exclusion_counts excluded;
  jl::session native{};
  const auto profile = ota::profile_of(ota::protocol::jetlinks);
  ota::neutral_session neutral{profile};
  std::array<ota::event, ota::jetlinks_max_events> events{};
  bool read_skipped = false;
  bool compare_outcome = true;
  const auto disagree = [&](std::string_view what, std::size_t i) {
    out.disagreement = what;
    out.at = i;
  };
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    const auto n = ota::to_events(m, ota::envelope{}, {}, events);
    if (!n) {
      disagree("to_events", i);
      break;
    }
    std::span<ota::event> stream(events.data(), *n);
    const auto before = native.state();
    const auto by_jetlinks = native.on(m);
    const auto type = jl::type_of(m);
    const auto neutral_before = neutral;
    if (by_jetlinks && type == jl::message_type::read_firmware && !not_in_attempt(neutral.state())) {
      ++excluded["read_during_task"];
      read_skipped = true;
      continue;
    }
    if (by_jetlinks && type == jl::message_type::read_firmware_reply &&
        (read_skipped || neutral.state() != ota::upgrade_state::querying)) {
      ++excluded["read_during_task"];
      read_skipped = false;
      continue;
    }
    if (by_jetlinks && type == jl::message_type::upgrade_firmware_reply &&
        neutral.state() != ota::upgrade_state::offered) {
      ++excluded["late_upgrade_reply"];
      if (before == jl::session_state::processing && native.state() == jl::session_state::failed) {
        neutral = ota::neutral_session{profile};
        compare_outcome = false;
      }
      continue;
    }
    auto by_neutral = neutral.on_events(stream);
    detail::log_step(out, i, jl::name(type), "jetlinks", by_jetlinks, jl::name(before), by_neutral,
                     neutral_before.state());
    if (by_jetlinks && !by_neutral && stream[0].kind() == ota::event_kind::upgrade_offer) {
      const auto where = by_neutral.error().where();
      const bool replaced = where == ota::rules::offer_during_upgrade.name();
      if (replaced || where == ota::rules::offer_of_running_version.name()) {
        ++excluded[replaced ? "replaced_task" : "offer_of_running_version"];
        neutral = ota::neutral_session{profile};
        if (!neutral.on_events(stream)) {
          disagree("restart", i);
          break;
        }
        continue;
      }
    }
    if (by_jetlinks && !by_neutral && stream[0].kind() == ota::event_kind::succeeded &&
        neutral.state() == ota::upgrade_state::offered) {
      ++excluded["success_without_progress"];
      neutral = ota::neutral_session{profile};
      compare_outcome = false;
      continue;
    }
    if (!by_jetlinks && by_neutral && jetlinks_only_rule(by_jetlinks.error().where())) {
      ++excluded[std::string(by_jetlinks.error().where())];
      neutral = neutral_before;
      continue;
    }
    if (by_jetlinks.has_value() != by_neutral.has_value()) {
      disagree("accept/reject", i);
      break;
    }
    if (!states_agree(native, neutral)) {
      disagree("state", i);
      break;
    }
    if (before == jl::session_state::processing && native.state() != before) {
      if (compare_outcome && !outcomes_agree(native, neutral)) {
        disagree("outcome", i);
        break;
      }
      compare_outcome = true;
    }
    out.any_rejected = out.any_rejected || !by_jetlinks;
  }
  return excluded;
}

}  // namespace otawire::test::ota_tcj

#endif

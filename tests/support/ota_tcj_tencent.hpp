// The Tencent part of tests/support/ota_tcj_harness.hpp: tencent::session against the neutral
// session validator (tests/ota/tencent_test.cpp, fuzz_ota_session_tcj).
#ifndef OTAWIRE_TEST_SUPPORT_OTA_TCJ_TENCENT_HPP
#define OTAWIRE_TEST_SUPPORT_OTA_TCJ_TENCENT_HPP

#include "support/ota_tcj_agreement.hpp"

#include <otawire/ota/session.hpp>
#include <otawire/ota/tencent.hpp>
#include <otawire/tencent/session.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace otawire::test::ota_tcj {

namespace tc = otawire::tencent;

/// Rules tencent::session checks that have no neutral counterpart, because the neutral stream does
/// not carry what they look at: the order of the first report (json §A.4 step 1; the neutral model
/// lets unasked reports and offers come at any time, §1.4 E1), the version-report answer's code (an
/// unknown-code ack changes no neutral state), progress texts and percents (no version in a neutral
/// `progress`; percent order and the resume rule of §A.5 are Tencent's), a target longer than a
/// device can report back (§A.4 step 9), acks after the end (the neutral session is idle then), and
/// `done` before `downloading "100"` (neutrally a JSON device may report success without a
/// download-end signal: JetLinks and Huawei have none, §1.4 E9).
inline bool tencent_only_rule(std::string_view where) {
  for (const std::string_view r :
       {tc::rules::report_version_first.name(), tc::rules::version_report_accepted.name(),
        tc::rules::target_version_reportable.name(), tc::rules::progress_version_is_target.name(),
        tc::rules::first_percent_is_zero.name(), tc::rules::percent_non_decreasing.name(),
        tc::rules::terminal_after_done_or_fail.name(), tc::rules::done_requires_download_100.name()}) {
    if (where == r) return true;
  }
  return false;
}

/// Whether Tencent state `s` is inside an attempt (offered, downloading or burning).
inline bool in_attempt(tc::session_state s) {
  return s == tc::session_state::update_offered || s == tc::session_state::downloading ||
         s == tc::session_state::burning;
}

/// The neutral state a Tencent state stands for.
inline bool states_agree(const tc::session& native, const ota::neutral_session& neutral) {
  using S = tc::session_state;
  using N = ota::upgrade_state;
  switch (native.state()) {
    case S::idle:
    case S::version_reported:
    case S::done:
    case S::failed: return neutral.state() == N::idle;
    case S::update_offered: return neutral.state() == N::offered;
    case S::downloading:
      return neutral.state() == (native.last_percent() == std::uint8_t{100} ? N::downloaded : N::downloading);
    case S::burning: return neutral.state() == N::installing;
  }
  return false;
}

/// The last upgrade's end: Tencent `done` ↔ succeeded, `failed` ↔ a download or install failure.
inline bool outcomes_agree(const tc::session& native, const ota::neutral_session& neutral) {
  if (native.state() == tc::session_state::done) return neutral.outcome() == ota::upgrade_outcome::succeeded;
  if (native.state() == tc::session_state::failed) {
    return neutral.outcome() == ota::upgrade_outcome::download_failed ||
           neutral.outcome() == ota::upgrade_outcome::install_failed;
  }
  return true;
}

/// Runs `messages` through tencent::session and through to_events → neutral_session.
///
/// Excluded where the two cannot agree (each counted by name):
/// 1. `reconnect`: a report_version during an attempt ends it in Tencent (json §A.4: "each call
///    resets the SDK's OTA state"); neutrally it is an unasked report that ends nothing. The
///    neutral session restarts there, as a new connection.
/// 2. `ignored_offer`: an update_firmware during an attempt, which the SDK ignores (json §A.4);
///    neutrally a second offer mid-upgrade is `offer_during_upgrade`. Not fed to the neutral side.
/// 3. `offer_of_running_version`: Tencent accepts an offer of the running version (the cloud just
///    does not send one, §3.4); the neutral rule refuses it. The neutral session restarts with it.
/// 4. `fail_code_outside_its_phase`: -5 (install, §2.3) before the download reached 100, or -1..-4
///    (download) after `burning`. tencent::session accepts any code in an attempt (its "Choice":
///    §A.4's allowed orders and its step 8 disagree); the crosswalk reads the phase off the code.
///    Fed neutrally with the phase left unspecified, which is what the neutral rule can place.
/// 5. `repeated_download_end`: `downloading "100"` again (Tencent percents need only not
///    decrease); neutrally the download finishes twice. Not fed to the neutral side.
/// 6. A Tencent-only rule (`tencent_only_rule`), counted under the rule's name: Tencent rejects,
///    the neutral session accepts; its state is put back, as Tencent's stays.
inline exclusion_counts check_tencent_agreement(const std::vector<tc::message>& messages, agreement& out) {
  exclusion_counts excluded;
  tc::session native{};
  const auto profile = ota::profile_of(ota::protocol::tencent);
  ota::neutral_session neutral{profile};
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::tencent_max_events> events{};
  const auto disagree = [&](std::string_view what, std::size_t i) {
    out.disagreement = what;
    out.at = i;
  };
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    const auto n = ota::to_events(m, ota::envelope{}, {text}, events);
    if (!n) {
      disagree("to_events", i);
      break;
    }
    std::span<ota::event> stream(events.data(), *n);
    const auto native_before = native.state();
    const bool complete_before = native.last_percent() == std::uint8_t{100};
    const auto by_tencent = native.on(m);
    const auto type = tc::type_of(m);
    if (by_tencent && in_attempt(native_before)) {
      if (type == tc::message_type::report_version) {
        ++excluded["reconnect"];
        neutral = ota::neutral_session{profile};
        if (!neutral.on_events(stream)) {
          disagree("restart", i);
          break;
        }
        continue;
      }
      if (type == tc::message_type::update_firmware) {
        ++excluded["ignored_offer"];
        continue;
      }
      if (type == tc::message_type::report_progress) {
        const auto& p = std::get<tc::report_progress>(m);
        const bool install_code = p.result_code == -5;
        if (p.state == tc::progress_state::fail &&
            (install_code ? !complete_before : native_before == tc::session_state::burning)) {
          ++excluded["fail_code_outside_its_phase"];
          std::get<ota::failed>(stream[0].body).stage = ota::phase::unspecified;
        }
        if (p.state == tc::progress_state::downloading && p.percent == 100 && complete_before &&
            native_before == tc::session_state::downloading) {
          ++excluded["repeated_download_end"];
          continue;
        }
      }
    }
    const auto neutral_before = neutral;
    auto by_neutral = neutral.on_events(stream);
    detail::log_step(out, i, tc::name(type), "tencent", by_tencent, tc::name(native_before), by_neutral,
                     neutral_before.state());
    if (by_tencent && !by_neutral && type == tc::message_type::update_firmware &&
        by_neutral.error().where() == ota::rules::offer_of_running_version.name()) {
      ++excluded["offer_of_running_version"];
      neutral = ota::neutral_session{profile};
      if (!neutral.on_events(stream)) {
        disagree("restart", i);
        break;
      }
      by_neutral = otawire::ok();
    }
    if (!by_tencent && by_neutral && tencent_only_rule(by_tencent.error().where())) {
      ++excluded[std::string(by_tencent.error().where())];
      neutral = neutral_before;
      continue;
    }
    if (by_tencent.has_value() != by_neutral.has_value()) {
      disagree("accept/reject", i);
      break;
    }
    if (!states_agree(native, neutral)) {
      disagree("state", i);
      break;
    }
    if (!outcomes_agree(native, neutral)) {
      disagree("outcome", i);
      break;
    }
    out.any_rejected = out.any_rejected || !by_tencent;
  }
  return excluded;
}

}  // namespace otawire::test::ota_tcj

#endif

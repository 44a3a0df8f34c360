// CTWing session validator: legal sequences, and one test per rejection rule (rule + state).
#include <otawire/ctwing/session.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string_view>

namespace {
namespace cw = otawire::ctwing;
using cw::session_state;

constexpr cw::message inform(std::int64_t task, std::string_view version) { return cw::inform{task, version, "MCU"}; }
constexpr cw::message upgrade(std::int64_t task, std::string_view version) {
  return cw::upgrade{task, 1024, version, "https://h/file/upgrade/f/1", "93230c3bde425a9d7984a594ac55ea1e", "t", "MCU"};
}
constexpr cw::message progress(std::int64_t task, std::int64_t step) { return cw::progress{task, step, "d", "MCU"}; }

// Feeds `ok` messages (each must pass), then `bad`, which must be rejected by `rule` in `state`;
// the rejection must leave the state as it was.
void expect_rejection(std::initializer_list<cw::message> ok, const cw::message& bad, std::string_view rule,
                      session_state state) {
  cw::session s;
  for (const auto& m : ok) {
    auto r = s.on(m);
    ASSERT_TRUE(r) << "unexpected rejection: " << r.error().where() << " in " << r.error().state();
  }
  ASSERT_EQ(s.state(), state);
  const auto before = s;
  auto r = s.on(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), otawire::errc::rule_violation);
  EXPECT_EQ(r.error().where(), rule);
  EXPECT_EQ(r.error().state(), cw::name(state));
  EXPECT_EQ(s.state(), before.state());
  EXPECT_EQ(s.last_step(), before.last_step());
}

void expect_accepted(std::initializer_list<cw::message> all, session_state end,
                     std::optional<cw::outcome> outcome = std::nullopt) {
  cw::session s;
  std::size_t i = 0;
  for (const auto& m : all) {
    auto r = s.on(m);
    ASSERT_TRUE(r) << "message " << i << " rejected: " << r.error().where() << " in " << r.error().state();
    ++i;
  }
  EXPECT_EQ(s.state(), end) << cw::name(s.state());
  if (outcome) {
    EXPECT_EQ(s.last_outcome(), *outcome) << cw::name(s.last_outcome());
  }
}

// --- legal sessions ---------------------------------------------------------------------------------------

TEST(CtwingSession, NormalUpgrade) {
  cw::session s;
  EXPECT_EQ(s.state_name(), "awaiting_inform");
  ASSERT_TRUE(s.on(inform(-1, "1.0.1")));
  EXPECT_EQ(s.state(), session_state::idle);
  ASSERT_TRUE(s.on(upgrade(147589, "2.0.0")));
  EXPECT_EQ(s.state(), session_state::upgrade_received);
  EXPECT_EQ(s.task_id(), 147589);
  for (int step : {1, 10, 10, 55, 99}) ASSERT_TRUE(s.on(progress(147589, step)));
  EXPECT_EQ(s.state(), session_state::in_progress);
  EXPECT_EQ(s.last_step(), 99);
  ASSERT_TRUE(s.on(progress(147589, 100)));
  EXPECT_EQ(s.state(), session_state::awaiting_new_version);
  ASSERT_TRUE(s.on(inform(147589, "2.0.0")));
  EXPECT_EQ(s.state(), session_state::idle);
  ASSERT_TRUE(s.on(inform(-1, "2.0.0")));  // a later reconnect
}

TEST(CtwingSession, ReconnectMidAttemptResumesFromTheBreakPoint) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 30), inform(-1, "1"), progress(5, 30), progress(5, 80),
                   progress(5, 100), inform(5, "2")},
                  session_state::idle);
}

TEST(CtwingSession, RepushedUpgradeRestartsTheAttempt) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 60), inform(-1, "1"), upgrade(5, "2"), progress(5, 5),
                   progress(5, 100), upgrade(5, "2"), progress(5, 100), inform(5, "2")},
                  session_state::idle);
}

TEST(CtwingSession, FailureThenRetryOfTheSameTaskOrANewOne) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 20), progress(5, -2), upgrade(5, "2"), progress(5, -3),
                   inform(-1, "1"), upgrade(6, "2"), progress(6, 100), inform(6, "2")},
                  session_state::idle);
}

TEST(CtwingSession, FailureBeforeAnyPercentage) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, -4)}, session_state::failed);
}

TEST(CtwingSession, FirstInformMayCarryATaskIdFromBeforeTheValidatorsTime) {
  expect_accepted({inform(9, "2"), upgrade(10, "3")}, session_state::upgrade_received);
}

TEST(CtwingSession, IdleVersionMayChange) {  // e.g. flashed by cable between connections
  expect_accepted({inform(-1, "1"), inform(-1, "7")}, session_state::idle);
}

TEST(CtwingSession, NewVersionReportMayBeUntagged) {  // [C2]'s firmware always sends -1
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 100), inform(-1, "2")}, session_state::idle,
                  cw::outcome::succeeded);
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 100), inform(5, "2")}, session_state::idle,
                  cw::outcome::succeeded);
}

// Success is judged by the reported version (§B.4): a device that rolls back after step 100
// reports its old version, tagged or not. That is a failed upgrade (an outcome), and the next task
// is accepted.
TEST(CtwingSession, RollbackAfterStep100IsAnOutcomeNotAViolation) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 100), inform(-1, "1")}, session_state::idle,
                  cw::outcome::not_applied);
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 100), inform(5, "1")}, session_state::idle,
                  cw::outcome::not_applied);
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, 100), inform(-1, "1"), upgrade(6, "3"), progress(6, 10),
                   progress(6, 100), inform(-1, "3")},
                  session_state::idle, cw::outcome::succeeded);
}

TEST(CtwingSession, OutcomeOfAFailureAndOfTheRetryThatSucceeds) {
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, -3)}, session_state::failed, cw::outcome::failed);
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, -3), upgrade(5, "2"), progress(5, 50)},
                  session_state::in_progress, cw::outcome::failed);
  expect_accepted({inform(-1, "1"), upgrade(5, "2"), progress(5, -3), upgrade(5, "2"), progress(5, 100), inform(5, "2")},
                  session_state::idle, cw::outcome::succeeded);
}

TEST(CtwingSession, RebootReportAfterAFailureMayCarryTheTaskId) {  // seed doc §vi tags the report
  expect_accepted({inform(-1, "1"), upgrade(3, "2"), progress(3, -1), inform(3, "1")}, session_state::idle,
                  cw::outcome::failed);
}

// --- one test per rule ---------------------------------------------------------------------------------------

TEST(CtwingSessionRule, InformFirstUpgrade) {
  expect_rejection({}, upgrade(1, "2"), cw::rules::inform_first, session_state::awaiting_inform);
}

TEST(CtwingSessionRule, InformFirstProgress) {
  expect_rejection({}, progress(1, 5), cw::rules::inform_first, session_state::awaiting_inform);
}

TEST(CtwingSessionRule, InformTaskIdWhenIdle) {
  expect_rejection({inform(-1, "1")}, inform(3, "1"), cw::rules::inform_task_id, session_state::idle);
}

TEST(CtwingSessionRule, InformTaskIdDuringAnAttempt) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 50)}, inform(3, "2"), cw::rules::inform_task_id,
                   session_state::in_progress);
}

TEST(CtwingSessionRule, InformTaskIdAfterAFailure) {  // only -1 or the failed task's id
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, -1)}, inform(4, "1"), cw::rules::inform_task_id,
                   session_state::failed);
}

TEST(CtwingSessionRule, VersionChangedMidAttempt) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2")}, inform(-1, "2"), cw::rules::version_changed_mid_attempt,
                   session_state::upgrade_received);
}

TEST(CtwingSessionRule, ProgressWithoutUpgrade) {
  expect_rejection({inform(-1, "1")}, progress(3, 10), cw::rules::progress_without_upgrade, session_state::idle);
}

TEST(CtwingSessionRule, ProgressTaskId) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 10)}, progress(4, 20), cw::rules::progress_task_id,
                   session_state::in_progress);
}

TEST(CtwingSessionRule, StepDecreased) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 40)}, progress(3, 39), cw::rules::step_decreased,
                   session_state::in_progress);
}

TEST(CtwingSessionRule, StepDecreasedAfterAReconnect) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 40), inform(-1, "1")}, progress(3, 1),
                   cw::rules::step_decreased, session_state::in_progress);
}

TEST(CtwingSessionRule, ProgressAfterCompletion) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 100)}, progress(3, 100), cw::rules::progress_after_end,
                   session_state::awaiting_new_version);
}

TEST(CtwingSessionRule, FailureAfterCompletion) {  // 100 means success (§B.4)
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 100)}, progress(3, -4), cw::rules::progress_after_end,
                   session_state::awaiting_new_version);
}

TEST(CtwingSessionRule, ProgressAfterFailure) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, -2)}, progress(3, 50), cw::rules::progress_after_end,
                   session_state::failed);
}

TEST(CtwingSessionRule, UpgradeDuringAttempt) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 10)}, upgrade(4, "3"), cw::rules::upgrade_during_attempt,
                   session_state::in_progress);
}

TEST(CtwingSessionRule, UpgradeBeforeTheNewVersionReport) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 100)}, upgrade(4, "3"), cw::rules::upgrade_during_attempt,
                   session_state::awaiting_new_version);
}

TEST(CtwingSessionRule, NewVersionTaskId) {
  expect_rejection({inform(-1, "1"), upgrade(3, "2"), progress(3, 100)}, inform(4, "2"), cw::rules::new_version_task_id,
                   session_state::awaiting_new_version);
}

// The validator is usable in constant expressions, and its state is a handful of words.
constexpr bool constexpr_session() {
  cw::session s;
  bool ok = s.on(inform(-1, "1")).has_value() && s.on(upgrade(1, "2")).has_value() && s.on(progress(1, 100)).has_value() &&
            s.on(inform(1, "2")).has_value();
  return ok && s.state() == session_state::idle && !s.on(progress(1, 5)).has_value();
}
static_assert(constexpr_session());
static_assert(sizeof(cw::session) <= 48, "O(1) per device: no strings kept");

}  // namespace

// The fuzz_pcp_session oracle (tests/support/pcp_session_oracle.hpp) on its reproducers, and on
// hand-made task endings, so that the fuzzer's verdicts are themselves tested.
#include <otawire/pcp/session.hpp>

#include "support/pcp_session_oracle.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
namespace t = otawire::test::pcp;
using pcp::result_code;
using pcp::session_state;
using pcp::task_outcome;

std::vector<std::uint8_t> read_regression(const char* name) {
  const auto path = std::filesystem::path(OTAWIRE_SOURCE_DIR) / "fuzz/regressions/fuzz_pcp_session" / name;
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Issue 12 item 10: fuzz_pcp_session aborted on "succeeded without a success report" after
// ~2.2 M executions. The session: a first task succeeds (24 report 00 "V1.0", acknowledged); a
// second task reaches 24 and reports 0x05 (no space); later the device re-sends that report, the
// platform acknowledges it, and a third task starts with a 19. The validators were right:
// `outcome()` is how the *last* task ended, so it still said `succeeded` (task one) while task two
// awaited its acknowledgement. The oracle read that stale outcome as task two's; it now judges a
// task when it ends. (The platform, which keeps time, also ends two tasks by timeout in between.)
TEST(PcpSessionOracle, EarlierTasksSuccessIsNotTheRunningTasksOutcome) {
  const auto data = read_regression("outcome-without-report");
  ASSERT_FALSE(data.empty());
  const auto records = t::parse_session_records(data);
  EXPECT_EQ(t::check_session(records), "");

  // The right outcomes, on both sides: task one succeeded, task two failed, task three runs.
  pcp::platform_session platform;
  pcp::device_session device;
  std::vector<task_outcome> platform_endings;
  std::vector<task_outcome> device_endings;
  bool second_report_pending_seen = false;
  for (const auto& r : records) {
    auto m = pcp::decode(r.frame, r.dir);
    if (!m) continue;
    const auto platform_before = platform.state();
    (void)platform.on(*m, r.at);
    if (platform_before != session_state::idle && platform.state() == session_state::idle) {
      platform_endings.push_back(platform.outcome());
    }
    const auto device_before = device.state();
    if (!device.on(*m)) continue;
    if (device_before != session_state::idle && device.state() == session_state::idle) {
      device_endings.push_back(device.outcome());
    }
    const auto* report = std::get_if<pcp::report_upgrade_result_request>(&*m);
    if (report && report->result == result_code::no_space) {
      // Task two's failure report is pending; the outcome still describes task one.
      EXPECT_EQ(device.state(), session_state::upgrade_reported);
      EXPECT_EQ(device.outcome(), task_outcome::succeeded);
      second_report_pending_seen = true;
    }
  }
  EXPECT_TRUE(second_report_pending_seen);
  EXPECT_EQ(device_endings, (std::vector{task_outcome::succeeded, task_outcome::upgrade_failed}));
  // The platform keeps time: twice in between, a 19 went unanswered for more than 3 minutes.
  EXPECT_EQ(platform_endings, (std::vector{task_outcome::succeeded, task_outcome::timed_out,
                                           task_outcome::timed_out, task_outcome::upgrade_failed}));
  EXPECT_EQ(device.state(), session_state::querying_version);
  EXPECT_EQ(device.outcome(), task_outcome::upgrade_failed);
}

// The oracle still catches what it is there for: a task ending `succeeded` without the report.
TEST(PcpSessionOracle, TaskWatchFlagsSuccessWithoutItsReport) {
  const auto v1 = pcp::version_string::from("V1.0").value();
  const auto v2 = pcp::version_string::from("V2.0").value();
  const pcp::message notify = pcp::notify_new_version_request{v2, 500, 1, 0};
  const pcp::message ack = pcp::report_upgrade_result_response{result_code::success};
  const auto reported = [](result_code r, const pcp::version_string& v) -> pcp::message {
    return pcp::report_upgrade_result_request{r, v};
  };
  using s = session_state;
  {
    t::task_success_watch w;  // the rightful success
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::none));
    EXPECT_TRUE(w.after(reported(result_code::success, v2), true, s::upgrading, s::upgrade_reported,
                        task_outcome::none));
    EXPECT_TRUE(w.after(ack, true, s::upgrade_reported, s::idle, task_outcome::succeeded));
  }
  {
    t::task_success_watch w;  // the last report of the task was a failure
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::none));
    EXPECT_TRUE(w.after(reported(result_code::success, v2), true, s::upgrading, s::upgrade_reported,
                        task_outcome::none));
    EXPECT_TRUE(w.after(reported(result_code::no_space, v2), true, s::upgrade_reported, s::upgrade_reported,
                        task_outcome::none));
    EXPECT_FALSE(w.after(ack, true, s::upgrade_reported, s::idle, task_outcome::succeeded));
  }
  {
    t::task_success_watch w;  // success reported with another version than notified
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::none));
    EXPECT_TRUE(w.after(reported(result_code::success, v1), true, s::upgrading, s::upgrade_reported,
                        task_outcome::none));
    EXPECT_FALSE(w.after(ack, true, s::upgrade_reported, s::idle, task_outcome::succeeded));
  }
  {
    t::task_success_watch w;  // a report from an earlier task does not carry over
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::none));
    EXPECT_TRUE(w.after(reported(result_code::success, v2), true, s::upgrading, s::upgrade_reported,
                        task_outcome::none));
    EXPECT_TRUE(w.after(ack, true, s::upgrade_reported, s::idle, task_outcome::succeeded));
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::succeeded));
    EXPECT_FALSE(w.after(ack, true, s::upgrade_reported, s::idle, task_outcome::succeeded));
  }
  {
    t::task_success_watch w;  // any other ending is not judged
    EXPECT_TRUE(w.after(notify, true, s::version_reported, s::notifying, task_outcome::none));
    EXPECT_TRUE(w.after(pcp::notify_new_version_response{result_code::device_busy}, true, s::notifying, s::idle,
                        task_outcome::declined));
  }
}

}  // namespace

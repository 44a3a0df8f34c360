// PCP session validators: the happy path, the skipped 20 response, resume and restart, one test
// per rule (each names the rule and the state), the platform timeouts, and the device record.
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/session.hpp>

#include "support/alloc_counter.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
using pcp::result_code;
using pcp::session_state;
using namespace std::chrono_literals;

const auto v1 = pcp::version_string::from("V1.0").value();
const auto v2 = pcp::version_string::from("V2.0").value();

// A 1200-byte package in 500-byte fragments: 500, 500, 200.
struct fixture {
  std::vector<std::byte> package = std::vector<std::byte>(1200, std::byte{0x42});
  pcp::fragment_plan plan = pcp::plan_fragments(1200, 500).value();
  pcp::request_fragment_response fragment(std::uint16_t i) const { return plan.respond(package, i); }
  pcp::notify_new_version_request notify(std::uint16_t check = 0) const { return plan.notification(v2, check); }
};

void expect_rule(const otawire::result<void>& r, std::string_view rule, std::string_view state) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), otawire::errc::rule_violation);
  EXPECT_EQ(r.error().where(), rule);
  EXPECT_EQ(r.error().state(), state);
}

// Feeds messages that must all pass.
template <class Session>
void feed(Session& s, const std::vector<pcp::message>& ms) {
  for (std::size_t i = 0; i < ms.size(); ++i) {
    auto r = s.on(ms[i]);
    ASSERT_TRUE(r.has_value()) << "message " << i << " (" << pcp::name(pcp::kind_of(ms[i]))
                               << "): rule " << r.error().where() << " in " << r.error().state();
  }
}

std::vector<pcp::message> to_downloading(const fixture& f) {
  return {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(),
          pcp::notify_new_version_response{result_code::success}};
}

std::vector<pcp::message> happy(const fixture& f) {
  auto m = to_downloading(f);
  for (std::uint16_t i = 0; i < 3; ++i) {
    m.emplace_back(pcp::request_fragment_request{v2, i});
    m.emplace_back(f.fragment(i));
  }
  for (pcp::message x : std::vector<pcp::message>{
           pcp::report_download_result_request{result_code::success},
           pcp::report_download_result_response{result_code::success}, pcp::execute_upgrade_request{},
           pcp::execute_upgrade_response{result_code::success},
           pcp::report_upgrade_result_request{result_code::success, v2},
           pcp::report_upgrade_result_response{result_code::success}}) {
    m.push_back(x);
  }
  return m;
}

TEST(PcpSession, HappyPathOnBothSides) {
  fixture f;
  pcp::platform_session platform;
  pcp::device_session device;
  feed(platform, happy(f));
  feed(device, happy(f));
  EXPECT_EQ(platform.state(), session_state::idle);
  EXPECT_EQ(platform.outcome(), pcp::task_outcome::succeeded);
  EXPECT_EQ(device.outcome(), pcp::task_outcome::succeeded);
}

TEST(PcpSession, ValidatorsAndAssemblerAllocateNothing) {
  fixture f;
  const auto messages = happy(f);
  std::vector<std::byte> flash(f.package.size());
  std::array<std::uint8_t, 1> bitmap{};
  auto sink = [&flash](std::size_t offset, otawire::byte_view d) -> otawire::result<void> {
    std::copy(d.begin(), d.end(), flash.begin() + static_cast<std::ptrdiff_t>(offset));
    return otawire::ok();
  };
  otawire::test::allocation_scope scope;
  pcp::platform_session platform;
  pcp::device_session device;
  pcp::fragment_assembler assembler{std::span<std::uint8_t>(bitmap), sink};
  std::size_t accepted = 0;
  pcp::timestamp t{0};
  for (const auto& m : messages) {
    accepted += platform.on(m, t += std::chrono::seconds(1)).has_value();
    accepted += device.on(m).has_value();
    if (const auto* n = std::get_if<pcp::notify_new_version_request>(&m)) accepted += assembler.start(*n).has_value();
    if (const auto* r = std::get_if<pcp::request_fragment_response>(&m)) accepted += assembler.accept(*r).has_value();
  }
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(accepted, 2 * messages.size() + 1 + 3);
  EXPECT_TRUE(assembler.complete());
  EXPECT_EQ(flash, f.package);
}

TEST(PcpSession, StateIsSmallAndFixed) {
  // O(1) per device, no container inside. The platform keeps versions as fingerprints (issue 13:
  // 32 bytes of rules per device) and the clock beside them; the policy is the task's, not copied.
  static_assert(sizeof(pcp::platform_rules) == 32);
  static_assert(sizeof(pcp::platform_session) == 56);
  static_assert(sizeof(pcp::session_rules) <= 56);  // the device's, versions as text (32 on devices)
  static_assert(std::is_trivially_copyable_v<pcp::platform_session>);
}

TEST(PcpSession, ThePlatformRemembersVersionsAsFingerprints) {
  fixture f;
  pcp::platform_session s;
  feed(s, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify()});
  EXPECT_EQ(s.rules().record().target_version, v2.view());
  EXPECT_EQ(s.rules().record().target_version.value(), otawire::text_fingerprint::of(v2.view()).value());
  ASSERT_TRUE(s.rules().device_version().has_value());
  EXPECT_EQ(*s.rules().device_version(), v1.view());
  // The same checks as the device's text comparisons: another version is refused by each.
  expect_rule(s.on(pcp::request_fragment_request{v1, 0}), "fragment_version", "notifying");
  pcp::platform_session latest;
  feed(latest, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v2}});
  expect_rule(latest.on(f.notify()), "already_latest_version", "version_reported");
}

TEST(PcpSession, NotifyResponseMayBeSkippedByAFragmentRequest) {
  fixture f;
  pcp::platform_session s;
  feed(s, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(),
           pcp::request_fragment_request{v2, 0}, f.fragment(0)});
  EXPECT_EQ(s.state(), session_state::downloading);
}

TEST(PcpSession, NonZeroResultsEndTheTask) {
  fixture f;
  {
    pcp::platform_session s;
    feed(s, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(),
             pcp::notify_new_version_response{result_code::low_battery}});
    EXPECT_EQ(s.state(), session_state::idle);
    EXPECT_EQ(s.outcome(), pcp::task_outcome::declined);
  }
  {
    pcp::platform_session s;
    auto m = to_downloading(f);
    m.emplace_back(pcp::request_fragment_request{v2, 0});
    m.emplace_back(pcp::request_fragment_response{result_code::task_not_found, 0, {}});
    feed(s, m);
    EXPECT_EQ(s.outcome(), pcp::task_outcome::fragment_refused);
    expect_rule(s.on(pcp::request_fragment_request{v2, 1}), "request_outside_download", "idle");
  }
  {
    pcp::platform_session s;
    auto m = happy(f);
    m.resize(m.size() - 3);  // up to the 23 request
    m.emplace_back(pcp::execute_upgrade_response{result_code::device_busy});
    feed(s, m);
    EXPECT_EQ(s.outcome(), pcp::task_outcome::execute_refused);
  }
  {
    pcp::platform_session s;
    auto m = happy(f);
    m.resize(m.size() - 2);
    m.emplace_back(pcp::report_upgrade_result_request{result_code::install_failed, v1});
    m.emplace_back(pcp::report_upgrade_result_response{result_code::success});
    feed(s, m);
    EXPECT_EQ(s.outcome(), pcp::task_outcome::upgrade_failed);
  }
  {
    pcp::platform_session s;
    auto m = to_downloading(f);
    m.emplace_back(pcp::request_fragment_request{v2, 0});
    m.emplace_back(f.fragment(0));
    m.emplace_back(pcp::report_download_result_request{result_code::package_check_failed});
    m.emplace_back(pcp::report_download_result_response{result_code::success});
    feed(s, m);
    EXPECT_EQ(s.outcome(), pcp::task_outcome::download_failed);
    EXPECT_EQ(s.rules().record().delivered, 0u);  // a failed download is discarded
  }
}

// --- resume and restart (spec §5.5) --------------------------------------------------------------

std::vector<pcp::message> interrupted_after_two(const fixture& f, std::uint16_t check) {
  return {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(check),
          pcp::notify_new_version_response{result_code::success}, pcp::request_fragment_request{v2, 0},
          f.fragment(0), pcp::request_fragment_request{v2, 1}, f.fragment(1),
          // the link drops; later the platform starts over
          pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}};
}

TEST(PcpSession, SamePackageResumesFromTheFirstMissingFragment) {
  fixture f;
  pcp::device_session s;
  feed(s, interrupted_after_two(f, 0x1234));
  feed(s, {f.notify(0x1234)});
  EXPECT_TRUE(s.rules().resumed());
  EXPECT_EQ(s.next_fragment(), 2);
  expect_rule(s.on(pcp::request_fragment_request{v2, 0}), "resume_from_first_missing", "notifying");
  feed(s, {pcp::request_fragment_request{v2, 2}, f.fragment(2),
           pcp::report_download_result_request{result_code::success}});
}

TEST(PcpSession, DifferentCheckCodeRestarts) {
  fixture f;
  pcp::platform_session s;
  feed(s, interrupted_after_two(f, 0x1234));
  feed(s, {f.notify(0x9999)});
  EXPECT_FALSE(s.rules().resumed());
  EXPECT_EQ(s.rules().record().delivered, 0u);
  expect_rule(s.on(pcp::request_fragment_request{v2, 2}), "resume_from_first_missing", "notifying");
  feed(s, {pcp::request_fragment_request{v2, 0}});
}

TEST(PcpSession, DeviceResumesFromItsPersistedRecordAfterAReboot) {
  fixture f;
  pcp::device_session before;
  feed(before, interrupted_after_two(f, 7));
  const pcp::download_record saved = before.record();
  pcp::device_session after(saved);
  feed(after, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(7)});
  EXPECT_EQ(after.next_fragment(), 2);
  feed(after, {pcp::request_fragment_request{v2, 2}});
}

TEST(PcpSession, CompletedDownloadResumesStraightToTheReport) {
  // LiteOS: after 20 for a package already complete, the device sends 22/00 at once.
  fixture f;
  pcp::platform_session s;
  const auto m = happy(f);
  feed(s, std::vector<pcp::message>(m.begin(), m.begin() + 10));  // all three fragments delivered,
  // then the link drops before the 22 report; the platform starts over with the same package
  feed(s, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v1}, f.notify(),
           pcp::report_download_result_request{result_code::success}});
  EXPECT_EQ(s.state(), session_state::download_reported);
}

// --- one test per rule ------------------------------------------------------------------------------

TEST(PcpSessionRules, UnexpectedRequest) {
  pcp::platform_session s;
  expect_rule(s.on(pcp::report_upgrade_result_request{result_code::success, v2}), "unexpected_request", "idle");
  EXPECT_EQ(s.state(), session_state::idle);  // a rejected message changes nothing
}

TEST(PcpSessionRules, ResponseWithoutRequest) {
  pcp::platform_session s;
  expect_rule(s.on(pcp::query_version_response{result_code::success, v1}), "response_without_request", "idle");
  fixture f;
  expect_rule(s.on(f.fragment(0)), "response_without_request", "idle");
}

TEST(PcpSessionRules, NotifyBeforeVersionQuery) {
  fixture f;
  pcp::platform_session s;
  expect_rule(s.on(f.notify()), "notify_before_version_query", "idle");
}

TEST(PcpSessionRules, AlreadyLatestVersion) {
  fixture f;
  pcp::platform_session s;
  feed(s, {pcp::query_version_request{}, pcp::query_version_response{result_code::success, v2}});
  expect_rule(s.on(f.notify()), "already_latest_version", "version_reported");
}

TEST(PcpSessionRules, RequestOutsideDownload) {
  pcp::device_session s;
  feed(s, {pcp::query_version_request{}});
  expect_rule(s.on(pcp::request_fragment_request{v2, 0}), "request_outside_download", "querying_version");
}

TEST(PcpSessionRules, FragmentVersion) {
  fixture f;
  pcp::platform_session s;
  feed(s, to_downloading(f));
  expect_rule(s.on(pcp::request_fragment_request{v1, 0}), "fragment_version", "downloading");
}

TEST(PcpSessionRules, FragmentIndexRange) {
  fixture f;
  pcp::platform_session s;
  feed(s, to_downloading(f));
  expect_rule(s.on(pcp::request_fragment_request{v2, 3}), "fragment_index_range", "downloading");
}

TEST(PcpSessionRules, FragmentOrder) {
  fixture f;
  pcp::platform_session s;
  feed(s, to_downloading(f));
  feed(s, {pcp::request_fragment_request{v2, 0}, f.fragment(0)});
  expect_rule(s.on(pcp::request_fragment_request{v2, 2}), "fragment_order", "downloading");
  // Asking again for a fragment already delivered is fine (a lost response).
  feed(s, {pcp::request_fragment_request{v2, 0}, f.fragment(0), pcp::request_fragment_request{v2, 1}});
}

TEST(PcpSessionRules, FragmentIndexEcho) {
  fixture f;
  pcp::device_session s;
  feed(s, to_downloading(f));
  feed(s, {pcp::request_fragment_request{v2, 0}});
  expect_rule(s.on(f.fragment(1)), "fragment_index_echo", "fragment_requested");
}

TEST(PcpSessionRules, FragmentLength) {
  fixture f;
  pcp::device_session s;
  feed(s, to_downloading(f));
  feed(s, {pcp::request_fragment_request{v2, 0}});
  auto short_first = f.fragment(0);
  short_first.data = short_first.data.first(499);
  expect_rule(s.on(short_first), "fragment_length", "fragment_requested");
  feed(s, {f.fragment(0), pcp::request_fragment_request{v2, 1}, f.fragment(1), pcp::request_fragment_request{v2, 2}});
  std::vector<std::byte> long_last(501);  // the last may be short, never longer
  expect_rule(s.on(pcp::request_fragment_response{result_code::success, 2, long_last}), "fragment_length",
              "fragment_requested");
}

TEST(PcpSessionRules, DownloadIncomplete) {
  fixture f;
  pcp::platform_session s;
  feed(s, to_downloading(f));
  feed(s, {pcp::request_fragment_request{v2, 0}, f.fragment(0)});
  expect_rule(s.on(pcp::report_download_result_request{result_code::success}), "download_incomplete",
              "downloading");
  // A failure status may be reported at any point of the download.
  feed(s, {pcp::report_download_result_request{result_code::download_timeout}});
}

TEST(PcpSessionRules, ExecuteBeforeDownload) {
  fixture f;
  pcp::platform_session s;
  feed(s, to_downloading(f));
  expect_rule(s.on(pcp::execute_upgrade_request{}), "execute_before_download", "downloading");
}

TEST(PcpSessionRules, ReportedVersion) {
  fixture f;
  pcp::platform_session s;
  auto m = happy(f);
  m.resize(m.size() - 2);
  feed(s, m);
  expect_rule(s.on(pcp::report_upgrade_result_request{result_code::success, v1}), "reported_version",
              "upgrading");
}

// --- platform timeouts ----------------------------------------------------------------------------------

TEST(PcpSessionTimeouts, DefaultsAreTheDocumentedOnes) {
  pcp::timeout_policy p;
  EXPECT_EQ(p.online, 24h);
  EXPECT_EQ(p.version_reply, 3min);
  EXPECT_EQ(p.download, 60min);
  EXPECT_EQ(p.result, 30min);
}

TEST(PcpSessionTimeouts, VersionReply) {
  pcp::platform_session s;
  const pcp::timestamp t0 = 1000s;
  ASSERT_TRUE(s.on(pcp::query_version_request{}, t0));
  EXPECT_EQ(s.deadline(), t0 + 3min);
  ASSERT_TRUE(s.check_timeouts(t0 + 3min));  // on the deadline is still in time
  expect_rule(s.on(pcp::query_version_response{result_code::success, v1}, t0 + 3min + 1ms),
              "version_reply_timeout", "querying_version");
  EXPECT_EQ(s.outcome(), pcp::task_outcome::timed_out);
  EXPECT_EQ(s.state(), session_state::idle);
}

TEST(PcpSessionTimeouts, Download) {
  fixture f;
  pcp::platform_session s;
  pcp::timestamp t = 0s;
  for (const auto& m : to_downloading(f)) ASSERT_TRUE(s.on(m, t += 1s));
  ASSERT_TRUE(s.on(pcp::request_fragment_request{v2, 0}, t + 59min));
  expect_rule(s.check_timeouts(t + 61min), "download_timeout", "fragment_requested");
}

// Issue 12 item 9: one timer slot let a 19 re-query replace the download deadline, and the next
// 20 re-armed it: notify at 2 min (deadline 62 min), 19 at 50 min, 20 at 55 min → deadline 115 min,
// nothing timed out at 100 min. The download clock now runs from the task's first 20 until the
// 22 report, beside the per-exchange timers.
TEST(PcpSessionTimeouts, ReQueryDoesNotResetTheDownloadClock) {
  fixture f;
  pcp::platform_session s;
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 0min));
  ASSERT_TRUE(s.on(pcp::query_version_response{result_code::success, v1}, 1min));
  ASSERT_TRUE(s.on(f.notify(), 2min));
  EXPECT_EQ(s.download_deadline(), pcp::timestamp{62min});
  ASSERT_TRUE(s.on(pcp::notify_new_version_response{result_code::success}, 3min));
  ASSERT_TRUE(s.on(pcp::request_fragment_request{v2, 0}, 4min));
  ASSERT_TRUE(s.on(f.fragment(0), 5min));
  // The platform re-queries the version mid-download and notifies again.
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 50min));
  EXPECT_EQ(s.deadline(), pcp::timestamp{53min});  // the version reply is due first
  EXPECT_EQ(s.download_deadline(), pcp::timestamp{62min});
  ASSERT_TRUE(s.on(pcp::query_version_response{result_code::success, v1}, 51min));
  ASSERT_TRUE(s.on(f.notify(), 55min));
  EXPECT_EQ(s.download_deadline(), pcp::timestamp{62min});
  EXPECT_EQ(s.deadline(), pcp::timestamp{62min});
  ASSERT_TRUE(s.check_timeouts(62min));  // on the deadline is still in time
  expect_rule(s.check_timeouts(100min), "download_timeout", "notifying");
  EXPECT_EQ(s.outcome(), pcp::task_outcome::timed_out);
  EXPECT_EQ(s.deadline(), std::nullopt);
  // The next task gets a fresh download clock.
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 120min));
  ASSERT_TRUE(s.on(pcp::query_version_response{result_code::success, v1}, 121min));
  ASSERT_TRUE(s.on(f.notify(), 122min));
  EXPECT_EQ(s.download_deadline(), pcp::timestamp{182min});
}

TEST(PcpSessionTimeouts, ExchangeTimerRunsBesideTheDownloadClock) {
  fixture f;
  pcp::platform_session s;
  pcp::timestamp t = 0s;
  for (const auto& m : to_downloading(f)) ASSERT_TRUE(s.on(m, t += 1s));
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 10min));
  // The 19 goes unanswered for more than 3 min, well inside the download's hour.
  expect_rule(s.check_timeouts(13min + 1ms), "version_reply_timeout", "querying_version");
  EXPECT_EQ(s.deadline(), std::nullopt);
}

TEST(PcpSessionTimeouts, BothExpiredTheFirstOneEndsTheTask) {
  fixture f;
  pcp::platform_session s;
  pcp::timestamp t = 0s;
  for (const auto& m : to_downloading(f)) ASSERT_TRUE(s.on(m, t += 1s));  // download due 60 min + 3 s
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 59min));                // reply due 62 min
  expect_rule(s.check_timeouts(2h), "download_timeout", "querying_version");
}

TEST(PcpSessionTimeouts, TheDownloadReportStopsTheDownloadClock) {
  fixture f;
  pcp::platform_session s;
  auto m = happy(f);
  m.resize(m.size() - 5);  // up to the 22 report
  pcp::timestamp t = 0s;
  for (const auto& x : m) ASSERT_TRUE(s.on(x, t += 1s));
  EXPECT_EQ(s.download_deadline(), std::nullopt);
  ASSERT_TRUE(s.check_timeouts(5h));
}

TEST(PcpSessionTimeouts, Result) {
  fixture f;
  pcp::platform_session s;
  auto m = happy(f);
  m.resize(m.size() - 2);
  pcp::timestamp t = 0s;
  for (const auto& x : m) ASSERT_TRUE(s.on(x, t += 1s));
  expect_rule(s.on(pcp::report_upgrade_result_request{result_code::success, v2}, t + 31min),
              "result_timeout", "upgrading");
}

TEST(PcpSessionTimeouts, Online) {
  pcp::platform_session s;
  s.start_task(0s);
  EXPECT_EQ(s.state(), session_state::waiting_for_device);
  expect_rule(s.check_timeouts(24h + 1s), "online_timeout", "waiting_for_device");
  pcp::platform_session t;
  t.start_task(0s);
  ASSERT_TRUE(t.device_online(23h));
  ASSERT_TRUE(t.on(pcp::query_version_request{}, 30h));
}

TEST(PcpSessionTimeouts, ATasksPolicyTimesEveryTimerItStarts) {
  // One policy for the whole task, shared by all its devices' sessions (none copies it).
  pcp::timeout_policy p;
  p.online = 1min;
  p.download = 10min;
  p.result = 2min;
  fixture f;
  pcp::platform_session offline;
  offline.start_task(0s, p);
  EXPECT_EQ(offline.deadline(), pcp::timestamp{1min});
  expect_rule(offline.check_timeouts(1min + 1ms), "online_timeout", "waiting_for_device");

  pcp::platform_session s;
  s.start_task(0s, p);
  pcp::timestamp t = 0s;
  for (const auto& m : to_downloading(f)) ASSERT_TRUE(s.on(m, t += 1s, p));
  EXPECT_EQ(s.download_deadline(), pcp::timestamp{3s + 10min});  // the 20 was the third message
  expect_rule(s.check_timeouts(3s + 10min + 1ms), "download_timeout", "downloading");
}

TEST(PcpSessionTimeouts, AResentExecuteKeepsTheResultClock) {
  fixture f;
  pcp::platform_session s;
  auto m = happy(f);
  m.resize(m.size() - 4);  // up to the download's acknowledgement
  pcp::timestamp t = 0s;
  for (const auto& x : m) ASSERT_TRUE(s.on(x, t += 1s));
  ASSERT_EQ(s.state(), session_state::downloaded);
  ASSERT_TRUE(s.on(pcp::execute_upgrade_request{}, 1h));
  EXPECT_EQ(s.deadline(), pcp::timestamp{1h + 30min});
  ASSERT_TRUE(s.on(pcp::execute_upgrade_request{}, 1h + 20min));  // resent: the clock runs on
  EXPECT_EQ(s.deadline(), pcp::timestamp{1h + 30min});
  expect_rule(s.check_timeouts(1h + 31min), "result_timeout", "executing");
}

TEST(PcpSessionTimeouts, CustomPolicyAndTimeGoingBackwards) {
  pcp::timeout_policy p;
  p.version_reply = 10s;
  pcp::platform_session s;
  ASSERT_TRUE(s.on(pcp::query_version_request{}, 100s, p));
  expect_rule(s.on(pcp::query_version_response{result_code::success, v1}, 99s), "time_went_backwards",
              "querying_version");
  expect_rule(s.check_timeouts(111s), "version_reply_timeout", "querying_version");
}

}  // namespace

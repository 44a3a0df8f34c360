// Tencent OTA session validator (spec §A.4) and break-point rule (§A.5): the documented sessions,
// one test per rejection rule, and the resume helper.
#include <gtest/gtest.h>

#include <otawire/tencent.hpp>

#include <type_traits>
#include <vector>

namespace {
namespace tc = otawire::tencent;
using otawire::errc;
using tc::session_state;

const tc::update_firmware fw130{"1.3.0", "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/",
                                "ad4615b866c13afb8b293a679bfa5dc4", 175436, std::nullopt, std::nullopt, std::nullopt};
const tc::update_firmware fw140{"1.4.0", "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/",
                                "f2f1b3317d4f1ef7f512bfae5050563b", 234775, std::nullopt, std::nullopt, std::nullopt};
const tc::report_version running100{"1.0.0", std::nullopt};

tc::report_progress downloading(std::uint8_t p, std::string_view v = "1.3.0") { return tc::report_progress::downloading(v, p); }

// Feeds every message and expects all to pass.
void feed_all(tc::session& s, const std::vector<tc::message>& messages) {
  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto r = s.on(messages[i]);
    ASSERT_TRUE(r) << "message " << i << " rejected: " << r.error().where() << " in " << r.error().state();
  }
}

void expect_rejected(tc::session& s, const tc::message& m, std::string_view rule, std::string_view state) {
  const auto before = s.state();
  auto r = s.on(m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::rule_violation);
  EXPECT_EQ(r.error().where(), rule);
  EXPECT_EQ(r.error().state(), state);
  EXPECT_EQ(s.state(), before);  // a rejected message changes nothing
}

TEST(TencentSession, StateIsSmallAndFixed) {
  static_assert(std::is_trivially_copyable_v<tc::session>);
  static_assert(sizeof(tc::session) <= 80);
}

TEST(TencentSession, NormalSessionOfTheCSdkLog) {
  tc::session s;
  feed_all(s, {running100, tc::report_version_rsp{0, std::string_view("success"), std::string_view("1.0.0"), std::nullopt},
               fw130, downloading(0), downloading(31), downloading(100), tc::report_progress::done("1.3.0")});
  EXPECT_EQ(s.state(), session_state::done);
  feed_all(s, {tc::report_version{"1.3.0", std::nullopt}});  // after reboot (step 9)
  EXPECT_EQ(s.state(), session_state::version_reported);
}

TEST(TencentSession, PythonSessionWithBurningAndRepeatedZero) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(0), downloading(57), downloading(100),
               tc::report_progress::burning("1.3.0"), tc::report_progress::done("1.3.0")});
  EXPECT_EQ(s.state(), session_state::done);
}

TEST(TencentSession, ResumeAfterReconnectMayStartAboveZero) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(12), downloading(28), running100});
  EXPECT_TRUE(s.resumable());
  feed_all(s, {fw130});
  EXPECT_TRUE(s.resumed());
  feed_all(s, {downloading(28), downloading(100), tc::report_progress::done("1.3.0")});
}

TEST(TencentSession, ResumeAfterADownloadFailure) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(40),
               tc::report_progress::failed("1.3.0", tc::fail_code::download_timeout, "time_out"), fw130, downloading(41)});
  EXPECT_TRUE(s.resumed());
}

TEST(TencentSession, NoResumeAfterMd5MismatchOrForOtherFirmware) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(100),
               tc::report_progress::failed("1.3.0", tc::fail_code::md5_not_match, "md5 not match"), fw130});
  EXPECT_FALSE(s.resumed());
  expect_rejected(s, downloading(50), tc::rules::first_percent_is_zero, "update_offered");
  tc::session t;
  feed_all(t, {running100, fw130, downloading(0), downloading(30), running100, fw140});
  EXPECT_FALSE(t.resumed());
  expect_rejected(t, downloading(30, "1.4.0"), tc::rules::first_percent_is_zero, "update_offered");
}

TEST(TencentSession, NoResumeOnceTheDownloadCompleted) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(100), tc::report_progress::burning("1.3.0"), running100, fw130});
  EXPECT_FALSE(s.resumed());
}

TEST(TencentSession, UpdateFirmwareDuringAnAttemptIsIgnored) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), fw140,
               tc::report_version_rsp{0, std::nullopt, std::nullopt, std::nullopt}, downloading(50)});
  EXPECT_EQ(s.target_version(), "1.3.0");
  EXPECT_EQ(s.last_percent(), std::optional<std::uint8_t>(50));
}

TEST(TencentSession, EarlyFailRightAfterUpdateFirmware) {
  tc::session s;
  feed_all(s, {running100, fw130, tc::report_progress::failed("1.3.0", tc::fail_code::file_not_exist, "file not exit"), fw140});
  EXPECT_EQ(s.state(), session_state::update_offered);
}

TEST(TencentSession, RunsInConstantExpressions) {
  constexpr auto phase = [] {
    tc::session s;
    (void)s.on(tc::report_version{"1", std::nullopt});
    (void)s.on(tc::update_firmware{"2", "http://x", "ad4615b866c13afb8b293a679bfa5dc4", 10, std::nullopt, std::nullopt, std::nullopt});
    (void)s.on(tc::report_progress::downloading("2", 0));
    (void)s.on(tc::report_progress::downloading("2", 100));
    (void)s.on(tc::report_progress::done("2"));
    return s.state();
  }();
  static_assert(phase == session_state::done);
}

// --- one test per rule ---------------------------------------------------------------------------------

TEST(TencentSessionRules, ReportVersionFirst) {
  tc::session s;
  expect_rejected(s, fw130, tc::rules::report_version_first, "idle");
  expect_rejected(s, tc::report_version_rsp{}, tc::rules::report_version_first, "idle");
}

TEST(TencentSessionRules, VersionReportAccepted) {
  tc::session s;
  feed_all(s, {running100});
  expect_rejected(s, tc::report_version_rsp{1, std::string_view("fail"), std::nullopt, std::nullopt},
                  tc::rules::version_report_accepted, "version_reported");
}

TEST(TencentSessionRules, TargetVersionReportable) {
  tc::session s;
  feed_all(s, {running100});
  const std::string long_version(33, '9');
  tc::update_firmware u = fw130;
  u.version = long_version;
  expect_rejected(s, u, tc::rules::target_version_reportable, "version_reported");
}

TEST(TencentSessionRules, ProgressAfterUpdateFirmware) {
  tc::session s;
  feed_all(s, {running100});
  expect_rejected(s, downloading(0), tc::rules::progress_after_update_firmware, "version_reported");
  tc::session t;
  feed_all(t, {running100, fw130, downloading(0), running100});  // a reconnect ends the attempt
  expect_rejected(t, downloading(5), tc::rules::progress_after_update_firmware, "version_reported");
}

TEST(TencentSessionRules, ProgressVersionIsTarget) {
  tc::session s;
  feed_all(s, {running100, fw130});
  expect_rejected(s, downloading(0, "1.0.0"), tc::rules::progress_version_is_target, "update_offered");
}

TEST(TencentSessionRules, TerminalAfterDoneOrFail) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(100), tc::report_progress::done("1.3.0")});
  expect_rejected(s, tc::report_progress::done("1.3.0"), tc::rules::terminal_after_done_or_fail, "done");
  expect_rejected(s, tc::report_version_rsp{}, tc::rules::terminal_after_done_or_fail, "done");
  tc::session t;
  feed_all(t, {running100, fw130, tc::report_progress::failed("1.3.0", tc::fail_code::auth_fail, "auth fail")});
  expect_rejected(t, downloading(0), tc::rules::terminal_after_done_or_fail, "failed");
}

TEST(TencentSessionRules, FirstPercentIsZero) {
  tc::session s;
  feed_all(s, {running100, fw130});
  expect_rejected(s, downloading(6), tc::rules::first_percent_is_zero, "update_offered");
}

TEST(TencentSessionRules, PercentNonDecreasing) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(31)});
  expect_rejected(s, downloading(30), tc::rules::percent_non_decreasing, "downloading");
}

TEST(TencentSessionRules, NoDownloadingAfterBurning) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(100), tc::report_progress::burning("1.3.0")});
  expect_rejected(s, downloading(100), tc::rules::no_downloading_after_burning, "burning");
}

TEST(TencentSessionRules, BurningRequiresDownload100) {
  tc::session s;
  feed_all(s, {running100, fw130, downloading(0), downloading(99)});
  expect_rejected(s, tc::report_progress::burning("1.3.0"), tc::rules::burning_requires_download_100, "downloading");
}

TEST(TencentSessionRules, DoneRequiresDownload100) {
  tc::session s;
  feed_all(s, {running100, fw130});
  expect_rejected(s, tc::report_progress::done("1.3.0"), tc::rules::done_requires_download_100, "update_offered");
}

// --- break points (§A.5) -------------------------------------------------------------------------------

TEST(TencentBreakPoint, V4RecordMustMatchVersionMd5AndSize) {
  const tc::break_point bp{"1.3.0", std::string_view("ad4615b866c13afb8b293a679bfa5dc4"), 175436u, 54000u};
  EXPECT_EQ(tc::may_resume(bp, fw130), tc::resume_verdict::resume);
  tc::update_firmware other = fw130;
  other.md5sum = "f2f1b3317d4f1ef7f512bfae5050563b";
  EXPECT_EQ(tc::may_resume(bp, other), tc::resume_verdict::different_md5sum);
  other = fw130;
  other.file_size = 175437;
  EXPECT_EQ(tc::may_resume(bp, other), tc::resume_verdict::different_file_size);
  EXPECT_EQ(tc::may_resume(bp, fw140), tc::resume_verdict::different_version);
}

TEST(TencentBreakPoint, V3RecordHasOnlyVersionAndSize) {
  tc::break_point bp{"1.3.0", std::nullopt, std::nullopt, 175436u};
  EXPECT_EQ(tc::may_resume(bp, fw130), tc::resume_verdict::resume);  // downloaded_size <= file_size
  bp.downloaded_size = 175437u;
  EXPECT_EQ(tc::may_resume(bp, fw130), tc::resume_verdict::beyond_file_size);
  EXPECT_EQ(tc::name(tc::resume_verdict::beyond_file_size), "beyond_file_size");
}

TEST(TencentBreakPoint, ResumePercentUsesIntegerDivision) {
  static_assert(tc::resume_percent(49123, 175436) == 28);  // 28.0003 %
  static_assert(tc::resume_percent(0, 175436) == 0);
  static_assert(tc::resume_percent(175436, 175436) == 100);
  static_assert(tc::resume_percent(4294967295u, 4294967295u) == 100);
  static_assert(tc::resume_percent(4294967294u, 4294967295u) == 99);  // no 32-bit overflow
  static_assert(tc::resume_percent(5, 0) == 0);
}

}  // namespace

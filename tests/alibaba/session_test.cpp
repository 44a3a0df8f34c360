// The §B.6 validator: the legal flows, one test per rejection rule (rule and state named), and the
// choices the header documents.
#include "support/fields_arbitrary.hpp"

#include <otawire/alibaba.hpp>

#include <gtest/gtest.h>

#include <type_traits>

namespace {
namespace ab = otawire::alibaba;
using otawire::errc;

constexpr std::string_view pk = "a1pk";
constexpr std::string_view dn = "dev";
const ab::topic up_inform{ab::topic_kind::inform, pk, dn};
const ab::topic down_upgrade{ab::topic_kind::upgrade, pk, dn};
const ab::topic up_progress{ab::topic_kind::progress, pk, dn};
const ab::topic up_get{ab::topic_kind::firmware_get, pk, dn};
const ab::topic down_reply{ab::topic_kind::firmware_get_reply, pk, dn};
const ab::topic up_request{ab::topic_kind::request, pk, dn};

ab::package package_of(std::string_view version, bool diff = false, std::optional<std::string_view> module = {}) {
  ab::package p;
  p.size = 1024;
  p.version = version;
  p.url = "https://oss/fw.bin";
  p.sign = "d41d8cd98f00b204e9800998ecf8427e";
  p.sign_method = ab::digest_algorithm::md5;
  p.is_diff = diff;
  p.module = module;
  return p;
}
ab::inform inform_of(std::string_view version, std::optional<std::string_view> module = {}) {
  return ab::inform{{1, false}, version, module};
}
ab::upgrade push_of(std::string_view version, bool diff = false, std::optional<std::string_view> module = {}) {
  return ab::upgrade{{1568864790381, false}, package_of(version, diff, module), "success"};
}
ab::progress step_of(std::int32_t step, std::optional<std::string_view> module = {}) {
  return ab::progress{{2, false}, step, "", module};
}

void expect_rejected(const otawire::result<void>& r, std::string_view rule, std::string_view state) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::rule_violation);
  EXPECT_EQ(r.error().where(), rule);
  EXPECT_EQ(r.error().state(), state);
}

// O(1) state per (device, module): a fixed-size, trivially copyable machine (versions inline).
static_assert(std::is_trivially_copyable_v<ab::module_session>);
static_assert(sizeof(ab::module_session) <= 192);

TEST(AlibabaSession, NormalUpgradeSucceedsOnlyByTheTargetVersion) {
  ab::session v;
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::reported);
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
  EXPECT_EQ(v.last()->target_version(), "2.0.0");
  for (int step : {0, 10, 50}) ASSERT_TRUE(v.on(up_progress, step_of(step)));
  // A boot report of the old version mid-download (a reconnect) keeps the upgrade going.
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  ASSERT_TRUE(v.on(up_progress, step_of(100)));
  // 100 % is not success: only the target version is [A3][A5].
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  EXPECT_EQ(v.last()->last_step(), 100);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::none);
  ASSERT_TRUE(v.on(up_inform, inform_of("2.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::succeeded);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::succeeded);
  // The boot report after success repeats the version: still succeeded.
  ASSERT_TRUE(v.on(up_inform, inform_of("2.0.0")));
  EXPECT_EQ(v.find(pk, dn)->state(), ab::session_state::succeeded);
}

TEST(AlibabaSession, FullPackageMayBePushedWithoutAReport) {
  ab::session v;
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
}

TEST(AlibabaSession, FailureStepsEndTheUpgrade) {
  for (int step : {-1, -2, -3, -4}) {
    ab::session v;
    ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
    ASSERT_TRUE(v.on(up_progress, step_of(step)));  // refused before download: NOTIFIED -> FAILED
    EXPECT_EQ(v.last()->state(), ab::session_state::failed);
    ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
    EXPECT_EQ(v.last()->state(), ab::session_state::reported);
    // A new push after the failure starts again.
    ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
    EXPECT_EQ(v.last()->state(), ab::session_state::notified);
  }
}

TEST(AlibabaSession, PullWithAndWithoutPackage) {
  ab::session v;
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{7, false}, {}, {}, false}));
  EXPECT_EQ(v.last()->state(), ab::session_state::await_reply);
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{7, false}, 200, std::nullopt, {}}));
  EXPECT_EQ(v.last()->state(), ab::session_state::reported);
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{8, false}, {}, {}, false}));
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{8, false}, 200, package_of("2.0.0"), {}}));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
  ASSERT_TRUE(v.on(up_progress, step_of(30)));
  ASSERT_TRUE(v.on(up_inform, inform_of("2.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::succeeded);
}

TEST(AlibabaSession, EmptyReplyGoesToTheModuleThatAsked) {
  ab::session v;
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{9, false}, {}, "MCU", false}));
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{9, false}, 200, std::nullopt, {}}));
  EXPECT_EQ(v.last_module(), "MCU");
  EXPECT_EQ(v.find(pk, dn, "MCU")->state(), ab::session_state::idle);
  EXPECT_EQ(v.find(pk, dn), nullptr);  // the default module was never touched
}

TEST(AlibabaSession, ModulesAndSubDevicesHaveTheirOwnMachines) {
  ab::session v;
  const ab::topic child_upgrade{ab::topic_kind::upgrade, pk, "child1"};
  const ab::topic child_progress{ab::topic_kind::progress, pk, "child1"};
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0", false, "MCU")));
  ASSERT_TRUE(v.on(child_upgrade, push_of("3.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(10, "MCU")));
  ASSERT_TRUE(v.on(child_progress, step_of(-2)));
  EXPECT_EQ(v.find(pk, dn, "MCU")->state(), ab::session_state::upgrading);
  EXPECT_EQ(v.find(pk, "child1")->state(), ab::session_state::failed);
  // The default module of the gateway itself has no package.
  expect_rejected(v.on(up_progress, step_of(10)), ab::rules::progress_requires_package, "idle");
  EXPECT_EQ(v.size(), 2u);  // the rejected message inserted no machine for it
}

TEST(AlibabaSession, RePushOfTheSameVersionRestartsTheDownload) {
  ab::session v;
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(40)));
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));  // after a reconnect (§B.6 rule 4)
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
}

TEST(AlibabaSession, LegacyRequestReportsButNeverSucceeds) {
  ab::session v;
  ASSERT_TRUE(v.on(up_request, ab::version_request{{0, false}, "1.0.0", {}}));
  EXPECT_EQ(v.last()->state(), ab::session_state::reported);
  ASSERT_TRUE(v.on(up_request, push_of("2.0.0")));  // a push delivered on the request topic
  ASSERT_TRUE(v.on(up_progress, step_of(100)));
  ASSERT_TRUE(v.on(up_request, ab::version_request{{0, false}, "2.0.0", {}}));
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  ASSERT_TRUE(v.on(up_inform, inform_of("2.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::succeeded);
}

// --- one test per rule -----------------------------------------------------------------------------

TEST(AlibabaSessionRule, DiffRequiresVersionReport) {
  ab::session v;
  expect_rejected(v.on(down_upgrade, push_of("2.0.0", true)), ab::rules::diff_requires_version_report, "idle");
  // Unchanged: a rejected message inserts no (device, module) machine, so none is `last()`.
  EXPECT_EQ(v.last(), nullptr);
  EXPECT_EQ(v.size(), 0u);
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{1, false}, {}, {}, false}));
  expect_rejected(v.on(down_reply, ab::firmware_get_reply{{1, false}, 200, package_of("2.0.0", true), {}}),
                  ab::rules::diff_requires_version_report, "await_reply");
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  EXPECT_TRUE(v.on(down_upgrade, push_of("2.0.0", true)));
}

TEST(AlibabaSessionRule, ProgressRequiresPackage) {
  ab::session v;
  expect_rejected(v.on(up_progress, step_of(0)), ab::rules::progress_requires_package, "idle");
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  expect_rejected(v.on(up_progress, step_of(-1)), ab::rules::progress_requires_package, "reported");
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(-2)));
  expect_rejected(v.on(up_progress, step_of(10)), ab::rules::progress_requires_package, "failed");
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(100)));
  ASSERT_TRUE(v.on(up_inform, inform_of("2.0.0")));
  expect_rejected(v.on(up_progress, step_of(100)), ab::rules::progress_requires_package, "succeeded");
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{1, false}, {}, {}, false}));
  expect_rejected(v.on(up_progress, step_of(5)), ab::rules::progress_requires_package, "await_reply");
}

TEST(AlibabaSessionRule, SuccessRequiresProgress) {
  ab::session v;
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  expect_rejected(v.on(up_inform, inform_of("2.0.0")), ab::rules::success_requires_progress, "notified");
  // A boot report of the old version is fine and keeps the push outstanding.
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
}

TEST(AlibabaSessionRule, ReplyWithoutRequest) {
  ab::session v;
  expect_rejected(v.on(down_reply, ab::firmware_get_reply{{1, false}, 200, package_of("2.0.0"), {}}),
                  ab::rules::reply_without_request, "idle");
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{1, false}, {}, {}, false}));
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{1, false}, 200, std::nullopt, {}}));
  // One reply per request.
  expect_rejected(v.on(down_reply, ab::firmware_get_reply{{1, false}, 200, std::nullopt, {}}),
                  ab::rules::reply_without_request, "idle");
}

TEST(AlibabaSessionRule, PushDuringUpgrade) {
  ab::session v;
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(20)));
  expect_rejected(v.on(down_upgrade, push_of("3.0.0")), ab::rules::push_during_upgrade, "upgrading");
  EXPECT_EQ(v.last()->target_version(), "2.0.0");
}

TEST(AlibabaSessionRule, PushWhilePullIsPendingKeepsTheReplyLegal) {
  ab::session v;
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{1, false}, {}, {}, false}));
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{1, false}, 200, package_of("2.0.0"), {}}));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
}

}  // namespace

namespace {

// Decodes `payload` on `topic` and feeds it to `v`.
otawire::result<void> feed_text(ab::session& v, std::string_view topic, std::string_view payload) {
  otawire::json::parser p;
  auto t = ab::parse_topic(topic);
  EXPECT_TRUE(t) << topic;
  auto m = ab::decode_payload(p, *t, payload);
  EXPECT_TRUE(m) << payload;
  if (!t || !m) return otawire::fail(errc::invalid_value, "test input");
  return v.on(*t, *m);
}

// Issue 12, item 14: push 2.0.0, progress 50, firmware/get, empty get_reply, progress 70, inform
// 2.0.0. The pull in the middle of the push (spec §B.6 rule 4) must not throw the push away.
TEST(AlibabaSession, PullInTheMiddleOfAPushKeepsThePush) {
  ab::session v;
  const auto push =
      R"({"code":"1000","data":{"size":432945,"version":"2.0.0","url":"https://oss/fw.bin","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":1507707025,"message":"success"})";
  ASSERT_TRUE(feed_text(v, "/ota/device/upgrade/a1pk/dev", push));
  ASSERT_TRUE(feed_text(v, "/ota/device/progress/a1pk/dev", R"({"id":2, "params":{"step":"50","desc":""}})"));
  ASSERT_TRUE(feed_text(v, "/sys/a1pk/dev/thing/ota/firmware/get", R"({"id":3, "params":{}})"));
  EXPECT_TRUE(v.last()->awaits_reply());
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  ASSERT_TRUE(feed_text(v, "/sys/a1pk/dev/thing/ota/firmware/get_reply", R"({"id":"3","code":200,"data":{}})"));
  EXPECT_FALSE(v.last()->awaits_reply());
  auto r = feed_text(v, "/ota/device/progress/a1pk/dev", R"({"id":4, "params":{"step":"70","desc":""}})");
  ASSERT_TRUE(r) << r.error().where() << " in " << r.error().state();
  ASSERT_TRUE(feed_text(v, "/ota/device/inform/a1pk/dev", R"({"id":5, "params":{"version":"2.0.0"}})"));
  EXPECT_EQ(v.last()->state(), ab::session_state::succeeded);
}

// The same pull answered with the package re-offers it, as a re-push does (the download starts
// again); another version in that reply while upgrading is a nested upgrade, as for a push.
TEST(AlibabaSession, PullReplyWithThePackageDuringAPushReoffersIt) {
  ab::session v;
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(50)));
  ASSERT_TRUE(v.on(up_get, ab::firmware_get{{7, false}, {}, {}, false}));
  expect_rejected(v.on(down_reply, ab::firmware_get_reply{{7, false}, 200, package_of("3.0.0")}),
                  ab::rules::push_during_upgrade, "upgrading");
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{7, false}, 200, package_of("2.0.0")}));
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
  ASSERT_TRUE(v.on(up_progress, step_of(10)));  // a new download: the percentage starts again
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
}

// Issue 12, item 18: progress never decreases within one download (the rule every family
// shares); a new offer starts a new download.
TEST(AlibabaSession, ProgressNeverDecreasesWithinADownload) {
  for (const auto& c : otawire::test::fields::progress_cases) {
    ab::session v;
    ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0")));
    ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
    bool all = true;
    for (const int step : c.steps) {
      auto r = v.on(up_progress, step_of(step));
      if (!r) {
        all = false;
        expect_rejected(r, ab::rules::progress_non_decreasing, "upgrading");
        break;
      }
    }
    EXPECT_EQ(all, c.accepted);
  }
  ab::session v;
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(80)));
  ASSERT_TRUE(v.on(up_progress, step_of(-2)));  // a failure is not a percentage
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0")));
  ASSERT_TRUE(v.on(up_progress, step_of(10)));
}

// Issue 12, item 12 (CTWing's rule applied here): a device that rolled back reports its old
// version after step 100. §B.6 rule 3: "even if the reported progress is 100% … the update has
// failed" — an outcome the validator reports, not a violation, and the next push is accepted.
TEST(AlibabaSession, OldVersionAfterStep100IsAFailedUpgradeAndTheNextPushIsAccepted) {
  ab::session v;
  ASSERT_TRUE(feed_text(v, "/ota/device/inform/a1pk/dev", R"({"id":1,"params":{"version":"1.0.0"}})"));
  ASSERT_TRUE(feed_text(
      v, "/ota/device/upgrade/a1pk/dev",
      R"({"code":"1000","data":{"size":432945,"version":"2.0.0","url":"https://oss/fw.bin","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":1507707025,"message":"success"})"));
  ASSERT_TRUE(feed_text(v, "/ota/device/progress/a1pk/dev", R"({"id":2,"params":{"step":"100","desc":""}})"));
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  auto r = feed_text(v, "/ota/device/inform/a1pk/dev", R"({"id":3,"params":{"version":"1.0.0"}})");
  ASSERT_TRUE(r) << r.error().where() << " in " << r.error().state();
  EXPECT_EQ(v.last()->state(), ab::session_state::failed);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::not_applied);
  EXPECT_EQ(v.last()->reported_version(), "1.0.0");

  r = feed_text(
      v, "/ota/device/upgrade/a1pk/dev",
      R"({"code":"1000","data":{"size":432945,"version":"2.0.1","url":"https://oss/fw.bin","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":1507707026,"message":"success"})");
  ASSERT_TRUE(r) << r.error().where() << " in " << r.error().state();
  EXPECT_EQ(v.last()->state(), ab::session_state::notified);
  EXPECT_EQ(v.last()->target_version(), "2.0.1");
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::not_applied);  // kept until this attempt ends
  r = feed_text(v, "/ota/device/progress/a1pk/dev", R"({"id":4,"params":{"step":"10","desc":""}})");
  ASSERT_TRUE(r) << r.error().where() << " in " << r.error().state();
  ASSERT_TRUE(feed_text(v, "/ota/device/progress/a1pk/dev", R"({"id":5,"params":{"step":"100","desc":""}})"));
  ASSERT_TRUE(feed_text(v, "/ota/device/inform/a1pk/dev", R"({"id":6,"params":{"version":"2.0.1"}})"));
  EXPECT_EQ(v.last()->state(), ab::session_state::succeeded);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::succeeded);
  EXPECT_EQ(v.size(), 1U);
}

// A negative step is the `failed` outcome; the old version reported before step 100 is still a
// boot report (the upgrade goes on), on its own module too.
TEST(AlibabaSession, OutcomeOfAFailureStepAndBootReportsBefore100) {
  ab::session v;
  ASSERT_TRUE(v.on(down_upgrade, push_of("2.0.0", false, "MCU")));
  ASSERT_TRUE(v.on(up_progress, step_of(99, "MCU")));
  ASSERT_TRUE(v.on(up_inform, inform_of("1.0.0", "MCU")));
  EXPECT_EQ(v.last()->state(), ab::session_state::upgrading);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::none);
  ASSERT_TRUE(v.on(up_progress, step_of(-3, "MCU")));
  EXPECT_EQ(v.last()->state(), ab::session_state::failed);
  EXPECT_EQ(v.last()->last_outcome(), ab::outcome::failed);
  EXPECT_EQ(ab::name(ab::outcome::not_applied), "not_applied");
}

}  // namespace

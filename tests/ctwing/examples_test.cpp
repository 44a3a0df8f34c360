// Every CTWing example message of spec §B (and of the seed doc it was taken from), including the
// documentation's broken ones, through both decoders.
#include "ctwing/spec_examples.hpp"
#include "ctwing/test_util.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/session.hpp>
#include <otawire/ctwing/url.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

namespace {
namespace cw = otawire::ctwing;
namespace ex = otawire::test::ctwing::examples;
using otawire::errc;
using otawire::test::ctwing::decode_both;
using otawire::test::ctwing::expect_rejected_by_both;
using otawire::test::ctwing::normalise_nbsp;
using otawire::test::ctwing::strip_line_comments;

TEST(CtwingExamples, DocInformAsPublishedIsRejectedAtItsFirstComment) {
  const auto e = expect_rejected_by_both(cw::topic::inform, ex::doc_inform, errc::malformed_json);
  EXPECT_EQ(e.offset(), ex::doc_inform.find("//"));
}

TEST(CtwingExamples, DocInformWithoutCommentsDecodes) {
  const auto text = strip_line_comments(ex::doc_inform);
  const auto m = decode_both<cw::inform>(cw::topic::inform, text);
  EXPECT_EQ(m.task_id, cw::no_task);
  EXPECT_EQ(m.version, "1.0.1");
  EXPECT_EQ(m.module, "MCU");
}

TEST(CtwingExamples, DocUpgradeAsPublishedIsRejectedAtItsFirstComment) {
  const auto e = expect_rejected_by_both(cw::topic::upgrade, ex::doc_upgrade, errc::malformed_json);
  EXPECT_EQ(e.offset(), ex::doc_upgrade.find("//"));
}

// The doc's upgrade sample has no comma after `"token": "token"`: even without its comments it is
// not JSON, and the error must point at the key that follows the missing comma.
TEST(CtwingExamples, DocUpgradeMissingCommaIsRejectedAtTheMissingComma) {
  const auto text = strip_line_comments(ex::doc_upgrade);
  const auto e = expect_rejected_by_both(cw::topic::upgrade, text, errc::malformed_json);
  const auto module_key = text.find("\"module\"");
  ASSERT_NE(module_key, std::string::npos);
  EXPECT_EQ(e.offset(), module_key);
  // What precedes that byte is the token value, where the comma belongs.
  auto before = std::string_view(text).substr(0, module_key);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\n')) before.remove_suffix(1);
  EXPECT_TRUE(before.ends_with("\"token\": \"token\"")) << before.substr(before.size() - 20);
  // The simdjson path names the object it was walking.
  otawire::json::parser d;
  auto fast = cw::decode_payload(d, cw::topic::upgrade, text);
  ASSERT_FALSE(fast);
  EXPECT_EQ(fast.error().where(), "payload");
}

TEST(CtwingExamples, DocUpgradeWithTheCommaRestoredDecodes) {
  auto text = strip_line_comments(ex::doc_upgrade);
  const auto after_token = text.find("\"token\": \"token\"") + std::string_view("\"token\": \"token\"").size();
  text.insert(after_token, ",");
  const auto m = decode_both<cw::upgrade>(cw::topic::upgrade, text);
  EXPECT_EQ(m.task_id, 1);
  EXPECT_EQ(m.size, 432945);
  EXPECT_EQ(m.version, "2.0.0");
  EXPECT_EQ(m.url, "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589");
  EXPECT_EQ(m.md5, "93230c3bde425a9d7984a594ac55ea1e");
  EXPECT_EQ(m.token, "token");
  EXPECT_EQ(m.module, "MCU");
  // §B.3: the doc's delivered URL and token with the doc's device id give the doc's download URL.
  auto url = cw::build_download_url(m, "device10001");
  ASSERT_TRUE(url) << otawire::name(url.error().code()) << " " << url.error().where();
  EXPECT_EQ(*url, ex::doc_download_url);
}

TEST(CtwingExamples, DocProgressAsPublishedIsRejectedAtItsFirstNoBreakSpace) {
  // The published sample is indented with U+00A0, which is not JSON white space.
  const auto e = expect_rejected_by_both(cw::topic::progress, ex::doc_progress, errc::malformed_json);
  EXPECT_EQ(e.offset(), ex::doc_progress.find("\xC2\xA0"));
}

TEST(CtwingExamples, DocProgressCleanedDecodesAsAFailure) {
  const auto text = normalise_nbsp(strip_line_comments(ex::doc_progress));
  const auto m = decode_both<cw::progress>(cw::topic::progress, text);
  EXPECT_EQ(m.task_id, 1);
  EXPECT_EQ(m.step, -1);
  EXPECT_TRUE(m.is_failure());
  EXPECT_EQ(m.failure_code(), cw::failure::upgrade_failed);
  EXPECT_EQ(m.desc, "固件升级失败,请求不到固件信息。");
  EXPECT_EQ(m.module, "MCU");
}

TEST(CtwingExamples, DocNewVersionInformCleanedCarriesTheTaskId) {
  const auto e = expect_rejected_by_both(cw::topic::inform, ex::doc_new_version_inform, errc::malformed_json);
  EXPECT_EQ(e.offset(), std::min(ex::doc_new_version_inform.find("//"), ex::doc_new_version_inform.find("\xC2\xA0")));
  const auto text = normalise_nbsp(strip_line_comments(ex::doc_new_version_inform));
  const auto m = decode_both<cw::inform>(cw::topic::inform, text);
  EXPECT_EQ(m.task_id, 1);
  EXPECT_EQ(m.version, "1.0.2");
  EXPECT_EQ(m.module, "MCU");
}

TEST(CtwingExamples, C2InformDecodesAndEncodesToTheSameBytes) {
  const auto m = decode_both<cw::inform>(cw::topic::inform, ex::c2_inform);
  EXPECT_EQ(m.task_id, -1);
  EXPECT_EQ(m.version, "…");
  EXPECT_EQ(m.module, "…");
  auto text = cw::encode(m);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, ex::c2_inform);
}

TEST(CtwingExamples, C2ProgressDecodesAndEncodesToTheSameBytes) {
  const auto m = decode_both<cw::progress>(cw::topic::progress, ex::c2_progress);
  EXPECT_EQ(m.task_id, 147589);
  EXPECT_EQ(m.step, 50);
  EXPECT_EQ(m.module, "MCU");
  EXPECT_EQ(m.desc, "…");
  auto text = cw::encode(m);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, ex::c2_progress);  // key order step, module, desc as [C2] adds them
}

TEST(CtwingExamples, AlibabaProgressLacksTheTaskIdButItsStringStepIsAccepted) {
  const auto e = expect_rejected_by_both(cw::topic::progress, ex::alibaba_progress, errc::missing_field);
  EXPECT_EQ(e.where(), "taskId");
  std::string text(ex::alibaba_progress);
  text.replace(text.find("\"id\""), 4, "\"taskId\"");
  const auto m = decode_both<cw::progress>(cw::topic::progress, text);
  EXPECT_EQ(m.task_id, 1);
  EXPECT_EQ(m.step, 1);
  EXPECT_EQ(m.desc, " xxxxxxxx ");
  EXPECT_FALSE(m.module);
  auto encoded = cw::encode(m);
  ASSERT_TRUE(encoded);
  EXPECT_EQ(*encoded, R"({"taskId":1,"params":{"step":1,"desc":" xxxxxxxx "}})");  // number, as CTWing's device sends
}

TEST(CtwingExamples, DocDownloadUrlParses) {
  auto u = cw::parse_download_url(ex::doc_download_url);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->base, "https://dmfile.ctwing.cn/file/upgrade");
  EXPECT_EQ(u->file_id, "32128a6e8c3e15aea1c7");
  EXPECT_EQ(u->task_id, 147589);
  EXPECT_EQ(u->device_id, "device10001");
  EXPECT_EQ(u->access_token, "token");
  auto again = cw::format_download_url(*u);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, ex::doc_download_url);
}

// The doc's sequence (§ii–§vi) through the validator, with the doc's own values: inform -1,
// upgrade task 1, progress -1 (a failure), and after a retry that completes, inform with task 1.
TEST(CtwingExamples, DocSequencePassesTheValidator) {
  otawire::json::parser d;
  cw::session s;
  std::string upgrade_text = strip_line_comments(ex::doc_upgrade);
  upgrade_text.insert(upgrade_text.find("\"token\": \"token\"") + 16, ",");
  const auto feed = [&](cw::topic t, const std::string& text) {
    auto m = cw::decode_payload(d, t, text);
    ASSERT_TRUE(m) << text;
    auto r = s.on(*m);
    ASSERT_TRUE(r) << r.error().where() << " in " << r.error().state();
  };
  feed(cw::topic::inform, strip_line_comments(ex::doc_inform));
  feed(cw::topic::upgrade, upgrade_text);
  feed(cw::topic::progress, normalise_nbsp(strip_line_comments(ex::doc_progress)));
  EXPECT_EQ(s.state(), cw::session_state::failed);
  feed(cw::topic::upgrade, upgrade_text);
  feed(cw::topic::progress, R"({"taskId":1,"params":{"step":100,"desc":"ok","module":"MCU"}})");
  // The doc's post-upgrade sample reports 1.0.2 against the upgrade's 2.0.0 (the samples are not
  // one session): the validator takes it as an upgrade that was not applied (§B.4: the reported
  // version decides), and the target version as a success.
  cw::session other = s;
  feed(cw::topic::inform, normalise_nbsp(strip_line_comments(ex::doc_new_version_inform)));
  EXPECT_EQ(s.state(), cw::session_state::idle);
  EXPECT_EQ(s.last_outcome(), cw::outcome::not_applied);
  s = other;
  feed(cw::topic::inform, R"({"taskId":1,"params":{"version":"2.0.0","module":"MCU"}})");
  EXPECT_EQ(s.state(), cw::session_state::idle);
  EXPECT_EQ(s.last_outcome(), cw::outcome::succeeded);
}

// Issue 12, item 12: the exact capture. Real firmware reports taskId -1 after step 100 and a
// device that rolled back reports its old version; the next task must be accepted.
TEST(CtwingExamples, Issue12RollbackWithUntaggedInformThenTheNextTask) {
  otawire::json::parser d;
  cw::session s;
  const std::pair<cw::topic, std::string_view> capture[] = {
      {cw::topic::inform, R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})"},
      {cw::topic::upgrade,
       R"({"taskId":7,"payload":{"size":10,"version":"2.0.0","url":"https://x","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})"},
      {cw::topic::progress, R"({"taskId":7,"params":{"step":100,"desc":"","module":"MCU"}})"},
      {cw::topic::inform, R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})"},
      {cw::topic::upgrade,
       R"({"taskId":8,"payload":{"size":10,"version":"2.0.1","url":"https://x","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})"},
      {cw::topic::progress, R"({"taskId":8,"params":{"step":10}})"},
  };
  std::size_t line = 0;
  for (const auto& [t, text] : capture) {
    ++line;
    auto m = cw::decode_payload(d, t, text);
    ASSERT_TRUE(m) << "line " << line << ": " << m.error().where();
    auto r = s.on(*m);
    ASSERT_TRUE(r) << "line " << line << ": " << r.error().where() << " in " << r.error().state();
    if (line == 4) {
      EXPECT_EQ(s.last_outcome(), cw::outcome::not_applied);
    }
  }
  EXPECT_EQ(s.state(), cw::session_state::in_progress);
  EXPECT_EQ(s.task_id(), 8);
}

}  // namespace

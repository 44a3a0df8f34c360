// Issue 12, item 18: the field rules every JSON family shares (json/fields.hpp), run through
// CTWing's decoders and session from the shared tables (tests/support/fields_arbitrary.hpp).
// CTWing's topics are three fixed strings: no product or device level to check.
#include "ctwing/test_util.hpp"
#include "support/fields_arbitrary.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/session.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace cw = otawire::ctwing;
namespace tf = otawire::test::fields;
using otawire::errc;
using otawire::test::ctwing::expect_rejected_by_both;

std::string upgrade(std::string_view url, std::string_view md5) {
  return std::string(R"({"taskId":7,"payload":{"size":10,"version":"2.0.0","url":")") + std::string(url) + R"(","md5":")" +
         std::string(md5) + R"(","token":"t"}})";
}

void expect_rule(const std::string& text, bool accepted, errc code, std::string_view where) {
  if (accepted) {
    otawire::json::parser fast;
    boost::json::value storage;
    EXPECT_TRUE(cw::decode_payload(fast, cw::topic::upgrade, text)) << text;
    EXPECT_TRUE(cw::decode_payload_dom(cw::topic::upgrade, text, storage)) << text;
    return;
  }
  const auto e = expect_rejected_by_both(cw::topic::upgrade, text, code);
  EXPECT_EQ(e.where(), where) << text;
}

constexpr std::string_view good_md5 = "93230c3bde425a9d7984a594ac55ea1e";

TEST(CtwingFieldRules, Md5) {
  for (const auto& c : tf::md5_cases) {
    expect_rule(upgrade("https://x", c.value), c.accepted, errc::bad_string, "payload.md5");
  }
}

TEST(CtwingFieldRules, Url) {
  for (const auto& c : tf::url_cases) {
    expect_rule(upgrade(c.value, good_md5), c.accepted, errc::invalid_value, "payload.url");
  }
}

// The encoder checks the same rules: it refuses each refused value with the decoder's errc and
// path, and what it writes decodes.
auto decode_upgrade(const std::string& text) {
  static otawire::json::parser fast;
  return cw::decode_payload(fast, cw::topic::upgrade, text);
}
auto encode_upgrade(std::string_view url, std::string_view md5) {
  return cw::encode(cw::upgrade{5, 10, "2.0.0", url, md5, "t", {}});
}

TEST(CtwingEncoderRules, Md5) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::md5_cases, [](std::string_view v) { return upgrade("https://x", v); },
                [](std::string_view v) { return encode_upgrade("https://x", v); }, decode_upgrade),
            "");
}

TEST(CtwingEncoderRules, Url) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases, [](std::string_view v) { return upgrade(v, good_md5); },
                [](std::string_view v) { return encode_upgrade(v, good_md5); }, decode_upgrade),
            "");
}

TEST(CtwingFieldRules, ProgressNeverDecreasesWithinAnAttempt) {
  for (const auto& c : tf::progress_cases) {
    cw::session s;
    ASSERT_TRUE(s.on(cw::inform{cw::no_task, "1", {}}));
    ASSERT_TRUE(s.on(cw::upgrade{5, 10, "2", "https://x", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}));
    bool all = true;
    for (const int step : c.steps) {
      if (step == 0) continue;  // CTWing's percentages start at 1 (B.4)
      auto r = s.on(cw::progress{5, step, {}, {}});
      if (!r) {
        all = false;
        EXPECT_EQ(r.error().where(), otawire::json::fields::rule_progress_non_decreasing);
        break;
      }
    }
    EXPECT_EQ(all, c.accepted);
  }
}

}  // namespace

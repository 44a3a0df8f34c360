// Issue 12, item 18: the field rules every JSON family shares (json/fields.hpp), run through
// JetLinks' decoders and session from the shared tables (tests/support/fields_arbitrary.hpp).
#define OTAWIRE_TESTS_WITH_RAPIDCHECK
#include "support/jetlinks_arbitrary.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace jl = otawire::jetlinks;
namespace tf = otawire::test::fields;
using otawire::errc;

// Both decoders accept `payload` on `topic` or both refuse it with `code` at `where`.
void expect_rule(std::string_view topic, const std::string& payload, bool accepted, errc code, std::string_view where) {
  otawire::json::parser p;
  auto fast = jl::decode(p, otawire::mqtt_publish{topic, payload});
  EXPECT_EQ(fast.has_value(), accepted) << payload;
  auto value = otawire::json::parse_dom(payload);
  ASSERT_TRUE(value) << payload;
  auto dom = jl::decode_dom(topic, *value);
  EXPECT_EQ(dom.has_value(), accepted) << payload;
  if (!accepted && !fast && !dom) {
    EXPECT_EQ(fast.error().code(), code) << payload;
    EXPECT_EQ(fast.error().where(), where) << payload;
    EXPECT_EQ(dom.error().code(), code) << payload;
    EXPECT_EQ(dom.error().where(), where) << payload;
  }
}

TEST(JetlinksFieldRules, Url) {
  for (const auto& c : tf::url_cases) {
    const std::string body = R"({"url":")" + std::string(c.value) + R"(","version":"2.0"})";
    expect_rule("/p/d/firmware/upgrade", body, c.accepted, errc::invalid_value, "url");
    expect_rule("/p/d/firmware/pull/reply", R"({"messageId":"m",)" + body.substr(1), c.accepted, errc::invalid_value, "url");
  }
}

TEST(JetlinksFieldRules, SignOfADigestMethod) {
  for (const auto& c : tf::md5_cases) {
    // signMethod names the digest in any case, before or after the sign.
    expect_rule("/p/d/firmware/upgrade",
                R"({"url":"http://x/fw","version":"2","sign":")" + std::string(c.value) + R"(","signMethod":"MD5"})",
                c.accepted, errc::bad_string, "sign");
  }
  for (const auto& c : tf::sha256_cases) {
    expect_rule("/p/d/firmware/pull/reply",
                R"({"messageId":"m","signMethod":"sha256","url":"http://x/fw","version":"2","sign":")" +
                    std::string(c.value) + R"("})",
                c.accepted, errc::bad_string, "sign");
  }
  // Any other method is free text [J1]: its sign is opaque.
  expect_rule("/p/d/firmware/upgrade", R"({"url":"http://x/fw","version":"2","sign":"not-hex","signMethod":"sm3"})", true,
              errc{}, "");
}

// `check`, the encoder's check (encode itself returns a plain string), refuses each refused value
// with the decoder's errc and path, and what it accepts encodes to a payload that decodes.
otawire::result<void> decode_verdict(const std::string& payload) {
  otawire::json::parser p;
  if (auto m = jl::decode(p, otawire::mqtt_publish{std::string_view("/p/d/firmware/upgrade"), payload}); !m) return m.error();
  return otawire::ok();
}
otawire::result<std::string> check_and_encode(std::string_view url, std::string_view sign, std::string_view method) {
  jl::upgrade_firmware m;
  m.url = url;
  m.version = "2";
  m.sign = sign;
  m.sign_method = method;
  return jl::encode(jl::message(m));  // checks first
}

TEST(JetlinksEncoderRules, Url) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases, [](std::string_view v) { return R"({"url":")" + std::string(v) + R"(","version":"2"})"; },
                [](std::string_view v) { return check_and_encode(v, "x", "sm3"); }, decode_verdict),
            "");
}

TEST(JetlinksEncoderRules, SignOfADigestMethod) {
  for (const auto& [cases, method] : {std::pair{&tf::md5_cases, "MD5"}, std::pair{&tf::sha256_cases, "sha256"}}) {
    const std::string m(method);
    EXPECT_EQ(tf::encoder_follows_decoder(
                  *cases,
                  [&](std::string_view v) {
                    return R"({"url":"http://x/fw","version":"2","sign":")" + std::string(v) + R"(","signMethod":")" + m + "\"}";
                  },
                  [&](std::string_view v) { return check_and_encode("http://x/fw", v, m); }, decode_verdict),
              "")
        << m;
  }
}

TEST(JetlinksFieldRules, TopicLevels) {
  for (const auto& c : tf::topic_level_cases) {
    const std::string level(c.value);
    for (const bool word_scan : {true, false}) {
      const auto as_product = jl::detail::parse_topic(std::string("/") + level + "/dev/firmware/report", word_scan);
      const auto as_device = jl::detail::parse_topic("/prod/" + level + "/firmware/report", word_scan);
      const auto as_child = jl::detail::parse_topic("/prod/gw/child/" + level + "/firmware/report", word_scan);
      EXPECT_EQ(as_product.has_value(), c.accepted) << level;
      EXPECT_EQ(as_device.has_value(), c.accepted) << level;
      EXPECT_EQ(as_child.has_value(), c.accepted) << level;
      if (!c.accepted && !as_device) {
        EXPECT_EQ(as_device.error().code(), errc::bad_string) << level;
        EXPECT_EQ(as_device.error().where(), "topic");
      }
    }
  }
}

TEST(JetlinksFieldRules, ProgressNeverDecreasesWithinATask) {
  for (const auto& c : tf::progress_cases) {
    jl::session s;
    jl::upgrade_firmware push;
    push.message_id = "M";
    push.url = "http://fw.example/x.bin";
    push.version = "1";
    push.firmware_id = "F";
    ASSERT_TRUE(s.on(push));
    bool all = true;
    for (const int step : c.steps) {
      jl::upgrade_firmware_progress m;
      m.progress = step;
      m.success = true;
      m.version = "1";
      m.firmware_id = "F";
      auto r = s.on(m);
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

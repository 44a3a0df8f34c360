// Issue 12, item 18: the field rules every JSON family shares (json/fields.hpp), run through
// Tencent's decoders and session from the shared tables (tests/support/fields_arbitrary.hpp).
#include "support/fields_arbitrary.hpp"
#include "support/tencent_oracle.hpp"

#include <otawire/tencent.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace tc = otawire::tencent;
namespace tf = otawire::test::fields;
using otawire::errc;

std::string firmware(std::string_view md5, std::string_view url) {
  return std::string(R"({"type":"update_firmware","version":"2","file_size":10,"md5sum":")") + std::string(md5) +
         R"(","url":")" + std::string(url) + R"("})";
}

// Both decoders accept the value and keep it, or both refuse it with `code` at `where`.
void expect_rule(const std::string& text, bool accepted, errc code, std::string_view where) {
  otawire::json::parser p;
  auto fast = tc::decode_payload(p, text);
  auto dom = otawire::test::tencent::decode_dom_text(text);
  EXPECT_EQ(fast.has_value(), accepted) << text;
  EXPECT_EQ(dom.message.has_value(), accepted) << text;
  if (!accepted && !fast) {
    EXPECT_EQ(fast.error().code(), code) << text;
    EXPECT_EQ(fast.error().where(), where) << text;
  }
}

TEST(TencentFieldRules, Md5sum) {
  for (const auto& c : tf::md5_cases) {
    expect_rule(firmware(c.value, "https://x"), c.accepted, errc::bad_string, "md5sum");
    // The checked encoders apply the same rule.
    const tc::update_firmware m{"2", "https://x", c.value, 10, std::nullopt, std::nullopt, std::nullopt};
    EXPECT_EQ(tc::check(m).has_value(), c.accepted) << c.value;
  }
}

TEST(TencentFieldRules, Url) {
  for (const auto& c : tf::url_cases) {
    expect_rule(firmware("93230c3bde425a9d7984a594ac55ea1e", c.value), c.accepted, errc::invalid_value, "url");
    const tc::update_firmware m{"2", c.value, "93230c3bde425a9d7984a594ac55ea1e", 10, std::nullopt, std::nullopt, std::nullopt};
    EXPECT_EQ(tc::check(m).has_value(), c.accepted) << c.value;
  }
}

// The checked encoder refuses each refused value with the decoder's errc and path, and what it
// writes decodes.
otawire::result<void> decode_verdict(const std::string& text) {
  otawire::json::parser p;
  if (auto m = tc::decode_payload(p, text); !m) return m.error();
  return otawire::ok();
}
constexpr std::string_view good_md5 = "93230c3bde425a9d7984a594ac55ea1e";

TEST(TencentEncoderRules, Md5sum) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::md5_cases, [](std::string_view v) { return firmware(v, "https://x"); },
                [](std::string_view v) {
                  return tc::encode(tc::update_firmware{"2", "https://x", v, 10, std::nullopt, std::nullopt, std::nullopt});
                },
                decode_verdict),
            "");
}

TEST(TencentEncoderRules, Url) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases, [](std::string_view v) { return firmware(good_md5, v); },
                [](std::string_view v) {
                  return tc::encode(tc::update_firmware{"2", v, good_md5, 10, std::nullopt, std::nullopt, std::nullopt});
                },
                decode_verdict),
            "");
}

TEST(TencentFieldRules, TopicLevels) {
  for (const auto& c : tf::topic_level_cases) {
    const std::string level(c.value);
    const auto as_product = tc::parse_topic("$ota/report/" + level + "/dev");
    const auto as_device = tc::parse_topic("$ota/update/P1/" + level);
    EXPECT_EQ(as_product.has_value(), c.accepted) << level;
    EXPECT_EQ(as_device.has_value(), c.accepted) << level;
    if (!c.accepted && !as_device) {
      EXPECT_EQ(as_device.error().code(), errc::bad_string);
      EXPECT_EQ(as_device.error().where(), "topic.device_name");
    }
  }
}

TEST(TencentFieldRules, ProgressNeverDecreasesWithinAnAttempt) {
  const tc::update_firmware fw{"1.3.0", "https://x/fw", "ad4615b866c13afb8b293a679bfa5dc4", 100, std::nullopt, std::nullopt,
                               std::nullopt};
  for (const auto& c : tf::progress_cases) {
    tc::session s;
    ASSERT_TRUE(s.on(tc::report_version{"1.0.0", std::nullopt}));
    ASSERT_TRUE(s.on(fw));
    ASSERT_TRUE(s.on(tc::report_progress::downloading("1.3.0", 0)));
    bool all = true;
    for (const int step : c.steps) {
      auto r = s.on(tc::report_progress::downloading("1.3.0", static_cast<std::uint8_t>(step)));
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

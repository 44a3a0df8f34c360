// Issue 12, item 18: the field rules every JSON family shares (json/fields.hpp), run through
// Huawei's decoders and session from the shared tables (tests/support/fields_arbitrary.hpp).
#include "support/fields_arbitrary.hpp"

#include <otawire/huawei.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace hw = otawire::huawei;
namespace tf = otawire::test::fields;
using otawire::errc;

std::string upgrade(std::string_view url, std::string_view sign) {
  return std::string(R"({"services":[{"event_type":"firmware_upgrade","service_id":"$ota","paras":{"version":"2.0","url":")") +
         std::string(url) + R"(","file_size":1,"sign":")" + std::string(sign) + R"("}}]})";
}

// Both decoders accept `text` or both refuse it with `code` at `where`.
void expect_rule(const std::string& text, bool accepted, errc code, std::string_view where) {
  otawire::json::parser p;
  auto fast = hw::decode_payload(p, text);
  boost::json::value storage;
  auto dom = hw::decode_payload_dom(text, storage);
  EXPECT_EQ(fast.has_value(), accepted) << text;
  EXPECT_EQ(dom.has_value(), accepted) << text;
  if (!accepted && !fast && !dom) {
    EXPECT_EQ(fast.error().code(), code) << text;
    EXPECT_EQ(fast.error().where(), where) << text;
    EXPECT_EQ(dom.error().code(), code) << text;
    EXPECT_EQ(dom.error().where(), where) << text;
  }
}

constexpr std::string_view good_sign = "71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5";

TEST(HuaweiFieldRules, Sha256Sign) {
  for (const auto& c : tf::sha256_cases) {
    expect_rule(upgrade("https://h/p", c.value), c.accepted, errc::bad_string, "services[].paras.sign");
  }
}

TEST(HuaweiFieldRules, Url) {
  for (const auto& c : tf::url_cases) {
    expect_rule(upgrade(c.value, good_sign), c.accepted, errc::invalid_value, "services[].paras.url");
  }
}

// The encoder checks the same rules: it refuses each refused value with the decoder's errc and
// path, and what it writes decodes.
otawire::result<std::string> encode_upgrade(std::string_view url, std::string_view sign) {
  otawire::json::parser p;
  auto m = hw::decode_payload(p, upgrade("https://h/p", good_sign)).value();
  auto u = *m.events()[0].get<hw::upgrade_notification>();
  u.url = url;
  u.sign = sign;
  m.events()[0].paras = u;
  return hw::encode(m);
}
otawire::result<void> decode_verdict(const std::string& text) {
  otawire::json::parser p;
  if (auto m = hw::decode_payload(p, text); !m) return m.error();
  return otawire::ok();
}

TEST(HuaweiEncoderRules, Sha256Sign) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::sha256_cases, [](std::string_view v) { return upgrade("https://h/p", v); },
                [](std::string_view v) { return encode_upgrade("https://h/p", v); }, decode_verdict),
            "");
}

TEST(HuaweiEncoderRules, Url) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases, [](std::string_view v) { return upgrade(v, good_sign); },
                [](std::string_view v) { return encode_upgrade(v, good_sign); }, decode_verdict),
            "");
}

TEST(HuaweiFieldRules, TopicLevels) {
  for (const auto& c : tf::topic_level_cases) {
    const auto t = hw::parse_topic("$oc/devices/" + std::string(c.value) + "/sys/events/up");
    EXPECT_EQ(t.has_value(), c.accepted) << c.value;
    if (!c.accepted && !t) {
      EXPECT_EQ(t.error().code(), errc::bad_string);
      EXPECT_EQ(t.error().where(), "topic");
    }
  }
}

std::string progress(int percent) {
  return R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1.0","progress":)" +
         std::to_string(percent) + "}}]}";
}

TEST(HuaweiFieldRules, ProgressNeverDecreasesWithinAnUpgrade) {
  const hw::topic down{"dev-1", otawire::direction::platform_to_device};
  const hw::topic up{"dev-1", otawire::direction::device_to_platform};
  for (const auto& c : tf::progress_cases) {
    otawire::json::parser p;
    hw::session s;
    ASSERT_TRUE(s.on(down, hw::decode_payload(p, upgrade("https://h/p", good_sign)).value()));
    bool all = true;
    for (const int step : c.steps) {
      if (step == 100) continue;  // 100 is a success report here, not a percentage
      auto r = s.on(up, hw::decode_payload(p, progress(step)).value());
      if (!r) {
        all = false;
        EXPECT_EQ(r.error(), otawire::violation(hw::rules::progress_non_decreasing, hw::session_state::downloading));
        break;
      }
    }
    EXPECT_EQ(all, c.accepted);
  }
}

}  // namespace

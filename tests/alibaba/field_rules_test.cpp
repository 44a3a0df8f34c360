// Issue 12, items 15 and 18: the push decoder reads what the SDKs read, and the field rules every
// JSON family shares (json/fields.hpp) hold for Alibaba, from the shared tables.
#include "support/alibaba_oracle.hpp"
#include "support/fields_arbitrary.hpp"

#include <otawire/alibaba.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace ab = otawire::alibaba;
namespace tf = otawire::test::fields;
using otawire::errc;
using otawire::test::alibaba::differential;

const ab::topic push_topic{ab::topic_kind::upgrade, "a1pk", "dev"};

// Both decoders accept `text` or both refuse it with `code` at `where`.
void expect_rule(const std::string& text, bool accepted, errc code, std::string_view where) {
  otawire::json::parser p;
  auto m = ab::decode_payload(p, push_topic, text);
  EXPECT_EQ(m.has_value(), accepted) << text;
  EXPECT_EQ(differential(p, ab::topic_kind::upgrade, text), "") << text;
  if (!accepted && !m) {
    EXPECT_EQ(m.error().code(), code) << text;
    EXPECT_EQ(m.error().where(), where) << text;
  }
}

std::string push_with(std::string_view data_fields) {
  return std::string(R"({"code":"1000","data":{"size":1,"version":"2.0.0",)") + std::string(data_fields) +
         R"(},"id":2,"message":"success"})";
}

// Item 15: neither SDK reads `code` (iotkit v3 checks `message`, the Link SDK neither, §B.2.2).
TEST(AlibabaPush, CodeIsNeitherRequiredNorChecked) {
  otawire::json::parser p;
  const std::string issue =
      R"({"data":{"size":432945,"version":"2.0.0","url":"https://oss/fw.bin","md5":"93230c3bde425a9d7984a594ac55ea1e"},"id":2,"message":"success"})";
  for (const std::string& text : {issue, R"({"code":"2000",)" + issue.substr(1), R"({"code":1000,)" + issue.substr(1)}) {
    auto m = ab::decode_payload(p, push_topic, text);
    ASSERT_TRUE(m) << text << ": " << m.error().where();
    EXPECT_EQ(std::get<ab::upgrade>(*m).data.version, "2.0.0");
    EXPECT_EQ(differential(p, ab::topic_kind::upgrade, text), "") << text;
    // The encoder still writes the code the platform sends.
    EXPECT_EQ(ab::encode(*m).value().rfind(R"({"code":"1000",)", 0), 0u);
  }
  // The legacy request topic reads a push the same way.
  auto legacy = ab::decode_payload(p, ab::topic{ab::topic_kind::request, "a1pk", "dev"}, issue);
  ASSERT_TRUE(legacy);
  EXPECT_TRUE(std::holds_alternative<ab::upgrade>(*legacy));
}

TEST(AlibabaFieldRules, Md5) {
  for (const auto& c : tf::md5_cases) {
    expect_rule(push_with(R"("url":"https://x","md5":")" + std::string(c.value) + "\""), c.accepted, errc::bad_string,
                "data.md5");
  }
}

TEST(AlibabaFieldRules, SignByItsMethod) {
  for (const auto& c : tf::md5_cases) {
    expect_rule(push_with(R"("url":"https://x","signMethod":"Md5","sign":")" + std::string(c.value) + "\""), c.accepted,
                errc::bad_string, "data.sign");
  }
  for (const auto& c : tf::sha256_cases) {
    // signMethod after sign: the method still decides.
    expect_rule(push_with(R"("url":"https://x","sign":")" + std::string(c.value) + R"(","signMethod":"SHA256")"),
                c.accepted, errc::bad_string, "data.sign");
    expect_rule(push_with(R"("url":"https://x","files":[{"fileUrl":"https://a","fileSign":")" + std::string(c.value) +
                          R"("}],"signMethod":"SHA256")"),
                c.accepted, errc::bad_string, "data.files[].fileSign");
  }
  // Without a method, either digest length.
  expect_rule(push_with(R"("url":"https://x","sign":"93230c3bde425a9d7984a594ac55ea1e")"), true, errc{}, "");
  expect_rule(push_with(R"("url":"https://x","sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5")"),
              true, errc{}, "");
}

TEST(AlibabaFieldRules, Url) {
  for (const auto& c : tf::url_cases) {
    expect_rule(push_with(R"("url":")" + std::string(c.value) + "\""), c.accepted, errc::invalid_value, "data.url");
    expect_rule(push_with(R"("files":[{"fileUrl":")" + std::string(c.value) + R"("}])"), c.accepted, errc::invalid_value,
                "data.files[].fileUrl");
  }
}

// `check`, the encoder's check (encode itself returns a plain string), refuses each refused value
// with the decoder's errc and path, and what it accepts encodes to a push that decodes.
otawire::result<void> decode_verdict(const std::string& text) {
  otawire::json::parser p;
  if (auto m = ab::decode_payload(p, push_topic, text); !m) return m.error();
  return otawire::ok();
}

// A valid push with one package field replaced by `edit`, checked then encoded.
template <class Edit>
otawire::result<std::string> check_and_encode(Edit edit) {
  otawire::json::parser p;
  auto m = ab::decode_payload(p, push_topic, push_with(R"("url":"https://x","md5":"93230c3bde425a9d7984a594ac55ea1e","files":[{"fileUrl":"https://y"}])"))
               .value();
  auto& data = std::get<ab::upgrade>(m).data;
  edit(data);
  return ab::encode(m);  // checks first
}

TEST(AlibabaEncoderRules, Md5) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::md5_cases,
                [](std::string_view v) { return push_with(R"("url":"https://x","md5":")" + std::string(v) + "\""); },
                [](std::string_view v) { return check_and_encode([&](ab::package& d) { d.md5 = v; }); }, decode_verdict),
            "");
}

TEST(AlibabaEncoderRules, Url) {
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases, [](std::string_view v) { return push_with(R"("url":")" + std::string(v) + "\""); },
                [](std::string_view v) { return check_and_encode([&](ab::package& d) { d.url = v; }); }, decode_verdict),
            "");
  EXPECT_EQ(tf::encoder_follows_decoder(
                tf::url_cases,
                [](std::string_view v) { return push_with(R"("files":[{"fileUrl":")" + std::string(v) + "\"}]"); },
                [](std::string_view v) {
                  return check_and_encode([&](ab::package& d) {
                    d.url.reset();
                    auto f = d.files()[0];
                    f.url = v;
                    d.file_storage.set(0, f);
                  });
                },
                decode_verdict),
            "");
}

TEST(AlibabaEncoderRules, SignByItsMethod) {
  for (const auto method : {ab::digest_algorithm::md5, ab::digest_algorithm::sha256}) {
    const auto& cases = method == ab::digest_algorithm::md5 ? tf::md5_cases : tf::sha256_cases;
    const std::string method_text(ab::to_sign_method(method));
    EXPECT_EQ(tf::encoder_follows_decoder(
                  cases,
                  [&](std::string_view v) {
                    return push_with(R"("url":"https://x","signMethod":")" + method_text + R"(","sign":")" + std::string(v) + "\"");
                  },
                  [&](std::string_view v) {
                    return check_and_encode([&](ab::package& d) {
                      d.sign = v;
                      d.sign_method = method;
                    });
                  },
                  decode_verdict),
              "")
        << method_text;
  }
}

TEST(AlibabaFieldRules, TopicLevels) {
  for (const auto& c : tf::topic_level_cases) {
    const std::string level(c.value);
    const auto as_product = ab::parse_topic("/ota/device/inform/" + level + "/dev");
    const auto as_device = ab::parse_topic("/sys/a1pk/" + level + "/thing/ota/firmware/get");
    EXPECT_EQ(as_product.has_value(), c.accepted) << level;
    EXPECT_EQ(as_device.has_value(), c.accepted) << level;
    if (!c.accepted && !as_product) {
      EXPECT_EQ(as_product.error().code(), errc::bad_string) << level;
      EXPECT_EQ(as_product.error().where(), "topic.product_key");
    }
  }
}

}  // namespace

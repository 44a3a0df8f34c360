// Issue 12 item 13: a raw JSON value is read back with the layer's one depth limit (64, not
// Boost.JSON's default 32), and text that is not JSON never silently becomes `null`.
#include <otawire/alibaba/codec.hpp>
#include <otawire/jetlinks/codec.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>

namespace {
namespace ab = otawire::alibaba;
namespace jl = otawire::jetlinks;

/// `{"k":{"k":…1…}}` with `levels` objects.
std::string nested_objects(std::size_t levels) {
  std::string s;
  for (std::size_t i = 0; i < levels; ++i) s += R"({"k":)";
  s += "1";
  s.append(levels, '}');
  return s;
}

TEST(RawJsonDepth, AlibabaExtDataNestedBeyond32LevelsIsEncodedAsSent) {
  const std::string ext = nested_objects(33);
  const std::string text = R"({"code":"1000","data":{"size":10,"version":"2.0.0","url":"https://x/f.bin","md5":"93230c3bde425a9d7984a594ac55ea1e","sign":"93230c3bde425a9d7984a594ac55ea1e","signMethod":"Md5","extData":)" +
                           ext + R"(},"id":1,"message":"success"})";
  auto t = ab::parse_topic("/ota/device/upgrade/pk/dn");
  ASSERT_TRUE(t);
  otawire::json::parser p;
  auto fast = ab::decode_payload(p, *t, text);
  ASSERT_TRUE(fast) << otawire::name(fast.error().code()) << " " << fast.error().where();
  const auto encoded = ab::encode(*fast).value();
  EXPECT_NE(encoded.find(R"("extData":)" + ext), std::string::npos) << encoded;
  EXPECT_EQ(encoded.find("null"), std::string::npos) << encoded;

  auto v = otawire::json::parse_dom(text);
  ASSERT_TRUE(v);
  auto slow = ab::decode_payload_dom(*t, *v);
  ASSERT_TRUE(slow);
  EXPECT_EQ(ab::encode(*slow).value(), encoded);
  const auto& ext_fast = std::get<ab::upgrade>(*fast).data.ext_data;
  boost::json::parse_options deep;
  deep.max_depth = otawire::json::max_depth;
  EXPECT_EQ(otawire::json::to_value(ext_fast), boost::json::parse(ext, {}, deep));
}

TEST(RawJsonDepth, JetlinksHeadersNestedBeyond32LevelsAreEncodedAsSent) {
  const std::string headers = nested_objects(40);
  const std::string text = R"({"headers":)" + headers + R"(,"deviceId":"d","messageId":"m","timestamp":1,"version":"2.0"})";
  otawire::json::parser p;
  auto m = jl::decode_payload(p, jl::message_type::report_firmware, text);
  ASSERT_TRUE(m) << otawire::name(m.error().code()) << " " << m.error().where();
  const std::string encoded = jl::encode(*m).value();
  EXPECT_NE(encoded.find(R"("headers":)" + headers), std::string::npos) << encoded;
}

TEST(RawJsonDepth, TheDeepestRawValueAcceptedInADocumentReadsBack) {
  // The root object is one level: 63 more are the most a raw value can have.
  const std::string inner = std::string(63, '[') + std::string(63, ']');
  const std::string text = R"({"type":"x","extra":)" + inner + "}";
  ASSERT_TRUE(otawire::json::parse_dom(text));
  const otawire::json::raw_json raw{inner, nullptr};
  boost::json::parse_options deep;
  deep.max_depth = otawire::json::max_depth;
  EXPECT_EQ(otawire::json::to_value(raw), boost::json::parse(inner, {}, deep));  // not null
  EXPECT_TRUE(otawire::json::equivalent(raw, otawire::json::raw_json{inner + " ", nullptr}));
  EXPECT_FALSE(otawire::json::equivalent(raw, otawire::json::raw_json{"null", nullptr}));
}

TEST(RawJsonDepth, TextThatIsNotJsonIsAnErrorNotNull) {
  const otawire::json::raw_json broken{R"({"a":)", nullptr};
  EXPECT_THROW((void)otawire::json::to_value(broken), boost::system::system_error);
  const otawire::json::raw_json null_text{"null", nullptr};
  EXPECT_FALSE(otawire::json::equivalent(broken, null_text));
  EXPECT_FALSE(otawire::json::equivalent(broken, broken));
  // A raw value nothing was captured into is null, as before.
  EXPECT_TRUE(otawire::json::equivalent(otawire::json::raw_json{}, null_text));
}

}  // namespace

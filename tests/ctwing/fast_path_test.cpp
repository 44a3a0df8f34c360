// The simdjson decoder's fast path (json/declare.hpp over ctwing/detail/decode.hpp): it takes the usual messages itself
// (a fast path that always declined would pass every other test and gain nothing), decodes them
// as the generic walk does, and declines whatever the generic walk must decide.
#include <otawire/ctwing/codec.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace cw = otawire::ctwing;

// Whether the fast path alone accepts `text` for topic `t`, and the message it gives.
struct fast_outcome {
  bool taken = false;
  cw::message message;
};
fast_outcome run_fast(otawire::json::parser& p, cw::topic t, std::string_view text) {
  fast_outcome out;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) -> otawire::result<bool> {
    return cw::detail::fast_message(d, t, out.message);
  });
  out.taken = r && *r;
  return out;
}

TEST(CtwingFastPath, TakesTheSdkMessagesAndDecodesThemAsTheGenericWalk) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  const struct {
    cw::topic topic;
    std::string_view text;
  } usual[] = {
      {cw::topic::inform, R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})"},
      {cw::topic::progress, R"({"taskId":147589,"params":{"step":50,"module":"MCU","desc":"downloading"}})"},
      {cw::topic::progress, R"({"taskId":7,"params":{"step":"-1","desc":"x"}})"},  // a numeric string step
      {cw::topic::upgrade,
       R"({"taskId":1,"payload":{"size":432945,"version":"2.0.0","url":"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"token","module":"MCU"}})"},
      {cw::topic::inform, R"({"taskId":3,"extra":[1,{"a":null}],"params":{"version":"9","vendor":"x"}})"},  // unknown keys
  };
  for (const auto& m : usual) {
    SCOPED_TRACE(std::string(m.text));
    const auto f = run_fast(fast, m.topic, m.text);
    ASSERT_TRUE(f.taken);
    const auto g = generic.parse(m.text, [&](otawire::json::simd_document& d) {
      return cw::detail::decode_message(d, m.topic);
    });
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(f.message, *g);
  }
}

TEST(CtwingFastPath, DeclinesWhatTheGenericWalkMustDecide) {
  otawire::json::parser fast;
  const struct {
    cw::topic topic;
    std::string_view text;
  } unusual[] = {
      {cw::topic::inform, R"({"taskId":-1,"params":{"ver\u0073ion":"1.0"}})"},          // an escaped key
      {cw::topic::inform, R"({"taskId":-1,"params":{"version":"1.0","modul\u0065":"M"}})"},  // may spell a known one
      {cw::topic::inform, R"({"taskId":-1,"params":{"version":""}})"},                    // empty version
      {cw::topic::inform, R"({"taskId":-2,"params":{"version":"1"}})"},                   // out of range
      {cw::topic::progress, R"({"taskId":-1,"params":{"step":50}})"},                     // -1 outside inform
      {cw::topic::progress, R"({"taskId":1,"params":{"step":101}})"},                     // step out of range
      {cw::topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"ftp://x/y","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})"},
      {cw::topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://x/y","token":"t"}})"},  // no md5
      {cw::topic::inform, R"({"taskId":1,"params":{"version":"1"}} x)"},                  // trailing text
      {cw::topic::inform, R"([1,2])"},
  };
  for (const auto& m : unusual) {
    SCOPED_TRACE(std::string(m.text));
    EXPECT_FALSE(run_fast(fast, m.topic, m.text).taken);
  }
  // Through the decoder, the generic walk then reports: an escaped known key is that key.
  otawire::json::parser d;
  const auto escaped = cw::decode_payload(d, cw::topic::inform, std::string_view(R"({"taskId":-1,"params":{"version":"1.0","modul\u0065":"M"}})"));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(std::get<cw::inform>(*escaped).module, std::optional<std::string_view>("M"));
}

}  // namespace

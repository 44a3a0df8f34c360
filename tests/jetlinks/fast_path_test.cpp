// The simdjson decoder's fast path (json/declare.hpp over jetlinks/detail/decode.hpp): it takes the usual messages itself
// (a fast path that always declined would pass every other test and gain nothing), decodes them
// as the generic walk does, and declines whatever the generic walk must decide — after which the
// decoder's result is the generic walk's, error included.
#include "jetlinks/doc_examples.hpp"

#include <otawire/jetlinks/codec.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {
namespace jl = otawire::jetlinks;
using namespace otawire::test::jetlinks;
using jl::message_type;

// Whether the fast path alone accepts `text` as a `type`, and the message it gives.
struct fast_outcome {
  bool taken = false;
  jl::message message;
};
fast_outcome run_fast(otawire::json::parser& p, message_type type, std::string_view text) {
  fast_outcome out;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) -> otawire::result<bool> {
    return jl::detail::fast_message(d, type, out.message);
  });
  out.taken = r && *r;
  return out;
}

otawire::result<jl::message> run_generic(otawire::json::parser& p, message_type type, std::string_view text) {
  return p.parse(text, [&](otawire::json::simd_document& d) { return jl::detail::decode_message(d, type); });
}

bool same(const otawire::result<jl::message>& a, const otawire::result<jl::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

struct sample {
  message_type type;
  std::string text;
};

// The doc's `url` placeholder fails the download-URL rule; the protocol test's URL [J2] stands in
// (as in examples_test.cpp).
std::string with_test_url(std::string_view doc) {
  constexpr std::string_view placeholder = "固件文件下载地址";
  std::string text = strip_doc_comments(doc);
  text.replace(text.find(placeholder), placeholder.size(), "http://baidu.com/1.mp3");
  return text;
}

TEST(JetlinksFastPath, TakesTheSpecMessagesAndDecodesThemAsTheGenericWalk) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  const sample usual[] = {
      // §C.4 [J3] examples, comments stripped
      {message_type::upgrade_firmware, with_test_url(doc_upgrade)},
      {message_type::upgrade_firmware_progress, strip_doc_comments(doc_progress)},
      {message_type::request_firmware, strip_doc_comments(doc_pull)},
      {message_type::request_firmware_reply, with_test_url(doc_pull_reply)},
      {message_type::report_firmware, strip_doc_comments(doc_report)},
      {message_type::read_firmware, strip_doc_comments(doc_read)},
      {message_type::read_firmware_reply, strip_doc_comments(doc_read_reply)},
      // [J6]: the unknown `timestampe` (a string) skipped; `message` on a progress
      {message_type::request_firmware, strip_doc_comments(doc_platform_pull)},
      {message_type::upgrade_firmware_progress, strip_doc_comments(doc_platform_progress)},
      // [J2] the protocol test's push, as encoded; §C.5 the not-found pull reply
      {message_type::upgrade_firmware,
       R"({"messageId":"test","deviceId":"device1","url":"http://baidu.com/1.mp3","version":"1.0","size":0})"},
      {message_type::request_firmware_reply,
       R"({"messageId":"m1","success":false,"code":"not_found","message":"无固件更新"})"},
      {message_type::upgrade_firmware_reply, R"({"messageId":"1790000000000000001","success":true,"timestamp":1601196762500})"},
      // digests named by signMethod (any case), numeric strings, nulls, an escaped value, unknown keys
      {message_type::request_firmware_reply,
       R"({"messageId":"p","url":"https://x/1.bin","version":"1.1","sign":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","signMethod":"SHA256","size":"262144"})"},
      {message_type::upgrade_firmware,
       R"({"url":"http://x/a\u002fb.bin","version":"2","sign":"9e107d9d372bb6826bd81d3542a419d6","signMethod":"md5","parameters":null,"headers":{"async":true},"thingType":"device"})"},
      {message_type::upgrade_firmware_progress,
       R"({"timestamp":"1601196763000","progress":"10","complete":null,"version":"2.0","success":null,"errorReason":null,"firmwareId":"fw"})"},
      {message_type::read_firmware_reply,
       R"({"messageId":"r","success":true,"version":null,"properties":{"a":[1,{"b":null}]},"messageType":"READ_FIRMWARE_REPLY"})"},
      {message_type::read_firmware, R"({"messageId":"m","timestamp":null,"code":null,"deviceId":"d","x":[]})"},
  };
  for (const auto& m : usual) {
    SCOPED_TRACE(m.text);
    const auto f = run_fast(fast, m.type, m.text);
    ASSERT_TRUE(f.taken);
    const auto g = run_generic(generic, m.type, m.text);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(f.message, *g);
  }
}

TEST(JetlinksFastPath, DeclinesWhatTheGenericWalkMustDecide) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  jl::envelope reused;  // the publish entry point, reused across messages as a receive loop does
  const sample unusual[] = {
      {message_type::report_firmware, R"({"ver\u0073ion":"1.0"})"},                       // an escaped known key
      {message_type::report_firmware, R"({"version":"1.0","x\u0041":1})"},                // an escaped unknown key
      {message_type::read_firmware, R"({"messageId":5,"messageId":"m"})"},                // fails, then the last wins
      {message_type::upgrade_firmware, strip_doc_comments(doc_upgrade)},                  // the placeholder url
      {message_type::upgrade_firmware, R"({"version":"2"})"},                             // no url
      {message_type::upgrade_firmware, R"({"url":"http://x/y","version":"2","sign":"00","signMethod":"md5"})"},
      {message_type::upgrade_firmware_progress, R"({"progress":10})"},                    // no version
      {message_type::upgrade_firmware_progress, R"({"progress":2147483648,"version":"1"})"},  // beyond a Java int
      {message_type::upgrade_firmware_reply, R"({"success":true})"},                      // no messageId
      {message_type::read_firmware, R"({"timestamp":1.5})"},                              // a fraction
      {message_type::read_firmware, R"({"timestamp":"12x"})"},                            // not a numeric string
      {message_type::read_firmware_reply, R"({"messageId":"m","success":"true"})"},       // wrong type
      {message_type::read_firmware, R"({"headers":[1]})"},                                // a Map that is no object
      {message_type::report_firmware, R"({"version":5})"},
      {message_type::read_firmware, R"({"messageId":"m"} x)"},                            // trailing text
      {message_type::read_firmware, R"({"messageId":"m","x":[1,}})"},                     // malformed unknown value
      {message_type::read_firmware, R"([1,2])"},
  };
  for (const auto& m : unusual) {
    SCOPED_TRACE(m.text);
    EXPECT_FALSE(run_fast(fast, m.type, m.text).taken);
    // Through every entry point, the generic walk then decides and reports.
    const auto g = run_generic(generic, m.type, m.text);
    EXPECT_TRUE(same(jl::decode_payload(fast, m.type, m.text), g));
    const simdjson::padded_string padded(m.text);
    EXPECT_TRUE(same(jl::decode_payload(fast, m.type, simdjson::padded_string_view(padded)), g));
    const std::string topic = "/p/d" + std::string(jl::topic_suffix(m.type));
    const auto r = jl::decode_into(fast, otawire::mqtt_publish{topic, m.text}, reused);
    ASSERT_EQ(r.has_value(), g.has_value());
    if (!r) {
      EXPECT_EQ(r.error(), g.error());
    }
  }
  // An escaped known key is that key; a failed key followed by a good one is the good one.
  const auto escaped = jl::decode_payload(fast, message_type::report_firmware, std::string_view(R"({"ver\u0073ion":"1.0"})"));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(std::get<jl::report_firmware>(*escaped).version, "1.0");
  const auto last = jl::decode_payload(fast, message_type::read_firmware, std::string_view(R"({"messageId":5,"messageId":"m"})"));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(std::get<jl::read_firmware>(*last).message_id, "m");
}

}  // namespace

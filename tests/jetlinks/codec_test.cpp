// Decoding and encoding: acceptance rules, errors (kind, JSON path, offset) in both decoders,
// round trips and decoder agreement as properties, no allocation in steady state.
#define OTAWIRE_TESTS_WITH_RAPIDCHECK
#include "support/alloc_counter.hpp"
#include "support/jetlinks_arbitrary.hpp"
#include "support/reference_documents.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace jl = otawire::jetlinks;
using namespace otawire::test::jetlinks;
using otawire::errc;
using jl::message_type;

template <class T>
T decode_ok(otawire::json::parser& p, std::string_view text) {
  auto fast = jl::decode_payload(p, T::type, text);
  EXPECT_TRUE(fast) << text << ": " << (fast ? "" : otawire::name(fast.error().code())) << " at "
                    << (fast ? "" : fast.error().where());
  EXPECT_EQ(backends_disagree(p, T::type, text), "") << text;
  // backends_disagree reused the parser: decode again for views that live until the next call.
  auto again = jl::decode_payload(p, T::type, text);
  return again ? std::get<T>(*again) : T{};
}

TEST(JetlinksCodec, NumbersMayBeStringsAsJacksonCoercesThem) {
  otawire::json::parser p;
  auto m = decode_ok<jl::upgrade_firmware_progress>(
      p, R"({"progress":"42","timestamp":"1601196762389","version":"1","success":true})");
  EXPECT_EQ(m.progress, 42);
  EXPECT_EQ(m.timestamp, 1601196762389);
  auto u = decode_ok<jl::upgrade_firmware>(p, R"({"url":"https://u","version":"v","size":"2048"})");
  EXPECT_EQ(u.size, 2048);
}

TEST(JetlinksCodec, NullIsAbsentForStringsAndMapsAndTheJavaDefaultForPrimitives) {
  otawire::json::parser p;
  auto m = decode_ok<jl::request_firmware_reply>(
      p, R"({"messageId":"m","url":null,"parameters":null,"size":null,"success":null,"headers":null})");
  EXPECT_FALSE(m.url);
  EXPECT_TRUE(m.parameters.empty());
  EXPECT_TRUE(m.headers.empty());
  EXPECT_EQ(m.size, 0);
  EXPECT_FALSE(m.success);  // Jackson: null for a primitive boolean is false
  auto pull = decode_ok<jl::request_firmware>(p, R"({"currentVersion":null,"timestamp":null})");
  EXPECT_FALSE(pull.current_version);
  EXPECT_EQ(pull.timestamp, 0);
}

TEST(JetlinksCodec, PrimitiveDefaultsWhenAbsent) {
  otawire::json::parser p;
  auto progress = decode_ok<jl::upgrade_firmware_progress>(p, R"({"version":"1"})");
  EXPECT_EQ(progress.progress, 0);
  EXPECT_FALSE(progress.complete);
  EXPECT_FALSE(progress.success);  // a progress bean's `success` has no initialiser
  EXPECT_FALSE(progress.timestamp);
  auto reply = decode_ok<jl::upgrade_firmware_reply>(p, R"({"messageId":"m"})");
  EXPECT_TRUE(reply.success);  // CommonDeviceMessageReply: success = true
}

TEST(JetlinksCodec, ArbitraryJsonInMapsIsKeptAsSent) {
  otawire::json::parser p;
  const std::string text =
      R"({"version":"2.0","properties":{"chip":"esp32","slots":[1,2.5e3,{"a":null}],"ok":true} ,"headers":{"async":true}})";
  auto m = decode_ok<jl::report_firmware>(p, text);
  EXPECT_EQ(m.properties.text, R"({"chip":"esp32","slots":[1,2.5e3,{"a":null}],"ok":true})");
  EXPECT_EQ(m.headers.text, R"({"async":true})");
  EXPECT_EQ(m.properties.dom, nullptr);  // a view into the parser's copy of the input, no DOM
}

TEST(JetlinksCodec, ZeroCopyFromPaddedInputPointsIntoIt) {
  otawire::json::parser p;
  const simdjson::padded_string input(std::string(R"({"version":"3.1","properties":{"k":1}})"));
  auto m = jl::decode_payload(p, message_type::report_firmware, simdjson::padded_string_view(input));
  ASSERT_TRUE(m);
  const auto& r = std::get<jl::report_firmware>(*m);
  EXPECT_EQ(r.properties.text.data(), input.data() + std::string_view(input).find("{\"k\""));
}

TEST(JetlinksCodec, PublishDecodesInPlaceFromPaddedOrCopiedInputAlike) {
  otawire::json::parser p;
  const std::string topic = "/prod/gw/child/c-1/firmware/upgrade";
  const std::string text =
      R"({"messageId":"7","url":"http://x/fw.bin","version":"2.0","parameters":{"a":[1,2]},"size":1024,"timestamp":1601196762389})";
  const simdjson::padded_string padded(text);
  jl::envelope in_place;  // reused for both: the second decode replaces the first
  ASSERT_TRUE(jl::decode_into(p, otawire::json::padded_publish{topic, simdjson::padded_string_view(padded)}, in_place));
  const auto& push = std::get<jl::upgrade_firmware>(in_place.message);
  EXPECT_EQ(push.url->data(), padded.data() + text.find("http"));  // a view into the input
  EXPECT_EQ(push.parameters.text, R"({"a":[1,2]})");
  EXPECT_EQ(push.device_id, "c-1");
  EXPECT_EQ(in_place.identity(), (otawire::device_identity{"prod", "gw", "c-1"}));  // the gateway's child
  EXPECT_EQ(push.timestamp, 1601196762389);
  const auto zero_copy = jl::decode(p, otawire::json::padded_publish{topic, simdjson::padded_string_view(padded)});
  ASSERT_TRUE(zero_copy);
  const auto copied = jl::decode(p, otawire::mqtt_publish{topic, std::string_view(text)});
  ASSERT_TRUE(copied);
  EXPECT_EQ(zero_copy->topic, copied->topic);
  EXPECT_EQ(zero_copy->message, copied->message);
  ASSERT_TRUE(jl::decode_into(p, otawire::mqtt_publish{"/prod/d/firmware/report", R"({"version":"1"})"}, in_place));
  EXPECT_EQ(std::get<jl::report_firmware>(in_place.message).version, "1");
  EXPECT_EQ(in_place.topic.form, jl::child_form::none);
  // An error says so and names where, whichever entry point.
  const simdjson::padded_string broken(std::string(R"({"url":"https://u","version":2})"));
  const auto bad = jl::decode_into(p, otawire::json::padded_publish{"/prod/d/firmware/upgrade", simdjson::padded_string_view(broken)}, in_place);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), errc::wrong_type);
  EXPECT_EQ(bad.error().where(), "version");
}

TEST(JetlinksCodec, UnknownKeysIncludingMessageTypeAreIgnored) {
  otawire::json::parser p;
  // Jackson's output may carry getter-only properties; the topic decides the type.
  auto m = decode_ok<jl::upgrade_firmware>(
      p, R"({"messageType":"READ_FIRMWARE","replyType":"UPGRADE_FIRMWARE_REPLY","thingType":"device","url":"https://u","version":"v","extra":[{"x":[]}]})");
  EXPECT_EQ(m.url, "https://u");
}

TEST(JetlinksCodec, TaggedDecodingAcceptsBothJetlinksSpellings) {
  otawire::json::parser p;
  for (const char* text : {R"({"messageType":"UPGRADE_FIRMWARE_PROGRESS","version":"1","progress":3})",
                           R"({"version":"1","progress":3,"messageType":"upgrade_firmware_progress"})"}) {
    auto m = jl::decode_tagged(p, text);
    ASSERT_TRUE(m) << text;
    EXPECT_EQ(jl::type_of(*m), message_type::upgrade_firmware_progress);
    auto v = otawire::json::parse_dom(text);
    auto d = jl::decode_tagged_dom(*v);
    ASSERT_TRUE(d);
    EXPECT_EQ(*m, *d);
  }
  auto mixed = jl::decode_tagged(p, R"({"messageType":"Upgrade_Firmware_Progress","version":"1"})");
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code(), errc::unknown_message);
  EXPECT_EQ(mixed.error().where(), "messageType");
  auto missing = jl::decode_tagged(p, R"({"version":"1"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), errc::missing_field);
}

TEST(JetlinksCodec, TaggedEncodingRoundTrips) {
  jl::read_firmware_reply r;
  r.message_id = "42";
  r.version = "1.2";
  const auto text = jl::encode_tagged(r).value();
  EXPECT_EQ(text, R"({"messageType":"READ_FIRMWARE_REPLY","success":true,"messageId":"42","version":"1.2"})");
  otawire::json::parser p;
  auto back = jl::decode_tagged(p, text);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, jl::message(r));
}

TEST(JetlinksCodec, EncodingFollowsJacksonFieldOrder) {
  jl::upgrade_firmware_progress m;
  m.timestamp = 1;
  m.device_id = "d";
  m.progress = 100;
  m.complete = true;
  m.success = true;
  m.version = "2";
  m.firmware_id = "f";
  EXPECT_EQ(jl::encode(m).value(),
            R"({"deviceId":"d","timestamp":1,"progress":100,"complete":true,"version":"2","success":true,"firmwareId":"f"})");
  jl::request_firmware_reply r;
  r.success = false;
  r.code = "not_found";
  r.message = "无固件更新";
  r.message_id = "m";
  EXPECT_EQ(jl::encode(r).value(), R"({"success":false,"code":"not_found","message":"无固件更新","messageId":"m","size":0})");
}

TEST(JetlinksCodec, BoostJsonConversions) {
  jl::upgrade_firmware m;
  m.url = "http://x/fw.bin";
  m.version = "9";
  m.sign = "900150983cd24fb0d6963f7d28e17f72";
  m.sign_method = "md5";
  m.size = 7;
  const boost::json::value v = boost::json::value_from(m);
  auto back = boost::json::try_value_to<jl::upgrade_firmware>(v);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, m);
  EXPECT_EQ(boost::json::value_to<jl::upgrade_firmware>(v), m);
  auto bad = boost::json::try_value_to<jl::upgrade_firmware>(boost::json::value{{"version", "9"}});
  ASSERT_TRUE(bad.has_error());
  EXPECT_EQ(bad.error(), boost::system::error_code(otawire::make_error_code(errc::missing_field)));
}

struct bad_case {
  message_type type;
  const char* text;
  errc code;
  std::string_view where;
  std::string_view at;  // the text the fast path's offset points at ("" = no offset)
};

TEST(JetlinksCodec, ErrorsNameThePathAndKindInBothDecoders) {
  const bad_case cases[] = {
      {message_type::upgrade_firmware, R"({"version":"1"})", errc::missing_field, "url", ""},
      {message_type::upgrade_firmware, R"({"url":"https://u"})", errc::missing_field, "version", ""},
      {message_type::upgrade_firmware_progress, R"({"progress":5})", errc::missing_field, "version", ""},
      {message_type::read_firmware_reply, R"({"version":"1"})", errc::missing_field, "messageId", ""},
      {message_type::upgrade_firmware_reply, R"({"success":true})", errc::missing_field, "messageId", ""},
      {message_type::request_firmware_reply, R"({"url":"https://u"})", errc::missing_field, "messageId", ""},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":1.0})", errc::wrong_type, "version", "1.0"},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":"v","size":1.5})", errc::wrong_type, "size", "1.5"},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":"v","size":"12k"})", errc::invalid_value, "size", "\"12k\""},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":"v","size":99999999999999999999})", errc::out_of_range, "size", "999"},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":"v","parameters":[1]})", errc::wrong_type, "parameters", "[1]"},
      {message_type::upgrade_firmware, R"({"url":"https://u","version":"v","parameters":"{}"})", errc::wrong_type, "parameters", "\"{}\""},
      {message_type::upgrade_firmware_progress, R"({"version":"1","progress":2147483648})", errc::out_of_range, "progress", "2147483648"},
      {message_type::upgrade_firmware_progress, R"({"version":"1","progress":50.5})", errc::wrong_type, "progress", "50.5"},
      {message_type::upgrade_firmware_progress, R"({"version":"1","complete":"true"})", errc::wrong_type, "complete", "\"true\""},
      {message_type::upgrade_firmware_progress, R"({"version":"1","success":1})", errc::wrong_type, "success", "1}"},
      {message_type::upgrade_firmware_progress, R"({"version":"1","errorReason":{}})", errc::wrong_type, "errorReason", "{}"},
      {message_type::report_firmware, R"({"headers":true})", errc::wrong_type, "headers", "true"},
      {message_type::report_firmware, R"({"timestamp":"now"})", errc::invalid_value, "timestamp", "\"now\""},
      {message_type::report_firmware, R"({"deviceId":7})", errc::wrong_type, "deviceId", "7"},
      {message_type::request_firmware, R"({"messageId":["m"]})", errc::wrong_type, "messageId", "[\"m\"]"},
      {message_type::read_firmware, R"([])", errc::wrong_type, "", ""},
      {message_type::read_firmware, R"("x")", errc::wrong_type, "", ""},
  };
  otawire::json::parser p;
  for (const auto& c : cases) {
    auto fast = jl::decode_payload(p, c.type, c.text);
    ASSERT_FALSE(fast) << c.text;
    EXPECT_EQ(fast.error().code(), c.code) << c.text << " got " << otawire::name(fast.error().code());
    EXPECT_EQ(fast.error().where(), c.where) << c.text;
    if (!c.at.empty()) {
      EXPECT_EQ(fast.error().offset(), std::string_view(c.text).find(c.at)) << c.text;
    }
    auto dom = decode_dom_payload(c.type, c.text);
    ASSERT_FALSE(dom.msg) << c.text;
    EXPECT_EQ(dom.msg.error().code(), c.code) << c.text;
    EXPECT_EQ(dom.msg.error().where(), c.where) << c.text;
  }
}

TEST(JetlinksCodec, MalformedJsonAnywhereIsMalformedForBoth) {
  const char* cases[] = {
      R"({"version":"1","properties":{"a":[1,tru]}})",
      R"({"version":"1","unknown":01})",
      R"({"version":"1"} x)",
      R"({"version":"1",})",
      R"({"version":"1" "a":1})",
      "{\"version\":\"\xC3\"}",
      "",
      R"({"version":"1","headers":{"a":"\q"}})",
  };
  otawire::json::parser p;
  for (const char* c : cases) {
    auto fast = jl::decode_payload(p, message_type::report_firmware, c);
    ASSERT_FALSE(fast) << c;
    EXPECT_EQ(fast.error().code(), errc::malformed_json) << c << " got " << otawire::name(fast.error().code());
    auto dom = decode_dom_payload(message_type::report_firmware, c);
    ASSERT_FALSE(dom.msg) << c;
    EXPECT_EQ(dom.msg.error().code(), errc::malformed_json) << c;
  }
}

TEST(JetlinksCodec, DuplicateKeysLastOneWinsInBoth) {
  otawire::json::parser p;
  auto m = decode_ok<jl::upgrade_firmware>(p, R"({"url":"http://a","version":7,"url":"http://b","version":"v","size":1,"size":null})");
  EXPECT_EQ(m.url, "http://b");
  EXPECT_EQ(m.version, "v");
  EXPECT_EQ(m.size, 0);
  const char* bad = R"({"url":"http://a","version":"v","version":7})";
  EXPECT_FALSE(jl::decode_payload(p, message_type::upgrade_firmware, bad));
  EXPECT_EQ(backends_disagree(p, message_type::upgrade_firmware, bad), "");
}

TEST(JetlinksCodec, TopicErrorsComeBeforeThePayload) {
  otawire::json::parser p;
  auto r = jl::decode(p, otawire::mqtt_publish{"/p/d/firmware/push", "not json"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::unknown_message);
  EXPECT_EQ(r.error().where(), "topic");
}

TEST(JetlinksCodec, ChildTopicGivesTheChildDeviceId) {
  otawire::json::parser p;
  auto r = jl::decode(p, otawire::mqtt_publish{"/prod/gw/child/c-1/firmware/report", R"({"deviceId":"gw","version":"1"})"});
  ASSERT_TRUE(r);
  EXPECT_EQ(jl::device_id_of(r->message), "c-1");
  EXPECT_EQ(r->topic.gateway_id(), "gw");
}

TEST(JetlinksCodec, SteadyStateDecodeAllocatesNothing) {
  const std::pair<const char*, const char*> stream[] = {
      {"/p/d/firmware/upgrade", R"({"messageId":"1","url":"http://x/fw.bin","version":"2.0","parameters":{"a":[1,2]},"sign":"900150983cd24fb0d6963f7d28e17f72","signMethod":"md5","firmwareId":"f","size":1024,"headers":{"async":true}})"},
      {"/p/d/firmware/upgrade/progress", R"({"progress":50,"complete":false,"version":"2.0","success":true,"firmwareId":"f","timestamp":1601196762389})"},
      {"/p/g/child/c/firmware/pull", R"({"messageId":"m","currentVersion":"1.0","requestVersion":"","headers":{"force":false}})"},
      {"/p/d/firmware/report", R"({"version":"2.0","properties":{"chip":"esp32"}})"},
  };
  otawire::json::parser p;
  for (const auto& [topic, payload] : stream) ASSERT_TRUE(jl::decode(p, otawire::mqtt_publish{topic, payload}));  // warm-up
  otawire::test::allocation_scope scope;
  for (int i = 0; i < 100; ++i) {
    for (const auto& [topic, payload] : stream) {
      auto r = jl::decode(p, otawire::mqtt_publish{topic, payload});
      ASSERT_TRUE(r);
    }
  }
  EXPECT_EQ(scope.count(), 0u);
}

// --- properties ----------------------------------------------------------------------------------

RC_GTEST_PROP(JetlinksCodec, RoundTripForEveryType, (const owned_message& m)) {
  otawire::json::parser p;
  const auto why = round_trip_fails(p, m.msg);
  RC_ASSERT(why.empty());
}

// The hand-written encoder writes the bytes of the value built key by key (the platform's Jackson
// order, tests/support/reference_documents.hpp), in all three forms, with raw fields from either backend; and the `toJson()`
// form is the same fields after "messageType".
RC_GTEST_PROP(JetlinksCodec, HandWriterWritesWhatValueFromWrites, (const owned_message& m)) {
  const std::string expected = otawire::json::to_string(otawire_test::reference::value_of(m.msg));
  const auto text = jl::encode(m.msg);
  RC_ASSERT(text.has_value() == jl::check(m.msg).has_value());
  if (!text) return;
  RC_ASSERT(*text == expected);
  RC_ASSERT(jl::encoded_size(m.msg).value() == expected.size());
  std::vector<char> buffer(expected.size());
  RC_ASSERT(jl::encode(m.msg, buffer).value() == expected.size());
  RC_ASSERT(std::string_view(buffer.data(), buffer.size()) == expected);
  buffer.pop_back();
  const auto refused = jl::encode(m.msg, buffer);
  RC_ASSERT(!refused.has_value());
  RC_ASSERT(refused.error().code() == errc::buffer_too_small);
  RC_ASSERT(refused.error().offset() == expected.size());
  // Raw fields that point into a Boost.JSON value are written from it.
  const boost::json::value v = boost::json::parse(*text);
  const auto from_dom = jl::decode_payload_dom(jl::type_of(m.msg), v);
  RC_ASSERT(from_dom.has_value());
  RC_ASSERT(jl::encode(*from_dom).value() == expected);
  const std::string tag = R"({"messageType":")" + std::string(jl::name(jl::type_of(m.msg))) + "\"";
  RC_ASSERT(jl::encode_tagged(m.msg).value() == tag + (expected == "{}" ? "}" : "," + expected.substr(1)));
}

TEST(JetlinksCodec, RawTextThatIsNotJsonIsRefusedByEveryForm) {
  jl::report_firmware m;
  m.version = "1.0";
  m.properties = otawire::json::raw_json{R"({"chip":)", nullptr};  // cut: not JSON
  for (const auto& r : {jl::encode(m).error(), jl::encoded_size(m).error(), jl::encode_tagged(m).error()}) {
    EXPECT_EQ(r.code(), errc::malformed_json);
    EXPECT_EQ(r.where(), "raw_json");
  }
  std::array<char, 64> out{};
  EXPECT_EQ(jl::encode(m, out).error().code(), errc::malformed_json);
}

// Explicitly per type, so that each of the eight gets its share of cases.
class JetlinksRoundTripPerType : public ::testing::TestWithParam<message_type> {};
TEST_P(JetlinksRoundTripPerType, DecodeOfEncodeIsIdentity) {
  const auto type = GetParam();
  const bool held = rc::check(std::string("round trip ") + std::string(jl::name(type)), [type] {
    const auto m = *gen_message(type);
    otawire::json::parser p;
    const auto why = round_trip_fails(p, m.msg);
    RC_LOG() << why << "\n";
    RC_ASSERT(why.empty());
    // Through a topic too: the deviceId comes back from it.
    auto device = jl::device_id_of(m.msg);
    // Only a device id that can be a topic level (json/fields.hpp) can come back from a topic.
    if (device && !device->empty() &&
        otawire::json::fields::find_forbidden_in_topic_level(*device) == otawire::json::fields::npos) {
      const auto encoded = jl::encode_for_device(m.msg, "prod");
      RC_ASSERT(encoded.has_value());
      auto back = jl::decode(p, otawire::mqtt_publish{encoded->topic, encoded->payload});
      RC_ASSERT(back.has_value());
      RC_ASSERT(back->message == m.msg);
    }
  });
  EXPECT_TRUE(held);
}
INSTANTIATE_TEST_SUITE_P(AllEight, JetlinksRoundTripPerType, ::testing::ValuesIn(jl::all_message_types),
                         [](const auto& info) { return std::string(jl::name(info.param)); });

RC_GTEST_PROP(JetlinksCodec, DecodersAgreeOnMutatedPayloads, (const owned_message& m)) {
  // Start from a legal payload and damage it: both decoders must still agree.
  std::string text = jl::encode(m.msg).value();
  const auto edits = *rc::gen::inRange(0, 4);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const auto at = *rc::gen::inRange<std::size_t>(0, text.size());
    const auto c = *rc::gen::element('"', '{', '}', ',', ':', '1', 'n', '[', ' ', '\\', '-', '.');
    if (*rc::gen::arbitrary<bool>()) text[at] = c;
    else text.insert(at, 1, c);
  }
  otawire::json::parser p;
  const auto type = *rc::gen::elementOf(jl::all_message_types);
  const auto why = backends_disagree(p, type, text);
  RC_LOG() << jl::name(type) << " " << text << ": " << why << "\n";
  RC_ASSERT(why.empty());
}

}  // namespace

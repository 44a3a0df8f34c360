// The protocol contract's decode (docs/contract.md, issue 13 item 1), checked generically over
// the five MQTT JSON families: one signature, `decode(parser, publish)`, in a copying form
// (otawire::mqtt_publish) and a zero-copy one (json::padded_publish), the Boost.JSON backend as
// `decode_dom(topic, value)`, all returning the family's `envelope` (the contract's
// mqtt_envelope) with the same direction and identity; `decode_into` (a reused envelope) and the
// payload-alone entries (`decode_payload`, `decode_payload_dom`) agreeing with it. The first typed tests of the conformance
// suite of item 2.
#include <otawire/detect.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <type_traits>

namespace {
namespace json = otawire::json;
using otawire::direction;
using otawire::device_identity;

// One family as the contract sees it: its envelope type, two publishes from the shipped captures
// (examples/captures/*-normal.txt, jetlinks-push.txt) travelling opposite ways, and the identity
// their topics name.
struct tencent_family {
  using envelope = otawire::tencent::envelope;
  static constexpr otawire::family family = otawire::family::tencent;
  static constexpr std::string_view up_topic = "$ota/report/LWVUL5SZ2L/dev1";
  static constexpr std::string_view up_payload = R"({"type": "report_version", "report":{"version":"1.0.0"}})";
  static constexpr std::string_view down_topic = "$ota/update/LWVUL5SZ2L/dev1";
  static constexpr std::string_view down_payload =
      R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"})";
  static constexpr device_identity device{"LWVUL5SZ2L", "dev1", {}};
};
struct ctwing_family {
  using envelope = otawire::ctwing::envelope;
  static constexpr otawire::family family = otawire::family::ctwing;
  static constexpr std::string_view up_topic = "/ota/inform";
  static constexpr std::string_view up_payload = R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})";
  static constexpr std::string_view down_topic = "/ota/upgrade";
  static constexpr std::string_view down_payload =
      R"({"taskId":147589,"payload":{"size":432945,"version":"2.0.0","url":"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"token","module":"MCU"}})";
  static constexpr device_identity device{};  // the MQTT connection is the device
};
struct jetlinks_family {
  using envelope = otawire::jetlinks::envelope;
  static constexpr otawire::family family = otawire::family::jetlinks;
  static constexpr std::string_view up_topic = "/prod-a/dev-1/firmware/read/reply";
  static constexpr std::string_view up_payload =
      R"({"success":true,"messageId":"1790000000000000000","timestamp":1601196760120,"version":"1.0","properties":{"bootloader":"1.2","chip":"esp32"}})";
  static constexpr std::string_view down_topic = "/prod-a/dev-1/firmware/read";
  static constexpr std::string_view down_payload =
      R"({"messageId":"1790000000000000000","deviceId":"dev-1","timestamp":1601196760000})";
  static constexpr device_identity device{"prod-a", "dev-1", {}};
};
struct huawei_family {
  using envelope = otawire::huawei::envelope;
  static constexpr otawire::family family = otawire::family::huawei;
  static constexpr std::string_view up_topic = "$oc/devices/68590ece7d33413cbac6c7c5_11111/sys/events/up";
  static constexpr std::string_view up_payload =
      R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})";
  static constexpr std::string_view down_topic = "$oc/devices/68590ece7d33413cbac6c7c5_11111/sys/events/down";
  static constexpr std::string_view down_payload =
      R"({"object_device_id":"68590ece7d33413cbac6c7c5_11111","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null}]})";
  static constexpr device_identity device{{}, "68590ece7d33413cbac6c7c5_11111", {}};
};
struct alibaba_family {
  using envelope = otawire::alibaba::envelope;
  static constexpr otawire::family family = otawire::family::alibaba;
  static constexpr std::string_view up_topic = "/ota/device/inform/a1Xk9Lq2fGh/lamp-0042";
  static constexpr std::string_view up_payload = R"({"id":1, "params":{"version":"1.0.0"}})";
  static constexpr std::string_view down_topic = "/ota/device/upgrade/a1Xk9Lq2fGh/lamp-0042";
  static constexpr std::string_view down_payload =
      R"({"code":"1000","data":{"size":11472299,"sign":"83254ac96e141affb8aa42cbfec9a1b2","version":"2.0.0","url":"https://iotx-ota.oss-cn-shanghai.aliyuncs.com/ota/x.zip","signMethod":"Md5","md5":"83254ac96e141affb8aa42cbfec9a1b2"},"id":1568864790381,"message":"success"})";
  static constexpr device_identity device{"a1Xk9Lq2fGh", "lamp-0042", {}};
};

// The contract's decode of family F, found the way a user calls it: unqualified, by the
// publish's type and the family's namespace (the envelope's).
template <class F, class Publish>
auto contract_decode(json::parser& p, const Publish& publish) {
  using namespace otawire;
  if constexpr (F::family == family::tencent) return tencent::decode(p, publish);
  else if constexpr (F::family == family::ctwing) return ctwing::decode(p, publish);
  else if constexpr (F::family == family::jetlinks) return jetlinks::decode(p, publish);
  else if constexpr (F::family == family::huawei) return huawei::decode(p, publish);
  else return alibaba::decode(p, publish);
}
template <class F, class Publish>
auto contract_decode_into(json::parser& p, const Publish& publish, typename F::envelope& out) {
  using namespace otawire;
  if constexpr (F::family == family::tencent) return tencent::decode_into(p, publish, out);
  else if constexpr (F::family == family::ctwing) return ctwing::decode_into(p, publish, out);
  else if constexpr (F::family == family::jetlinks) return jetlinks::decode_into(p, publish, out);
  else if constexpr (F::family == family::huawei) return huawei::decode_into(p, publish, out);
  else return alibaba::decode_into(p, publish, out);
}
// The payload alone, with the piece of the parsed topic each family asks for (docs/contract.md).
template <class F>
auto payload_decode(json::parser& p, const typename F::envelope& e, std::string_view payload) {
  using namespace otawire;
  if constexpr (F::family == family::tencent) return tencent::decode_payload(p, e.dir(), payload);
  else if constexpr (F::family == family::ctwing) return ctwing::decode_payload(p, e.topic, payload);
  else if constexpr (F::family == family::jetlinks) {
    // The payload's own deviceId (absent in a reply): the envelope's comes from the topic.
    auto m = jetlinks::decode_payload(p, e.topic.type, payload);
    if (m) std::visit([&](auto& x) { x.device_id = e.identity().message_device(); }, *m);
    return m;
  } else if constexpr (F::family == family::huawei) return huawei::decode_payload(p, payload);
  else return alibaba::decode_payload(p, e.topic, payload);
}
template <class F>
auto payload_decode_dom(const typename F::envelope& e, const boost::json::value& v) {
  using namespace otawire;
  if constexpr (F::family == family::tencent) return tencent::decode_payload_dom(e.dir(), v);
  else if constexpr (F::family == family::ctwing) return ctwing::decode_payload_dom(e.topic, v);
  else if constexpr (F::family == family::jetlinks) {
    auto m = jetlinks::decode_payload_dom(e.topic.type, v);
    if (m) std::visit([&](auto& x) { x.device_id = e.identity().message_device(); }, *m);
    return m;
  }
  else if constexpr (F::family == family::huawei) return huawei::decode_payload_dom(v);
  else return alibaba::decode_payload_dom(e.topic, v);
}
template <class F>
auto contract_decode_dom(std::string_view topic, const boost::json::value& v) {
  using namespace otawire;
  if constexpr (F::family == family::tencent) return tencent::decode_dom(topic, v);
  else if constexpr (F::family == family::ctwing) return ctwing::decode_dom(topic, v);
  else if constexpr (F::family == family::jetlinks) return jetlinks::decode_dom(topic, v);
  else if constexpr (F::family == family::huawei) return huawei::decode_dom(topic, v);
  else return alibaba::decode_dom(topic, v);
}

template <class F>
class ContractDecode : public ::testing::Test {};
using families = ::testing::Types<tencent_family, ctwing_family, jetlinks_family, huawei_family, alibaba_family>;
TYPED_TEST_SUITE(ContractDecode, families);

TYPED_TEST(ContractDecode, OneSignatureOneEnvelopeShape) {
  using F = TypeParam;
  json::parser p;
  using result_type = decltype(contract_decode<F>(p, otawire::mqtt_publish{}));
  static_assert(std::is_same_v<result_type, otawire::result<typename F::envelope>>);
  static_assert(std::is_same_v<decltype(contract_decode<F>(p, json::padded_publish{})), result_type>);
  // The envelope is the contract's, whatever the family's topic and message types.
  using E = typename F::envelope;
  static_assert(std::is_same_v<E, otawire::mqtt_envelope<decltype(E::topic), decltype(E::message)>>);
}

TYPED_TEST(ContractDecode, DirectionAndIdentityComeFromTheTopic) {
  using F = TypeParam;
  json::parser p;
  const auto up = contract_decode<F>(p, otawire::mqtt_publish{F::up_topic, F::up_payload});
  ASSERT_TRUE(up.has_value()) << up.error().where();
  EXPECT_EQ(up->dir(), direction::device_to_platform);
  EXPECT_EQ(up->identity(), F::device);
  const auto down = contract_decode<F>(p, otawire::mqtt_publish{F::down_topic, F::down_payload});
  ASSERT_TRUE(down.has_value()) << down.error().where();
  EXPECT_EQ(down->dir(), direction::platform_to_device);
  EXPECT_EQ(down->identity(), F::device);
}

TYPED_TEST(ContractDecode, CopyingZeroCopyAndDomEntriesAgree) {
  using F = TypeParam;
  for (const auto& [topic, payload] : {std::pair{F::up_topic, F::up_payload}, std::pair{F::down_topic, F::down_payload}}) {
    json::parser copying_parser;
    const auto copied = contract_decode<F>(copying_parser, otawire::mqtt_publish{topic, payload});
    ASSERT_TRUE(copied.has_value());
    const simdjson::padded_string padded(payload);
    json::parser padded_parser;
    const auto in_place = contract_decode<F>(
        padded_parser, json::padded_publish{topic, simdjson::padded_string_view(padded.data(), padded.size(),
                                                                                 padded.size() + simdjson::SIMDJSON_PADDING)});
    ASSERT_TRUE(in_place.has_value());
    EXPECT_EQ(*copied, *in_place);
    const boost::json::value dom = boost::json::parse(payload);
    const auto from_dom = contract_decode_dom<F>(topic, dom);
    ASSERT_TRUE(from_dom.has_value()) << from_dom.error().where();
    EXPECT_EQ(*copied, *from_dom);
    // decode_any gives the same envelope, in the family's alternative.
    json::parser any_parser;
    const auto any = otawire::decode_any(any_parser, topic, payload);
    ASSERT_TRUE(any.has_value());
    ASSERT_EQ(otawire::family_of(*any), F::family);
    EXPECT_EQ(std::get<typename F::envelope>(*any), *copied);
  }
}

TYPED_TEST(ContractDecode, ReusedEnvelopeAndPayloadAloneAgree) {
  using F = TypeParam;
  typename F::envelope reused{};
  json::parser into_parser;
  for (const auto& [topic, payload] : {std::pair{F::up_topic, F::up_payload}, std::pair{F::down_topic, F::down_payload}}) {
    json::parser p;
    const auto whole = contract_decode<F>(p, otawire::mqtt_publish{topic, payload});
    ASSERT_TRUE(whole.has_value());
    // decode_into: the same envelope, written over the previous publish's.
    ASSERT_TRUE(contract_decode_into<F>(into_parser, otawire::mqtt_publish{topic, payload}, reused).has_value());
    EXPECT_EQ(reused, *whole);
    // The payload alone, given what the family needs from the topic, is the envelope's message.
    json::parser payload_parser;
    const auto alone = payload_decode<F>(payload_parser, *whole, payload);
    ASSERT_TRUE(alone.has_value()) << alone.error().where();
    EXPECT_EQ(*alone, whole->message);
    const boost::json::value dom = boost::json::parse(payload);
    const auto alone_dom = payload_decode_dom<F>(*whole, dom);
    ASSERT_TRUE(alone_dom.has_value()) << alone_dom.error().where();
    EXPECT_EQ(*alone_dom, whole->message);
  }
  // A refused publish reports the same error through both entries.
  json::parser p;
  const std::string cut(F::down_payload.substr(0, F::down_payload.size() - 1));
  const auto refused = contract_decode<F>(p, otawire::mqtt_publish{F::down_topic, cut});
  const auto refused_into = contract_decode_into<F>(into_parser, otawire::mqtt_publish{F::down_topic, cut}, reused);
  ASSERT_FALSE(refused.has_value());
  ASSERT_FALSE(refused_into.has_value());
  EXPECT_EQ(refused.error(), refused_into.error());
}

TYPED_TEST(ContractDecode, AnotherFamilysTopicIsRefusedNotGuessed) {
  using F = TypeParam;
  json::parser p;
  // A topic no family parses: the family's topic parser refuses it before the payload is read.
  const auto r = contract_decode<F>(p, otawire::mqtt_publish{"no/such/topic/anywhere/at/all", F::up_payload});
  ASSERT_FALSE(r.has_value());
  // One rule in every family (json/fields.hpp): not this family's topic is unknown_message at
  // `topic`, at the byte where the topic leaves the family's grammar.
  EXPECT_EQ(r.error().code(), otawire::errc::unknown_message) << otawire::name(r.error().code());
  EXPECT_EQ(r.error().where(), "topic");
  EXPECT_TRUE(r.error().has_offset());
}

TYPED_TEST(ContractDecode, MalformedPayloadNamesAnOffset) {
  using F = TypeParam;
  json::parser p;
  const std::string cut(F::up_payload.substr(0, F::up_payload.size() - 2));  // the closing braces gone
  const auto r = contract_decode<F>(p, otawire::mqtt_publish{F::up_topic, cut});
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().has_offset());
  EXPECT_LE(r.error().offset(), cut.size());
}

}  // namespace

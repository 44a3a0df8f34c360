// Every real message of spec §B decodes, to the values the spec shows, in both decoders; the SDK
// byte templates of §B.5 are reproduced exactly by the encoder.
#include "alibaba/spec_examples.hpp"
#include "support/alibaba_oracle.hpp"

#include <otawire/alibaba.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;
using otawire::errc;

template <class T>
T decode_as(otawire::json::parser& p, ab::topic_kind kind, std::string_view text) {
  auto m = ab::decode_payload(p, topic_for(kind), text);
  EXPECT_TRUE(m) << text << "\n" << (m ? "" : std::string(otawire::name(m.error().code())) + " at " + std::string(m.error().where()));
  if (!m) return T{};
  const T* typed = std::get_if<T>(&*m);
  EXPECT_NE(typed, nullptr) << ab::type_name(*m);
  return typed ? *typed : T{};
}

TEST(AlibabaExamples, EveryExampleDecodesInBothDecodersAlike) {
  otawire::json::parser p;
  for (const auto& e : spec_examples) {
    EXPECT_EQ(differential(p, e.kind, e.text), "") << e.name;
    if (e.masked_digest) {  // the docs mask digests with "*": no download could verify them
      ab::message m;
      auto r = ab::decode_payload_into(p, topic_for(e.kind), e.text, m);
      ASSERT_FALSE(r) << e.name;
      EXPECT_EQ(r.error().code(), errc::bad_string) << e.name;
      EXPECT_TRUE(r.error().where() == "data.md5" || r.error().where() == "data.sign") << e.name << ": " << r.error().where();
      continue;
    }
    ab::message m;
    auto r = ab::decode_payload_into(p, topic_for(e.kind), e.text, m);
    EXPECT_TRUE(r) << e.name << ": " << (r ? "" : std::string(otawire::name(r.error().code())) + " at " + std::string(r.error().where()));
    auto v = otawire::json::parse_dom(e.text);
    ASSERT_TRUE(v) << e.name;
    EXPECT_TRUE(ab::decode_payload_dom(topic_for(e.kind), *v)) << e.name;
  }
}

TEST(AlibabaExamples, EveryExampleRoundTrips) {
  otawire::json::parser a, b;
  for (const auto& e : spec_examples) EXPECT_EQ(round_trip(a, b, e.kind, e.text), "") << e.name;
}

TEST(AlibabaExamples, InformDocHasAStringIdAndAModule) {
  otawire::json::parser p;
  const auto m = decode_as<ab::inform>(p, ab::topic_kind::inform, inform_doc);
  EXPECT_EQ(m.id, (ab::message_id{123, true}));
  EXPECT_EQ(m.version, "1.0.1");
  EXPECT_EQ(m.module, std::optional<std::string_view>("MCU"));
  const auto n = decode_as<ab::inform>(p, ab::topic_kind::inform, inform_process_doc);
  EXPECT_EQ(n.id, (ab::message_id{1, false}));
  EXPECT_EQ(n.version, "1.0.0");
  EXPECT_FALSE(n.module);
  EXPECT_EQ(n.module_name(), "default");
}

TEST(AlibabaExamples, CurrentHttpsPushDecodesEveryField) {
  otawire::json::parser p;
  const auto m = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_https_doc);
  EXPECT_EQ(m.id, (ab::message_id{1626969597470, false}));
  EXPECT_EQ(m.message, std::optional<std::string_view>("success"));
  EXPECT_EQ(m.data.size, 432945u);
  EXPECT_EQ(m.data.version, "2.0.0");
  EXPECT_TRUE(m.data.is_diff);
  EXPECT_TRUE(m.data.url && m.data.url->starts_with("https://***/nop***.tar.gz?Expires=1502955804"));
  EXPECT_EQ(m.data.md5, std::optional<std::string_view>("93230c3bde425a9d0000000000000000"));
  EXPECT_EQ(m.data.sign, std::optional<std::string_view>("93230c3bde425a9d0000000000000000"));
  EXPECT_EQ(m.data.digestsign, std::optional<std::string_view>("A4WOP***SYHJ6DDDJD9***"));
  // "MD5" (current docs) is the same method as "Md5" (older docs, what the SDKs accept).
  EXPECT_EQ(m.data.sign_method, std::optional<ab::digest_algorithm>(ab::digest_algorithm::md5));
  EXPECT_EQ(m.data.module, std::optional<std::string_view>("MCU"));
  const auto ext = otawire::json::to_value(m.data.ext_data);
  EXPECT_EQ(ext.at("key1"), "value1");
  EXPECT_EQ(ext.at("_package_udi"), R"({"ota_notice":"升级底层摄像头驱动,解决视频图像模糊的问题。"})");
  EXPECT_FALSE(m.data.mqtt_download());
}

TEST(AlibabaExamples, MqttDownloadPushNeedsNoUrl) {
  otawire::json::parser p;
  const auto m = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_mqtt_doc);
  EXPECT_EQ(m.id, (ab::message_id{1507707025, false}));
  EXPECT_TRUE(m.data.mqtt_download());
  EXPECT_EQ(m.data.stream_id, std::optional<std::int64_t>(1397345));
  EXPECT_EQ(m.data.stream_file_id, std::optional<std::int64_t>(1));
  EXPECT_FALSE(m.data.url);
}

TEST(AlibabaExamples, ProcessDocPushAndOlderForms) {
  otawire::json::parser p;
  const auto m = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_process_doc);
  EXPECT_EQ(m.data.size, 11472299u);
  EXPECT_EQ(m.data.sign, std::optional<std::string_view>("83254ac96e141affb8aa42cbfec90000"));
  EXPECT_EQ(m.data.sign_method, std::optional<ab::digest_algorithm>(ab::digest_algorithm::md5));
  EXPECT_FALSE(m.data.is_diff);
  EXPECT_FALSE(m.data.module);
  const auto alink = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_alink_doc);
  EXPECT_EQ(alink.id, (ab::message_id{1507707025, true}));
  const auto oldest = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_oldest_doc);
  EXPECT_FALSE(oldest.data.sign);
  EXPECT_FALSE(oldest.data.sign_method);
  EXPECT_TRUE(oldest.data.md5);
}

TEST(AlibabaExamples, ProgressDocAndSdkForms) {
  otawire::json::parser p;
  const auto m = decode_as<ab::progress>(p, ab::topic_kind::progress, progress_doc);
  EXPECT_EQ(m.id, (ab::message_id{123, true}));
  EXPECT_EQ(m.step, -1);
  EXPECT_TRUE(m.failed());
  EXPECT_EQ(m.desc, std::optional<std::string_view>("OTA升级失败，请求不到升级包信息。"));
  EXPECT_EQ(m.module, std::optional<std::string_view>("MCU"));
  const auto v2 = decode_as<ab::progress>(p, ab::topic_kind::progress, iotkit2_progress);
  EXPECT_EQ(v2.step, 50);
  EXPECT_FALSE(v2.desc);  // v2.03 omits desc when there is no detail
  const auto v3 = decode_as<ab::progress>(p, ab::topic_kind::progress, iotkit3_progress);
  EXPECT_EQ(v3.desc, std::optional<std::string_view>(""));
  const auto link = decode_as<ab::progress>(p, ab::topic_kind::progress, linksdk_progress);
  EXPECT_EQ(link.step, static_cast<int>(ab::step_failure::verify_failed));
}

TEST(AlibabaExamples, OldProgressDocIsNotJsonAndIsRejectedAsSuch) {
  otawire::json::parser p;
  auto a = ab::decode_payload(p, topic_for(ab::topic_kind::progress), progress_old_doc_invalid);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code(), errc::malformed_json);
  EXPECT_EQ(differential(p, ab::topic_kind::progress, progress_old_doc_invalid), "");
}

TEST(AlibabaExamples, PullRequestDocsFormAndLinkSdkForm) {
  otawire::json::parser p;
  const auto doc = decode_as<ab::firmware_get>(p, ab::topic_kind::firmware_get, get_doc);
  EXPECT_EQ(doc.id, (ab::message_id{123, true}));
  EXPECT_EQ(doc.version, std::optional<std::string_view>("1.0"));
  EXPECT_TRUE(doc.has_method);
  EXPECT_EQ(doc.module_name(), "MCU");
  const auto sdk = decode_as<ab::firmware_get>(p, ab::topic_kind::firmware_get, linksdk_get);
  EXPECT_FALSE(sdk.version);
  EXPECT_FALSE(sdk.has_method);
  EXPECT_EQ(sdk.module_name(), "default");
}

TEST(AlibabaExamples, PullReplyWithAndWithoutPackage) {
  otawire::json::parser p;
  const auto with = decode_as<ab::firmware_get_reply>(p, ab::topic_kind::firmware_get_reply, get_reply_doc);
  EXPECT_EQ(with.code, 200);
  ASSERT_TRUE(with.has_package());
  EXPECT_EQ(with.data->size, 93796291u);
  EXPECT_EQ(with.data->version, "1.0.1.9.20171112.1432");
  EXPECT_EQ(with.data->md5, std::optional<std::string_view>("f8d85b250d4d787a9f483d89a9747348"));
  const auto without = decode_as<ab::firmware_get_reply>(p, ab::topic_kind::firmware_get_reply, get_reply_empty_doc);
  EXPECT_EQ(without.code, 200);
  EXPECT_FALSE(without.has_package());
  for (const char* text : {R"({"id":"1","code":200,"data":null})", R"({"id":"1","code":200})"}) {
    const auto m = decode_as<ab::firmware_get_reply>(p, ab::topic_kind::firmware_get_reply, text);
    EXPECT_FALSE(m.has_package()) << text;
  }
}

TEST(AlibabaExamples, EncoderReproducesTheSdkBytes) {
  // iotkit v3 (compact) and Link SDK 4.x (one space after the id's comma), §B.5.
  EXPECT_EQ(ab::encode(ab::inform{{0, false}, "1.0.0", {}}).value(), iotkit3_inform);
  EXPECT_EQ(ab::encode(ab::progress{{0, false}, 50, "", {}}).value(), iotkit3_progress);
  EXPECT_EQ(ab::encode(ab::progress{{0, false}, -2, "fetch failed", {}}).value(), iotkit3_progress_desc);
  EXPECT_EQ(ab::encode(ab::inform{{1, false}, "1.0.0", {}}, ab::profile::link_sdk).value(), linksdk_inform);
  EXPECT_EQ(ab::encode(ab::inform{{4, false}, "1.0.0", "MCU"}, ab::profile::link_sdk).value(), linksdk_inform_module);
  EXPECT_EQ(ab::encode(ab::progress{{2, false}, -3, "", {}}, ab::profile::link_sdk).value(), linksdk_progress);
  EXPECT_EQ(ab::encode(ab::progress{{5, false}, 100, "", "MCU"}, ab::profile::link_sdk).value(), linksdk_progress_module);
  EXPECT_EQ(ab::encode(ab::firmware_get{{3, false}, {}, {}, false}, ab::profile::link_sdk).value(), linksdk_get);
  EXPECT_EQ(ab::encode(ab::firmware_get{{6, false}, {}, "MCU", false}, ab::profile::link_sdk).value(), linksdk_get_module);
  // Docs form of the pull request, compact, keys in the doc's order.
  EXPECT_EQ(ab::encode(ab::firmware_get{{123, true}, "1.0", "MCU", true}).value(),
            R"({"id":"123","version":"1.0","params":{"module":"MCU"},"method":"thing.ota.firmware.get"})");
}

// iotkit inserts desc with a raw %s (§B.5), so a quote in it breaks the JSON; we escape.
TEST(AlibabaExamples, EncoderEscapesWhatTheIotkitTemplateDoesNot) {
  const auto text = ab::encode(ab::progress{{0, false}, -2, R"(HTTP "403" \ forbidden)", {}}).value();
  EXPECT_EQ(text, R"({"id":0,"params":{"step":"-2","desc":"HTTP \"403\" \\ forbidden"}})");
  otawire::json::parser p;
  EXPECT_TRUE(ab::decode_payload(p, topic_for(ab::topic_kind::progress), text));
}

TEST(AlibabaExamples, PushIsEncodedAsThePlatformSendsIt) {
  otawire::json::parser p;
  const auto m = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_process_doc);
  // The [A4] example, compacted: same keys in the same order.
  EXPECT_EQ(ab::encode(m).value(),
            R"({"code":"1000","data":{"size":11472299,"sign":"83254ac96e141affb8aa42cbfec90000","version":"2.0.0",)"
            R"("url":"https://iotx-ota.oss-cn-shanghai.aliyuncs.com/ota/dbab6f742ae389b40db88fc2500b****/ck0q5lyav00003i7hezxe****.zip?Expires=1568951190&OSSAccessKeyId=cS8uRRy54Rsz****&Signature=nk0sogaxtyp7dYvKZnjNQ%2BZ8Q9****",)"
            R"("signMethod":"Md5","md5":"83254ac96e141affb8aa42cbfec90000"},"id":1568864790381,"message":"success"})");
  // "MD5" from the current docs is sent back as "Md5", which every SDK accepts.
  const auto https = decode_as<ab::upgrade>(p, ab::topic_kind::upgrade, upgrade_https_doc);
  EXPECT_NE(ab::encode(https).value().find(R"("signMethod":"Md5")"), std::string::npos);
  const auto reply = decode_as<ab::firmware_get_reply>(p, ab::topic_kind::firmware_get_reply, get_reply_empty_doc);
  EXPECT_EQ(ab::encode(reply).value(), R"({"id":"123","code":200,"data":{}})");
}

TEST(AlibabaExamples, LegacyRequestTopicCarriesAReportOrAPush) {
  otawire::json::parser p;
  const auto r = decode_as<ab::version_request>(p, ab::topic_kind::request, iotkit3_inform);
  EXPECT_EQ(r.version, "1.0.0");
  auto push = ab::decode_payload(p, topic_for(ab::topic_kind::request), upgrade_process_doc);
  ASSERT_TRUE(push);
  EXPECT_TRUE(std::holds_alternative<ab::upgrade>(*push));
}

TEST(AlibabaExamples, ValueToAndTryValueTo) {
  const auto v = otawire::json::parse_dom(get_reply_doc).value();
  const auto reply = boost::json::value_to<ab::firmware_get_reply>(v);
  EXPECT_EQ(reply.data->version, "1.0.1.9.20171112.1432");
  auto bad = boost::json::try_value_to<ab::inform>(boost::json::value(boost::json::object{{"id", 1}}));
  ASSERT_TRUE(bad.has_error());
  EXPECT_EQ(bad.error(), boost::system::error_code(otawire::make_error_code(errc::missing_field)));
  const auto progress_value = otawire::json::parse_dom(progress_doc).value();  // views point into it
  auto typed = ab::decode_dom<ab::progress>(progress_value);
  ASSERT_TRUE(typed);
  const boost::json::value wrong_value(boost::json::object{{"id", 1}, {"params", 5}});
  auto wrong = ab::decode_dom<ab::inform>(wrong_value);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().where(), "params");
  EXPECT_EQ(wrong.error().code(), errc::wrong_type);
  // Round trip through value_from / value_to.
  const auto encoded = boost::json::value_from(reply);
  const auto back = boost::json::value_to<ab::firmware_get_reply>(encoded);
  EXPECT_EQ(back, reply);
}

}  // namespace

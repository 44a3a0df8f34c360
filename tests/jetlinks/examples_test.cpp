// Every example of spec §C (json-messages.md): the documentation's payloads on their topics,
// decoded by both decoders, and the protocol test's upgrade encoding.
#include "jetlinks/doc_examples.hpp"
#include "support/jetlinks_arbitrary.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {
namespace jl = otawire::jetlinks;
using namespace otawire::test::jetlinks;
using otawire::errc;

constexpr std::int64_t doc_timestamp = 1601196762389;

// Decodes a cleaned doc example on `topic` with both decoders, checks they agree, returns the
// fast one (views into `parser`, alive until its next decode).
jl::envelope decode_doc(otawire::json::parser& parser, std::string_view topic, std::string_view doc,
                               std::string& keep) {
  keep = strip_doc_comments(doc);
  auto fast = jl::decode(parser, otawire::mqtt_publish{topic, keep});
  EXPECT_TRUE(fast) << keep << "\n" << (fast ? "" : otawire::name(fast.error().code())) << " at "
                    << (fast ? "" : fast.error().where());
  auto value = otawire::json::parse_dom(keep);
  EXPECT_TRUE(value);
  if (!fast || !value) return {};
  auto dom = jl::decode_dom(topic, *value);
  EXPECT_TRUE(dom);
  if (dom) {
    EXPECT_EQ(fast->message, dom->message) << keep;
    EXPECT_EQ(fast->topic, dom->topic);
  }
  return *fast;
}

TEST(JetlinksExamples, DocExamplesAreNotJsonAsPrinted) {
  // The documentation comments its examples with `//` and leaves a trailing comma in the pull
  // example: neither decoder accepts that text, and the error says so.
  otawire::json::parser parser;
  for (auto doc : {doc_upgrade, doc_progress, doc_pull, doc_pull_reply, doc_report, doc_read, doc_read_reply,
                   doc_platform_pull, doc_platform_progress}) {
    auto fast = jl::decode_payload(parser, jl::message_type::report_firmware, doc);
    ASSERT_FALSE(fast) << doc;
    EXPECT_EQ(fast.error().code(), errc::malformed_json);
    auto dom = decode_dom_payload(jl::message_type::report_firmware, doc);
    ASSERT_FALSE(dom.msg);
    EXPECT_EQ(dom.msg.error().code(), errc::malformed_json);
  }
  // The pull example is malformed even without its comments (trailing comma).
  std::string no_comments;
  for (std::size_t i = 0; i < doc_pull.size(); ++i) {
    if (doc_pull.substr(i, 2) == "//") {
      while (i < doc_pull.size() && doc_pull[i] != '\n') ++i;
    }
    if (i < doc_pull.size()) no_comments += doc_pull[i];
  }
  EXPECT_EQ(jl::decode_payload(parser, jl::message_type::request_firmware, no_comments).error().code(),
            errc::malformed_json);
}

// The doc's `url` is a placeholder ("固件文件下载地址", "firmware download address"), which the
// shared download-URL rule refuses (json/fields.hpp); the protocol's own test URL stands in.
constexpr std::string_view doc_url_placeholder = "固件文件下载地址";
constexpr std::string_view test_url = "http://baidu.com/1.mp3";  // [J2] codec test

std::string with_test_url(std::string_view doc) {
  std::string text(doc);
  text.replace(text.find(doc_url_placeholder), doc_url_placeholder.size(), test_url);
  return text;
}

void expect_placeholder_url_refused(std::string_view topic, std::string_view doc) {
  otawire::json::parser parser;
  const std::string text = strip_doc_comments(doc);
  auto fast = jl::decode(parser, otawire::mqtt_publish{topic, text});
  ASSERT_FALSE(fast);
  EXPECT_EQ(fast.error().code(), errc::invalid_value);
  EXPECT_EQ(fast.error().where(), "url");
  auto value = otawire::json::parse_dom(text);
  ASSERT_TRUE(value);
  auto dom = jl::decode_dom(topic, *value);
  ASSERT_FALSE(dom);
  EXPECT_EQ(dom.error().where(), "url");
}

TEST(JetlinksExamples, UpgradePush) {
  expect_placeholder_url_refused("/product1/device1/firmware/upgrade", doc_upgrade);
  otawire::json::parser parser;
  std::string keep;
  const std::string doc = with_test_url(doc_upgrade);
  const auto d = decode_doc(parser, "/product1/device1/firmware/upgrade", doc, keep);
  EXPECT_EQ(d.topic.type, jl::message_type::upgrade_firmware);
  const auto& m = std::get<jl::upgrade_firmware>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.url, test_url);
  EXPECT_EQ(m.version, "版本号");
  EXPECT_EQ(m.parameters.text, "{}");
  EXPECT_EQ(m.sign, "文件签名值");  // opaque: "签名方式" names no digest
  EXPECT_EQ(m.sign_method, "签名方式");
  EXPECT_EQ(m.firmware_id, "固件ID");
  EXPECT_EQ(m.size, 100000);
  EXPECT_EQ(m.device_id, "device1");  // from the topic: the payload has none
  EXPECT_FALSE(m.message_id);
}

TEST(JetlinksExamples, UpgradeProgress) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/device1/firmware/upgrade/progress", doc_progress, keep);
  const auto& m = std::get<jl::upgrade_firmware_progress>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.progress, 50);
  EXPECT_FALSE(m.complete);
  EXPECT_EQ(m.version, "升级的版本号");
  EXPECT_TRUE(m.success);
  EXPECT_EQ(m.error_reason, "失败原因");
  EXPECT_EQ(m.firmware_id, "固件ID");
  EXPECT_FALSE(m.message);
}

TEST(JetlinksExamples, Pull) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/device1/firmware/pull", doc_pull, keep);
  const auto& m = std::get<jl::request_firmware>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.message_id, "消息ID");
  EXPECT_EQ(m.current_version, "");  // present and empty, not absent
  EXPECT_EQ(m.request_version, "");
}

TEST(JetlinksExamples, PullReply) {
  expect_placeholder_url_refused("/product1/device1/firmware/pull/reply", doc_pull_reply);
  otawire::json::parser parser;
  std::string keep;
  const std::string doc = with_test_url(doc_pull_reply);
  const auto d = decode_doc(parser, "/product1/device1/firmware/pull/reply", doc, keep);
  const auto& m = std::get<jl::request_firmware_reply>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.message_id, "请求的ID");
  EXPECT_TRUE(m.success);  // CommonDeviceMessageReply's default
  EXPECT_EQ(m.url, test_url);
  EXPECT_EQ(m.version, "版本号");
  EXPECT_EQ(m.parameters.text, "{}");
  EXPECT_EQ(m.sign, "文件签名值");
  EXPECT_EQ(m.sign_method, "签名方式");
  EXPECT_EQ(m.firmware_id, "固件ID");
  EXPECT_EQ(m.size, 100000);
}

TEST(JetlinksExamples, Report) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/device1/firmware/report", doc_report, keep);
  const auto& m = std::get<jl::report_firmware>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.version, "版本号");
  EXPECT_TRUE(m.properties.empty());
  // The doc [J3] labels /firmware/report "下行" (downlink); the codec and platform say upstream.
  EXPECT_EQ(jl::direction_of(m.type), otawire::direction::device_to_platform);
}

TEST(JetlinksExamples, ReadAndReadReply) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/device1/firmware/read", doc_read, keep);
  const auto& m = std::get<jl::read_firmware>(d.message);
  EXPECT_EQ(m.timestamp, doc_timestamp);
  EXPECT_EQ(m.message_id, "消息ID");
  const auto r = decode_doc(parser, "/product1/device1/firmware/read/reply", doc_read_reply, keep);
  const auto& reply = std::get<jl::read_firmware_reply>(r.message);
  EXPECT_EQ(reply.timestamp, doc_timestamp);
  EXPECT_EQ(reply.message_id, "读取指令中的消息ID");
  EXPECT_EQ(reply.version, "");
  EXPECT_TRUE(reply.success);
}

// Decision for the `timestampe` typo [J6]: the key is unknown, so it is ignored like every
// unknown key — as the platform's Jackson mapper does — even though its value is not a number.
// The message then has no timestamp (the platform would stamp it "now").
TEST(JetlinksExamples, PlatformPullWithTimestampeTypo) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/dev-9/firmware/pull", doc_platform_pull, keep);
  const auto& m = std::get<jl::request_firmware>(d.message);
  EXPECT_FALSE(m.timestamp);
  EXPECT_EQ(m.message_id, "消息ID");
  EXPECT_EQ(m.request_version, "请求更新的版本");
  EXPECT_FALSE(m.current_version);
  EXPECT_EQ(m.device_id, "dev-9");  // "设备ID" in the payload is overwritten from the topic
  boost::json::value headers = otawire::json::to_value(m.headers);
  EXPECT_EQ(headers, (boost::json::object{{"force", false}, {"latest", false}}));
  // The payload's own deviceId survives a payload-only decode.
  auto payload_only = jl::decode_payload(parser, jl::message_type::request_firmware, keep);
  ASSERT_TRUE(payload_only);
  EXPECT_EQ(jl::device_id_of(*payload_only), "设备ID");
}

// Decision for `message` vs `errorReason` [J6]: the bean's field is `errorReason`; "message" is
// kept apart (`upgrade_firmware_progress::message`), never taken as the error reason, never
// written by the encoder, and flagged by the validator.
TEST(JetlinksExamples, PlatformProgressWithMessageInsteadOfErrorReason) {
  otawire::json::parser parser;
  std::string keep;
  const auto d = decode_doc(parser, "/product1/dev-9/firmware/upgrade/progress", doc_platform_progress, keep);
  const auto& m = std::get<jl::upgrade_firmware_progress>(d.message);
  EXPECT_TRUE(m.success);
  EXPECT_EQ(m.progress, 10);
  EXPECT_FALSE(m.complete);
  EXPECT_EQ(m.version, "1.0");
  EXPECT_EQ(m.timestamp, 1589277369268);
  EXPECT_FALSE(m.error_reason);
  EXPECT_EQ(m.message, "失败时传的消息");
  const std::string encoded = jl::encode(d.message).value();
  EXPECT_EQ(encoded.find("\"message\""), std::string::npos) << encoded;
  EXPECT_EQ(encoded.find("errorReason"), std::string::npos) << encoded;

  jl::session session;
  jl::upgrade_firmware push;
  push.version = "1.0";
  push.url = "http://x/fw.bin";
  push.device_id = "dev-9";
  ASSERT_TRUE(session.on(push));
  auto failed = m;
  failed.success = false;
  auto v = session.on(failed);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, jl::session_state::failed);
  EXPECT_TRUE(v->notes & jl::note_message_instead_of_error_reason);
}

// [J2] JetLinksMqttDeviceMessageCodecTest.testFirmwareUpgrade: the message encodes to the topic
// /product1/device1/firmware/upgrade (its payload was printed, not asserted).
TEST(JetlinksExamples, ProtocolTestUpgradeTopic) {
  jl::upgrade_firmware m;
  m.device_id = "device1";
  m.message_id = "test";
  m.version = "1.0";
  m.url = "http://baidu.com/1.mp3";
  const auto encoded = jl::encode_for_device(m, "product1");
  ASSERT_TRUE(encoded);
  const auto& e = *encoded;
  EXPECT_EQ(e.topic, "/product1/device1/firmware/upgrade");
  EXPECT_EQ(e.payload, R"({"messageId":"test","deviceId":"device1","url":"http://baidu.com/1.mp3","version":"1.0","size":0})");
  // Without a productId the platform writes the literal "null" (§C.1).
  EXPECT_EQ(jl::encode_for_device(m, "").value().topic, "/null/device1/firmware/upgrade");
  otawire::json::parser parser;
  auto back = jl::decode(parser, otawire::mqtt_publish{e.topic, e.payload});
  ASSERT_TRUE(back);
  EXPECT_EQ(back->message, jl::message(m));
  // A device id no topic level may hold is refused, not published on another device's topic.
  m.device_id = "device1/child";
  EXPECT_EQ(jl::encode_for_device(m, "product1").error().code(), otawire::errc::bad_string);
}

// §C.5: the platform's not-found pull reply.
TEST(JetlinksExamples, NotFoundPullReply) {
  otawire::json::parser parser;
  auto d = jl::decode(parser, otawire::mqtt_publish{"/p/d/firmware/pull/reply", R"({"messageId":"m1","success":false,"code":"not_found","message":"无固件更新"})"});
  ASSERT_TRUE(d);
  const auto& m = std::get<jl::request_firmware_reply>(d->message);
  EXPECT_FALSE(m.success);
  EXPECT_EQ(m.code, "not_found");
  EXPECT_EQ(m.message, "无固件更新");
  EXPECT_EQ(m.size, 0);
  EXPECT_FALSE(m.url);
}

}  // namespace

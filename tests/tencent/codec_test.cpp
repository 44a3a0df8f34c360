// Tencent OTA codec: every real example of spec §A, the SDKs' byte templates, topics, and one
// test per decode error (kind and JSON path, in both decoders).
#include "support/reference_documents.hpp"
#include "support/alloc_counter.hpp"
#include "support/tencent_oracle.hpp"

#include <gtest/gtest.h>

#include <otawire/tencent.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace tc = otawire::tencent;
using otawire::errc;
using otawire::test::tencent::compare_decoders;
using otawire::test::tencent::decode_dom_text;
using otawire::test::tencent::verdict;

// Decodes with the fast path, checks the DOM path agrees, returns the fast result.
otawire::result<tc::message> decode_both(otawire::json::parser& p, std::string_view text) {
  EXPECT_EQ(compare_decoders(p, text), verdict::agree) << text;
  return tc::decode_payload(p, text);
}

template <class T>
T decode_ok(otawire::json::parser& p, std::string_view text) {
  auto m = decode_both(p, text);
  EXPECT_TRUE(m) << text << "\n  error: " << (m ? "" : otawire::name(m.error().code())) << " at "
                 << (m ? "" : m.error().where());
  if (!m) return T{};
  const T* x = std::get_if<T>(&*m);
  EXPECT_NE(x, nullptr) << text;
  return x ? *x : T{};
}

void expect_error(std::string_view text, errc code, std::string_view where) {
  otawire::json::parser p;
  auto fast = tc::decode_payload(p, text);
  auto dom = decode_dom_text(text);
  ASSERT_FALSE(fast) << text;
  ASSERT_FALSE(dom.message) << text;
  EXPECT_EQ(fast.error().code(), code) << text << " got " << otawire::name(fast.error().code());
  if (code != errc::malformed_json) {
    EXPECT_EQ(fast.error().where(), where) << text;
  }
  EXPECT_EQ(dom.message.error().code(), code) << text << " got " << otawire::name(dom.message.error().code());
  EXPECT_EQ(dom.message.error().where(), where) << text;
}

// --- report_version (spec §A.2) ------------------------------------------------------------------

TEST(TencentExamples, ReportVersionCSdkV3Log) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version>(p, R"({"type": "report_version", "report":{"version":"1.0.0"}})");
  EXPECT_EQ(m.version, "1.0.0");
  EXPECT_FALSE(m.fw_type);
}

TEST(TencentExamples, ReportVersionJavaLogTypeLast) {
  otawire::json::parser p;
  EXPECT_EQ(decode_ok<tc::report_version>(p, R"({"report":{"version":"0.0.1"},"type":"report_version"})").version, "0.0.1");
}

TEST(TencentExamples, ReportVersionAndroidLog) {
  otawire::json::parser p;
  EXPECT_EQ(decode_ok<tc::report_version>(p, R"({"type":"report_version","report":{"version":"0.0.1"}})").version, "0.0.1");
}

TEST(TencentExamples, ReportVersion2025DocWithFwType) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version>(p, "{\n\"type\": \"report_version\",\n\"report\": {\n\"fw_type\": \"mcu\",\n\"version\": \"0.1\"\n}\n}");
  EXPECT_EQ(m.version, "0.1");
  EXPECT_EQ(m.fw_type, std::optional<std::string_view>("mcu"));
}

// --- report_version_rsp --------------------------------------------------------------------------

TEST(TencentExamples, ReportVersionRspCSdkLogIsReproducedExactly) {
  const std::string text = R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"})";
  EXPECT_EQ(text.size(), 86u);  // the SDK log's len=86
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version_rsp>(p, text);
  EXPECT_EQ(m.result_code, 0);
  EXPECT_EQ(m.result_msg, std::optional<std::string_view>("success"));
  EXPECT_EQ(m.version, std::optional<std::string_view>("1.0.0"));
  EXPECT_EQ(tc::encode(m).value(), text);
}

TEST(TencentExamples, ReportVersionRspSubdeviceLog) {
  const std::string text = R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"0.1"})";
  EXPECT_EQ(text.size(), 84u);
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version_rsp>(p, text);
  EXPECT_EQ(m.version, std::optional<std::string_view>("0.1"));
  EXPECT_EQ(tc::encode(m).value(), text);
}

TEST(TencentExamples, ReportVersionRspPythonDictReprIsNotJson) {
  // The Python SDK's log prints a dict, not the wire bytes: single quotes are malformed JSON.
  expect_error(R"({'result_code': 0, 'result_msg': 'success', 'type': 'report_version_rsp', 'version': '0.1.0'})",
               errc::malformed_json, "");
}

TEST(TencentExamples, ReportVersionRsp2025Doc) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version_rsp>(
      p, "{\n\"type\": \"report_version_rsp\",\n\"version\": \"2.0\",\n\"result_code\": 0,\n\"result_msg\": \"success\",\n\"fw_type\": \"mcu\"\n}");
  EXPECT_EQ(m.result_code, 0);
  EXPECT_EQ(m.version, std::optional<std::string_view>("2.0"));
  EXPECT_EQ(m.fw_type, std::optional<std::string_view>("mcu"));
}

TEST(TencentExamples, ReportVersionRspAcceptsStringZero) {
  // C v3 compares the raw token with "0", so "0" passes there too (§A.2): decode leniently.
  otawire::json::parser p;
  EXPECT_EQ(decode_ok<tc::report_version_rsp>(p, R"({"result_code":"0","type":"report_version_rsp"})").result_code, 0);
}

// --- update_firmware -----------------------------------------------------------------------------

TEST(TencentExamples, UpdateFirmwareCSdkLogIsReproducedExactly) {
  const std::string text =
      R"({"file_size":175436,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/","version":"1.3.0"})";
  otawire::json::parser p;
  auto m = decode_ok<tc::update_firmware>(p, text);
  EXPECT_EQ(m.file_size, 175436u);
  EXPECT_EQ(m.md5sum, "ad4615b866c13afb8b293a679bfa5dc4");
  EXPECT_EQ(m.url, "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/");
  EXPECT_EQ(m.version, "1.3.0");
  EXPECT_FALSE(m.user_defined);
  EXPECT_EQ(tc::encode(m).value(), text);
}

TEST(TencentExamples, UpdateFirmwareJavaLogWithPresignedUrl) {
  const std::string text =
      R"({"file_size":234775,"md5sum":"f2f1b3317d4f1ef7f512bfae5050563b","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100012619289_LWVUL5SZ2L_0.0.2?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDdO8ldrUa0Uts4H5Gzx6FZ9nfedjpiCd7%26q-sign-time%3D1614129643%3B1614216043%26q-key-time%3D1614129643%3B1614216043%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3Df038c9e4276f8219e1522b7e42d87f99b4d073ac","version":"0.0.2"})";
  otawire::json::parser p;
  auto m = decode_ok<tc::update_firmware>(p, text);
  EXPECT_EQ(m.file_size, 234775u);
  EXPECT_EQ(m.version, "0.0.2");
  EXPECT_NE(m.url.find("q-signature%3Df038c9e4"), std::string_view::npos);
  EXPECT_EQ(tc::encode(m).value(), text);
}

TEST(TencentExamples, UpdateFirmwareSubdeviceLog) {
  const std::string text =
      R"({"file_size":29972,"md5sum":"20a4d2b1f8492a22fa3e472a758bf9ec","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100003908905_E69UADXUYY_V100R0001?","version":"V100R0001"})";
  otawire::json::parser p;
  auto e = tc::decode(p, otawire::mqtt_publish{"$ota/update/E69UADXUYY/subdev1", text});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->topic.product_id, "E69UADXUYY");
  const auto& m = std::get<tc::update_firmware>(e->message);
  EXPECT_EQ(m.file_size, 29972u);
  EXPECT_EQ(m.version, "V100R0001");
  EXPECT_EQ(tc::encode(m).value(), text);
}

TEST(TencentExamples, UpdateFirmwareWithUserDefined) {
  const std::string text = R"({
    "file_size": 1501696,
    "md5sum": "a15d5deaf37bf6698cf9a21ec672166d",
    "type": "update_firmware",
    "url": "http://download_url.com",
    "user_defined": "{\"time\":\"2024-05-16\",\"info\":\"ota test\"}",
    "version": "v1.0.1"
})";
  otawire::json::parser p;
  auto m = decode_ok<tc::update_firmware>(p, text);
  EXPECT_EQ(m.file_size, 1501696u);
  EXPECT_EQ(m.user_defined, std::optional<std::string_view>(R"({"time":"2024-05-16","info":"ota test"})"));
  EXPECT_EQ(tc::encode(m).value(),
            R"({"file_size":1501696,"md5sum":"a15d5deaf37bf6698cf9a21ec672166d","type":"update_firmware","url":"http://download_url.com","user_defined":"{\"time\":\"2024-05-16\",\"info\":\"ota test\"}","version":"v1.0.1"})");
}

const char* const doc_2025_update = R"({
"file_size": 708482,
"md5sum": "36eb5951179db14a63****a37a9322a2",
"type": "update_firmware",
"url": "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com",
"version": "0.2",
"task_id": 123456,
"fw_type": "mcu"
})";

TEST(TencentExamples, UpdateFirmware2025DocMaskedMd5IsRejected) {
  // The doc masks part of the digest; a device could never verify it (detail/rules.hpp).
  expect_error(doc_2025_update, errc::bad_string, "md5sum");
}

TEST(TencentExamples, UpdateFirmware2025DocWithTaskIdAndFwType) {
  std::string text = doc_2025_update;
  text.replace(text.find("****"), 4, "0f1e");
  otawire::json::parser p;
  auto m = decode_ok<tc::update_firmware>(p, text);
  EXPECT_EQ(m.file_size, 708482u);
  EXPECT_EQ(m.task_id, std::optional<std::int64_t>(123456));
  EXPECT_EQ(m.fw_type, std::optional<std::string_view>("mcu"));
  // 2025 keys are appended after the long-standing alphabetical ones, in the doc's order.
  EXPECT_EQ(tc::encode(m).value(),
            R"({"file_size":708482,"md5sum":"36eb5951179db14a630f1ea37a9322a2","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com","version":"0.2","task_id":123456,"fw_type":"mcu"})");
}

TEST(TencentExamples, UpdateFirmwareFileSizeAsTextIsAccepted) {
  // C v3 reads file_size as text and calls atoi (§A.2).
  otawire::json::parser p;
  EXPECT_EQ(decode_ok<tc::update_firmware>(
                p, R"({"file_size":"175436","md5sum":"ad4615b866c13afb8b293a679bfa5dc4","type":"update_firmware","url":"https://x/","version":"1.3.0"})")
                .file_size,
            175436u);
}

// --- report_progress -----------------------------------------------------------------------------

TEST(TencentExamples, ReportProgressCSdkV3LogDownloading) {
  otawire::json::parser p;
  for (const auto& [text, percent] : {
           std::pair<const char*, int>{R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"0", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})", 0},
           {R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"31", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})", 31},
           {R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"100", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})", 100},
       }) {
    auto m = decode_ok<tc::report_progress>(p, text);
    EXPECT_EQ(m.state, tc::progress_state::downloading);
    EXPECT_EQ(m.percent, std::optional<std::uint8_t>(percent));
    EXPECT_EQ(m.version, "1.3.0");
    EXPECT_EQ(m.result_code, 0);
    // The C SDK v3 template reproduces the logged bytes.
    EXPECT_EQ(tc::encode(m, tc::profile::c_sdk_v3).value(), text);
  }
}

TEST(TencentExamples, ReportProgressCSdkV3LogDone) {
  const char* text = R"({"type": "report_progress", "report":{"progress":{"state":"done", "result_code":"0", "result_msg":""}, "version":"1.3.0"}})";
  otawire::json::parser p;
  auto m = decode_ok<tc::report_progress>(p, text);
  EXPECT_EQ(m.state, tc::progress_state::done);
  EXPECT_FALSE(m.percent);
  EXPECT_EQ(tc::encode(m, tc::profile::c_sdk_v3).value(), text);
}

TEST(TencentExamples, ReportProgressJavaHashOrder) {
  otawire::json::parser p;
  auto a = decode_ok<tc::report_progress>(
      p, R"({"report":{"progress":{"result_msg":"","result_code":"0","state":"downloading","percent":"6"},"version":"0.0.2"},"type":"report_progress"})");
  EXPECT_EQ(a.percent, std::optional<std::uint8_t>(6));
  EXPECT_EQ(a.version, "0.0.2");
  auto b = decode_ok<tc::report_progress>(
      p, R"({"report":{"progress":{"result_msg":"OK","result_code":"0","state":"done"},"version":"0.0.2"},"type":"report_progress"})");
  EXPECT_EQ(b.state, tc::progress_state::done);
  EXPECT_EQ(b.result_msg, "OK");
  const char* c = R"({"type":"report_progress","report":{"progress":{"state":"done","result_code":"0","result_msg":"OK"},"version":"0.0.2"}})";
  otawire::json::parser other;  // b's strings live in p's buffers until p decodes again
  EXPECT_EQ(decode_ok<tc::report_progress>(other, c), b);
  EXPECT_EQ(tc::encode(b).value(), c);  // the Java SDK's other order is the compact one
}

TEST(TencentExamples, ReportProgressOfficialDocBurningAndFail) {
  otawire::json::parser p;
  auto burning = decode_ok<tc::report_progress>(p, R"({
    "type": "report_progress",
    "report":{
        "progress":{
               "state":"burning",
               "result_code":"0",
               "result_msg":""
        },
        "version": "0.2"
    }
})");
  EXPECT_EQ(burning, tc::report_progress::burning("0.2"));
  auto failed = decode_ok<tc::report_progress>(p, "{\n\t\"type\": \"report_progress\",\n\t\"report\":{\n\t\t\"progress\":{\n"
                                                  "       \t\t\"state\":\"fail\",\n       \t\t\"result_code\":\"-1\",\n"
                                                  "       \t\t\"result_msg\":\"time_out\"\n\t\t},\n\t\t\"version\": \"0.2\"\n\t}\n}");
  EXPECT_EQ(failed, tc::report_progress::failed("0.2", tc::fail_code::download_timeout, "time_out"));
  EXPECT_EQ(failed.failure(), std::optional<tc::fail_code>(tc::fail_code::download_timeout));
}

TEST(TencentExamples, ReportProgress2025DocWithFwTypeAndTaskId) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_progress>(p, R"({
"type": "report_progress",
"report": {
"progress": {
"state": "downloading",
"percent": "10",
"result_code": "0",
"result_msg": ""
},
"version": "0.2",
"fw_type": "mcu",
"task_id": 123456
}
})");
  EXPECT_EQ(m.percent, std::optional<std::uint8_t>(10));
  EXPECT_EQ(m.fw_type, std::optional<std::string_view>("mcu"));
  EXPECT_EQ(m.task_id, std::optional<std::int64_t>(123456));
  EXPECT_EQ(tc::encode(m).value(),
            R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":"10","result_code":"0","result_msg":""},"version":"0.2","fw_type":"mcu","task_id":123456}})");
  // No v3-era template carries these keys.
  EXPECT_EQ(tc::encode(m, tc::profile::c_sdk_v3).error().code(), errc::unsupported);
}

TEST(TencentExamples, ReportProgressExplorer2024DownloadBeginVariant) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_progress>(
      p, R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"0", "result_code":"0", "result_msg":""},"version": "1.0.0"}})");
  EXPECT_EQ(m, tc::report_progress::downloading("1.0.0", 0));
}

TEST(TencentExamples, NumbersWhereTheSdksWriteStringsAreAccepted) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_progress>(
      p, R"({"type":"report_progress","report":{"progress":{"state":"fail","result_code":-4,"result_msg":"md5 not match"},"version":"1"}})");
  EXPECT_EQ(m.failure(), std::optional<tc::fail_code>(tc::fail_code::md5_not_match));
  auto d = decode_ok<tc::report_progress>(
      p, R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":55,"result_code":0,"result_msg":""},"version":"1"}})");
  EXPECT_EQ(d.percent, std::optional<std::uint8_t>(55));
}

TEST(TencentExamples, DocumentationCommentsAreNotJson) {
  // The spec's example blocks carry `// source` annotations: with one, the text is not JSON.
  expect_error(R"({"type":"report_version","report":{"version":"0.0.1"}}   // Android log [T5])", errc::malformed_json, "");
}

// --- byte templates ---------------------------------------------------------------------------------

TEST(TencentTemplates, CSdkV3) {
  using tc::encode;
  using tc::profile;
  EXPECT_EQ(encode(tc::report_version{"1.0.0", std::nullopt}, profile::c_sdk_v3).value(),
            R"({"type": "report_version", "report":{"version":"1.0.0"}})");
  EXPECT_EQ(encode(tc::report_version{"1.0.0", std::string_view("mcu")}, profile::c_sdk_v3).value(),
            R"({"type": "report_version", "report":{"version":"1.0.0", "fw_type":"mcu"}})");
  EXPECT_EQ(encode(tc::report_progress::failed("1.3.0", tc::fail_code::md5_not_match, "time_out"), profile::c_sdk_v3).value(),
            R"({"type": "report_progress", "report": {"progress": {"state":"fail", "result_code":"-4", "result_msg":"time_out"}, "version": "1.3.0"}})");
  EXPECT_EQ(encode(tc::report_progress::burning("1.3.0"), profile::c_sdk_v3).value(),
            R"({"type": "report_progress", "report":{"progress":{"state":"burning", "result_code":"0", "result_msg":""}, "version":"1.3.0"}})");
}

TEST(TencentTemplates, CSdkV4Compact) {
  using tc::encode;
  EXPECT_EQ(encode(tc::report_version{"1.0.0", std::nullopt}).value(), R"({"type":"report_version","report":{"version":"1.0.0"}})");
  EXPECT_EQ(encode(tc::report_progress::downloading("1.3.0", 31)).value(),
            R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":"31","result_code":"0","result_msg":""},"version":"1.3.0"}})");
  EXPECT_EQ(encode(tc::report_progress::failed("1.3.0", tc::fail_code::file_not_exist,
                                               tc::sdk_v4_result_msg(tc::fail_code::file_not_exist)))
                .value(),
            R"({"type":"report_progress","report":{"progress":{"state":"fail","result_code":"-2","result_msg":"file not exit"},"version":"1.3.0"}})");
  EXPECT_EQ(encode(tc::report_progress::done("1.3.0")).value(),
            R"({"type":"report_progress","report":{"progress":{"state":"done","result_code":"0","result_msg":""},"version":"1.3.0"}})");
}

TEST(TencentTemplates, ValueFromMatchesTheEncoder) {
  const tc::message messages[] = {
      tc::report_version{"1.0.0", std::string_view("module")},
      tc::report_version_rsp{-3, std::string_view("bad \"quote\"\n"), std::nullopt, std::string_view("mcu")},
      tc::update_firmware{"2", "https://h/a\"b\\c", "ad4615b866c13afb8b293a679bfa5dc4", 7, std::string_view("{}"), 5, std::nullopt},
      tc::report_progress::downloading("1\\2", 0),
  };
  for (const auto& m : messages) {
    EXPECT_EQ(boost::json::serialize(otawire_test::reference::value_of(m)), tc::encode(m).value());
    EXPECT_EQ(boost::json::value_from(m), otawire_test::reference::value_of(m));
  }
}

TEST(TencentTemplates, EncoderRefusesInvalidMessages) {
  tc::report_progress p = tc::report_progress::downloading("1", 0);
  p.percent.reset();
  EXPECT_EQ(tc::encode(p).error(), otawire::fail(errc::missing_field, "report.progress.percent"));
  p = tc::report_progress::burning("1");
  p.percent = 3;
  EXPECT_EQ(tc::encode(p).error().where(), "report.progress.percent");
  p = tc::report_progress::done("1");
  p.result_code = -1;
  EXPECT_EQ(tc::encode(p).error(), otawire::fail(errc::invalid_value, "report.progress.result_code"));
  EXPECT_EQ(tc::encode(tc::report_version{std::string(33, 'v'), std::nullopt}).error().where(), "report.version");
  tc::update_firmware u{"2", "ftp://h", "ad4615b866c13afb8b293a679bfa5dc4", 7, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(tc::encode(u).error(), otawire::fail(errc::invalid_value, "url"));
  std::array<char, 8> out{'k', 'e', 'e', 'p'};
  EXPECT_EQ(tc::encode(tc::message(u), out).error(), otawire::fail(errc::invalid_value, "url"));
  EXPECT_EQ(std::string_view(out.data(), 4), "keep");  // a refused message writes nothing
  EXPECT_EQ(tc::encoded_size(tc::message(u)).error(), otawire::fail(errc::invalid_value, "url"));
}

// The three forms of encode (docs/contract.md): the exact size first, the caller's buffer, a string.
TEST(TencentTemplates, EncodeFormsAgree) {
  const tc::message m = tc::report_progress::downloading("1.3.0", 31);
  const std::string expected =
      R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":"31","result_code":"0","result_msg":""},"version":"1.3.0"}})";
  ASSERT_EQ(tc::encoded_size(m).value(), expected.size());
  EXPECT_EQ(tc::encode(m).value(), expected);
  EXPECT_EQ(tc::encode(m).value().capacity(), std::string(expected).capacity());  // reserved, not grown
  std::vector<char> buffer(expected.size());
  ASSERT_EQ(tc::encode(m, buffer).value(), expected.size());
  EXPECT_EQ(std::string_view(buffer.data(), buffer.size()), expected);
  buffer.pop_back();  // one byte short: refused, with the size needed
  const auto short_buffer = tc::encode(m, buffer);
  ASSERT_FALSE(short_buffer);
  EXPECT_EQ(short_buffer.error().code(), errc::buffer_too_small);
  EXPECT_EQ(short_buffer.error().offset(), expected.size());
  EXPECT_EQ(tc::encoded_size(m, tc::profile::c_sdk_v3).value(), tc::encode(m, tc::profile::c_sdk_v3).value().size());
}

TEST(TencentTemplates, TryValueToAndValueTo) {
  const auto v = boost::json::parse(R"({"type":"report_version","report":{"version":"9"}})");
  auto r = boost::json::try_value_to<tc::report_version>(v);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->version, "9");
  auto wrong = boost::json::try_value_to<tc::update_firmware>(v);
  ASSERT_TRUE(wrong.has_error());
  EXPECT_EQ(wrong.error(), boost::system::error_code(otawire::make_error_code(errc::invalid_value)));
  EXPECT_EQ(boost::json::value_to<tc::message>(v).index(), 0u);
  EXPECT_THROW((void)boost::json::value_to<tc::report_progress>(v), boost::system::system_error);
}

// --- decode errors: kind and JSON path, both decoders ------------------------------------------------

std::string progress(std::string_view inner, std::string_view version = R"("1")") {
  return std::string(R"({"type":"report_progress","report":{"progress":{)") + std::string(inner) + R"(},"version":)" +
         std::string(version) + "}}";
}
std::string firmware(std::string_view size, std::string_view md5, std::string_view url) {
  return std::string(R"({"type":"update_firmware","version":"2","file_size":)") + std::string(size) + R"(,"md5sum":)" +
         std::string(md5) + R"(,"url":)" + std::string(url) + "}";
}
const std::string md5 = R"("ad4615b866c13afb8b293a679bfa5dc4")";

TEST(TencentErrors, PercentOutOfRange) {
  expect_error(progress(R"("state":"downloading","percent":"101","result_code":"0","result_msg":"")"), errc::out_of_range, "report.progress.percent");
  expect_error(progress(R"("state":"downloading","percent":"-1","result_code":"0","result_msg":"")"), errc::out_of_range, "report.progress.percent");
}
TEST(TencentErrors, PercentNotDecimal) {
  expect_error(progress(R"("state":"downloading","percent":"3a","result_code":"0","result_msg":"")"), errc::invalid_value, "report.progress.percent");
  expect_error(progress(R"("state":"downloading","percent":3.5,"result_code":"0","result_msg":"")"), errc::wrong_type, "report.progress.percent");
}
TEST(TencentErrors, PercentMissingWhenDownloading) {
  expect_error(progress(R"("state":"downloading","result_code":"0","result_msg":"")"), errc::missing_field, "report.progress.percent");
}
TEST(TencentErrors, PercentOnlyWhenDownloading) {
  expect_error(progress(R"("state":"burning","percent":"100","result_code":"0","result_msg":"")"), errc::invalid_value, "report.progress.percent");
}
TEST(TencentErrors, FailCodeOutsideMinusOneToMinusFive) {
  expect_error(progress(R"("state":"fail","result_code":"-6","result_msg":"")"), errc::out_of_range, "report.progress.result_code");
  expect_error(progress(R"("state":"fail","result_code":"0","result_msg":"")"), errc::out_of_range, "report.progress.result_code");
}
TEST(TencentErrors, NonZeroCodeOnSuccessPath) {
  expect_error(progress(R"("result_code":"-1","state":"done","result_msg":"")"), errc::invalid_value, "report.progress.result_code");
}
TEST(TencentErrors, ResultCodeBeyondInt32) {
  expect_error(progress(R"("state":"fail","result_code":"4294967295","result_msg":"")"), errc::out_of_range, "report.progress.result_code");
}
TEST(TencentErrors, UnknownProgressState) {
  // The app API's "updating" is not an MQTT state (§A.2).
  expect_error(progress(R"("state":"updating","result_code":"0","result_msg":"")"), errc::invalid_value, "report.progress.state");
}
TEST(TencentErrors, ProgressMissingFields) {
  expect_error(progress(R"("state":"done","result_code":"0")"), errc::missing_field, "report.progress.result_msg");
  expect_error(progress(R"("state":"done","result_msg":"")"), errc::missing_field, "report.progress.result_code");
  expect_error(progress(R"("result_code":"0","result_msg":"")"), errc::missing_field, "report.progress.state");
  expect_error(R"({"type":"report_progress","report":{"version":"1"}})", errc::missing_field, "report.progress");
  expect_error(R"({"type":"report_progress"})", errc::missing_field, "report");
  expect_error(progress(R"("state":"done","result_code":"0","result_msg":"")", R"("")"), errc::bad_string, "report.version");
}
TEST(TencentErrors, ProgressWrongTypes) {
  expect_error(progress(R"("state":"done","result_code":"0","result_msg":7)"), errc::wrong_type, "report.progress.result_msg");
  expect_error(R"({"type":"report_progress","report":[]})", errc::wrong_type, "report");
  expect_error(R"({"type":"report_progress","report":{"progress":"done","version":"1"}})", errc::wrong_type, "report.progress");
}
TEST(TencentErrors, ReportVersionLength) {
  expect_error(R"({"type":"report_version","report":{"version":""}})", errc::bad_string, "report.version");
  expect_error(std::string(R"({"type":"report_version","report":{"version":")") + std::string(33, '1') + R"("}})",
               errc::bad_string, "report.version");
  expect_error(R"({"type":"report_version","report":{}})", errc::missing_field, "report.version");
  expect_error(R"({"type":"report_version","report":{"version":"1","fw_type":1}})", errc::wrong_type, "report.fw_type");
}
TEST(TencentErrors, ReportVersionRspResultCode) {
  expect_error(R"({"type":"report_version_rsp","result_msg":"success"})", errc::missing_field, "result_code");
  expect_error(R"({"type":"report_version_rsp","result_code":"ok"})", errc::invalid_value, "result_code");
  expect_error(R"({"type":"report_version_rsp","result_code":true})", errc::wrong_type, "result_code");
}
TEST(TencentErrors, Md5sum) {
  expect_error(firmware("1", R"("not-hex")", R"("https://x")"), errc::bad_string, "md5sum");
  expect_error(firmware("1", R"("ad4615b866c13afb8b293a679bfa5dc")", R"("https://x")"), errc::bad_string, "md5sum");
}
TEST(TencentErrors, Url) {
  expect_error(firmware("1", md5, R"("ftp://x")"), errc::invalid_value, "url");
  expect_error(firmware("1", md5, R"("https://")"), errc::invalid_value, "url");
}
TEST(TencentErrors, FileSize) {
  expect_error(firmware("0", md5, R"("https://x")"), errc::out_of_range, "file_size");
  expect_error(firmware("4294967296", md5, R"("https://x")"), errc::out_of_range, "file_size");
  expect_error(firmware("1.5", md5, R"("https://x")"), errc::wrong_type, "file_size");
  expect_error(firmware("null", md5, R"("https://x")"), errc::wrong_type, "file_size");
}
TEST(TencentErrors, UpdateFirmwareMissingFields) {
  expect_error(R"({"type":"update_firmware","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x"})", errc::missing_field, "version");
  expect_error(R"({"type":"update_firmware","version":"1","md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x"})", errc::missing_field, "file_size");
  expect_error(R"({"type":"update_firmware","version":"1","file_size":1,"url":"http://x"})", errc::missing_field, "md5sum");
  expect_error(R"({"type":"update_firmware","version":"1","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4"})", errc::missing_field, "url");
}
TEST(TencentErrors, UserDefinedTooLong) {
  const std::string text = std::string(R"({"type":"update_firmware","version":"2","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x","user_defined":")") +
                           std::string(1537, 'u') + R"("})";
  expect_error(text, errc::bad_string, "user_defined");
}
TEST(TencentErrors, UnknownType) {
  // No SDK sends a device-initiated request (§A.6).
  expect_error(R"({"type":"request_firmware","version":"1"})", errc::unknown_message, "type");
  expect_error(R"({"version":"1"})", errc::missing_field, "type");
  expect_error(R"({"type":1})", errc::wrong_type, "type");
  expect_error(R"(["report_version"])", errc::wrong_type, "");
}
TEST(TencentErrors, MalformedJsonPointsAtTheFault) {
  const std::string text = R"({"type":"report_version" "report":{"version":"1"}})";
  otawire::json::parser p;
  auto m = tc::decode_payload(p, text);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code(), errc::malformed_json);
  auto dom = otawire::json::parse_dom(text);
  ASSERT_FALSE(dom);
  EXPECT_EQ(dom.error().offset(), text.find(" \"report\"") + 1);  // where Boost.JSON stopped
  expect_error(text, errc::malformed_json, "");
}
TEST(TencentErrors, ZeroCopyStringsStillCheckWhatFollows) {
  // Found by fuzz_tencent_differential: a string read as a view must still be stepped over by
  // simdjson, which notices the colon after it.
  expect_error(R"({"type":"report_version","report":{"version":"1.0.0":"x"}})", errc::malformed_json, "");
  expect_error(R"({"report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":"0.2result_code":"0"},"type":"report_progress"})",
               errc::malformed_json, "");
}

TEST(TencentErrors, SimdErrorsCarryTheOffsetOfTheValue) {
  const std::string text = progress(R"("state":"downloading","percent":"101","result_code":"0","result_msg":"")");
  otawire::json::parser p;
  auto m = tc::decode_payload(p, text);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().offset(), text.find("\"101\""));
}

TEST(TencentDecode, UnknownKeysAreIgnoredButValidated) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_version>(p, R"({"type":"report_version","clientToken":{"a":[1,2]},"report":{"version":"1","extra":null}})");
  EXPECT_EQ(m.version, "1");
  expect_error(R"({"type":"report_version","junk":[tru],"report":{"version":"1"}})", errc::malformed_json, "");
}

TEST(TencentDecode, DuplicateKeysLastWinsInBoth) {
  otawire::json::parser p;
  auto m = decode_ok<tc::report_progress>(p, progress(R"("state":"fail","percent":"5","state":"downloading","result_code":"0","result_msg":"")"));
  EXPECT_EQ(m.state, tc::progress_state::downloading);
  expect_error(progress(R"("state":"downloading","percent":"5","percent":"x","result_code":"0","result_msg":"")"), errc::invalid_value,
               "report.progress.percent");
}

TEST(TencentDecode, ZeroCopyPaddedInput) {
  const simdjson::padded_string text(std::string_view(R"({"type":"report_version","report":{"version":"1.0.0"}})"));
  otawire::json::parser p;
  auto m = tc::decode_payload(p, simdjson::padded_string_view(text));
  ASSERT_TRUE(m);
  EXPECT_EQ(std::get<tc::report_version>(*m).version, "1.0.0");
  otawire::test::allocation_scope scope;  // no copy of the input, no allocation
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(tc::decode_payload(p, simdjson::padded_string_view(text)));
  EXPECT_EQ(scope.count(), 0u);
}

TEST(TencentDecode, DirectionMustMatchTheTopic) {
  otawire::json::parser p;
  const char* progress_text = R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":"1"}})";
  EXPECT_TRUE(tc::decode(p, otawire::mqtt_publish{"$ota/report/P1/dev", progress_text}));
  auto wrong = tc::decode(p, otawire::mqtt_publish{"$ota/update/P1/dev", progress_text});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), errc::invalid_value);
  EXPECT_EQ(wrong.error().where(), "type");
  EXPECT_EQ(wrong.error().offset(), std::string_view(progress_text).find("\"report_progress\""));
  const char* rsp = R"({"result_code":0,"type":"report_version_rsp"})";
  EXPECT_FALSE(tc::decode(p, otawire::mqtt_publish{"$ota/report/P1/dev", rsp}));
  EXPECT_TRUE(tc::decode(p, otawire::mqtt_publish{"$ota/update/P1/dev", rsp}));
  const boost::json::value rsp_value = boost::json::parse(rsp);
  EXPECT_FALSE(tc::decode_dom("$ota/report/P1/dev", rsp_value));
  EXPECT_EQ(tc::decode(p, otawire::mqtt_publish{"$ota/upd/P1/dev", rsp}).error(), otawire::fail(errc::unknown_message, "topic", 5));
}

TEST(TencentDecode, SteadyStateFastPathAllocatesNothing) {
  const std::string stream[] = {
      R"({"type": "report_version", "report":{"version":"1.0.0"}})",
      R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"})",
      R"({"file_size":175436,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/","version":"1.3.0"})",
      R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"31", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})",
      R"({"type": "report_progress", "report":{"progress":{"state":"done", "result_code":"0", "result_msg":""}, "version":"1.3.0"}})",
  };
  otawire::json::parser p;
  tc::session s;
  for (const auto& t : stream) ASSERT_TRUE(tc::decode(p, otawire::mqtt_publish{"$ota/report/P/D", t}) || true);  // warm-up
  otawire::test::allocation_scope scope;
  std::size_t decoded = 0;
  for (int round = 0; round < 50; ++round) {
    for (const auto& t : stream) {
      auto m = tc::decode_payload(p, t);
      ASSERT_TRUE(m);
      (void)s.on(*m);
      ++decoded;
    }
  }
  EXPECT_EQ(decoded, 250u);
  EXPECT_EQ(scope.count(), 0u);
}

// --- topics --------------------------------------------------------------------------------------------

TEST(TencentTopic, ParsesBothDirections) {
  auto r = tc::parse_topic("$ota/report/LWVUL5SZ2L/dev1");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, tc::report_topic("LWVUL5SZ2L", "dev1"));
  auto u = tc::parse_topic("$ota/update/E69UADXUYY/subdev_01");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->kind, tc::topic_kind::update);
  EXPECT_EQ(u->device_name, "subdev_01");
}

TEST(TencentTopic, IdentityIsTheProductIdAndDeviceName) {
  const otawire::device_identity subdevice{"E69UADXUYY", "subdev1", {}};
  EXPECT_EQ(tc::parse_topic("$ota/update/E69UADXUYY/subdev1").value().identity(), subdevice);
  otawire::json::parser p;
  const auto e = tc::decode(p, otawire::mqtt_publish{"$ota/report/LWVUL5SZ2L/dev1", R"({"type":"report_version","report":{"version":"1.0.0"}})"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->identity(), (otawire::device_identity{"LWVUL5SZ2L", "dev1", {}}));
}

TEST(TencentTopic, FormatsAndRoundTrips) {
  const auto t = tc::update_topic("E69UADXUYY", "gw-sub.1");
  EXPECT_EQ(tc::format_topic(t).value(), "$ota/update/E69UADXUYY/gw-sub.1");
  std::array<char, 16> small{};
  EXPECT_EQ(tc::format_topic(t, small).error().code(), errc::buffer_too_small);
  static_assert(tc::parse_topic("$ota/report/P/D").value().device_name == "D");
}

TEST(TencentTopic, Rejections) {
  // json/fields.hpp's topic rule: not a Tencent OTA topic, missing name, forbidden byte.
  struct rejection {
    const char* text;
    std::string_view where;
    errc code;
  };
  const rejection cases[] = {
      {"ota/report/P/D", "topic", errc::unknown_message},
      {"$OTA/report/P/D", "topic", errc::unknown_message},
      {"$ota/down/P/D", "topic", errc::unknown_message},
      {"$ota/report", "topic.product_id", errc::missing_field},
      {"$ota/report/P", "topic.device_name", errc::missing_field},
      {"$ota/report//D", "topic.product_id", errc::missing_field},
      {"$ota/report/P/", "topic.device_name", errc::missing_field},
      {"$ota/report/P/D/x", "topic.device_name", errc::bad_string},
      {"$ota/report/P+/D", "topic.product_id", errc::bad_string},
      {"$ota/report/P/#", "topic.device_name", errc::bad_string},
      {"$ota/report/P/d\tx", "topic.device_name", errc::bad_string},
  };
  for (const auto& [text, where, code] : cases) {
    auto r = tc::parse_topic(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().where(), where) << text;
    EXPECT_EQ(r.error().code(), code) << text << " got " << otawire::name(r.error().code());
  }
  EXPECT_EQ(tc::parse_topic("$ota/down/P/D").error().offset(), 5u);  // where the kind should be
  EXPECT_EQ(tc::parse_topic("$ota/report/P/D/x").error().offset(), 15u);  // the second '/'
  const std::string long_topic = "$ota/report/P/" + std::string(tc::topic_max_length, 'd');
  EXPECT_EQ(tc::parse_topic(long_topic).error().code(), errc::bad_length);
  EXPECT_EQ(tc::format_topic(tc::report_topic("P", "a/b")).error().where(), "topic.device_name");
}

}  // namespace

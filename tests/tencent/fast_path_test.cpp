// The simdjson decoder's fast path (tencent/detail/fast.hpp): it takes the spec's and the SDKs'
// messages itself (a fast path that always declined would pass every other test and gain
// nothing), decodes them as the generic walk does, and declines whatever the generic walk must
// decide, which then gives the same message or the same error as it does alone.
#include <otawire/tencent.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace {
namespace tc = otawire::tencent;
using otawire::direction;

// Whether the fast path alone accepts `text` (travelling in `expected`, if given), and the
// message it gives.
struct fast_outcome {
  bool taken = false;
  tc::message message;
};
fast_outcome run_fast(otawire::json::parser& p, std::string_view text, std::optional<direction> expected = std::nullopt) {
  fast_outcome out;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) -> otawire::result<bool> {
    return tc::detail::fast_message(d, expected, out.message);
  });
  out.taken = r && *r;
  return out;
}

// The generic walk alone, as the decoder ran it before the fast path.
otawire::result<tc::message> run_generic(otawire::json::parser& p, std::string_view text,
                                         std::optional<direction> expected = std::nullopt) {
  return p.parse(text, [&](otawire::json::simd_document& d) { return tc::detail::decode_message(d, expected); });
}

bool same(const otawire::result<tc::message>& a, const otawire::result<tc::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

// Duplicates: the last one wins, a repeated `report` replacing the whole earlier one.
constexpr std::string_view duplicate_report =
    R"({"type":"report_version","report":{"version":"1","fw_type":"mcu"},"report":{"version":"2"}})";

// Spec §A.2's captures (C SDK v3/v4, Java, Python-free JSON, the 2025 doc), as fuzz/tencent's
// corpus holds them, plus the usual variations: key order, unknown keys, escaped values,
// duplicate keys (the last one wins).
constexpr std::string_view usual[] = {
    R"({"type": "report_version", "report":{"version":"1.0.0"}})",        // C SDK v3 log
    R"({"report":{"version":"0.0.1"},"type":"report_version"})",          // Java, type last
    "{\n\"type\": \"report_version\",\n\"report\": {\n\"fw_type\": \"mcu\",\n\"version\": \"0.1\"\n}\n}",  // 2025 doc
    R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"})",
    "{\n\"type\": \"report_version_rsp\",\n\"version\": \"2.0\",\n\"result_code\": 0,\n\"result_msg\": \"success\",\n\"fw_type\": \"mcu\"\n}",
    R"({"result_code":"0","type":"report_version_rsp"})",  // C SDK v3 reads the token text
    R"({"file_size":175436,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/","version":"1.3.0"})",
    R"({"file_size":29972,"md5sum":"20a4d2b1f8492a22fa3e472a758bf9ec","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100003908905_E69UADXUYY_V100R0001?","version":"V100R0001"})",
    "{\n    \"file_size\": 1501696,\n    \"md5sum\": \"a15d5deaf37bf6698cf9a21ec672166d\",\n    \"type\": \"update_firmware\",\n    \"url\": \"http://download_url.com\",\n    \"user_defined\": \"{\\\"time\\\":\\\"2024-05-16\\\",\\\"info\\\":\\\"ota test\\\"}\",\n    \"version\": \"v1.0.1\"\n}",
    // The 2025 doc's update with its masked md5sum replaced by a real digest.
    "{\n\"file_size\": 708482,\n\"md5sum\": \"36eb5951179db14a63aaaaa37a9322a2\",\n\"type\": \"update_firmware\",\n\"url\": \"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com\",\n\"version\": \"0.2\",\n\"task_id\": 123456,\n\"fw_type\": \"mcu\"\n}",
    R"({"file_size":"175436","md5sum":"AD4615B866C13AFB8B293A679BFA5DC4","type":"update_firmware","url":"http://x.example/f","version":"2","task_id":"-7"})",
    R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"0", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})",
    R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":"100", "result_code":"0", "result_msg":""}, "version": "1.3.0"}})",
    R"({"type": "report_progress", "report":{"progress":{"state":"done", "result_code":"0", "result_msg":""}, "version":"1.3.0"}})",
    R"({"report":{"progress":{"result_msg":"","result_code":"0","state":"downloading","percent":"6"},"version":"0.0.2"},"type":"report_progress"})",
    R"({"report":{"progress":{"result_msg":"OK","result_code":"0","state":"done"},"version":"0.0.2"},"type":"report_progress"})",
    "{\n    \"type\": \"report_progress\",\n    \"report\":{\n        \"progress\":{\n               \"state\":\"burning\",\n               \"result_code\":\"0\",\n               \"result_msg\":\"\"\n        },\n        \"version\": \"0.2\"\n    }\n}",
    "{\n\t\"type\": \"report_progress\",\n\t\"report\":{\n\t\t\"progress\":{\n       \t\t\"state\":\"fail\",\n       \t\t\"result_code\":\"-1\",\n       \t\t\"result_msg\":\"time_out\"\n\t\t},\n\t\t\"version\": \"0.2\"\n\t}\n}",
    R"({"type":"report_progress","report":{"progress":{"state":"fail","result_code":"-4","result_msg":"md5 not match"},"version":"1.3.0"}})",
    "{\n\"type\": \"report_progress\",\n\"report\": {\n\"progress\": {\n\"state\": \"downloading\",\n\"percent\": \"10\",\n\"result_code\": \"0\",\n\"result_msg\": \"\"\n},\n\"version\": \"0.2\",\n\"fw_type\": \"mcu\",\n\"task_id\": 123456\n}\n}",
    R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":31,"result_code":0,"result_msg":"a\u00e9\n"},"version":"1"}})",
    // Unknown keys at every level, validated and skipped.
    R"({"x":[1,{"a":null}],"type":"report_progress","report":{"y":true,"progress":{"z":{"b":[]},"state":"burning","result_code":"0","result_msg":""},"version":"2"}})",
    duplicate_report,
    R"({"type":"report_version_rsp","result_code":1,"result_code":0,"type":"report_version_rsp"})",
};

TEST(TencentFastPath, TakesTheSpecMessagesAndDecodesThemAsTheGenericWalk) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  for (const auto text : usual) {
    SCOPED_TRACE(std::string(text));
    const auto f = run_fast(fast, text);
    ASSERT_TRUE(f.taken);
    const auto g = run_generic(generic, text);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(f.message, *g);
    // With the direction the message travels in, too (the topic-checked entry points).
    const auto d = tc::direction_of(tc::type_of(*g));
    const auto fd = run_fast(fast, text, d);
    ASSERT_TRUE(fd.taken);
    EXPECT_EQ(fd.message, *g);
  }
}

TEST(TencentFastPath, TheDuplicateKeysLastOneWins) {
  otawire::json::parser p;
  const auto f = run_fast(p, duplicate_report);
  ASSERT_TRUE(f.taken);
  const auto& v = std::get<tc::report_version>(f.message);
  EXPECT_EQ(v.version, "2");
  EXPECT_FALSE(v.fw_type);  // forgotten with the first `report`
}

// Each declined text, with the direction it is decoded for (nullopt: any).
struct unusual_case {
  std::string_view text;
  std::optional<direction> expected;
};
constexpr unusual_case unusual[] = {
    {R"({"typ\u0065":"report_version","report":{"version":"1"}})", {}},               // an escaped key, spelling `type`
    {R"({"type":"report_version","report":{"ver\u0073ion":"1"}})", {}},               // in `report`
    {R"({"type":"report_progress","report":{"progress":{"st\u0061te":"burning","result_code":"0","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_version","report":{"version":""}})", {}},                     // empty version
    {R"({"type":"report_version","report":{"version":"123456789012345678901234567890123"}})", {}},  // 33 characters
    {R"({"type":"update_firmware","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"})",
     direction::device_to_platform},                                                    // on $ota/report/...
    {R"({"type":"report_version","report":{"version":"1"}})", direction::platform_to_device},
    {R"({"type":"request_firmware","report":{"version":"1"}})", {}},                  // no such type (§A.6)
    {R"({"report":{"version":"1"}})", {}},                                             // no type
    {R"({"type":1,"report":{"version":"1"}})", {}},
    {R"({"type":"report_version"})", {}},                                              // no report
    {R"({"type":"report_version","report":[]})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"done","percent":"100","result_code":"0","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"downloading","result_code":"0","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"downloading","percent":"101","result_code":"0","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"done","result_code":"-1","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"fail","result_code":"-6","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"updating","result_code":"0","result_msg":""},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0"},"version":"1"}})", {}},
    {R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":""}})", {}},
    // A repeated `report` replaces the earlier one, its progress with it.
    {R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":"1"},"report":{"version":"1"}})", {}},
    {"{\n\"file_size\": 708482,\n\"md5sum\": \"36eb5951179db14a63****a37a9322a2\",\n\"type\": \"update_firmware\",\n\"url\": \"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com\",\n\"version\": \"0.2\",\n\"task_id\": 123456,\n\"fw_type\": \"mcu\"\n}", {}},  // the 2025 doc's masked md5sum
    {R"({"type":"update_firmware","file_size":1,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"ftp://x/y","version":"1"})", {}},
    {R"({"type":"update_firmware","file_size":0,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"})", {}},
    {R"({"type":"update_firmware","file_size":4294967296,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"})", {}},
    {R"({"type":"update_firmware","file_size":1.5,"md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"})", {}},
    {R"({"type":"update_firmware","md5sum":"ad4615b866c13afb8b293a679bfa5dc4","url":"http://x/y","version":"1"})", {}},
    {R"({"type":"report_version_rsp","result_code":2147483648})", {}},
    {R"({"type":"report_version_rsp","result_code":"0x1"})", {}},
    // A bad value under a key the type does not use: the generic walk ignores it, and decides so.
    {R"({"type":"report_version","report":{"version":"1"},"url":5})", {}},
    {R"({"type":"report_version","report":{"version":"1"}} x)", {}},                  // trailing text
    {R"({"type":"report_version","report":{"version":"1"})", {}},                     // unclosed
    {R"(["report_version"])", {}},
};

TEST(TencentFastPath, DeclinesWhatTheGenericWalkMustDecide) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  otawire::json::parser decoder;
  for (const auto& c : unusual) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_FALSE(run_fast(fast, c.text, c.expected).taken);
    // Through the decoder's entry points the generic walk then decides, as it does alone.
    const auto alone = run_generic(generic, c.text, c.expected);
    const auto decoded = c.expected ? tc::decode_payload(decoder, *c.expected, c.text) : tc::decode_payload(decoder, c.text);
    EXPECT_TRUE(same(decoded, alone));
    const simdjson::padded_string padded(c.text);
    const auto zero_copy = c.expected ? tc::decode_payload(decoder, *c.expected, simdjson::padded_string_view(padded))
                                      : tc::decode_payload(decoder, simdjson::padded_string_view(padded));
    EXPECT_TRUE(same(zero_copy, alone));
  }
}

TEST(TencentFastPath, AfterADeclineTheGenericWalkReportsExactly) {
  otawire::json::parser p;
  // An escaped known key is that key.
  const auto escaped = tc::decode_payload(p, std::string_view(R"({"typ\u0065":"report_version","report":{"version":"1"}})"));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(std::get<tc::report_version>(*escaped).version, "1");
  // A bad value under a key the type does not use is ignored.
  const auto ignored = tc::decode_payload(p, std::string_view(R"({"type":"report_version","report":{"version":"1"},"url":5})"));
  ASSERT_TRUE(ignored.has_value());
  // A failed check is the generic walk's error, with its path and offset.
  constexpr std::string_view text = R"({"type":"report_version","report":{"version":""}})";
  const auto empty = tc::decode_payload(p, text);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), otawire::errc::bad_string);
  EXPECT_EQ(empty.error().where(), "report.version");
  EXPECT_EQ(empty.error().offset(), text.find(R"("")"));
}

}  // namespace

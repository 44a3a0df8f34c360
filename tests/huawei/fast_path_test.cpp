// The simdjson decoder's fast path (huawei/detail/fast.hpp): it takes the spec's and the SDKs'
// messages itself (a fast path that always declined would pass every other test and gain
// nothing), decodes them as the generic walk does, and declines whatever the generic walk must
// decide, which then gives the same message or the same error as it does alone, through every
// simdjson entry point of codec.hpp.
#include "huawei/spec_messages.hpp"

#include <otawire/huawei.hpp>

#include <gtest/gtest.h>

#include <simdjson.h>

#include <string>
#include <string_view>

namespace {
namespace hw = otawire::huawei;
namespace spec = otawire::test::huawei::spec;

// Whether the fast path alone accepts `text`, and the message it gives.
struct fast_outcome {
  bool taken = false;
  hw::message message;
};
fast_outcome run_fast(otawire::json::parser& p, std::string_view text) {
  fast_outcome out;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) -> otawire::result<bool> {
    return hw::detail::fast_message(d, out.message);
  });
  out.taken = r && *r;
  return out;
}

// The generic walk alone, as the decoder ran it before the fast path.
otawire::result<hw::message> run_generic(otawire::json::parser& p, std::string_view text) {
  hw::message m;
  const auto r = p.parse(text, [&](otawire::json::simd_document& d) { return hw::detail::generic_message(d, m); });
  if (!r) return r.error();
  return m;
}

bool same(const otawire::result<hw::message>& a, const otawire::result<hw::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

// A gateway's batch (§A.3.1, §A.3.4: a query and a v2 upgrade in one message), as bench/huawei's
// stream holds it.
constexpr std::string_view gateway_batch =
    R"({"object_device_id":"child-7","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":{"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2,"task_ext_info":{"device_type":"DDC"}}},{"event_type":"software_upgrade_v2","service_id":"$ota","event_time":"20250710T024801Z","paras":{"version":"3.1","url":"https://bucket.obs.cn-north-4.myhuaweicloud.com/pkg.bin","file_size":1024,"file_name":"pkg.bin","expires":86400,"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2}}]})";

// Duplicates: the last one wins, a repeated `paras` replacing the whole earlier one.
constexpr std::string_view duplicates =
    R"({"object_device_id":"a","object_device_id":"b","services":[{"service_id":"$ota","event_type":"version_report","event_time":"x","event_time":"20151212T121212Z","paras":{"sw_version":"1"},"paras":{"fw_version":"2"}}]})";

// `paras` before `event_type` (every SDK writes it after; fuzz/corpus multi_deferred): the
// generic walk's second pass.
constexpr std::string_view paras_first =
    R"({"object_device_id":"child-7","services":[{"paras":{"sw_version":"s1","fw_version":"f1"},"service_id":"$ota","event_type":"version_report"}]})";

// Spec §A's messages (spec_messages.hpp; the AT commands' payloads of §A.3.2 and §A.3.5
// unescaped), the SDKs' layouts, and the usual variations: key order, unknown keys (also a
// known key of another kind), escaped values, `null` for optional fields, duplicate keys (the last
// one wins), another service's event, every event kind.
constexpr std::string_view usual[] = {
    spec::doc_version_query,
    spec::capture_version_query,  // "paras":null
    spec::doc_version_report,
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})",  // §A.3.2 AT
    spec::doc_firmware_upgrade,
    spec::capture_firmware_upgrade_2025,
    spec::capture_firmware_upgrade_2022,
    spec::doc_progress_report,
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.0"}}]})",  // §A.3.5 AT
    spec::c_sdk_progress_template,
    spec::python_progress_template,  // local time on an uplink event: kept, not parsed
    gateway_batch,
    // Java's order and null event_id; v2 without sign, Go's string sub_device_count, a String
    // task_ext_info (Python).
    R"({"object_device_id":"dev1","services":[{"service_id":"$ota","event_type":"upgrade_progress_report","event_time":"20240726T114252Z","paras":{"progress":100,"description":"success","result_code":0,"version":"v1.1"},"event_id":null}]})",
    R"({"services":[{"event_type":"software_upgrade_v2","service_id":"$ota","event_time":"20250710T055429Z","paras":{"version":"3.1","url":"https://bucket.obs.cn-north-4.myhuaweicloud.com/pkg.bin","file_size":1024,"file_name":"pkg.bin","expires":86400,"sub_device_count":"3","task_ext_info":"x"}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"3.1","url":"http://h/p","file_size":0,"sign":null,"expires":null,"file_name":null,"access_token":null,"custom_info":null,"task_id":null,"sub_device_count":null,"task_ext_info":null}}]})",
    R"({"services":[{"event_type":"software_upgrade","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":9,"sign":"595124473F866B033DFA1F7E831C8C99A12F6143F392DFA996A819010842C99D"}}]})",
    // version_query without paras, with every paras field null; a progress report with null progress.
    R"({"object_device_id":null,"services":[{"service_id":"$ota","event_type":"version_query"}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{"task_id":null,"sub_device_count":"0","task_ext_info":null}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":-7,"progress":null,"version":"","description":null}}]})",
    // Another service's event, its paras kept raw whatever they are, or absent.
    R"({"services":[{"service_id":"$time_sync","event_type":"time_sync_response","paras":{"device_send_time":1}},{"service_id":"$x","event_type":"y","paras":[1,"a"]},{"service_id":"$x","event_type":"y"}]})",
    // Unknown keys at every level (a known key of another kind is unknown here), escaped values.
    R"({"x":[1,{"a":null}],"services":[{"z":{"b":[]},"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"url":5,"result_code":0,"version":"a\u00e9\n","description":"down\"loading"}}],"y":true})",
    R"({"services":[]})",
    duplicates,
    // max_services events.
    R"({"services":[{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"}]})",
};

TEST(HuaweiFastPath, TakesTheSpecMessagesAndDecodesThemAsTheGenericWalk) {
  otawire::json::parser fast;
  otawire::json::parser generic;
  for (const auto text : usual) {
    SCOPED_TRACE(std::string(text));
    const auto f = run_fast(fast, text);
    ASSERT_TRUE(f.taken);
    const auto g = run_generic(generic, text);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(f.message, *g);
  }
}

TEST(HuaweiFastPath, DecodesTheFieldsItTakes) {
  otawire::json::parser p;
  const auto f = run_fast(p, gateway_batch);
  ASSERT_TRUE(f.taken);
  ASSERT_EQ(f.message.count, 2u);
  EXPECT_EQ(f.message.object_device_id, "child-7");
  const auto* q = f.message.storage[0].get<hw::version_query>();
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->sub_device_count, 2);
  EXPECT_EQ(q->task_ext_info.text, R"({"device_type":"DDC"})");
  const auto& e = f.message.storage[1];
  EXPECT_EQ(e.kind, hw::event_kind::software_upgrade_v2);
  ASSERT_TRUE(e.time && e.time->utc);
  EXPECT_EQ(e.time->utc->second, 1);
  const auto* u = e.get<hw::upgrade_notification>();
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->file_size, 1024);
  EXPECT_FALSE(u->sign);
  // Duplicates: the last one wins, a repeated `paras` replacing the whole earlier one.
  const auto d = run_fast(p, duplicates);
  ASSERT_TRUE(d.taken);
  EXPECT_EQ(d.message.object_device_id, "b");
  const auto* r = d.message.storage[0].get<hw::version_report>();
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->sw_version);
  EXPECT_EQ(r->fw_version, "2");
}

// Each text the fast path declines.
constexpr std::string_view unusual[] = {
    // Escaped keys (they may spell a known one), at each level.
    R"({"servic\u0065s":[{"service_id":"$ota","event_type":"version_query"}]})",
    R"({"services":[{"service_id":"$ota","event_typ\u0065":"version_query"}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"sw_v\u0065rsion":"1"}}]})",
    R"({"services":[{"x\u0065":1,"service_id":"$ota","event_type":"version_query"}]})",
    // paras before service_id/event_type, or one of them repeated after it: the generic walk's
    // second pass (fuzz/corpus: multi_deferred, duplicate_type).
    paras_first,
    R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{"result_code":3,"version":"1"},"event_type":"upgrade_progress_report"}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{},"service_id":"$ota"}]})",
    // Missing or wrong fields of the element.
    R"({"services":[{"event_type":"version_query"}]})",
    R"({"services":[{"service_id":"$ota"}]})",
    R"({"services":[{"service_id":"$ota","event_type":"request_firmware"}]})",  // no such $ota type
    R"({"services":[{"service_id":null,"event_type":"version_query"}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_report"}]})",            // paras required
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":null}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":[]}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_query","event_time":"2015-12-12T12:12:12Z"}]})",  // downlink
    R"({"services":[{"service_id":"$ota","event_type":"version_query","event_id":5}]})",
    // Failed checks in paras.
    R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{"sub_device_count":-1}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{"task_ext_info":5}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"sw_version":1}}]})",
    R"({"services":[{"event_type":"firmware_upgrade","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":9}}]})",  // v1 unsigned
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"ftp://h/p","file_size":9}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":-1}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":"9"}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":9.5}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p"}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":null,"url":"https://h/p","file_size":9}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":9,"sign":"abc"}}]})",
    R"({"services":[{"event_type":"firmware_upgrade_v2","service_id":"$ota","paras":{"version":"1","url":"https://h/p","file_size":9,"expires":"1"}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1","progress":101}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1","progress":"40"}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":2147483648,"version":"1"}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"version":"1"}}]})",
    R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0}}]})",
    // The envelope.
    R"({"object_device_id":"x"})",
    R"({"object_device_id":1,"services":[]})",
    R"({"services":{}})",
    R"({"services":[1]})",
    R"({"services":[],"services":[]})",  // a repeated services starts over
    R"({"services":[{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"},{"service_id":"$ota","event_type":"version_query"}]})",
    R"({"services":[]} x)",  // trailing text
    R"({"services":[])",     // unclosed
    R"({"services":[],"x":[1,]})",
    R"([{"services":[]}])",
};

TEST(HuaweiFastPath, DeclinesWhatTheGenericWalkMustDecide) {
  otawire::json::parser fast;
  for (const auto text : unusual) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(run_fast(fast, text).taken);
  }
}

// Every simdjson entry point of codec.hpp (copied, zero-copy, publish and padded publish) gives
// the generic walk's result, whether the fast path took the message or declined it.
TEST(HuaweiFastPath, EveryEntryPointGivesTheGenericWalksResult) {
  otawire::json::parser generic;
  otawire::json::parser decoder;
  const auto check = [&](std::string_view text) {
    SCOPED_TRACE(std::string(text));
    const auto alone = run_generic(generic, text);
    EXPECT_TRUE(same(hw::decode_payload(decoder, text), alone));
    const simdjson::padded_string padded(text);
    EXPECT_TRUE(same(hw::decode_payload(decoder, simdjson::padded_string_view(padded)), alone));
    constexpr std::string_view topic = "$oc/devices/dev1/sys/events/up";
    const auto published = hw::decode(decoder, otawire::mqtt_publish{topic, text});
    ASSERT_EQ(published.has_value(), alone.has_value());
    if (published) {
      EXPECT_EQ(published->message, *alone);
    } else {
      EXPECT_EQ(published.error(), alone.error());
    }
    const auto zero_copy = hw::decode(decoder, otawire::json::padded_publish{topic, simdjson::padded_string_view(padded)});
    ASSERT_EQ(zero_copy.has_value(), alone.has_value());
    if (zero_copy) {
      EXPECT_EQ(zero_copy->message, *alone);
    } else {
      EXPECT_EQ(zero_copy.error(), alone.error());
    }
  };
  for (const auto text : usual) check(text);
  for (const auto text : unusual) check(text);
}

TEST(HuaweiFastPath, AfterADeclineTheGenericWalkReportsExactly) {
  otawire::json::parser p;
  // An escaped known key is that key.
  const auto escaped = hw::decode_payload(p, std::string_view(R"({"servic\u0065s":[{"service_id":"$ota","event_type":"version_query"}]})"));
  ASSERT_TRUE(escaped.has_value());
  EXPECT_EQ(escaped->count, 1u);
  // paras before event_type: decoded by the generic walk's second pass.
  const auto deferred = hw::decode_payload(p, paras_first);
  ASSERT_TRUE(deferred.has_value());
  EXPECT_EQ(deferred->storage[0].get<hw::version_report>()->fw_version, "f1");
  // A failed check is the generic walk's error, with its path and offset.
  constexpr std::string_view text =
      R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1","progress":101}}]})";
  const auto out_of_range = hw::decode_payload(p, text);
  ASSERT_FALSE(out_of_range.has_value());
  EXPECT_EQ(out_of_range.error().code(), otawire::errc::out_of_range);
  EXPECT_EQ(out_of_range.error().where(), "services[].paras.progress");
  EXPECT_EQ(out_of_range.error().index(), 0u);
  EXPECT_EQ(out_of_range.error().offset(), text.find("101"));
}

}  // namespace

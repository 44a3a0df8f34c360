// One test per rejection rule: decoder rules (both backends, same kind and JSON path), encoder
// rules and session rules.
#include "support/huawei_arbitrary.hpp"

#include <otawire/huawei.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {
namespace hw = otawire::huawei;
using otawire::errc;

struct rejection {
  std::string name;
  std::string text;
  errc code;
  std::string_view where;
};
void PrintTo(const rejection& r, std::ostream* os) { *os << r.name; }

std::string down(std::string_view type, std::string_view paras, std::string_view extra = "") {
  return std::string(R"({"services":[{"event_type":")") + std::string(type) + R"(","service_id":"$ota")" +
         std::string(extra) + R"(,"paras":)" + std::string(paras) + "}]}";
}
std::string upgrade(std::string_view paras_body) {
  return down("firmware_upgrade", std::string("{") + std::string(paras_body) + "}");
}
constexpr std::string_view sign = R"("sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5")";
std::string good_upgrade_with(std::string_view extra) {
  return upgrade(std::string(R"("version":"2.0","url":"https://h/p","file_size":30720,)") + std::string(sign) + std::string(extra));
}
std::string progress(std::string_view paras_body) {
  return down("upgrade_progress_report", std::string("{") + std::string(paras_body) + "}");
}

void expect_rejected_by_both(const rejection& r) {
  otawire::json::parser p;
  auto fast = hw::decode_payload(p, r.text);
  boost::json::value storage;
  auto dom = hw::decode_payload_dom(r.text, storage);
  ASSERT_FALSE(fast) << r.name;
  ASSERT_FALSE(dom) << r.name;
  EXPECT_EQ(fast.error().code(), r.code) << r.name << ": " << otawire::name(fast.error().code()) << " at " << fast.error().where();
  EXPECT_EQ(dom.error().code(), r.code) << r.name << ": " << otawire::name(dom.error().code()) << " at " << dom.error().where();
  if (r.code != errc::malformed_json) {
    EXPECT_EQ(fast.error().where(), r.where) << r.name;
    EXPECT_EQ(dom.error().where(), r.where) << r.name;
  }
}

class HuaweiDecodeRejects : public testing::TestWithParam<rejection> {};

TEST_P(HuaweiDecodeRejects, WithTheSameKindAndPathInBothDecoders) { expect_rejected_by_both(GetParam()); }

const rejection decode_rejections[] = {
    {"malformed_json", R"({"services":[{"service_id":"$ota",}]})", errc::malformed_json, ""},
    {"malformed_json_in_unknown_key", R"({"services":[],"x":[tru]})", errc::malformed_json, ""},
    {"trailing_bytes", R"({"services":[]} x)", errc::malformed_json, ""},
    {"root_not_object", R"([{"services":[]}])", errc::wrong_type, ""},
    {"services_missing", R"({"object_device_id":"d"})", errc::missing_field, "services"},
    {"services_not_array", R"({"services":{}})", errc::wrong_type, "services"},
    {"service_not_object", R"({"services":["$ota"]})", errc::wrong_type, "services[]"},
    {"too_many_services",
     R"({"services":[{"service_id":"x","event_type":"a"},{"service_id":"x","event_type":"a"},{"service_id":"x","event_type":"a"},{"service_id":"x","event_type":"a"},{"service_id":"x","event_type":"a"}]})",
     errc::out_of_range, "services"},
    {"object_device_id_not_string", R"({"object_device_id":7,"services":[]})", errc::wrong_type, "object_device_id"},
    {"service_id_missing", R"({"services":[{"event_type":"version_query"}]})", errc::missing_field, "services[].service_id"},
    {"service_id_not_string", R"({"services":[{"service_id":1,"event_type":"version_query"}]})", errc::wrong_type, "services[].service_id"},
    {"event_type_missing", R"({"services":[{"service_id":"$ota"}]})", errc::missing_field, "services[].event_type"},
    {"event_type_unknown", R"({"services":[{"service_id":"$ota","event_type":"module_upgrade_notify"}]})", errc::unknown_message, "services[].event_type"},
    {"event_type_case_matters", R"({"services":[{"service_id":"$ota","event_type":"Version_Query"}]})", errc::unknown_message, "services[].event_type"},
    {"event_type_not_string", R"({"services":[{"service_id":"$ota","event_type":["version_query"]}]})", errc::wrong_type, "services[].event_type"},
    {"event_time_malformed_downlink", down("version_query", "null", R"(,"event_time":"2025-07-10T02:48:00Z")"), errc::invalid_value, "services[].event_time"},
    {"event_time_bad_date_downlink", down("version_query", "null", R"(,"event_time":"20250230T024800Z")"), errc::invalid_value, "services[].event_time"},
    {"event_time_not_string", down("version_query", "null", R"(,"event_time":20250710)"), errc::wrong_type, "services[].event_time"},
    {"event_id_not_string", down("version_query", "null", R"(,"event_id":1)"), errc::wrong_type, "services[].event_id"},
    {"paras_missing", R"({"services":[{"service_id":"$ota","event_type":"firmware_upgrade"}]})", errc::missing_field, "services[].paras"},
    {"paras_null_outside_version_query", down("version_report", "null"), errc::missing_field, "services[].paras"},
    {"paras_not_object", down("version_report", R"("v1")"), errc::wrong_type, "services[].paras"},
    {"task_id_not_string", down("version_query", R"({"task_id":5})"), errc::wrong_type, "services[].paras.task_id"},
    {"sub_device_count_not_decimal", down("version_query", R"({"sub_device_count":"2a"})"), errc::invalid_value, "services[].paras.sub_device_count"},
    {"sub_device_count_negative", down("version_query", R"({"sub_device_count":-1})"), errc::out_of_range, "services[].paras.sub_device_count"},
    {"task_ext_info_not_object", down("version_query", R"({"task_ext_info":12})"), errc::wrong_type, "services[].paras.task_ext_info"},
    {"sw_version_not_string", down("version_report", R"({"sw_version":1.0})"), errc::wrong_type, "services[].paras.sw_version"},
    {"fw_version_not_string", down("version_report", R"({"fw_version":true})"), errc::wrong_type, "services[].paras.fw_version"},
    {"upgrade_version_missing", upgrade(std::string(R"("url":"https://h/p","file_size":1,)") + std::string(sign)), errc::missing_field, "services[].paras.version"},
    {"upgrade_version_not_string", upgrade(std::string(R"("version":2,"url":"https://h/p","file_size":1,)") + std::string(sign)), errc::wrong_type, "services[].paras.version"},
    {"upgrade_url_missing", upgrade(std::string(R"("version":"2","file_size":1,)") + std::string(sign)), errc::missing_field, "services[].paras.url"},
    {"upgrade_file_size_missing", upgrade(std::string(R"("version":"2","url":"https://h/p",)") + std::string(sign)), errc::missing_field, "services[].paras.file_size"},
    {"upgrade_file_size_negative", upgrade(std::string(R"("version":"2","url":"https://u","file_size":-1,)") + std::string(sign)), errc::out_of_range, "services[].paras.file_size"},
    {"upgrade_file_size_fraction", upgrade(std::string(R"("version":"2","url":"https://u","file_size":1.5,)") + std::string(sign)), errc::wrong_type, "services[].paras.file_size"},
    {"upgrade_file_size_string", upgrade(std::string(R"("version":"2","url":"https://u","file_size":"1",)") + std::string(sign)), errc::wrong_type, "services[].paras.file_size"},
    {"upgrade_file_size_beyond_int64", upgrade(std::string(R"("version":"2","url":"https://u","file_size":9223372036854775808,)") + std::string(sign)), errc::out_of_range, "services[].paras.file_size"},
    {"upgrade_sign_missing_v1", upgrade(R"("version":"2","url":"https://u","file_size":1)"), errc::missing_field, "services[].paras.sign"},
    {"upgrade_sign_short", upgrade(R"("version":"2","url":"https://u","file_size":1,"sign":"71cfa4cf")"), errc::bad_string, "services[].paras.sign"},
    {"upgrade_sign_not_hex", upgrade(R"("version":"2","url":"https://u","file_size":1,"sign":"z1cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5")"), errc::bad_string, "services[].paras.sign"},
    {"upgrade_expires_negative", good_upgrade_with(R"(,"expires":-86400)"), errc::out_of_range, "services[].paras.expires"},
    {"upgrade_expires_not_integer", good_upgrade_with(R"(,"expires":"86400")"), errc::wrong_type, "services[].paras.expires"},
    {"upgrade_file_name_not_string", good_upgrade_with(R"(,"file_name":{})"), errc::wrong_type, "services[].paras.file_name"},
    {"upgrade_access_token_not_string", good_upgrade_with(R"(,"access_token":1)"), errc::wrong_type, "services[].paras.access_token"},
    {"upgrade_custom_info_not_string", good_upgrade_with(R"(,"custom_info":[])"), errc::wrong_type, "services[].paras.custom_info"},
    {"progress_result_code_missing", progress(R"("version":"1")"), errc::missing_field, "services[].paras.result_code"},
    {"progress_result_code_string", progress(R"("result_code":"0","version":"1")"), errc::wrong_type, "services[].paras.result_code"},
    {"progress_result_code_beyond_int32", progress(R"("result_code":4294967296,"version":"1")"), errc::out_of_range, "services[].paras.result_code"},
    {"progress_above_100", progress(R"("result_code":0,"progress":101,"version":"1")"), errc::out_of_range, "services[].paras.progress"},
    {"progress_negative", progress(R"("result_code":0,"progress":-1,"version":"1")"), errc::out_of_range, "services[].paras.progress"},
    {"progress_version_missing", progress(R"("result_code":0,"progress":100)"), errc::missing_field, "services[].paras.version"},
    {"progress_description_not_string", progress(R"("result_code":0,"version":"1","description":3)"), errc::wrong_type, "services[].paras.description"},
    {"duplicate_key_last_wins_bad", progress(R"("result_code":0,"version":"1","progress":5,"progress":500)"), errc::out_of_range, "services[].paras.progress"},
    {"invalid_utf8", "{\"services\":[{\"service_id\":\"$ota\",\"event_type\":\"version_report\",\"paras\":{\"sw_version\":\"\xC3\"}}]}", errc::malformed_json, ""},
};

INSTANTIATE_TEST_SUITE_P(Rules, HuaweiDecodeRejects, testing::ValuesIn(decode_rejections),
                         [](const testing::TestParamInfo<rejection>& i) { return i.param.name; });

TEST(HuaweiDecode, FastPathErrorsCarryTheByteOffset) {
  otawire::json::parser p;
  const std::string text = progress(R"("result_code":0,"progress":101,"version":"1")");
  auto r = hw::decode_payload(p, text);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset(), text.find("101"));
  const std::string when = down("version_query", "null", R"(,"event_time":"2025")");
  r = hw::decode_payload(p, when);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset(), when.find("\"2025\""));
  const std::string type = R"({"services":[{"service_id":"$ota","event_type":"nope"}]})";
  r = hw::decode_payload(p, type);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset(), type.find("\"nope\""));
}

TEST(HuaweiDecode, LeniencyAcceptedByBoth) {
  const std::string accepted[] = {
      down("version_query", "{}"),
      R"({"services":[{"service_id":"$ota","event_type":"version_query"}]})",  // paras absent
      down("version_query", R"({"sub_device_count":"2","task_ext_info":"text","unknown":[1,{"x":null}]})"),
      down("version_report", "{}"),                                               // neither version
      down("version_report", R"({"sw_version":null,"fw_version":"1"})", R"(,"event_time":null,"event_id":null)"),
      good_upgrade_with(R"(,"file_name":null,"sub_device_count":"4","task_ext_info":null)"),
      progress(R"("result_code":1000,"version":"1","progress":null,"description":null)"),  // extended code
      R"({"object_device_id":null,"services":[]})",
      R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","event_time":"not a time","paras":{"result_code":0,"version":"1"}}]})",
      R"({"services":[{"service_id":"$ota","event_type":"version_report","event_type":"version_query","paras":null}]})",
  };
  otawire::json::parser p;
  for (const auto& text : accepted) {
    auto fast = hw::decode_payload(p, text);
    boost::json::value storage;
    auto dom = hw::decode_payload_dom(text, storage);
    ASSERT_TRUE(fast) << text << ": " << otawire::name(fast.error().code()) << " at " << fast.error().where();
    ASSERT_TRUE(dom) << text;
    EXPECT_TRUE(*fast == *dom) << text;
  }
}

TEST(HuaweiDecode, DuplicateEventTypeAfterParasDecidesHowParasIsRead) {
  // The last event_type wins; paras was read in place as a version_query first, then again.
  const std::string text =
      R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{"result_code":3,"version":"1"},"event_type":"upgrade_progress_report"}]})";
  otawire::json::parser p;
  auto fast = hw::decode_payload(p, text);
  ASSERT_TRUE(fast);
  EXPECT_EQ(*fast->events()[0].get<hw::progress_report>(), (hw::progress_report{3, std::nullopt, "1", std::nullopt}));
  boost::json::value storage;
  auto dom = hw::decode_payload_dom(text, storage);
  ASSERT_TRUE(dom);
  EXPECT_TRUE(*fast == *dom);
}

// ---------------------------------------------------------------------------------------------
// Encoder rules

hw::message one(hw::event e) {
  hw::message m;
  e.event_type = hw::name(e.kind);
  m.push(e);
  return m;
}

TEST(HuaweiEncode, VersionReportNeedsAVersion) {
  hw::event e;
  e.kind = hw::event_kind::version_report;
  e.paras = hw::version_report{};
  EXPECT_EQ(hw::encode(one(e)).error(), otawire::fail(errc::missing_field, "services[].paras"));
}

TEST(HuaweiEncode, CSdkProfileAllowsOnlyTheCodeTable) {
  hw::event e;
  e.kind = hw::event_kind::upgrade_progress_report;
  e.paras = hw::progress_report{256, std::nullopt, "1", std::nullopt};
  EXPECT_EQ(hw::encode(one(e), hw::profile::c_sdk).error(), otawire::fail(errc::out_of_range, "services[].paras.result_code"));
  EXPECT_TRUE(hw::encode(one(e), hw::profile::compact));  // Java/Python users may extend the codes
  e.paras = hw::progress_report{255, 101, "1", std::nullopt};
  EXPECT_EQ(hw::encode(one(e), hw::profile::c_sdk).error().code(), errc::out_of_range);
}

TEST(HuaweiEncode, UpgradeFieldsAreChecked) {
  hw::event e;
  e.kind = hw::event_kind::software_upgrade;
  hw::upgrade_notification u{"2", "https://h/p", 1, {}, {}, {}, std::string_view("abc"), {}, {}, {}, {}};
  e.paras = u;
  // The encoder (codec.hpp) checks the same sign rule; its errc is the codec owner's to align.
  EXPECT_EQ(hw::encode(one(e)).error().where(), "services[].paras.sign");
  u.sign.reset();
  e.paras = u;
  EXPECT_EQ(hw::encode(one(e)).error(), otawire::fail(errc::missing_field, "services[].paras.sign"));
  e.kind = hw::event_kind::software_upgrade_v2;
  EXPECT_TRUE(hw::encode(one(e)));
  e.time = hw::event_time{"2025-07-10", std::nullopt};
  EXPECT_EQ(hw::encode(one(e)).error(), otawire::fail(errc::invalid_value, "services[].event_time"));
}

TEST(HuaweiEncode, RawValuesThatCannotBeWrittenBackAreRefused) {
  // `1e999` is valid JSON and both decoders accept it inside a kept-as-sent value, but it has no
  // finite double: the encoder refuses rather than print `Infinity`.
  const std::string text =
      R"({"services":[{"service_id":"$time_sync","event_type":"x","paras":{"n":1e999}},{"event_type":"version_query","service_id":"$ota","paras":{"task_ext_info":{"a":[-1E400]}}}]})";
  otawire::json::parser p;
  auto m = hw::decode_payload(p, text);
  ASSERT_TRUE(m);
  EXPECT_EQ(hw::encode(*m).error(), otawire::fail(errc::out_of_range, "services[].paras"));
  m->count = 1;
  m->storage[0] = m->storage[1];
  EXPECT_EQ(hw::encode(*m).error(), otawire::fail(errc::out_of_range, "services[].paras.task_ext_info"));
  // A 45-digit integer becomes a double that prints as another number: refused too.
  m = hw::decode_payload(p, R"({"services":[{"service_id":"$x","event_type":"y","paras":[864088888889888888888888888888888888888888880]}]})");
  ASSERT_TRUE(m);
  EXPECT_EQ(hw::encode(*m).error(), otawire::fail(errc::out_of_range, "services[].paras"));
  m = hw::decode_payload(p, R"({"services":[{"service_id":"$x","event_type":"y","paras":[0.5,1e300,-7]}]})");
  ASSERT_TRUE(m);
  EXPECT_TRUE(hw::encode(*m));
}

TEST(HuaweiDecode, AStringValueFollowedByAColonIsMalformed) {
  // Found by fuzz_huawei_differential: the fast path once skipped `"v":` as if it were a key.
  const std::string text = R"({"services":[{"service_id":"$ota","event_type":"version_report":"x","paras":{}}]})";
  otawire::json::parser p;
  auto fast = hw::decode_payload(p, text);
  boost::json::value storage;
  auto dom = hw::decode_payload_dom(text, storage);
  ASSERT_FALSE(fast);
  ASSERT_FALSE(dom);
  EXPECT_EQ(fast.error().code(), errc::malformed_json);
  EXPECT_EQ(dom.error().code(), errc::malformed_json);
}

// ---------------------------------------------------------------------------------------------
// Session rules

struct session_driver {
  otawire::json::parser p;
  hw::session s;
  hw::topic down_topic{"gw-1", otawire::direction::platform_to_device};
  hw::topic up_topic{"gw-1", otawire::direction::device_to_platform};

  otawire::result<void> down(const std::string& text) { return feed(down_topic, text); }
  otawire::result<void> up(const std::string& text) { return feed(up_topic, text); }
  otawire::result<void> feed(const hw::topic& t, const std::string& text) {
    auto m = hw::decode_payload(p, text);
    EXPECT_TRUE(m) << text;
    if (!m) return m.error();
    return s.on(t, *m);
  }
};

const std::string query = down("version_query", "null", R"(,"event_time":"20250710T024800Z")");
const std::string report = R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})";
const std::string notify = good_upgrade_with("");  // target 2.0
std::string progress_up(int code, std::optional<int> percent, std::string_view version) {
  std::string body = R"("result_code":)" + std::to_string(code) + R"(,"version":")" + std::string(version) + "\"";
  if (percent) body += R"(,"progress":)" + std::to_string(*percent);
  return R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{)" + body + "}}]}";
}

TEST(HuaweiSessionRules, Direction) {
  session_driver d;
  EXPECT_EQ(d.down(report).error(), otawire::violation(hw::rules::direction, hw::session_state::idle));
  EXPECT_EQ(d.up(query).error(), otawire::violation(hw::rules::direction, hw::session_state::idle));
}

TEST(HuaweiSessionRules, ProgressWithoutUpgrade) {
  session_driver d;
  EXPECT_EQ(d.up(progress_up(0, 10, "1.0")).error(), otawire::violation(hw::rules::progress_without_upgrade, hw::session_state::idle));
  ASSERT_TRUE(d.down(notify));
  ASSERT_TRUE(d.up(progress_up(0, std::nullopt, "2.0")));
  EXPECT_EQ(d.up(progress_up(0, 100, "2.0")).error(), otawire::violation(hw::rules::progress_without_upgrade, hw::session_state::succeeded));
}

TEST(HuaweiSessionRules, UpgradeWhileUpgrading) {
  session_driver d;
  ASSERT_TRUE(d.down(notify));
  EXPECT_EQ(d.down(notify).error(), otawire::violation(hw::rules::upgrade_while_upgrading, hw::session_state::notified));
  ASSERT_TRUE(d.up(progress_up(0, 30, "1.0")));
  EXPECT_EQ(d.down(notify).error(), otawire::violation(hw::rules::upgrade_while_upgrading, hw::session_state::downloading));
}

TEST(HuaweiSessionRules, UpgradeBeforeVersionReport) {
  session_driver d;
  ASSERT_TRUE(d.down(query));
  EXPECT_EQ(d.down(notify).error(), otawire::violation(hw::rules::upgrade_before_version_report, hw::session_state::queried));
  ASSERT_TRUE(d.up(report));
  EXPECT_TRUE(d.down(notify));
}

TEST(HuaweiSessionRules, SuccessOnlyWithTheTargetVersion) {
  session_driver d;
  ASSERT_TRUE(d.down(notify));
  ASSERT_TRUE(d.up(progress_up(0, 50, "1.0")));  // in progress: the current (old) version
  EXPECT_TRUE(d.up(progress_up(0, 100, "2.0")));
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::succeeded);
  EXPECT_FALSE(d.s.find("gw-1")->other_version_reported);
}

// A device that rolls back reports success-shaped with its old version (§A.8 rule 2: the platform
// counts it as failed). That is the upgrade's outcome, not a violation, and the next task is
// accepted (issue 12 item 12's reasoning, applied to Huawei). The exact messages, decoded.
TEST(HuaweiSessionLeniency, SuccessReportWithAnotherVersionIsAFailedUpgradeAndTheNextTaskIsAccepted) {
  for (const char* final_report :
       {R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1.0","progress":100}}]})",
        R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.00"}}]})"}) {
    session_driver d;
    ASSERT_TRUE(d.up(R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})"));
    ASSERT_TRUE(d.down(
        R"({"services":[{"service_id":"$ota","event_type":"firmware_upgrade","paras":{"version":"2.0","url":"https://h/p","file_size":30720,"sign":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}}]})"));
    ASSERT_TRUE(d.up(R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1.0","progress":50}}]})"));
    ASSERT_TRUE(d.up(final_report)) << final_report;
    EXPECT_EQ(d.s.state("gw-1"), hw::session_state::failed) << final_report;
    ASSERT_NE(d.s.find("gw-1"), nullptr);
    EXPECT_TRUE(d.s.find("gw-1")->other_version_reported);
    // The rolled-back device boots on its old version; the platform offers the next task.
    ASSERT_TRUE(d.up(R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})"));
    ASSERT_TRUE(d.down(
        R"({"services":[{"service_id":"$ota","event_type":"firmware_upgrade","paras":{"version":"2.0.1","url":"https://h/p2","file_size":30720,"sign":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}}]})"));
    EXPECT_FALSE(d.s.find("gw-1")->other_version_reported);
    ASSERT_TRUE(d.up(R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"1.0","progress":10}}]})"));
    EXPECT_TRUE(d.up(R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.0.1","progress":100}}]})"));
    EXPECT_EQ(d.s.state("gw-1"), hw::session_state::succeeded);
  }
}

TEST(HuaweiSessionLeniency, RefusalsBeforeDownloadAndFailuresAfter) {
  for (int code : {1, 2, 3, 4, 5, 8, 9}) {
    session_driver d;
    ASSERT_TRUE(d.down(notify));
    ASSERT_TRUE(d.up(progress_up(code, 0, "1.0")));
    EXPECT_EQ(d.s.state("gw-1"), hw::session_state::refused) << code;
    EXPECT_TRUE(d.down(notify)) << "a new task may follow a refusal";
  }
  for (int code : {6, 7, 10, 255, 1000}) {
    session_driver d;
    ASSERT_TRUE(d.down(notify));
    ASSERT_TRUE(d.up(progress_up(code, std::nullopt, "1.0")));
    EXPECT_EQ(d.s.state("gw-1"), hw::session_state::failed) << code;
  }
  session_driver d;
  ASSERT_TRUE(d.down(notify));
  ASSERT_TRUE(d.up(progress_up(0, 20, "1.0")));
  ASSERT_TRUE(d.up(progress_up(5, 20, "1.0")));  // out of space mid-download: a failure, not a refusal
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::failed);
}

TEST(HuaweiSessionLeniency, UnsolicitedReportsQueriesDuringUpgradeAndOtherServices) {
  session_driver d;
  ASSERT_TRUE(d.up(report));  // on boot, unasked
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::reported);
  ASSERT_TRUE(d.down(notify));
  ASSERT_TRUE(d.down(query));
  ASSERT_TRUE(d.up(report));
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::notified);
  ASSERT_TRUE(d.down(R"({"services":[{"service_id":"$time_sync","event_type":"time_sync_response","paras":{}}]})"));
  ASSERT_TRUE(d.up(progress_up(0, std::nullopt, "2.0")));
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::succeeded);
}

TEST(HuaweiSessionLeniency, ChildDevicesHaveTheirOwnState) {
  session_driver d;
  const std::string child_notify =
      R"({"object_device_id":"child-1",)" + good_upgrade_with("").substr(1);
  ASSERT_TRUE(d.down(child_notify));
  EXPECT_EQ(d.s.state("child-1"), hw::session_state::notified);
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::idle);
  // The gateway's own progress report is not the child's.
  EXPECT_EQ(d.up(progress_up(0, 100, "2.0")).error(), otawire::violation(hw::rules::progress_without_upgrade, hw::session_state::idle));
  const std::string child_done = R"({"object_device_id":"child-1",)" + progress_up(0, 100, "2.0").substr(1);
  ASSERT_TRUE(d.up(child_done));
  EXPECT_EQ(d.s.state("child-1"), hw::session_state::succeeded);
  // object_device_id equal to the topic's device is the device itself.
  ASSERT_TRUE(d.down(R"({"object_device_id":"gw-1",)" + notify.substr(1)));
  EXPECT_EQ(d.s.state("gw-1"), hw::session_state::notified);
  EXPECT_EQ(d.s.device_count(), 2u);
}

// An error inside services[] names the element (issue 13 item 4), on both backends and in the
// second pass (paras before event_type).
TEST(HuaweiDecodeRejects, ErrorsInsideServicesNameTheElement) {
  const struct {
    std::string text;
    errc code;
    std::string_view where;
    std::size_t index;
  } cases[] = {
      {R"({"services":[{"service_id":"x","event_type":"a"},{"service_id":"x","event_type":"a"},{"event_type":"version_query"}]})",
       errc::missing_field, "services[].service_id", 2},
      {R"({"services":[{"service_id":"x","event_type":"a"},"$ota"]})", errc::wrong_type, "services[]", 1},
      {R"({"services":[{"service_id":"x","event_type":"a"},{"service_id":"$ota","paras":{"progress":"x"},"event_type":"upgrade_progress_report"}]})",
       errc::wrong_type, "services[].paras.progress", 1},
  };
  otawire::json::parser p;
  for (const auto& c : cases) {
    auto fast = hw::decode_payload(p, c.text);
    boost::json::value storage;
    auto dom = hw::decode_payload_dom(c.text, storage);
    ASSERT_FALSE(fast) << c.text;
    ASSERT_FALSE(dom) << c.text;
    EXPECT_EQ(fast.error().code(), c.code) << c.text << ": " << otawire::describe(fast.error());
    EXPECT_EQ(fast.error().where(), c.where) << c.text;
    EXPECT_EQ(fast.error().index(), c.index) << c.text;
    EXPECT_EQ(dom.error().where(), c.where) << c.text;
    EXPECT_EQ(dom.error().index(), c.index) << c.text;
  }
  EXPECT_EQ(otawire::describe(hw::decode_payload(p, cases[0].text).error()).substr(0, 44),
            "missing_field at services[2].service_id (byt");
}

}  // namespace

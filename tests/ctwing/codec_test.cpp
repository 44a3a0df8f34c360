// CTWing codec: topics, acceptance rules, errors (kind, path, offset) in both decoders, encoding.
#include "ctwing/test_util.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/topic.hpp>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <simdjson.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace cw = otawire::ctwing;
using otawire::errc;
using otawire::test::ctwing::decode_both;
using otawire::test::ctwing::expect_rejected_by_both;

// --- topics ---------------------------------------------------------------------------------------

TEST(CtwingTopic, BothSpellingsOfEachTopicAreAccepted) {
  EXPECT_EQ(cw::parse_topic("/ota/inform"), cw::topic::inform);
  EXPECT_EQ(cw::parse_topic("ota/inform"), cw::topic::inform);
  EXPECT_EQ(cw::parse_topic("/ota/upgrade"), cw::topic::upgrade);
  EXPECT_EQ(cw::parse_topic("ota/upgrade"), cw::topic::upgrade);  // what [C2] subscribes to
  EXPECT_EQ(cw::parse_topic("/ota/progress"), cw::topic::progress);
  EXPECT_EQ(cw::parse_topic("ota/progress"), cw::topic::progress);
}

TEST(CtwingTopic, AnythingElseIsAnUnknownTopic) {
  for (const char* t : {"", "/", "ota", "/ota/", "//ota/inform", "/ota/upgrade_reply", "x/ota/upgrade", "/OTA/inform",
                        "/ota/inform/", "/ota/device/inform", " /ota/inform"}) {
    auto r = cw::parse_topic(t);
    ASSERT_FALSE(r) << t;
    EXPECT_EQ(r.error().code(), errc::unknown_message) << t;
    EXPECT_EQ(r.error().where(), "topic") << t;
  }
  // The offset is the first byte that matches none of the three (json/fields.hpp's topic rule).
  EXPECT_EQ(cw::parse_topic("/ota/rollback").error().offset(), 5u);
  EXPECT_EQ(cw::parse_topic("ota/upgradeX").error().offset(), 11u);
  EXPECT_EQ(cw::parse_topic("/ota/inform/").error().offset(), 11u);
  EXPECT_EQ(cw::parse_topic("//ota/inform").error().offset(), 1u);
  EXPECT_EQ(cw::parse_topic("x/ota/upgrade").error().offset(), 0u);
}

TEST(CtwingTopic, FormattedWithTheLeadingSlashAndRoundTrips) {
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) {
    EXPECT_TRUE(cw::format_topic(t).value().starts_with("/ota/"));
    EXPECT_EQ(cw::parse_topic(cw::format_topic(t).value()), t);
  }
  static_assert(cw::direction_of(cw::topic::upgrade) == otawire::direction::platform_to_device);
  static_assert(cw::direction_of(cw::topic::progress) == otawire::direction::device_to_platform);
  static_assert(cw::parse_topic("ota/progress").value() == cw::topic::progress);
  static_assert(cw::formatted_size(cw::topic::upgrade) == std::string_view("/ota/upgrade").size());
  std::array<char, 11> short_buffer{};  // "/ota/upgrade" is 12
  EXPECT_EQ(cw::format_topic(cw::topic::upgrade, short_buffer).error().code(), errc::buffer_too_small);
  EXPECT_EQ(cw::format_topic(cw::topic::inform, short_buffer).value(), 11u);  // "/ota/inform" fits exactly
}

TEST(CtwingTopic, DecodeByTopicNameDispatches) {
  otawire::json::parser d;
  auto e = cw::decode(d, otawire::mqtt_publish{"ota/progress", R"({"taskId":7,"params":{"step":3}})"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->topic, cw::topic::progress);
  ASSERT_TRUE(std::holds_alternative<cw::progress>(e->message));
  EXPECT_EQ(cw::topic_of(e->message), cw::topic::progress);
  auto bad = cw::decode(d, otawire::mqtt_publish{"/ota/progres", R"({"taskId":7,"params":{"step":3}})"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), errc::unknown_message);
  EXPECT_EQ(bad.error().where(), "topic");
  const boost::json::value value = boost::json::parse(R"({"taskId":-1,"params":{"version":"1"}})");
  auto dom = cw::decode_dom("/ota/inform", value);
  ASSERT_TRUE(dom);
  EXPECT_EQ(cw::topic_of(dom->message), cw::topic::inform);
}

// --- leniency ---------------------------------------------------------------------------------------

TEST(CtwingDecode, KeysInAnyOrderUnknownKeysIgnored) {
  const auto m = decode_both<cw::upgrade>(
      cw::topic::upgrade,
      R"({"extra":{"deep":[1,{"x":null}]},"payload":{"module":"MCU","token":"t","md5":"93230C3BDE425A9D7984A594AC55EA1E",)"
      R"("signMethod":"Md5","url":"https://h/f/1","version":"2","size":0},"taskId":0})");
  EXPECT_EQ(m.task_id, 0);
  EXPECT_EQ(m.size, 0);
  EXPECT_EQ(m.md5, "93230C3BDE425A9D7984A594AC55EA1E");
  EXPECT_EQ(m.token, "t");
}

TEST(CtwingDecode, StepAsNumberOrNumericString) {
  EXPECT_EQ(decode_both<cw::progress>(cw::topic::progress, R"({"taskId":1,"params":{"step":-4}})").step, -4);
  EXPECT_EQ(decode_both<cw::progress>(cw::topic::progress, R"({"taskId":1,"params":{"step":"-3"}})").step, -3);
  EXPECT_EQ(decode_both<cw::progress>(cw::topic::progress, R"({"taskId":1,"params":{"step":"100"}})").step, 100);
}

TEST(CtwingDecode, ModuleAndDescAreOptional) {
  const auto i = decode_both<cw::inform>(cw::topic::inform, R"({"taskId":-1,"params":{"version":"1.0"}})");
  EXPECT_FALSE(i.module);
  const auto p = decode_both<cw::progress>(cw::topic::progress, R"({"taskId":1,"params":{"step":1}})");
  EXPECT_FALSE(p.desc);
  EXPECT_FALSE(p.module);
}

TEST(CtwingDecode, DuplicateKeysLastOneWinsInBothDecoders) {
  EXPECT_EQ(decode_both<cw::inform>(cw::topic::inform, R"({"taskId":5,"params":{"version":"1"},"taskId":-1})").task_id, -1);
  EXPECT_EQ(decode_both<cw::inform>(cw::topic::inform,
                                    R"({"taskId":-1,"params":{"version":"1"},"params":{"version":"2"}})")
                .version,
            "2");
  // A bad first occurrence is replaced by a good later one.
  EXPECT_EQ(decode_both<cw::progress>(cw::topic::progress, R"({"taskId":1,"params":{"step":0},"params":{"step":9}})").step,
            9);
}

TEST(CtwingDecode, EscapedStringsAreUnescaped) {
  const auto p = decode_both<cw::progress>(cw::topic::progress,
                                           R"({"taskId":1,"params":{"step":2,"desc":"a\"b\\c\n\u5347\u7ea7"}})");
  EXPECT_EQ(p.desc, "a\"b\\c\n升级");
}

TEST(CtwingDecode, ZeroCopyFromPaddedInput) {
  const simdjson::padded_string text(std::string_view(R"({"taskId":3,"params":{"step":40,"module":"MCU"}})"));
  otawire::json::parser d;
  auto m = cw::decode_payload(d, cw::topic::progress, simdjson::padded_string_view(text));
  ASSERT_TRUE(m);
  EXPECT_EQ(std::get<cw::progress>(*m).step, 40);
  EXPECT_EQ(std::get<cw::progress>(*m).module, "MCU");
}

// --- errors -------------------------------------------------------------------------------------------

struct bad_case {
  cw::topic topic;
  const char* text;
  errc code;
  std::string_view where;
};

TEST(CtwingDecode, ErrorsNameKindAndPathInBothDecoders) {
  using cw::topic;
  const std::vector<bad_case> cases{
      // inform
      {topic::inform, R"({"params":{"version":"1"}})", errc::missing_field, "taskId"},
      {topic::inform, R"({"taskId":-1})", errc::missing_field, "params"},
      {topic::inform, R"({"taskId":-1,"params":{"module":"MCU"}})", errc::missing_field, "params.version"},
      {topic::inform, R"({"taskId":-1,"params":{"version":""}})", errc::invalid_value, "params.version"},
      {topic::inform, R"({"taskId":-1,"params":{"version":101}})", errc::wrong_type, "params.version"},
      {topic::inform, R"({"taskId":-1,"params":{"version":"1","module":null}})", errc::wrong_type, "params.module"},
      {topic::inform, R"({"taskId":-1,"params":["1"]})", errc::wrong_type, "params"},
      {topic::inform, R"({"taskId":-2,"params":{"version":"1"}})", errc::out_of_range, "taskId"},
      {topic::inform, R"({"taskId":2147483648,"params":{"version":"1"}})", errc::out_of_range, "taskId"},
      {topic::inform, R"({"taskId":99999999999999999999,"params":{"version":"1"}})", errc::out_of_range, "taskId"},
      {topic::inform, R"({"taskId":"-1","params":{"version":"1"}})", errc::wrong_type, "taskId"},
      {topic::inform, R"({"taskId":1.0,"params":{"version":"1"}})", errc::wrong_type, "taskId"},
      {topic::inform, R"([{"taskId":-1}])", errc::wrong_type, ""},
      {topic::inform, R"("taskId")", errc::wrong_type, ""},
      // upgrade
      {topic::upgrade, R"({"taskId":1})", errc::missing_field, "payload"},
      {topic::upgrade, R"({"taskId":-1,"payload":{"size":1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::out_of_range, "taskId"},
      {topic::upgrade, R"({"taskId":1,"payload":{"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::missing_field, "payload.size"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::missing_field, "payload.version"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::missing_field, "payload.url"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","token":"t"}})", errc::missing_field, "payload.md5"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e"}})", errc::missing_field, "payload.token"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":-1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::out_of_range, "payload.size"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":"1","version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::wrong_type, "payload.size"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::invalid_value, "payload.url"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1","token":"t"}})", errc::bad_string, "payload.md5"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"g3230c3bde425a9d7984a594ac55ea1e","token":"t"}})", errc::bad_string, "payload.md5"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":7}})", errc::wrong_type, "payload.token"},
      {topic::upgrade, R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"t","module":[]}})", errc::wrong_type, "payload.module"},
      // progress
      {topic::progress, R"({"taskId":1,"params":{}})", errc::missing_field, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":0}})", errc::out_of_range, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":101}})", errc::out_of_range, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":-5}})", errc::out_of_range, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":"0"}})", errc::out_of_range, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":"5x"}})", errc::invalid_value, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":""}})", errc::invalid_value, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":5.0}})", errc::wrong_type, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":true}})", errc::wrong_type, "params.step"},
      {topic::progress, R"({"taskId":1,"params":{"step":5,"desc":5}})", errc::wrong_type, "params.desc"},
      {topic::progress, R"({"taskId":-1,"params":{"step":5}})", errc::out_of_range, "taskId"},
      {topic::progress, R"({"params":{"step":5}})", errc::missing_field, "taskId"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto e = expect_rejected_by_both(c.topic, c.text, c.code);
    EXPECT_EQ(e.where(), c.where);
  }
}

TEST(CtwingDecode, MalformedJsonIsRejectedByBothAtTheSameByte) {
  const std::vector<std::string> cases{
      R"({"taskId":-1,"params":{"version":"1"}} x)", R"({"taskId":-1,"params":{"version":"1"})",
      R"({"taskId":-1,"params":{"version":"1",}})", R"({"taskId":-1 "params":{"version":"1"}})",
      R"({"taskId":-1,"params":{"version":"1"},"junk":[1,2,}})", R"({"taskId":01,"params":{"version":"1"}})",
      R"({'taskId':-1})", "", "   "};
  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    const auto e = expect_rejected_by_both(cw::topic::inform, text, errc::malformed_json);
    EXPECT_TRUE(e.has_offset());
  }
}

TEST(CtwingDecode, FastPathErrorsCarryTheValueOffset) {
  const std::string text = R"({"taskId":1,"params":{"desc":"x","step":101}})";
  otawire::json::parser d;
  auto r = cw::decode_payload(d, cw::topic::progress, text);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "params.step");
  EXPECT_EQ(r.error().offset(), text.find("101"));
  const std::string md5 = R"({"taskId":1,"payload":{"size":1,"version":"2","url":"https://u","md5":"xyz","token":"t"}})";
  auto u = cw::decode_payload(d, cw::topic::upgrade, md5);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().offset(), md5.find("\"xyz\""));
}

// --- Boost.JSON conversions -----------------------------------------------------------------------------

TEST(CtwingDom, ValueToAndTryValueTo) {
  const auto jv = boost::json::parse(R"({"taskId":9,"params":{"step":"77","desc":"d"}})");
  const auto p = boost::json::value_to<cw::progress>(jv);
  EXPECT_EQ(p.task_id, 9);
  EXPECT_EQ(p.step, 77);
  EXPECT_EQ(p.desc, "d");
  const auto bad = boost::json::parse(R"({"taskId":9,"params":{"step":0}})");
  auto r = boost::json::try_value_to<cw::progress>(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), boost::system::error_code(otawire::make_error_code(errc::out_of_range)));
  EXPECT_THROW((void)boost::json::value_to<cw::progress>(bad), boost::system::system_error);
  auto d = cw::decode_dom<cw::progress>(bad);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().where(), "params.step");
  EXPECT_FALSE(d.error().has_offset());
}

TEST(CtwingDom, ValueFromWritesTheSendersKeyOrder) {
  const cw::upgrade u{1, 432945, "2.0.0", "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589",
                      "93230c3bde425a9d7984a594ac55ea1e", "token", "MCU"};
  EXPECT_EQ(boost::json::serialize(boost::json::value_from(u)),
            R"({"taskId":1,"payload":{"size":432945,"version":"2.0.0","url":"https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589","md5":"93230c3bde425a9d7984a594ac55ea1e","token":"token","module":"MCU"}})");
  const cw::inform i{cw::no_task, "1.0.1", "MCU"};
  EXPECT_EQ(boost::json::serialize(boost::json::value_from(i)), R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})");
}

// --- encoding checks ----------------------------------------------------------------------------------------

TEST(CtwingEncode, RefusesWhatTheDecodersWouldRefuse) {
  struct encode_case {
    cw::message m;
    errc code;
    std::string_view where;
  };
  const std::string bad_utf8("\xC3\x28", 2);
  const std::vector<encode_case> cases{
      {cw::inform{-2, "1", {}}, errc::out_of_range, "taskId"},
      {cw::inform{-1, "", {}}, errc::invalid_value, "params.version"},
      {cw::inform{-1, "1", std::string_view(bad_utf8)}, errc::bad_string, "params.module"},
      {cw::upgrade{1, -1, "2", "u", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}, errc::out_of_range, "payload.size"},
      {cw::upgrade{1, 1, "2", "https://x", "93230c3bde", "t", {}}, errc::bad_string, "payload.md5"},
      {cw::upgrade{1, 1, "2", "", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}, errc::invalid_value, "payload.url"},
      {cw::upgrade{1, 1, "2", "u", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}, errc::invalid_value, "payload.url"},
      {cw::upgrade{cw::no_task, 1, "2", "u", "93230c3bde425a9d7984a594ac55ea1e", "t", {}}, errc::out_of_range, "taskId"},
      {cw::progress{1, 0, {}, {}}, errc::out_of_range, "params.step"},
      {cw::progress{cw::max_task_id + 1, 5, {}, {}}, errc::out_of_range, "taskId"},
      {cw::progress{1, 5, std::string_view(bad_utf8), {}}, errc::bad_string, "params.desc"},
  };
  for (const auto& c : cases) {
    auto r = cw::encode(c.m);
    ASSERT_FALSE(r) << c.where;
    EXPECT_EQ(r.error().code(), c.code) << c.where;
    EXPECT_EQ(r.error().where(), c.where);
  }
}

TEST(CtwingEncode, EscapesAndDecodesBack) {
  const std::string desc = std::string("quote \" backslash \\ newline \n nul ") + '\0' + " 烧写";
  const cw::progress q{42, 60, std::string_view(desc), "MCU"};
  auto text = cw::encode(q);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find('\n'), std::string::npos);  // control characters are escaped
  const auto back = decode_both<cw::progress>(cw::topic::progress, *text);
  EXPECT_EQ(back, q);
}

}  // namespace

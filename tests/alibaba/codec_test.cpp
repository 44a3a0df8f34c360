// Decoder rules beyond the examples: lenient forms, errors with JSON path, kind and offset in both
// decoders, topics, and no allocation per message in steady state.
#include "alibaba/spec_examples.hpp"
#include "support/alibaba_oracle.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/alibaba.hpp>

#include <gtest/gtest.h>

#include <array>

#include <string>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;
using otawire::errc;

TEST(AlibabaTopic, ParsesEveryTopicForm) {
  struct c {
    std::string_view text;
    ab::topic_kind kind;
  };
  for (const auto& [text, kind] : {c{"/ota/device/inform/a1pk/dev", ab::topic_kind::inform},
                                   c{"/ota/device/upgrade/a1pk/dev", ab::topic_kind::upgrade},
                                   c{"/ota/device/progress/a1pk/dev", ab::topic_kind::progress},
                                   c{"/ota/device/request/a1pk/dev", ab::topic_kind::request},
                                   c{"/sys/a1pk/dev/thing/ota/firmware/get", ab::topic_kind::firmware_get},
                                   c{"/sys/a1pk/dev/thing/ota/firmware/get_reply", ab::topic_kind::firmware_get_reply}}) {
    auto t = ab::parse_topic(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(t->kind, kind) << text;
    EXPECT_EQ(t->product_key, "a1pk");
    EXPECT_EQ(t->device_name, "dev");
    EXPECT_EQ(t->identity(), (otawire::device_identity{"a1pk", "dev", {}})) << text;
    EXPECT_EQ(ab::format_topic(*t).value(), text);
    EXPECT_EQ(ab::formatted_size(*t), text.size());
  }
  // Formatting applies json/fields.hpp's topic rule too, with offsets into the text it would write.
  EXPECT_EQ(ab::format_topic(ab::topic{ab::topic_kind::inform, "a/b", "dn"}).error(),
            otawire::fail(errc::bad_string, "topic.product_key", 20));
  EXPECT_EQ(ab::format_topic(ab::topic{ab::topic_kind::firmware_get, "pk", ""}).error(),
            otawire::fail(errc::missing_field, "topic.device_name", 8));
  std::array<char, 8> small{};
  EXPECT_EQ(ab::format_topic(ab::topic{ab::topic_kind::inform, "pk", "dn"}, small).error().code(), errc::buffer_too_small);
  static_assert(ab::parse_topic("/ota/device/inform/pk/dn").value().device_name == "dn");
  EXPECT_EQ(ab::direction_of(ab::topic_kind::upgrade), otawire::direction::platform_to_device);
  EXPECT_EQ(ab::direction_of(ab::topic_kind::firmware_get_reply), otawire::direction::platform_to_device);
  EXPECT_EQ(ab::direction_of(ab::topic_kind::progress), otawire::direction::device_to_platform);
}

TEST(AlibabaTopic, RejectsOtherTopicsWithWhereAndOffset) {
  struct c {
    std::string_view text;
    errc code;
    std::string_view where;
    std::size_t offset;
  };
  for (const auto& e : {c{"/ota/device/download/pk/dn", errc::unknown_message, "topic", 12},
                        c{"/ota/device/inform/pk", errc::unknown_message, "topic", 21},
                        c{"/ota/device/inform//dn", errc::missing_field, "topic.product_key", 19},
                        c{"/ota/device/inform/pk/", errc::missing_field, "topic.device_name", 22},
                        c{"/ota/device/inform/pk/+", errc::bad_string, "topic.device_name", 22},
                        c{"/ota/device/inform/pk/dn/x", errc::bad_string, "topic.device_name", 24},
                        c{"/sys/pk/dn/thing/ota/firmware/put", errc::unknown_message, "topic", 33},
                        c{"/sys/pk/thing/ota/firmware/get", errc::unknown_message, "topic", 7},
                        c{"ota/device/inform/pk/dn", errc::unknown_message, "topic", 0}}) {
    auto t = ab::parse_topic(e.text);
    ASSERT_FALSE(t) << e.text;
    EXPECT_EQ(t.error().code(), e.code) << e.text;
    EXPECT_EQ(t.error().where(), e.where) << e.text;
    EXPECT_EQ(t.error().offset(), e.offset) << e.text;
  }
  otawire::json::parser p;
  auto m = ab::decode(p, otawire::mqtt_publish{"/ota/device/nope/pk/dn", iotkit3_inform});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().where(), "topic");
}

TEST(AlibabaTopic, EveryMessageTypeNamesItsTopic) {
  EXPECT_EQ(ab::topic_of(ab::message{ab::inform{}}), ab::topic_kind::inform);
  EXPECT_EQ(ab::topic_of(ab::message{ab::upgrade{}}), ab::topic_kind::upgrade);
  EXPECT_EQ(ab::topic_of(ab::message{ab::progress{}}), ab::topic_kind::progress);
  EXPECT_EQ(ab::topic_of(ab::message{ab::firmware_get{}}), ab::topic_kind::firmware_get);
  EXPECT_EQ(ab::topic_of(ab::message{ab::firmware_get_reply{}}), ab::topic_kind::firmware_get_reply);
  EXPECT_EQ(ab::topic_of(ab::message{ab::version_request{}}), ab::topic_kind::request);
}

TEST(AlibabaCodec, LenientForms) {
  otawire::json::parser p;
  const auto decode = [&](ab::topic_kind k, std::string_view text) {
    auto m = ab::decode_payload(p, topic_for(k), text);
    EXPECT_TRUE(m) << text << " " << (m ? "" : std::string(otawire::name(m.error().code())) + " " + std::string(m.error().where()));
    EXPECT_EQ(differential(p, k, text), "") << text;
    return m ? *m : ab::message{};
  };
  // step as a number as well as a string; both ends of the range.
  EXPECT_EQ(std::get<ab::progress>(decode(ab::topic_kind::progress, R"({"id":1,"params":{"step":-4}})")).step, -4);
  EXPECT_EQ(std::get<ab::progress>(decode(ab::topic_kind::progress, R"({"id":1,"params":{"step":"100"}})")).step, 100);
  // signMethod in any case.
  for (const char* method : {"md5", "MD5", "Md5", "mD5"}) {
    const std::string text = std::string(R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","sign":"93230c3bde425a9d7984a594ac55ea1e","signMethod":")") + method + R"("}})";
    EXPECT_EQ(std::get<ab::upgrade>(decode(ab::topic_kind::upgrade, text)).data.sign_method, ab::digest_algorithm::md5) << method;
  }
  for (const char* method : {"SHA256", "Sha256", "sha256"}) {
    const std::string text = std::string(R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5","signMethod":")") + method + R"("}})";
    EXPECT_EQ(std::get<ab::upgrade>(decode(ab::topic_kind::upgrade, text)).data.sign_method, ab::digest_algorithm::sha256) << method;
  }
  // code 1000 as a number, isDiff as a string, params of the pull request null or absent.
  EXPECT_TRUE(std::get<ab::upgrade>(decode(ab::topic_kind::upgrade, R"({"code":1000,"id":1,"data":{"size":1,"version":"1","url":"https://u","isDiff":"1"}})")).data.is_diff);
  EXPECT_EQ(std::get<ab::firmware_get>(decode(ab::topic_kind::firmware_get, R"({"id":1,"params":null})")).module_name(), "default");
  EXPECT_EQ(std::get<ab::firmware_get>(decode(ab::topic_kind::firmware_get, R"({"id":1})")).module_name(), "default");
  // Unknown keys anywhere are skipped; the largest id the platform sends (a ms timestamp) fits.
  const auto unknown = decode(ab::topic_kind::inform, R"({"x":[1,{"y":null}],"id":"4294967295","params":{"version":"v","z":true}})");
  EXPECT_EQ(std::get<ab::inform>(unknown).id.value, 4294967295);
  // Multi-file package: no top-level url needed, one url per file.
  const auto files = std::get<ab::upgrade>(decode(ab::topic_kind::upgrade,
      R"({"code":"1000","id":1,"data":{"size":3,"version":"2","signMethod":"SHA256","files":[{"fileName":"a.bin","fileSize":1,"fileUrl":"https://a","fileSign":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},{"fileName":"b.bin","fileSize":2,"fileUrl":"https://b"}]}})"));
  ASSERT_EQ(files.data.files().size(), 2u);
  EXPECT_EQ(files.data.files()[0].name, std::optional<std::string_view>("a.bin"));
  EXPECT_EQ(files.data.files()[1].size, std::optional<std::uint64_t>(2));
  EXPECT_FALSE(files.data.files()[1].sign);
  // Escaped keys are the keys they spell.
  EXPECT_EQ(std::get<ab::inform>(decode(ab::topic_kind::inform, R"({"\u0069d":7,"par\u0061ms":{"version":"1"}})")).id.value, 7);
  // -0 is 0 for both decoders (Boost.JSON reads it as int64 0).
  EXPECT_EQ(std::get<ab::upgrade>(decode(ab::topic_kind::upgrade, R"({"code":"1000","id":-0,"data":{"size":-0,"version":"1","url":"https://u"}})")).data.size, 0u);
  // Duplicate keys: the last one wins, in both decoders.
  EXPECT_EQ(std::get<ab::inform>(decode(ab::topic_kind::inform, R"({"id":1,"params":{"version":5},"params":{"version":"9"}})")).version, "9");
}

struct bad_case {
  ab::topic_kind kind;
  std::string_view text;
  errc code;
  std::string_view where;
};

TEST(AlibabaCodec, ErrorsNamePathAndKindInBothDecoders) {
  using k = ab::topic_kind;
  const bad_case cases[] = {
      {k::inform, R"({"params":{"version":"1"}})", errc::missing_field, "id"},
      {k::inform, R"({"id":1})", errc::missing_field, "params"},
      {k::inform, R"({"id":1,"params":{}})", errc::missing_field, "params.version"},
      {k::inform, R"({"id":1,"params":{"version":""}})", errc::bad_length, "params.version"},
      {k::inform, R"({"id":1,"params":{"version":"12345678901234567890123456789012345678901234567890123456789012345"}})", errc::bad_length, "params.version"},
      {k::inform, R"({"id":1,"params":{"version":1.0}})", errc::wrong_type, "params.version"},
      {k::inform, R"({"id":1,"params":{"version":"1","module":7}})", errc::wrong_type, "params.module"},
      {k::inform, R"({"id":"12a","params":{"version":"1"}})", errc::invalid_value, "id"},
      {k::inform, R"({"id":-1,"params":{"version":"1"}})", errc::out_of_range, "id"},
      {k::inform, R"({"id":1.5,"params":{"version":"1"}})", errc::wrong_type, "id"},
      {k::inform, R"({"id":true,"params":{"version":"1"}})", errc::wrong_type, "id"},
      {k::inform, R"({"id":1,"params":[]})", errc::wrong_type, "params"},
      {k::inform, R"(["id"])", errc::wrong_type, ""},
      {k::progress, R"({"id":1,"params":{"desc":""}})", errc::missing_field, "params.step"},
      {k::progress, R"({"id":1,"params":{"step":"101"}})", errc::out_of_range, "params.step"},
      {k::progress, R"({"id":1,"params":{"step":-5}})", errc::out_of_range, "params.step"},
      {k::progress, R"({"id":1,"params":{"step":"5%"}})", errc::invalid_value, "params.step"},
      {k::progress, R"({"id":1,"params":{"step":50.5}})", errc::wrong_type, "params.step"},
      {k::progress, R"({"id":1,"params":{"step":"50","desc":null}})", errc::wrong_type, "params.desc"},
      {k::upgrade, R"({"code":"1000","id":1})", errc::missing_field, "data"},
      {k::upgrade, R"({"code":"x","id":1,"data":{"size":1,"version":"1","url":"https://u"}})", errc::invalid_value, "code"},
      {k::upgrade, R"({"code":true,"id":1,"data":{"size":1,"version":"1","url":"https://u"}})", errc::wrong_type, "code"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"version":"1","url":"https://u"}})", errc::missing_field, "data.size"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"url":"https://u"}})", errc::missing_field, "data.version"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1"}})", errc::missing_field, "data.url"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":-1,"version":"1","url":"https://u"}})", errc::out_of_range, "data.size"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":"1","version":"1","url":"https://u"}})", errc::wrong_type, "data.size"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":9223372036854775808,"version":"1","url":"https://u"}})", errc::out_of_range, "data.size"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","signMethod":"SM3"}})", errc::invalid_value, "data.signMethod"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","isDiff":2}})", errc::out_of_range, "data.isDiff"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","extData":"k=v"}})", errc::wrong_type, "data.extData"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","dProtocol":"mqtt","streamFileId":1}})", errc::missing_field, "data.streamId"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","dProtocol":"mqtt","streamId":1}})", errc::missing_field, "data.streamFileId"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","files":[{"fileSize":"1"}]}})", errc::wrong_type, "data.files[].fileSize"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{"size":1,"version":"1","url":"https://u","files":[1]}})", errc::wrong_type, "data.files[]"},
      {k::upgrade, R"({"code":"1000","id":1,"data":{}})", errc::missing_field, "data.size"},
      {k::firmware_get, R"({"id":1,"params":{},"method":"thing.ota.firmware.put"})", errc::invalid_value, "method"},
      {k::firmware_get, R"({"id":1,"params":"MCU"})", errc::wrong_type, "params"},
      {k::firmware_get, R"({"params":{}})", errc::missing_field, "id"},
      {k::firmware_get_reply, R"({"id":"1","data":{}})", errc::missing_field, "code"},
      {k::firmware_get_reply, R"({"id":"1","code":200,"data":{"module":"MCU"}})", errc::missing_field, "data.size"},
      {k::firmware_get_reply, R"({"id":"1","code":200,"data":[]})", errc::wrong_type, "data"},
      {k::request, R"({"id":1})", errc::missing_field, "params"},
      {k::request, R"({"id":1,"data":{"size":1,"version":"1","url":"not a url"}})", errc::invalid_value, "data.url"},
  };
  otawire::json::parser p;
  for (const auto& c : cases) {
    auto a = ab::decode_payload(p, topic_for(c.kind), c.text);
    ASSERT_FALSE(a) << c.text;
    EXPECT_EQ(a.error().code(), c.code) << c.text << " got " << otawire::name(a.error().code()) << " at " << a.error().where();
    EXPECT_EQ(a.error().where(), c.where) << c.text;
    const auto v = otawire::json::parse_dom(c.text);
    ASSERT_TRUE(v) << c.text;
    auto b = ab::decode_payload_dom(topic_for(c.kind), *v);
    ASSERT_FALSE(b) << c.text;
    EXPECT_EQ(b.error().code(), c.code) << c.text << " (dom) got " << otawire::name(b.error().code());
    EXPECT_EQ(b.error().where(), c.where) << c.text << " (dom)";
  }
}

TEST(AlibabaCodec, FastPathErrorsCarryTheByteOffset) {
  otawire::json::parser p;
  const std::string text = R"({"id":1,"params":{"step":"101","desc":""}})";
  auto a = ab::decode_payload(p, topic_for(ab::topic_kind::progress), text);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().offset(), text.find("\"101\""));
}

TEST(AlibabaCodec, MoreThanTwentyFilesIsUnsupported) {
  std::string files;
  for (int i = 0; i < 21; ++i) files += std::string(i ? "," : "") + R"({"fileUrl":"https://f"})";
  const std::string text = R"({"code":"1000","id":1,"data":{"size":1,"version":"1","files":[)" + files + "]}}";
  otawire::json::parser p;
  auto a = ab::decode_payload(p, topic_for(ab::topic_kind::upgrade), text);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code(), errc::unsupported);
  EXPECT_EQ(a.error().where(), "data.files");
  EXPECT_EQ(differential(p, ab::topic_kind::upgrade, text), "");
}

TEST(AlibabaCodec, MalformedJsonAnywhereIsRejectedByBoth) {
  otawire::json::parser p;
  for (const char* text : {R"({"id":1,"params":{"version":"1"},"x":[tru]})", R"({"id":1,"params":{"version":"1"}} x)",
                           R"({"id":1,"params":{"version":"1"},})", "", R"({"id":01,"params":{"version":"1"}})",
                           "{\"id\":1,\"params\":{\"version\":\"\xC3\"}}"}) {
    auto a = ab::decode_payload(p, topic_for(ab::topic_kind::inform), text);
    ASSERT_FALSE(a) << text;
    EXPECT_EQ(a.error().code(), errc::malformed_json) << text;
    EXPECT_EQ(differential(p, ab::topic_kind::inform, text), "") << text;
  }
}

TEST(AlibabaCodec, SteadyStateDecodeAllocatesNothing) {
  otawire::json::parser p;
  ab::message m;
  // Warm-up sizes the parser's buffers for the largest message.
  for (const auto& e : spec_examples) {
    if (!e.masked_digest) {
      ASSERT_TRUE(ab::decode_payload_into(p, topic_for(e.kind), e.text, m)) << e.name;
    }
  }
  otawire::test::allocation_scope scope;
  for (int round = 0; round < 20; ++round) {
    for (const auto& e : spec_examples) {
      if (e.masked_digest) continue;
      auto r = ab::decode_payload_into(p, topic_for(e.kind), e.text, m);
      ASSERT_TRUE(r) << e.name;
    }
    auto whole = ab::decode(p, otawire::mqtt_publish{"/ota/device/upgrade/a1pk/dev", upgrade_https_doc});
    ASSERT_TRUE(whole);
  }
  EXPECT_EQ(scope.count(), 0u);
}

TEST(AlibabaCodec, ValidatorAllocatesNothingOnceItKnowsTheDevice) {
  otawire::json::parser p;
  ab::session v;
  const ab::topic inform_topic{ab::topic_kind::inform, "a1pk", "dev"};
  const ab::topic upgrade_topic{ab::topic_kind::upgrade, "a1pk", "dev"};
  const ab::topic progress_topic{ab::topic_kind::progress, "a1pk", "dev"};
  const auto push = ab::decode_payload(p, upgrade_topic, upgrade_oldest_doc).value();
  ASSERT_TRUE(v.on(inform_topic, ab::inform{{1, false}, "1.0.0", {}}));
  otawire::test::allocation_scope scope;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(v.on(upgrade_topic, push));
    ASSERT_TRUE(v.on(progress_topic, ab::progress{{2, false}, 50, "", {}}));
    ASSERT_TRUE(v.on(inform_topic, ab::inform{{3, false}, "2.0.0", {}}));
    ASSERT_TRUE(v.on(inform_topic, ab::inform{{4, false}, "1.0.0", {}}));
  }
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(v.size(), 1u);
}

// An error inside data.files[] names the element (issue 13 item 4), on both backends, and the
// fileSign check made after the walk names it too.
TEST(AlibabaCodec, ErrorsInsideFilesNameTheElement) {
  const struct {
    std::string text;
    errc code;
    std::string_view where;
    std::size_t index;
  } cases[] = {
      {R"({"code":"1000","id":1,"data":{"size":1,"version":"1","files":[{"fileName":"a"},{"fileName":"b"},{"fileSize":"1"}]}})",
       errc::wrong_type, "data.files[].fileSize", 2},
      {R"({"code":"1000","id":1,"data":{"size":1,"version":"1","files":[{"fileName":"a"},7]}})", errc::wrong_type,
       "data.files[]", 1},
      {R"({"code":"1000","id":1,"data":{"size":3,"version":"2","signMethod":"SHA256","files":[{"fileName":"a.bin","fileUrl":"https://a"},{"fileName":"b.bin","fileUrl":"https://b","fileSign":"zz"}]}})",
       errc::bad_string, "data.files[].fileSign", 1},
  };
  otawire::json::parser p;
  for (const auto& c : cases) {
    auto a = ab::decode_payload(p, topic_for(ab::topic_kind::upgrade), c.text);
    ASSERT_FALSE(a) << c.text;
    EXPECT_EQ(a.error().code(), c.code) << c.text << " got " << otawire::describe(a.error());
    EXPECT_EQ(a.error().where(), c.where) << c.text;
    EXPECT_EQ(a.error().index(), c.index) << c.text;
    const auto v = otawire::json::parse_dom(c.text);
    ASSERT_TRUE(v) << c.text;
    auto b = ab::decode_payload_dom(topic_for(ab::topic_kind::upgrade), *v);
    ASSERT_FALSE(b) << c.text;
    EXPECT_EQ(b.error().where(), c.where) << c.text << " (dom)";
    EXPECT_EQ(b.error().index(), c.index) << c.text << " (dom)";
  }
  auto a = ab::decode_payload(p, topic_for(ab::topic_kind::upgrade), cases[0].text);
  char where[64];
  EXPECT_EQ(std::string_view(where, otawire::format_where(a.error(), where)), "data.files[2].fileSize");
  // Outside any array: no index.
  auto top = ab::decode_payload(p, topic_for(ab::topic_kind::upgrade), R"({"code":"1000","id":1,"data":{"size":"x","version":"1"}})");
  ASSERT_FALSE(top);
  EXPECT_FALSE(top.error().has_index());
}

}  // namespace

// otawire::detect and otawire::decode_any: every spec topic is detected as its family, every
// family's formatted topic comes back with its identity, unknown and ambiguous topics are refused
// with their own errors, and decode_any gives exactly what the family's own decode gives.
#include <otawire/detect.hpp>

#include "alibaba/spec_examples.hpp"
#include "ctwing/spec_examples.hpp"
#include "huawei/spec_messages.hpp"
#include "detect/family_decode.hpp"
#include "jetlinks/doc_examples.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using otawire::detect;
using otawire::detected_topic;
using otawire::device_identity;
using otawire::family;
namespace ab = otawire::alibaba;
namespace cw = otawire::ctwing;
namespace hw = otawire::huawei;
namespace jl = otawire::jetlinks;
namespace tc = otawire::tencent;

// --- every topic of the spec -------------------------------------------------------------------

struct spec_topic {
  std::string_view text;
  family expected;
  device_identity device;
};

// The topic tables of the spec with their ${placeholders} filled in, and the concrete topics the
// spec quotes (json-messages.md §A.1, §B.1, §C.1, §C.4; huawei-alibaba-json.md §A.1, §A.4, §B.1).
constexpr std::array<spec_topic, 24> spec_topics{{
    // json-messages.md §A.1 (Tencent), sub-devices on the same topics.
    {"$ota/report/LWVUL5SZ2L/dev1", family::tencent, {"LWVUL5SZ2L", "dev1", {}}},
    {"$ota/update/LWVUL5SZ2L/dev1", family::tencent, {"LWVUL5SZ2L", "dev1", {}}},
    // json-messages.md §B.1 (CTWing): documented with the slash, [C2] subscribes without it.
    {"/ota/inform", family::ctwing, {}},
    {"/ota/upgrade", family::ctwing, {}},
    {"/ota/progress", family::ctwing, {}},
    {"ota/upgrade", family::ctwing, {}},
    // json-messages.md §C.1 (JetLinks): the eight suffixes, the gateway forms, and §C.4's example.
    {"/product1/device1/firmware/upgrade", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/upgrade/reply", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/upgrade/progress", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/pull", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/pull/reply", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/report", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/read", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/device1/firmware/read/reply", family::jetlinks, {"product1", "device1", {}}},
    {"/product1/gw1/child/child7/firmware/upgrade", family::jetlinks, {"product1", "gw1", "child7"}},
    {"/product1/gw1/child-reply/child7/firmware/upgrade/progress", family::jetlinks, {"product1", "gw1", "child7"}},
    // huawei-alibaba-json.md §A.1 (Huawei) and the two captured topics it quotes.
    {"$oc/devices/DN100_00000000/sys/events/up", family::huawei, {{}, "DN100_00000000", {}}},
    {"$oc/devices/68590ece7d33413cbac6c7c5_11111/sys/events/down", family::huawei, {{}, "68590ece7d33413cbac6c7c5_11111", {}}},
    // huawei-alibaba-json.md §B.1 (Alibaba), the six topics.
    {"/ota/device/inform/a1pk/dn1", family::alibaba, {"a1pk", "dn1", {}}},
    {"/ota/device/upgrade/a1pk/dn1", family::alibaba, {"a1pk", "dn1", {}}},
    {"/ota/device/progress/a1pk/dn1", family::alibaba, {"a1pk", "dn1", {}}},
    {"/ota/device/request/a1pk/dn1", family::alibaba, {"a1pk", "dn1", {}}},
    {"/sys/a1pk/dn1/thing/ota/firmware/get", family::alibaba, {"a1pk", "dn1", {}}},
    {"/sys/a1pk/dn1/thing/ota/firmware/get_reply", family::alibaba, {"a1pk", "dn1", {}}},
}};

TEST(Detect, EverySpecTopicIsItsFamily) {
  for (const auto& t : spec_topics) {
    const auto d = detect(t.text);
    ASSERT_TRUE(d.has_value()) << t.text << ": " << d.error().where();
    EXPECT_EQ(d->family, t.expected) << t.text;
    EXPECT_EQ(d->device, t.device) << t.text;
  }
  static_assert(detect("$ota/report/LWVUL5SZ2L/dev1")->family == family::tencent, "detect is constexpr");
}

TEST(Detect, MessageDeviceIsTheChildWhenTheTopicNamesOne) {
  EXPECT_EQ(detect("/p/gw/child/c1/firmware/report")->device.message_device(), "c1");
  EXPECT_EQ(detect("/p/dev/firmware/report")->device.message_device(), "dev");
}

// --- unknown and ambiguous topics --------------------------------------------------------------

TEST(Detect, UnknownTopicsNameNoFamily) {
  for (const std::string_view t : {"", "/", "foo", "$ota/report/p", "$ota/report//d", "/ota/informX", "ota/inform/x",
                                   "$oc/devices//sys/events/up", "$oc/devices/d/sys/events/sideways",
                                   "/p/d/firmware/push", "/ota/device/inform/pk", "/sys/pk/dn/thing/ota/firmware/set",
                                   "$ota/report/p/d+", "/p/d/child/c/child/c2/firmware/report"}) {
    const auto d = detect(t);
    ASSERT_FALSE(d.has_value()) << t;
    EXPECT_EQ(d.error().code(), otawire::errc::unknown_message) << t;
    EXPECT_EQ(d.error().where(), otawire::detect_error::no_family_matched) << t;
    EXPECT_EQ(d.error().offset(), 0U) << t;
  }
}

// Tencent `$ota/<dir>/<product>/<device>` read by JetLinks (the leading '/' is optional there) is
// product `$ota`, device `<dir>`, suffix `/<product>/<device>`: a JetLinks topic exactly when
// `/<product>/<device>` is one of its one-word firmware suffixes. Those eight topics are both.
TEST(Detect, TopicsOfTwoFamiliesAreRefusedAsAmbiguous) {
  std::size_t ambiguous = 0;
  for (const std::string_view dir : {"report", "update"}) {
    for (const std::string_view word : {"read", "report", "pull", "upgrade"}) {
      const std::string topic = "$ota/" + std::string(dir) + "/firmware/" + std::string(word);
      ASSERT_TRUE(tc::parse_topic(topic).has_value()) << topic;
      ASSERT_TRUE(jl::parse_topic(topic).has_value()) << topic;
      const auto d = detect(topic);
      ASSERT_FALSE(d.has_value()) << topic;
      EXPECT_EQ(d.error().code(), otawire::errc::invalid_value) << topic;
      EXPECT_EQ(d.error().where(), otawire::detect_error::several_families_matched) << topic;
      ++ambiguous;
    }
  }
  EXPECT_EQ(ambiguous, 8U);
  // One level more or less and only one family takes it.
  EXPECT_EQ(detect("$ota/report/firmware/report2")->family, family::tencent);
  EXPECT_EQ(detect("/$ota/report/firmware/report")->family, family::jetlinks);
}

// --- formatted topics come back with their identity ---------------------------------------------

// A topic level every family accepts: no '/', wildcard or control character; some UTF-8.
rc::Gen<std::string> level() {
  static const std::vector<std::string> pieces{"a", "Z", "0", "9", "_", "-", ".", ":", "@", "$", "é", "设备", "x1"};
  return rc::gen::map(rc::gen::resize(6, rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)))),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

// The formatted topic is detected as `f` with `id`, unless it is also another family's topic,
// which detect must then call ambiguous (TopicsOfTwoFamiliesAreRefusedAsAmbiguous lists them).
void expect_detected_back(const std::string& topic, family f, const device_identity& id) {
  const auto d = detect(topic);
  if (!d.has_value()) {
    RC_ASSERT(d.error().where() == otawire::detect_error::several_families_matched);
    return;
  }
  RC_ASSERT(d->family == f);
  RC_ASSERT(d->device == id);
}

RC_GTEST_PROP(DetectFormatted, Tencent, ()) {
  const auto product = *level();
  const auto device = *level();
  const auto kind = *rc::gen::element(tc::topic_kind::report, tc::topic_kind::update);
  const auto topic = tc::format_topic(tc::topic{kind, product, device});
  RC_ASSERT(topic.has_value());
  expect_detected_back(*topic, family::tencent, {product, device, {}});
}

RC_GTEST_PROP(DetectFormatted, Ctwing, ()) {
  const auto t = *rc::gen::element(cw::topic::inform, cw::topic::upgrade, cw::topic::progress);
  expect_detected_back(std::string(cw::format_topic(t).value()), family::ctwing, {});
}

RC_GTEST_PROP(DetectFormatted, Jetlinks, ()) {
  const auto product = *level();
  const auto device = *level();
  const auto child = *level();
  const auto form = *rc::gen::element(jl::child_form::none, jl::child_form::child, jl::child_form::child_reply);
  const auto type = *rc::gen::elementOf(jl::all_message_types);
  const auto t = form == jl::child_form::none ? jl::device_topic(type, product, device)
                                              : jl::child_topic(type, product, device, child, form);
  expect_detected_back(jl::format_topic(t).value(), family::jetlinks,
                       {product, device, form == jl::child_form::none ? std::string_view{} : std::string_view{child}});
}

RC_GTEST_PROP(DetectFormatted, Huawei, ()) {
  const auto device = *level();
  const auto dir = *rc::gen::element(otawire::direction::platform_to_device, otawire::direction::device_to_platform);
  expect_detected_back(hw::format_topic(hw::topic{device, dir}).value(), family::huawei, {{}, device, {}});
}

RC_GTEST_PROP(DetectFormatted, Alibaba, ()) {
  const auto product = *level();
  const auto device = *level();
  const auto kind = *rc::gen::element(ab::topic_kind::inform, ab::topic_kind::upgrade, ab::topic_kind::progress,
                                      ab::topic_kind::request, ab::topic_kind::firmware_get,
                                      ab::topic_kind::firmware_get_reply);
  expect_detected_back(ab::format_topic(ab::topic{kind, product, device}).value(), family::alibaba, {product, device, {}});
}

// --- decode_any equals the family's own decode ----------------------------------------------------

using otawire::test::detect::family_decoders;
using otawire::test::detect::same_envelope;

// Decodes (topic, payload) with decode_any (copying and zero-copy) and with the family's own
// decode; the three agree on the value or on the error. Returns whether it decoded.
bool expect_same_as_family(family f, std::string_view topic, std::string_view payload) {
  SCOPED_TRACE(std::string(topic) + " " + std::string(payload.substr(0, 80)));
  otawire::json::parser any_parser;
  otawire::json::parser padded_parser;
  family_decoders own;
  const simdjson::padded_string padded(payload);
  const auto copied = otawire::decode_any(any_parser, topic, payload);
  const auto in_place = otawire::decode_any(padded_parser, topic, padded);
  const auto expected = own.decode(f, topic, payload);
  EXPECT_EQ(copied.has_value(), expected.has_value());
  EXPECT_EQ(in_place.has_value(), expected.has_value());
  if (copied.has_value() && expected.has_value() && in_place.has_value()) {
    EXPECT_EQ(otawire::family_of(*copied), f);
    EXPECT_TRUE(same_envelope(*copied, *expected));
    EXPECT_TRUE(same_envelope(*in_place, *expected));
    return true;
  }
  if (!copied.has_value() && !expected.has_value() && !in_place.has_value()) {
    EXPECT_EQ(copied.error(), expected.error());
    EXPECT_EQ(in_place.error(), expected.error());
  }
  return false;
}

// Every JSON-family line of the shipped captures (examples/captures), valid or not.
TEST(DecodeAny, EqualsTheFamilysDecodeOnEveryCaptureLine) {
  std::size_t lines = 0;
  std::size_t decoded = 0;
  std::array<std::size_t, 5> per_family{};
  for (const auto& entry : std::filesystem::directory_iterator(OTAWIRE_CAPTURES_DIR)) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::string word;
      if (!(words >> word) || word.front() == '#') continue;
      if (word.front() == '@' || (word.front() >= '0' && word.front() <= '9')) words >> word;  // timestamp
      family f{};
      bool json_family = false;
      for (const auto candidate : otawire::all_families) {
        if (word == otawire::name(candidate)) {
          f = candidate;
          json_family = true;
        }
      }
      std::string topic;
      if (!json_family || !(words >> topic)) continue;
      std::string payload;
      std::getline(words >> std::ws, payload);
      ++lines;
      ++per_family[static_cast<std::size_t>(f)];
      if (!otawire::detect(topic).has_value()) continue;  // the family's own topic error: not decode_any's
      if (expect_same_as_family(f, topic, payload)) ++decoded;
    }
  }
  for (const auto n : per_family) EXPECT_GT(n, 0U);
  EXPECT_GT(decoded, lines / 2);
}

TEST(DecodeAny, EqualsTheFamilysDecodeOnTheSpecExamples) {
  std::size_t decoded = 0;
  for (const auto& e : otawire::test::alibaba::spec_examples) {
    decoded += expect_same_as_family(family::alibaba, ab::format_topic(ab::topic{e.kind, "a1pk", "dn1"}).value(), e.text);
  }
  namespace cwx = otawire::test::ctwing::examples;
  for (const auto text : {cwx::doc_inform, cwx::doc_upgrade, cwx::doc_progress, cwx::doc_new_version_inform,
                          cwx::c2_inform, cwx::c2_progress, cwx::alibaba_progress}) {
    for (const auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) {
      decoded += expect_same_as_family(family::ctwing, cw::format_topic(t).value(), text);
    }
  }
  namespace hwx = otawire::test::huawei::spec;
  for (const auto text : {hwx::doc_version_query, hwx::capture_version_query, hwx::doc_version_report,
                          hwx::doc_firmware_upgrade, hwx::capture_firmware_upgrade_2025,
                          hwx::capture_firmware_upgrade_2022, hwx::doc_progress_report,
                          hwx::c_sdk_progress_template, hwx::python_progress_template}) {
    for (const auto dir : {otawire::direction::platform_to_device, otawire::direction::device_to_platform}) {
      decoded += expect_same_as_family(family::huawei, hw::format_topic(hw::topic{"DN100_00000000", dir}).value(), text);
    }
  }
  namespace jlx = otawire::test::jetlinks;
  for (const auto doc : {jlx::doc_upgrade, jlx::doc_progress, jlx::doc_pull, jlx::doc_pull_reply, jlx::doc_report,
                         jlx::doc_read, jlx::doc_read_reply, jlx::doc_platform_pull, jlx::doc_platform_progress}) {
    const std::string text = jlx::strip_doc_comments(doc);
    for (const auto type : jl::all_message_types) {
      decoded += expect_same_as_family(family::jetlinks, jl::format_topic(jl::device_topic(type, "product1", "device1")).value(),
                                       text);
    }
  }
  EXPECT_GT(decoded, 30U);
}

TEST(DecodeAny, EveryEnvelopeNamesTheDeviceItsTopicNames) {
  otawire::json::parser p;
  const auto identity_of = [&](std::string_view topic, std::string_view payload) {
    const auto e = otawire::decode_any(p, topic, payload);
    EXPECT_TRUE(e.has_value()) << topic;
    return e ? std::visit([](const auto& env) { return env.identity(); }, *e) : otawire::device_identity{"?", "?", "?"};
  };
  EXPECT_EQ(identity_of("$ota/report/LWVUL5SZ2L/dev1", R"({"type":"report_version","report":{"version":"1.0.0"}})"),
            (otawire::device_identity{"LWVUL5SZ2L", "dev1", {}}));
  EXPECT_EQ(identity_of("/ota/inform", R"({"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}})"),
            otawire::device_identity{});
  EXPECT_EQ(identity_of("/prod/gw-1/child/dev-7/firmware/report", R"({"version":"1.0"})"),
            (otawire::device_identity{"prod", "gw-1", "dev-7"}));
  EXPECT_EQ(identity_of("$oc/devices/gw-1/sys/events/up",
                        R"({"object_device_id":"child-9","services":[{"service_id":"$ota","event_type":"version_report",)"
                        R"("paras":{"fw_version":"1.0"}}]})"),
            (otawire::device_identity{{}, "gw-1", "child-9"}));
  EXPECT_EQ(identity_of("/ota/device/inform/a1pk/dev", R"({"id":1,"params":{"version":"1.0.0"}})"),
            (otawire::device_identity{"a1pk", "dev", {}}));
}

TEST(DecodeAny, TopicErrorsAreDetectsErrors) {
  otawire::json::parser p;
  const auto unknown = otawire::decode_any(p, "/nowhere", R"({"type":"report_version"})");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().where(), otawire::detect_error::no_family_matched);
  const auto ambiguous = otawire::decode_any(p, "$ota/report/firmware/report", R"({})");
  ASSERT_FALSE(ambiguous.has_value());
  EXPECT_EQ(ambiguous.error().where(), otawire::detect_error::several_families_matched);
}

}  // namespace

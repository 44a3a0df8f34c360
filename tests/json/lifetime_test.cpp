// Issue 12 item 3 (JSON part) and item 19: zero-copy decoders of every JSON family refuse the
// temporaries their views would point into (json::dangling_json), and still take plain views
// and lvalues; json::parser moves like simdjson's parser.
#include <otawire/alibaba/codec.hpp>
#include <otawire/ctwing/codec.hpp>
#include <otawire/huawei/codec.hpp>
#include <otawire/jetlinks/codec.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/tencent/codec.hpp>

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {
namespace ab = otawire::alibaba;
namespace cw = otawire::ctwing;
namespace hw = otawire::huawei;
namespace jl = otawire::jetlinks;
namespace tc = otawire::tencent;
using otawire::json::parser;
using padded = simdjson::padded_string;
using padded_view = simdjson::padded_string_view;
using dom = boost::json::value;

// The rule itself.
static_assert(otawire::json::dangling_json<padded>);
static_assert(otawire::json::dangling_json<dom>);
static_assert(otawire::json::dangling_json<const dom>);
static_assert(otawire::json::dangling_json<boost::json::object>);
static_assert(!otawire::json::dangling_json<padded&>);
static_assert(!otawire::json::dangling_json<const dom&>);
static_assert(!otawire::json::dangling_json<padded_view>);
static_assert(!otawire::json::dangling_json<std::string>);  // decoded by copy: nothing dangles

// Tencent.
template <class P>
concept tencent_decodes = requires(parser& p, P&& in) { tc::decode_payload(p, std::forward<P>(in)); };
template <class P>
concept tencent_decodes_directed = requires(parser& p, P&& in) { tc::decode_payload(p, otawire::direction::device_to_platform, std::forward<P>(in)); };
template <class V>
concept tencent_dom = requires(V&& v) { tc::decode_payload_dom(std::forward<V>(v)); };
template <class V>
concept tencent_dom_directed = requires(V&& v) { tc::decode_payload_dom(otawire::direction::device_to_platform, std::forward<V>(v)); };
template <class V>
concept tencent_dom_topic = requires(V&& v) { tc::decode_dom(std::string_view("$ota/report/p/d"), std::forward<V>(v)); };
template <class V>
concept tencent_dom_as = requires(V&& v) { tc::decode_dom<tc::report_version>(std::forward<V>(v)); };
static_assert(!tencent_decodes<padded> && !tencent_decodes_directed<padded>);
static_assert(tencent_decodes<padded_view> && tencent_decodes_directed<padded_view>);
static_assert(tencent_decodes<padded&> && tencent_decodes<const padded&> && tencent_decodes_directed<padded&>);
static_assert(tencent_decodes<std::string_view> && tencent_decodes<std::string>);
static_assert(!tencent_dom<dom> && !tencent_dom_directed<dom> && !tencent_dom_topic<dom> && !tencent_dom_as<dom>);
static_assert(tencent_dom<const dom&> && tencent_dom_directed<dom&> && tencent_dom_topic<const dom&> && tencent_dom_as<dom&>);

// CTWing.
template <class P>
concept ctwing_decodes = requires(otawire::json::parser& d, P&& in) { cw::decode_payload(d, cw::topic::upgrade, std::forward<P>(in)); };
template <class V>
concept ctwing_dom = requires(V&& v) { cw::decode_payload_dom(cw::topic::upgrade, std::forward<V>(v)); };
template <class V>
concept ctwing_dom_as = requires(V&& v) { cw::decode_dom<cw::upgrade>(std::forward<V>(v)); };
static_assert(!ctwing_decodes<padded>);
static_assert(ctwing_decodes<padded_view> && ctwing_decodes<std::string_view> && ctwing_decodes<std::string>);
static_assert(ctwing_decodes<padded&> && ctwing_decodes<const padded&>);
static_assert(!ctwing_dom<dom> && !ctwing_dom_as<dom>);
static_assert(ctwing_dom<const dom&> && ctwing_dom_as<dom&>);

// JetLinks.
template <class P>
concept jetlinks_decodes_payload = requires(parser& p, P&& in) {
  jl::decode_payload(p, jl::message_type::upgrade_firmware, std::forward<P>(in));
};
template <class V>
concept jetlinks_dom = requires(V&& v) { jl::decode_payload_dom(jl::message_type::upgrade_firmware, std::forward<V>(v)); };
template <class V>
concept jetlinks_dom_as = requires(V&& v) { jl::decode_dom<jl::upgrade_firmware>(std::forward<V>(v)); };
template <class V>
concept jetlinks_dom_topic = requires(V&& v) { jl::decode_dom(std::string_view("/p/d/firmware/upgrade"), std::forward<V>(v)); };
template <class V>
concept jetlinks_dom_tagged = requires(V&& v) { jl::decode_tagged_dom(std::forward<V>(v)); };
static_assert(!jetlinks_decodes_payload<padded>);
static_assert(jetlinks_decodes_payload<padded_view>);
static_assert(jetlinks_decodes_payload<padded&> && jetlinks_decodes_payload<const padded&>);
static_assert(!jetlinks_dom<dom> && !jetlinks_dom_as<dom> && !jetlinks_dom_topic<dom> && !jetlinks_dom_tagged<dom>);
static_assert(jetlinks_dom<const dom&> && jetlinks_dom_as<dom&> && jetlinks_dom_topic<const dom&> && jetlinks_dom_tagged<dom&>);

// Huawei.
template <class P>
concept huawei_decodes = requires(parser& p, P&& in) { hw::decode_payload(p, std::forward<P>(in)); };
template <class P>
concept huawei_decodes_into = requires(parser& p, P&& in, hw::message& out) { hw::decode_payload_into(p, std::forward<P>(in), out); };
template <class V>
concept huawei_dom = requires(V&& v) { hw::decode_payload_dom(std::forward<V>(v)); };
static_assert(!huawei_decodes<padded> && !huawei_decodes_into<padded>);
static_assert(huawei_decodes<padded_view> && huawei_decodes_into<padded_view>);
static_assert(huawei_decodes<padded&> && huawei_decodes_into<const padded&>);
static_assert(!huawei_dom<dom>);
static_assert(huawei_dom<const dom&>);

// Alibaba.
template <class P>
concept alibaba_decodes_into = requires(parser& p, const ab::topic& t, P&& in, ab::message& out) {
  ab::decode_payload_into(p, t, std::forward<P>(in), out);
};
template <class P>
concept alibaba_decodes = requires(parser& p, const ab::topic& t, P&& in) { ab::decode_payload(p, t, std::forward<P>(in)); };
template <class V>
concept alibaba_dom = requires(const ab::topic& t, V&& v) { ab::decode_payload_dom(t, std::forward<V>(v)); };
template <class V>
concept alibaba_dom_as = requires(V&& v) { ab::decode_dom<ab::upgrade>(std::forward<V>(v)); };
static_assert(!alibaba_decodes_into<padded> && !alibaba_decodes<padded>);
static_assert(alibaba_decodes_into<padded_view>);
static_assert(alibaba_decodes_into<padded&> && alibaba_decodes_into<const padded&> && alibaba_decodes<padded&>);
static_assert(!alibaba_dom<dom> && !alibaba_dom_as<dom>);
static_assert(alibaba_dom<const dom&> && alibaba_dom_as<dom&>);

// The two input types every family shares. json::payload_text: padded text is read in place, any
// other copied (so a temporary std::string is fine), a temporary padded_string refused.
// json::dom_input: the caller's value only; an object, array or string would convert to a
// temporary value, which the views would point into.
static_assert(std::is_convertible_v<std::string, otawire::json::payload_text>);
static_assert(std::is_convertible_v<const char (&)[3], otawire::json::payload_text>);
static_assert(std::is_convertible_v<padded&, otawire::json::payload_text>);
static_assert(!std::is_convertible_v<padded, otawire::json::payload_text>);
static_assert(!std::is_convertible_v<const padded, otawire::json::payload_text>);
static_assert(!std::is_convertible_v<dom, otawire::json::dom_input>);
static_assert(!std::is_convertible_v<const boost::json::object&, otawire::json::dom_input>);
static_assert(!tencent_dom<const boost::json::object&> && !ctwing_dom<boost::json::object&>);

TEST(DanglingViews, PaddedTextIsReadInPlaceAndAnyOtherCopied) {
  const padded kept(std::string_view("{}"));
  const otawire::json::payload_text in_place(kept);
  EXPECT_TRUE(in_place.in_place());
  EXPECT_EQ(in_place.text().data(), kept.data());
  EXPECT_GE(in_place.capacity(), kept.size() + simdjson::SIMDJSON_PADDING);
  const std::string text = "{}";
  const otawire::json::payload_text copied(text);
  EXPECT_FALSE(copied.in_place());
  EXPECT_EQ(copied.text().data(), text.data());
  // Decoded through a family, the copy's views point into the parser, not into the caller's text.
  parser p;
  const std::string report = R"({"type":"report_version","report":{"version":"1.0.0"}})";
  const auto m = tc::decode_payload(p, report);
  ASSERT_TRUE(m);
  const auto version = std::get<tc::report_version>(*m).version;
  EXPECT_FALSE(version.data() >= report.data() && version.data() < report.data() + report.size());
}

// Padded input with room to spare, viewed in part (as a receive buffer would be).
struct receive_buffer {
  std::string storage;
  explicit receive_buffer(std::string_view text) : storage(text) { storage.append(simdjson::SIMDJSON_PADDING + 16, ' '); }
  [[nodiscard]] padded_view first(std::size_t n) const { return padded_view(storage.data(), n, storage.size()); }
};

TEST(DanglingViews, PlainViewsStillDecodeInEveryFamily) {
  parser p;
  {
    const std::string text = R"({"type":"report_version","report":{"version":"1.0.0"}})";
    receive_buffer rx(text + "trailing bytes");
    auto m = tc::decode_payload(p, rx.first(text.size()));
    ASSERT_TRUE(m);
    EXPECT_EQ(std::get<tc::report_version>(*m).version, "1.0.0");
  }
  {
    const std::string text = R"({"taskId":7,"params":{"step":10}})";
    receive_buffer rx(text + "xyz");
    otawire::json::parser d;
    auto m = cw::decode_payload(d, cw::topic::progress, rx.first(text.size()));
    ASSERT_TRUE(m);
    EXPECT_EQ(std::get<cw::progress>(*m).step, 10);
    const padded kept(text);
    EXPECT_TRUE(cw::decode_payload(d, cw::topic::progress, padded_view(kept)));
  }
  {
    const std::string text = R"({"deviceId":"d","messageId":"m","timestamp":1,"version":"2.0"})";
    receive_buffer rx(text + "}}}");
    auto m = jl::decode_payload(p, jl::message_type::report_firmware, rx.first(text.size()));
    ASSERT_TRUE(m);
    EXPECT_EQ(std::get<jl::report_firmware>(*m).version, "2.0");
  }
  {
    const std::string text = R"({"services":[{"service_id":"$ota","event_type":"version_query","paras":{}}]})";
    receive_buffer rx(text + ",,,");
    auto m = hw::decode_payload(p, rx.first(text.size()));
    ASSERT_TRUE(m) << otawire::name(m.error().code()) << " " << m.error().where();
  }
  {
    const std::string text = R"({"id":"1","params":{"version":"1.0.0"}})";
    receive_buffer rx(text + "]");
    auto t = ab::parse_topic("/ota/device/inform/pk/dn");
    ASSERT_TRUE(t);
    ab::message out;
    auto r = ab::decode_payload_into(p, *t, rx.first(text.size()), out);
    ASSERT_TRUE(r) << otawire::name(r.error().code()) << " " << r.error().where();
    EXPECT_EQ(std::get<ab::inform>(out).version, "1.0.0");
  }
}

// A padded_string the caller keeps converts to both std::string_view and padded_string_view: each
// family takes it zero copy (the views point into it, not into the parser's buffer).
TEST(DanglingViews, AKeptPaddedStringDecodesZeroCopyInEveryFamily) {
  parser p;
  const auto points_into = [](std::string_view view, const padded& text) {
    return view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size();
  };
  {
    const padded text(std::string_view(R"({"type":"report_version","report":{"version":"1.0.0"}})"));
    auto m = tc::decode_payload(p, text);
    ASSERT_TRUE(m);
    EXPECT_TRUE(points_into(std::get<tc::report_version>(*m).version, text));
    EXPECT_TRUE(tc::decode_payload(p, otawire::direction::device_to_platform, text));
  }
  {
    const padded text(std::string_view(R"({"taskId":7,"params":{"step":10}})"));
    EXPECT_EQ(std::get<cw::progress>(cw::decode_payload(p, cw::topic::progress, text).value()).step, 10);
  }
  {
    padded text(std::string_view(R"({"deviceId":"d","messageId":"m","timestamp":1,"version":"2.0"})"));
    auto m = jl::decode_payload(p, jl::message_type::report_firmware, text);
    ASSERT_TRUE(m);
    EXPECT_TRUE(points_into(std::get<jl::report_firmware>(*m).version.value_or(""), text));
  }
  {
    const padded text(std::string_view(R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"v2"}}]})"));
    auto m = hw::decode_payload(p, text);
    ASSERT_TRUE(m);
    EXPECT_TRUE(points_into(*m->events()[0].get<hw::version_report>()->fw_version, text));
    hw::message out;
    EXPECT_TRUE(hw::decode_payload_into(p, text, out));
  }
  {
    const padded text(std::string_view(R"({"id":"1","params":{"version":"1.0.0"}})"));
    const auto t = ab::parse_topic("/ota/device/inform/pk/dn");
    ASSERT_TRUE(t);
    auto m = ab::decode_payload(p, *t, text);
    ASSERT_TRUE(m);
    EXPECT_TRUE(points_into(std::get<ab::inform>(*m).version, text));
    ab::message out;
    EXPECT_TRUE(ab::decode_payload_into(p, *t, text, out));
  }
}

// Item 19.
static_assert(std::is_nothrow_move_constructible_v<parser> && std::is_nothrow_move_assignable_v<parser>);
static_assert(!std::is_copy_constructible_v<parser>);
static_assert(std::is_nothrow_move_constructible_v<otawire::json::parser>);

TEST(JsonParser, MovesAndLivesInAVector) {
  const std::string text = R"({"type":"report_version","report":{"version":"1.0.0"}})";
  std::vector<parser> parsers(3);
  parsers.emplace_back();
  for (auto& p : parsers) EXPECT_TRUE(tc::decode_payload(p, text));  // warm: buffers allocated
  parser moved = std::move(parsers.front());
  auto m = tc::decode_payload(moved, text);
  ASSERT_TRUE(m);
  EXPECT_EQ(std::get<tc::report_version>(*m).version, "1.0.0");
  parsers.front() = std::move(moved);
  EXPECT_TRUE(tc::decode_payload(parsers.front(), text));
  parsers.resize(8);  // reallocation moves every parser
  for (auto& p : parsers) EXPECT_TRUE(tc::decode_payload(p, text));
}

}  // namespace

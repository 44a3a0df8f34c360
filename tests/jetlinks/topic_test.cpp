// The MQTT topic map (§C.1): parse and format, gateway child-device forms, deviceId as the
// platform takes it.
#include <otawire/jetlinks/topic.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace {
namespace jl = otawire::jetlinks;
using otawire::errc;

TEST(JetlinksTopic, EveryMessageHasItsSuffix) {
  const std::pair<jl::message_type, std::string_view> table[] = {
      {jl::message_type::upgrade_firmware, "/p/d/firmware/upgrade"},
      {jl::message_type::upgrade_firmware_reply, "/p/d/firmware/upgrade/reply"},
      {jl::message_type::upgrade_firmware_progress, "/p/d/firmware/upgrade/progress"},
      {jl::message_type::request_firmware, "/p/d/firmware/pull"},
      {jl::message_type::request_firmware_reply, "/p/d/firmware/pull/reply"},
      {jl::message_type::report_firmware, "/p/d/firmware/report"},
      {jl::message_type::read_firmware, "/p/d/firmware/read"},
      {jl::message_type::read_firmware_reply, "/p/d/firmware/read/reply"},
  };
  for (const auto& [type, text] : table) {
    auto t = jl::parse_topic(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(t->type, type) << text;
    EXPECT_EQ(t->product_id, "p");
    EXPECT_EQ(t->device_id, "d");
    EXPECT_EQ(t->form, jl::child_form::none);
    EXPECT_EQ(t->identity(), (otawire::device_identity{"p", "d", {}}));
    EXPECT_EQ(t->identity().message_device(), "d");
    EXPECT_EQ(jl::format_topic(*t).value(), text);
    EXPECT_EQ(jl::format_topic(jl::device_topic(type, "p", "d")).value(), text);
  }
}

TEST(JetlinksTopic, GatewayChildForms) {
  auto t = jl::parse_topic("/prod/gw-1/child/sensor-7/firmware/upgrade/progress");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->form, jl::child_form::child);
  EXPECT_EQ(t->device_id, "gw-1");
  EXPECT_EQ(t->gateway_id(), "gw-1");
  EXPECT_EQ(t->child_device_id, "sensor-7");
  // The platform decodes the child's message with the child's id (ChildDeviceMessage wraps it).
  EXPECT_EQ(t->identity().message_device(), "sensor-7");
  EXPECT_EQ(t->identity(), (otawire::device_identity{"prod", "gw-1", "sensor-7"}));
  EXPECT_EQ(t->type, jl::message_type::upgrade_firmware_progress);

  auto r = jl::parse_topic("/prod/gw-1/child-reply/sensor-7/firmware/read/reply");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->form, jl::child_form::child_reply);
  EXPECT_EQ(r->identity().message_device(), "sensor-7");
  EXPECT_EQ(r->identity(), (otawire::device_identity{"prod", "gw-1", "sensor-7"}));
  EXPECT_EQ(r->type, jl::message_type::read_firmware_reply);
  EXPECT_EQ(jl::format_topic(*r).value(), "/prod/gw-1/child-reply/sensor-7/firmware/read/reply");
  EXPECT_EQ(jl::format_topic(jl::child_topic(jl::message_type::upgrade_firmware, "prod", "gw-1", "sensor-7")).value(),
            "/prod/gw-1/child/sensor-7/firmware/upgrade");
}

TEST(JetlinksTopic, LeadingSlashIsOptionalAsOnThePlatform) {
  auto t = jl::parse_topic("p/d/firmware/pull");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->device_id, "d");
  EXPECT_EQ(jl::format_topic(*t).value(), "/p/d/firmware/pull");  // formatted as the platform writes it
}

TEST(JetlinksTopic, DeviceIdMayLookLikeAKeyword) {
  auto t = jl::parse_topic("/p/firmware/firmware/upgrade");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->device_id, "firmware");
}

TEST(JetlinksTopic, Utf8LevelsAndNulAreHandled) {
  auto t = jl::parse_topic("/产品/设备-1/firmware/report");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->device_id, "设备-1");
  const std::string with_nul("/p/d\0x/firmware/report", 22);
  auto n = jl::parse_topic(with_nul);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code(), errc::bad_string);
  EXPECT_EQ(n.error().offset(), 4u);
}

TEST(JetlinksTopic, NullProductIdIsWrittenLiterally) {
  EXPECT_EQ(jl::format_topic(jl::device_topic(jl::message_type::read_firmware, "", "d")).value(), "/null/d/firmware/read");
}

struct bad_topic {
  const char* text;
  errc code;
  std::size_t offset;
};

TEST(JetlinksTopic, BadTopicsAreRejectedWithTheOffset) {
  const bad_topic cases[] = {
      {"", errc::missing_field, 0},
      {"/", errc::missing_field, 1},
      {"/p/d", errc::unknown_message, 4},
      {"/p//firmware/upgrade", errc::missing_field, 3},
      {"/p/d/firmware/upgrade/", errc::missing_field, 22},
      {"/p/d/properties/report", errc::unknown_message, 5},
      {"/p/d/firmware/push", errc::unknown_message, 5},  // an internal event-bus topic, not MQTT
      {"/p/d/firmware", errc::unknown_message, 5},
      {"/p/d/firmware/upgrade/progress/x", errc::unknown_message, 5},
      {"/p/d/child/c", errc::unknown_message, 12},
      {"/p/d/child", errc::unknown_message, 10},
      {"/p/g/child/c/child/c2/firmware/upgrade", errc::unsupported, 13},
      {"/p/d/a/b/c/d/e/f/g/h", errc::unknown_message, 17},
      {"/p/d/FIRMWARE/upgrade", errc::unknown_message, 5},
      // What no MQTT topic name may hold: the codec writes deviceId from the topic into JSON.
      {"/p/d\x83/firmware/upgrade", errc::bad_string, 4},
      {"/p/d\xC0\xAF/firmware/upgrade", errc::bad_string, 4},     // overlong '/'
      {"/p/d\xED\xA0\x80/firmware/upgrade", errc::bad_string, 4},  // a surrogate
      {"/p/d\xE7\x89/firmware/upgrade", errc::bad_string, 4},      // truncated sequence
      {"/p/d+/firmware/upgrade", errc::bad_string, 4},
      {"/p/#", errc::bad_string, 3},
  };
  for (const auto& c : cases) {
    auto t = jl::parse_topic(c.text);
    ASSERT_FALSE(t) << c.text;
    EXPECT_EQ(t.error().code(), c.code) << c.text << " got " << otawire::name(t.error().code());
    EXPECT_EQ(t.error().where(), "topic");
    EXPECT_EQ(t.error().offset(), c.offset) << c.text;
  }
}

TEST(JetlinksTopic, FormatIntoACallerBuffer) {
  const auto t = jl::child_topic(jl::message_type::request_firmware_reply, "p", "g", "c", jl::child_form::child);
  std::array<char, 64> buffer{};
  auto n = jl::format_topic(t, buffer);
  ASSERT_TRUE(n);
  EXPECT_EQ(std::string_view(buffer.data(), *n), "/p/g/child/c/firmware/pull/reply");
  std::array<char, 8> small{};
  auto too_small = jl::format_topic(t, small);
  ASSERT_FALSE(too_small);
  EXPECT_EQ(too_small.error().code(), errc::buffer_too_small);
  // json/fields.hpp's topic rule, with the offset in the text it would have written.
  const auto nested = jl::child_topic(jl::message_type::read_firmware, "p", "g", "c/x");
  EXPECT_EQ(jl::format_topic(nested, buffer).error(), otawire::fail(errc::bad_string, "topic", 12));
  EXPECT_EQ(jl::format_topic(jl::device_topic(jl::message_type::read_firmware, "p", "")).error().code(),
            errc::missing_field);
}

// The topic codec is constexpr: proven at compile time.
static_assert(jl::parse_topic("/p/d/firmware/upgrade/progress").value().type == jl::message_type::upgrade_firmware_progress);
static_assert(jl::parse_topic("/p/g/child/c/firmware/read").value().identity().message_device() == "c");
static_assert(!jl::parse_topic("/p/d/firmware/push").has_value());
static_assert(jl::formatted_size(jl::device_topic(jl::message_type::read_firmware, "", "d")) == std::string_view("/null/d/firmware/read").size());
static_assert(jl::parse_message_type("UPGRADE_FIRMWARE") == jl::message_type::upgrade_firmware);
static_assert(jl::parse_message_type("upgrade_firmware_progress") == jl::message_type::upgrade_firmware_progress);
static_assert(!jl::parse_message_type("Upgrade_Firmware"));  // MessageType.of: exact upper or lower only
static_assert(!jl::parse_message_type("UPGRADE_FIRMWARE "));

RC_GTEST_PROP(JetlinksTopic, FormatThenParseIsIdentity, ()) {
  const auto level = rc::gen::nonEmpty(rc::gen::container<std::string>(
      rc::gen::oneOf(rc::gen::inRange('a', 'z'), rc::gen::inRange('0', '9'), rc::gen::element('-', '_', '.'))));
  const std::string product = *level;
  const std::string device = *level;
  const std::string child = *level;
  const auto form = *rc::gen::element(jl::child_form::none, jl::child_form::child, jl::child_form::child_reply);
  const auto type = *rc::gen::elementOf(jl::all_message_types);
  const jl::topic t = form == jl::child_form::none ? jl::device_topic(type, product, device)
                                                   : jl::child_topic(type, product, device, child, form);
  const std::string text = jl::format_topic(t).value();
  auto back = jl::parse_topic(text);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == t);
}

}  // namespace

// The word-at-a-time slash scan (run time) and the byte loop (constant evaluation) must give
// the same topic or the same error, byte offset included, for any text: here, strings over an
// alphabet of the bytes either path treats specially.
RC_GTEST_PROP(JetlinksTopic, WordScanAgreesWithByteLoop, ()) {
  static constexpr std::string_view alphabet[] = {"a", "/", "/", "firmware", "upgrade", "progress", "child",
                                                  "child-reply", "+", "#", std::string_view("\0", 1), "\xC3\xA9",
                                                  "\xC3", "reply", "read", "pull", "report", "-"};
  const auto pieces = *rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, std::size(alphabet)));
  std::string text;
  for (const auto i : pieces) text += alphabet[i];
  const auto by_words = jl::detail::parse_topic(text, true);
  const auto by_bytes = jl::detail::parse_topic(text, false);
  RC_ASSERT(by_words.has_value() == by_bytes.has_value());
  if (by_words) {
    RC_ASSERT(by_words->product_id == by_bytes->product_id);
    RC_ASSERT(by_words->device_id == by_bytes->device_id);
    RC_ASSERT(by_words->form == by_bytes->form);
    RC_ASSERT(by_words->child_device_id == by_bytes->child_device_id);
    RC_ASSERT(by_words->type == by_bytes->type);
  } else {
    RC_ASSERT(by_words.error() == by_bytes.error());
  }
}

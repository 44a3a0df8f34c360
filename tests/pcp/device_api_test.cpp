// The device-role API (what an OTAWIRE_DEVICE_PROFILE image links) against the generic one:
// - `decode_downlink` accepts and rejects exactly what `decode(…, downlink)` does, with the same
//   message or the same error, on valid frames, mutated frames and arbitrary bytes;
// - the typed one-pass `encode(m, out)` writes the bytes (or the error) of `encode(message, out)`;
// - feeding a session typed messages ends where feeding it `message`s does.
// Built in both profiles (pcp_tests and pcp_device_profile_tests).
#include <otawire/pcp.hpp>

#include "support/pcp_arbitrary.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

namespace {
namespace pcp = otawire::pcp;
namespace t = otawire::test::pcp;

/// Decodes with `decode_downlink`, collecting the payload as a `message` to compare.
otawire::result<pcp::message> via_downlink(otawire::byte_view frame) {
  pcp::message out{};
  auto r = pcp::decode_downlink(frame, [&out](const auto& m) -> otawire::result<void> {
    out = m;
    return otawire::ok();
  });
  if (!r) return r.error();
  return out;
}

/// Both decoders agree on `frame`: same message, or the same error.
void expect_agreement(otawire::byte_view frame) {
  const auto generic = pcp::decode(frame, otawire::direction::platform_to_device);
  const auto device = via_downlink(frame);
  RC_ASSERT(generic.has_value() == device.has_value());
  if (generic) {
    RC_ASSERT(*generic == *device);
    RC_ASSERT(pcp::direction_of(*device) == otawire::direction::platform_to_device);
  } else {
    RC_ASSERT(generic.error() == device.error());
  }
}

void fix_check_code(std::vector<std::byte>& frame) {
  if (frame.size() < 6) return;
  const auto c = pcp::frame_checksum(frame);
  frame[4] = static_cast<std::byte>(c >> 8);
  frame[5] = static_cast<std::byte>(c & 0xFFu);
}

constexpr std::array downlink_kinds{
    pcp::message_kind::query_version_request,          pcp::message_kind::notify_new_version_request,
    pcp::message_kind::request_fragment_response,      pcp::message_kind::report_download_result_response,
    pcp::message_kind::execute_upgrade_request,        pcp::message_kind::report_upgrade_result_response};

RC_GTEST_PROP(PcpDownlinkDecoder, AgreesWithTheGenericDecoderOnEveryDownlinkKind, ()) {
  for (const auto kind : downlink_kinds) {
    const auto m = *t::gen_message_of(kind);
    const auto frame = t::encode_to_vector(m);
    expect_agreement(frame);
    const auto back = via_downlink(frame);
    RC_ASSERT(back.has_value());
    RC_ASSERT(*back == m);
  }
}

RC_GTEST_PROP(PcpDownlinkDecoder, AgreesOnMutatedFrames, ()) {
  // Any frame (uplink kinds too: a device receives them only from a misbehaving platform), with
  // one byte changed, the length cut or grown, and usually a check code that matches again so
  // that the payload rules are reached.
  auto frame = t::encode_to_vector(*t::gen_message());
  const auto at = *rc::gen::inRange<std::size_t>(0, frame.size());
  frame[at] = static_cast<std::byte>(*rc::gen::arbitrary<std::uint8_t>());
  const auto cut = *rc::gen::inRange<std::size_t>(0, frame.size() + 1);
  if (*rc::gen::arbitrary<bool>()) frame.resize(cut);
  if (*rc::gen::arbitrary<bool>()) frame.push_back(std::byte{0});
  if (*rc::gen::inRange(0, 4) != 0) fix_check_code(frame);
  expect_agreement(frame);
}

RC_GTEST_PROP(PcpDownlinkDecoder, AgreesOnArbitraryBytes, (std::vector<std::uint8_t> bytes, bool looks_like_pcp)) {
  std::vector<std::byte> frame(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) frame[i] = static_cast<std::byte>(bytes[i]);
  if (looks_like_pcp && frame.size() >= 8) {
    frame[0] = std::byte{0xFF};
    frame[1] = std::byte{0xFE};
    frame[2] = std::byte{0x01};
    frame[3] = static_cast<std::byte>(19 + bytes[3] % 6);
    frame[6] = static_cast<std::byte>((frame.size() - 8) >> 8);
    frame[7] = static_cast<std::byte>((frame.size() - 8) & 0xFFu);
    fix_check_code(frame);
  }
  expect_agreement(frame);
}

TEST(PcpDownlinkDecoder, AgreesOnEveryValueOfEveryPayloadByte) {
  // Exhaustive over the payload rules: each downlink kind's frame with any one of its first 24
  // data bytes set to any value (check code matching again). Random mutation reaches a
  // disallowed-but-defined result byte of a 22/24 response too rarely to rely on.
  const std::array<std::byte, 40> data{std::byte{1}, std::byte{2}, std::byte{3}};
  const pcp::message frames[] = {
      pcp::query_version_request{},
      pcp::notify_new_version_request{pcp::version_string::from("V2.0").value(), 500, 3, 0x1234},
      pcp::request_fragment_response{pcp::result_code::success, 7, data},
      pcp::report_download_result_response{pcp::result_code::success},
      pcp::execute_upgrade_request{},
      pcp::report_upgrade_result_response{pcp::result_code::task_not_found}};
  std::size_t compared = 0;
  for (const auto& m : frames) {
    const auto valid = t::encode_to_vector(m);
    EXPECT_EQ(via_downlink(valid), otawire::result<pcp::message>(m));
    for (std::size_t at = pcp::header_size; at < std::min<std::size_t>(valid.size(), pcp::header_size + 24); ++at) {
      for (unsigned v = 0; v < 256; ++v) {
        auto frame = valid;
        frame[at] = static_cast<std::byte>(v);
        fix_check_code(frame);
        const auto generic = pcp::decode(frame, otawire::direction::platform_to_device);
        const auto device = via_downlink(frame);
        ASSERT_EQ(generic, device) << "kind " << pcp::name(pcp::kind_of(m)) << " byte " << at << " value " << v;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 10000u);
}

TEST(PcpDownlinkDecoder, DocumentationFramesAndTheWrongDirection) {
  // Spec §9.1 #1, #3, #5, #6, #9, #10 are downlink frames; #2 is the device's 19 report, which
  // read as a downlink 19 (a query, no data) has the wrong length.
  const auto bytes = [](std::string_view hex) {
    std::vector<std::byte> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      out.push_back(static_cast<std::byte>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    }
    return out;
  };
  for (auto hex : {"FFFE01134C9A0000", "FFFE011402F7001656312E3000000000000000000000000001F400011234",
                   "FFFE0115E107001300000048454C4C4F2C20496F5420534F544121", "FFFE0117CF900000",
                   "FFFE0118AFA1000100", "FFFE0116850E000100"}) {
    const auto frame = bytes(hex);
    EXPECT_TRUE(via_downlink(frame).has_value()) << hex;
    EXPECT_EQ(via_downlink(frame), pcp::decode(frame, otawire::direction::platform_to_device)) << hex;
  }
  const auto report = bytes("FFFE01138DE300110056302E39000000000000000000000000");
  const auto r = via_downlink(report);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), otawire::errc::bad_length);
  EXPECT_EQ(r.error().offset(), 6u);
}

TEST(PcpDownlinkDecoder, PassesTheHandlersErrorBack) {
  const std::array frame{std::byte{0xFF}, std::byte{0xFE}, std::byte{0x01}, std::byte{0x13},
                         std::byte{0x4C}, std::byte{0x9A}, std::byte{0x00}, std::byte{0x00}};
  auto r = pcp::decode_downlink(frame, [](const auto&) -> otawire::result<void> {
    return otawire::violation(pcp::rules::unexpected_request, pcp::session_state::idle);
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), otawire::errc::rule_violation);
}

RC_GTEST_PROP(PcpTypedEncode, WritesWhatTheGenericEncoderWrites, ()) {
  const auto m = *t::gen_message();
  const auto size = pcp::encoded_size(m);
  const auto room = *rc::gen::inRange<std::size_t>(size > 0 ? size - 1 : 0, size + 2);
  std::vector<std::byte> a(room, std::byte{0xAA}), b(room, std::byte{0xAA});
  const auto generic = pcp::encode(m, a);
  const auto typed = std::visit([&b](const auto& x) { return pcp::encode(x, b); }, m);
  RC_ASSERT(generic == typed);
  RC_ASSERT(a == b);
}

RC_GTEST_PROP(PcpTypedEncode, RejectsInvalidFieldsAsTheGenericEncoderDoes, ()) {
  // Out-of-rule values: any result byte, fragment sizes and data lengths around the limits.
  pcp::request_fragment_response r{static_cast<pcp::result_code>(*rc::gen::arbitrary<std::uint8_t>()),
                                   *rc::gen::arbitrary<std::uint16_t>(),
                                   std::span(t::data_pool()).first(*rc::gen::inRange<std::size_t>(0, 502))};
  pcp::notify_new_version_request n{*t::gen_version(), *rc::gen::inRange<std::uint16_t>(0, 600),
                                    *rc::gen::inRange<std::uint16_t>(0, 3), 0};
  pcp::report_upgrade_result_request u{static_cast<pcp::result_code>(*rc::gen::arbitrary<std::uint8_t>()),
                                       *t::gen_version()};
  std::vector<std::byte> a(pcp::max_frame_size + 8), b(pcp::max_frame_size + 8);
  RC_ASSERT(pcp::encode(pcp::message{r}, a) == pcp::encode(r, b));
  RC_ASSERT(pcp::encode(pcp::message{n}, a) == pcp::encode(n, b));
  RC_ASSERT(pcp::encode(pcp::message{u}, a) == pcp::encode(u, b));
}

RC_GTEST_PROP(PcpTypedSession, EndsWhereTheVariantSessionEnds, ()) {
  t::generated_session s;
  t::build_session(s, *t::gen_session_plan());
  // Drop one message at random, so that rejections are compared too.
  if (*rc::gen::arbitrary<bool>()) {
    s.messages.erase(s.messages.begin() + static_cast<std::ptrdiff_t>(*rc::gen::inRange<std::size_t>(0, s.messages.size())));
  }
  pcp::device_session generic, typed;
  for (const auto& m : s.messages) {
    const auto a = generic.on(m);
    const auto b = std::visit([&typed](const auto& x) { return typed.on(x); }, m);
    RC_ASSERT(a == b);
    RC_ASSERT(generic.state() == typed.state());
    RC_ASSERT(generic.record() == typed.record());
  }
  RC_ASSERT(generic.outcome() == typed.outcome());
}

}  // namespace

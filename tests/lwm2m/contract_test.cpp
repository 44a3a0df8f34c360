// LwM2M through the contract's transport input (issue 13 item 1): `lwm2m::decode(coap_exchange)`
// parses the path, takes the payload kind from the CoAP operation and the format from the
// Content-Format number, and gives the contract's envelope. Execute is checked against the
// object version's executable resources; everything else is decode_firmware_update's rules.
#include "support/alloc_counter.hpp"
#include "support/contract_checks.hpp"
#include "support/lwm2m_arbitrary.hpp"

#include <otawire/contract.hpp>
#include <otawire/lwm2m.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {
namespace l = otawire::lwm2m;
using otawire::coap_exchange;
using otawire::coap_operation;
using otawire::direction;
using otawire::test::lwm2m::bytes_of_hex;

constexpr std::uint16_t tlv = 11542, text = 0, opaque = 42;

TEST(Lwm2mContract, AStateNotificationInTextIsAnUplinkWithTheState) {
  const auto payload = otawire::as_bytes("1");
  const auto e = l::decode(coap_exchange{coap_operation::notify, "/5/0/3", text, payload});
  ASSERT_TRUE(e.has_value()) << e.error().where();
  EXPECT_EQ(e->dir(), direction::device_to_platform);
  EXPECT_EQ(e->identity(), otawire::device_identity{});
  EXPECT_EQ(e->operation, coap_operation::notify);
  EXPECT_EQ(e->target, (l::path{5, 0, 3, 0, 3}));
  EXPECT_EQ(e->format, l::content_format::text);
  EXPECT_EQ(e->message.state, l::fw_state::downloading);
  EXPECT_FALSE(e->message.result.has_value());
}

// A Write of Package URI as TLV: C8 = Resource, 8-bit ID, 8-bit length; ID 1; 10 bytes.
TEST(Lwm2mContract, APackageUriWriteInTlvIsADownlinkWithTheUri) {
  const auto payload = bytes_of_hex("C8010A" "636F61703A2F2F682F66");
  const auto e = l::decode(coap_exchange{coap_operation::write, "/5/0/1", tlv, payload});
  ASSERT_TRUE(e.has_value()) << e.error().where();
  EXPECT_EQ(e->dir(), direction::platform_to_device);
  EXPECT_EQ(e->message.package_uri, "coap://h/f");
  // The legacy TLV number reads the same bytes the same way.
  const auto legacy = l::decode(coap_exchange{coap_operation::write_partial, "/5/0/1", 1542, payload});
  ASSERT_TRUE(legacy.has_value());
  EXPECT_EQ(legacy->format, l::content_format::legacy_tlv);
  EXPECT_EQ(legacy->message, e->message);
}

TEST(Lwm2mContract, AnOpaquePackageBlockIsViewedInPlace) {
  const std::array<std::byte, 4> block{std::byte{0xDE}, std::byte{0xAD}, std::byte{0xBE}, std::byte{0xEF}};
  const auto e = l::decode(coap_exchange{coap_operation::write, "/5/0/0", opaque, block});
  ASSERT_TRUE(e.has_value()) << e.error().where();
  ASSERT_TRUE(e->message.package.has_value());
  EXPECT_EQ(e->message.package->data(), block.data());
  EXPECT_EQ(e->message.package->size(), 4u);
}

TEST(Lwm2mContract, ExecuteNamesAnExecutableResourceOfTheObjectVersion) {
  const auto update = l::decode(coap_exchange{coap_operation::execute, "/5/0/2", 0, {}});
  ASSERT_TRUE(update.has_value()) << update.error().where();
  EXPECT_EQ(update->dir(), direction::platform_to_device);
  EXPECT_EQ(update->message, l::firmware_update{});
  // Arguments are kept, not interpreted (Object 5 defines none).
  const auto args = otawire::as_bytes("0='now'");
  const auto with_args = l::decode(coap_exchange{coap_operation::execute, "/5/0/2", 0, args});
  ASSERT_TRUE(with_args.has_value());
  EXPECT_EQ(with_args->arguments.data(), args.data());
  // Cancel (10) exists from object 1.1 on.
  EXPECT_TRUE(l::decode(coap_exchange{coap_operation::execute, "/5/0/10", 0, {}}, l::object_version::v1_1).has_value());
  const auto cancel_1_0 = l::decode(coap_exchange{coap_operation::execute, "/5/0/10", 0, {}}, l::object_version::v1_0);
  ASSERT_FALSE(cancel_1_0.has_value());
  EXPECT_EQ(cancel_1_0.error().code(), otawire::errc::invalid_value);
  EXPECT_EQ(cancel_1_0.error().where(), "operation.execute_target");
  for (const std::string_view p : {"/5/0/3", "/5/0", "/5", "/5/0/8/0"}) {
    const auto refused = l::decode(coap_exchange{coap_operation::execute, p, 0, {}});
    ASSERT_FALSE(refused.has_value()) << p;
    EXPECT_EQ(refused.error().where(), "operation.execute_target") << p;
  }
  const auto other_object = l::decode(coap_exchange{coap_operation::execute, "/3/0/4", 0, {}});
  ASSERT_FALSE(other_object.has_value());
  EXPECT_EQ(other_object.error().where(), "path.object");
}

TEST(Lwm2mContract, TheOperationDecidesWhichResourcesThePayloadMayCarry) {
  // State is read-only: a Write carrying it is refused, a Read response carrying it is not.
  const auto state = bytes_of_hex("C10302");
  EXPECT_TRUE(l::decode(coap_exchange{coap_operation::read_response, "/5/0/3", tlv, state}).has_value());
  const auto write = l::decode(coap_exchange{coap_operation::write, "/5/0/3", tlv, state});
  ASSERT_FALSE(write.has_value());
  EXPECT_EQ(write.error().where(), "operation.resource_not_writable");
  // Package is write-only: a notification carrying it is refused.
  const auto package = bytes_of_hex("C10000");
  const auto notify = l::decode(coap_exchange{coap_operation::notify, "/5/0/0", tlv, package});
  ASSERT_FALSE(notify.has_value());
  EXPECT_EQ(notify.error().where(), "operation.resource_not_readable");
}

TEST(Lwm2mContract, AnUnknownContentFormatOrPathIsNamed) {
  const auto json = l::decode(coap_exchange{coap_operation::notify, "/5/0/3", 11543, otawire::as_bytes("{}")});
  ASSERT_FALSE(json.has_value());
  EXPECT_EQ(json.error().code(), otawire::errc::unsupported);
  EXPECT_EQ(json.error().where(), "content_format");
  const auto path = l::decode(coap_exchange{coap_operation::notify, "/5/x", text, otawire::as_bytes("1")});
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().code(), otawire::errc::bad_string);
  EXPECT_EQ(path.error().offset(), 3u);
}

RC_GTEST_PROP(Lwm2mContract, EveryOperationRoundTripsThroughTheEnvelope, ()) {
  const auto version = *rc::gen::element(l::object_version::v1_0, l::object_version::v1_1, l::object_version::v1_2);
  const auto op = *rc::gen::element(coap_operation::read_response, coap_operation::notify, coap_operation::write,
                                    coap_operation::write_partial);
  const auto kind = otawire::direction_of(op) == direction::device_to_platform ? l::payload_kind::read_response
                                                                                : l::payload_kind::write_request;
  const auto fw = otawire::test::lwm2m::carried_by(*otawire::test::lwm2m::gen_firmware_update(version), kind);
  const auto target = *rc::gen::element(std::string_view("/5"), std::string_view("/5/0"));
  const auto parsed = l::parse_path(target);
  RC_ASSERT(parsed.has_value());
  const l::encode_options eo{version, kind, {}};
  const auto size = l::encoded_size(fw, *parsed, eo);
  RC_ASSERT(size.has_value());
  std::vector<std::byte> bytes(*size);
  RC_ASSERT(l::encode_firmware_update(fw, *parsed, bytes, eo).has_value());
  otawire::result<l::envelope> e = l::envelope{};
  std::size_t allocations = 0;
  {
    const otawire::test::allocation_scope scope;
    e = l::decode(coap_exchange{op, target, tlv, bytes}, version);
    allocations = scope.count();  // read before RC_ASSERT, whose expression capture allocates
  }
  RC_ASSERT(allocations == 0u);
  RC_ASSERT(e.has_value());
  RC_ASSERT(e->dir() == otawire::direction_of(op));
  RC_ASSERT(e->target == *parsed);
  RC_ASSERT(e->message == fw);
}

// Random payloads on random paths and formats: never a crash, and outside Execute exactly what
// decode_firmware_update says for that payload kind.
RC_GTEST_PROP(Lwm2mContract, RandomExchangesGiveWhatTheObjectDecoderGives, (const std::vector<std::uint8_t>& raw)) {
  const auto payload = otawire::test::bytes_of(raw);
  const auto op = *rc::gen::element(coap_operation::read_response, coap_operation::notify, coap_operation::write,
                                    coap_operation::write_partial, coap_operation::execute);
  const auto target = *rc::gen::element(std::string_view("/5"), std::string_view("/5/0"), std::string_view("/5/0/1"),
                                        std::string_view("/5/0/2"), std::string_view("/5/0/8/0"), std::string_view("/5/1"),
                                        std::string_view("5/0"), std::string_view("/65535"), std::string_view(""));
  const auto format = *rc::gen::element<std::uint16_t>(0, 42, 1542, 11542, 60, 110);
  const auto e = l::decode(coap_exchange{op, target, format, payload});
  if (op == coap_operation::execute) {
    if (e) RC_ASSERT(e->arguments.data() == payload.data());  // (RC_ASSERT's `||` would not short-circuit)
    return;
  }
  const auto p = l::parse_path(target);
  if (!p) {
    RC_ASSERT(!e.has_value());
    RC_ASSERT(e.error() == p.error());
    return;
  }
  const auto f = l::detail::content_format_of(format);
  if (!f) {
    RC_ASSERT(!e.has_value());
    RC_ASSERT(e.error().code() == otawire::errc::unsupported);
    return;
  }
  const auto kind = otawire::direction_of(op) == direction::device_to_platform ? l::payload_kind::read_response
                                                                                : l::payload_kind::write_request;
  otawire::test::assert_envelope_agrees(
      e, l::decode_firmware_update(payload, *p, l::decode_options{l::object_version::v1_2, kind, *f}));
}

}  // namespace

// PCP through the contract's transport input (issue 13 item 1): `pcp::decode(coap_payload)` gives
// the contract's envelope (direction, empty identity, the message), agrees with
// `decode(bytes, direction)`, round-trips every message type, never allocates and never accepts
// what the byte-level decoder refuses.
#include "support/alloc_counter.hpp"
#include "support/contract_checks.hpp"
#include "support/pcp_arbitrary.hpp"
#include "support/pcp_vectors.hpp"

#include <otawire/contract.hpp>
#include <otawire/pcp.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstddef>
#include <vector>

namespace {
namespace p = otawire::pcp;
namespace v = otawire::test::pcp;
using otawire::coap_payload;
using otawire::direction;

TEST(PcpContract, TheDocumentsFramesDecodeIntoTheEnvelope) {
  const auto query = p::decode(coap_payload{v::doc_query_version, direction::platform_to_device});
  ASSERT_TRUE(query.has_value());
  EXPECT_EQ(query->dir(), direction::platform_to_device);
  EXPECT_EQ(query->identity(), otawire::device_identity{});
  EXPECT_TRUE(std::holds_alternative<p::query_version_request>(query->message));

  const auto reply = p::decode(coap_payload{v::doc_query_version_rsp, direction::device_to_platform});
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->dir(), direction::device_to_platform);
  const auto* r = std::get_if<p::query_version_response>(&reply->message);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->current_version.view(), "V0.9");

  const auto fragment = p::decode(coap_payload{v::doc_fragment_rsp, direction::platform_to_device});
  ASSERT_TRUE(fragment.has_value());
  const auto* f = std::get_if<p::request_fragment_response>(&fragment->message);
  ASSERT_NE(f, nullptr);
  // Zero copy: the fragment views the CoAP payload itself.
  EXPECT_EQ(f->data.data(), v::doc_fragment_rsp.data() + 11);
}

// The same bytes are a 22 report or a 22 acknowledgement: the transport's direction decides.
TEST(PcpContract, TheDirectionDecidesBetweenIdenticalFrames) {
  const auto up = p::decode(coap_payload{v::doc_download_result, direction::device_to_platform});
  const auto down = p::decode(coap_payload{v::doc_download_result, direction::platform_to_device});
  ASSERT_TRUE(up.has_value());
  ASSERT_TRUE(down.has_value());
  EXPECT_TRUE(std::holds_alternative<p::report_download_result_request>(up->message));
  EXPECT_TRUE(std::holds_alternative<p::report_download_result_response>(down->message));
}

TEST(PcpContract, ErrorsAreTheByteDecodersWithTheirOffsets) {
  auto corrupt = v::doc_query_version_rsp;
  corrupt[9] = std::byte{0x57};  // one version byte: the check code no longer matches
  const auto e = p::decode(coap_payload{corrupt, direction::device_to_platform});
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code(), otawire::errc::bad_checksum);
  EXPECT_EQ(e.error().offset(), 4u);
  const auto cut = p::decode(coap_payload{otawire::byte_view(v::doc_notify).first(7), direction::platform_to_device});
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().code(), otawire::errc::truncated);
}

RC_GTEST_PROP(PcpContract, EveryMessageRoundTripsThroughTheEnvelope, ()) {
  const p::message m = *otawire::test::pcp::gen_message();
  const auto bytes = otawire::test::pcp::encode_to_vector(m);
  const direction d = p::direction_of(m);
  otawire::result<p::envelope> e = p::envelope{};
  std::size_t allocations = 0;
  {
    const otawire::test::allocation_scope scope;
    e = p::decode(coap_payload{bytes, d});
    allocations = scope.count();  // read before RC_ASSERT, whose expression capture allocates
  }
  RC_ASSERT(allocations == 0u);
  RC_ASSERT(e.has_value());
  RC_ASSERT(e->dir() == d);
  RC_ASSERT(e->message == m);
}

RC_GTEST_PROP(PcpContract, RandomBytesGiveWhatTheByteDecoderGives, (const std::vector<std::uint8_t>& raw, bool up)) {
  const auto bytes = otawire::test::bytes_of(raw);
  const direction d = up ? direction::device_to_platform : direction::platform_to_device;
  const auto e = p::decode(coap_payload{bytes, d});
  otawire::test::assert_envelope_agrees(e, p::decode(otawire::byte_view(bytes), d));
}

}  // namespace

// Object 5 model (§2.2): Read responses of /5, /5/0, /5/0/<rid>, /5/0/8/<ri>, Write payloads and
// resets, text/plain and opaque, the rejection rules, and the encoder.
#include "support/alloc_counter.hpp"
#include "support/lwm2m_oracle.hpp"

#include <gtest/gtest.h>

#include <array>
#include <span>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using otawire::errc;
using otawire::byte_view;
using otawire::test::lwm2m::bytes_of_hex;
using otawire::test::lwm2m::hex_of;

// A Read of /5/0 on an object 1.2 client: URI, Downloading, 0, name, version, CoAP+CoAPS, both
// delivery methods, severity mandatory, a change time, a 3600 s defer period, automatic upgrade.
const std::string read_5_0 =
    "C8011C636F61703A2F2F66772E6578616D706C652E636F6D2F76322E62696EC10301C10500C70661636D652D6677C5"
    "07322E302E318608410000410101C10902C10B01C40C6553F100C20D0E10C10E01";

path at(std::string_view p) { return *parse_path(p); }

otawire::result<firmware_update> decode(const std::vector<std::byte>& in, std::string_view p,
                                        object_version v = object_version::v1_2,
                                        payload_kind kind = payload_kind::read_response,
                                        content_format f = content_format::tlv) {
  return decode_firmware_update(in, at(p), decode_options{v, kind, f});
}

TEST(Lwm2mObject5, ResourceTable) {
  EXPECT_EQ(find_resource(4, object_version::v1_2), nullptr);  // pre-1.0 drafts only
  EXPECT_EQ(find_resource(15, object_version::v1_2), nullptr);
  EXPECT_EQ(find_resource(10, object_version::v1_0), nullptr);
  EXPECT_NE(find_resource(10, object_version::v1_1), nullptr);
  EXPECT_EQ(find_resource(14, object_version::v1_1), nullptr);
  EXPECT_EQ(find_resource(13, object_version::v1_1)->type, data_type::unsigned_integer);
  EXPECT_EQ(find_resource(12, object_version::v1_1)->type, data_type::time);
  EXPECT_TRUE(find_resource(8, object_version::v1_0)->multiple);
  EXPECT_EQ(find_resource(0, object_version::v1_0)->ops, operations::write);
}

TEST(Lwm2mObject5, ReadInstanceAllResources) {
  const auto in = bytes_of_hex(read_5_0);
  const auto fw = decode(in, "/5/0");
  ASSERT_TRUE(fw) << fw.error().where();
  EXPECT_EQ(fw->package_uri, "coap://fw.example.com/v2.bin");
  EXPECT_EQ(fw->state, fw_state::downloading);
  EXPECT_EQ(fw->result, update_result::initial);
  EXPECT_EQ(fw->pkg_name, "acme-fw");
  EXPECT_EQ(fw->pkg_version, "2.0.1");
  ASSERT_TRUE(fw->protocol_support);
  EXPECT_TRUE(fw->protocol_support->contains(fw_protocol::coap));
  EXPECT_TRUE(fw->protocol_support->contains(fw_protocol::coaps));
  EXPECT_FALSE(fw->protocol_support->contains(fw_protocol::https));
  EXPECT_EQ(fw->delivery, delivery_method::both);
  EXPECT_EQ(fw->update_severity, severity::mandatory);
  EXPECT_EQ(fw->last_state_change_time, 1700000000);
  EXPECT_EQ(fw->maximum_defer_period, 3600u);
  EXPECT_EQ(fw->automatic_upgrade, true);
  EXPECT_FALSE(fw->package);
  EXPECT_EQ(fw->unknown_resources, 0u);
  // Views into the payload, no copies.
  EXPECT_EQ(static_cast<const void*>(fw->package_uri->data()), static_cast<const void*>(in.data() + 3));
  // The encoder writes the same canonical bytes back.
  std::vector<std::byte> out(*encoded_size(*fw, at("/5/0")));
  ASSERT_EQ(*encode_firmware_update(*fw, at("/5/0"), out), in.size());
  EXPECT_EQ(hex_of(out), read_5_0);
}

TEST(Lwm2mObject5, ReadObjectNeedsInstanceTlv) {
  const auto wrapped = bytes_of_hex("080050" + read_5_0);
  const auto fw = decode(wrapped, "/5");
  ASSERT_TRUE(fw);
  EXPECT_EQ(fw->state, fw_state::downloading);
  EXPECT_EQ(*decode(wrapped, "/5/0"), *fw);  // optional on /5/0
  std::vector<std::byte> out(*encoded_size(*fw, at("/5")));
  ASSERT_TRUE(encode_firmware_update(*fw, at("/5"), out));
  EXPECT_EQ(hex_of(out), "080050" + read_5_0);
  const auto bare = decode(bytes_of_hex(read_5_0), "/5");
  EXPECT_EQ(bare.error().where(), "rule_8_nesting.object_instance_required");
  EXPECT_EQ(bare.error().offset(), 0u);
  EXPECT_EQ(*decode({}, "/5"), firmware_update{});  // no instance
}

TEST(Lwm2mObject5, SingleInstanceAndPathRule10) {
  EXPECT_EQ(decode(bytes_of_hex("0300C10300" "0301C10300"), "/5").error().where(), "object5_single_instance");
  EXPECT_EQ(decode(bytes_of_hex("0301C10300"), "/5").error().where(), "object5_single_instance");
  const auto mismatch = decode(bytes_of_hex("0301C10300"), "/5/0");
  EXPECT_EQ(mismatch.error().where(), "rule_10_id_contradicts_path.instance");
  const auto rid = decode(bytes_of_hex("C10502"), "/5/0/3");
  EXPECT_EQ(rid.error().where(), "rule_10_id_contradicts_path.resource");
  EXPECT_EQ(decode(bytes_of_hex("C10302C10500"), "/5/0/3").error().code(), errc::trailing_bytes);
  EXPECT_EQ(decode(bytes_of_hex("C10300"), "/3/0").error().where(), "path.object");
}

TEST(Lwm2mObject5, ReadSingleResources) {
  EXPECT_EQ(decode(bytes_of_hex("C10302"), "/5/0/3")->state, fw_state::downloaded);
  EXPECT_EQ(decode(bytes_of_hex("C10508"), "/5/0/5")->result, update_result::update_failed);
  EXPECT_EQ(decode(bytes_of_hex("C10E00"), "/5/0/14")->automatic_upgrade, false);
  EXPECT_EQ(decode(bytes_of_hex("C80D080000000100000000"), "/5/0/13")->maximum_defer_period, 4294967296u);
  EXPECT_EQ(decode(bytes_of_hex("C10D80"), "/5/0/13")->maximum_defer_period, 128u);  // minimal form
  // Protocol Support: Multiple Resource TLV, bare Resource Instances (S7 form), one instance.
  const auto mr = decode(bytes_of_hex("8608410002410103"), "/5/0/8");
  EXPECT_EQ(mr->protocol_support->bits, 0b1100);
  EXPECT_EQ(decode(bytes_of_hex("410002410103"), "/5/0/8")->protocol_support, mr->protocol_support);
  EXPECT_EQ(decode(bytes_of_hex("410103"), "/5/0/8/1")->protocol_support->bits, 0b1000);
  EXPECT_EQ(decode(bytes_of_hex("410203"), "/5/0/8/1").error().where(),
            "rule_10_id_contradicts_path.resource_instance");
  EXPECT_EQ(decode(bytes_of_hex("8008"), "/5/0/8")->protocol_support->bits, 0);  // empty: 0 instances
}

TEST(Lwm2mObject5, UnknownProtocolValuesAreIgnoredNotRejected) {
  const auto fw = decode(bytes_of_hex("88080A410007410101420209C4"), "/5/0/8");
  ASSERT_TRUE(fw) << fw.error().where();
  EXPECT_EQ(fw->protocol_support->bits, 0b10);
  EXPECT_EQ(fw->protocol_support->ignored_values, 2u);
}

TEST(Lwm2mObject5, UnknownResourcesAreSkippedAndCounted) {
  // ID 4 (pre-1.0 "Update Supported Objects"), ID 20, and resource 10+ on object 1.0.
  const auto fw = decode(bytes_of_hex("C10400C11400C10302C10B01"), "/5/0", object_version::v1_0);
  ASSERT_TRUE(fw);
  EXPECT_EQ(fw->unknown_resources, 3u);
  EXPECT_EQ(fw->state, fw_state::downloaded);
  EXPECT_FALSE(fw->update_severity);
}

TEST(Lwm2mObject5, RangeRules) {
  const auto state = decode(bytes_of_hex("C10304"), "/5/0");
  EXPECT_EQ(state.error().code(), errc::out_of_range);
  EXPECT_EQ(state.error().where(), "state");
  EXPECT_EQ(state.error().offset(), 2u);
  EXPECT_EQ(decode(bytes_of_hex("C1050A"), "/5/0", object_version::v1_0).error().where(), "update_result");
  EXPECT_EQ(decode(bytes_of_hex("C1050A"), "/5/0", object_version::v1_1)->result, update_result::cancelled);
  EXPECT_EQ(decode(bytes_of_hex("C1050C"), "/5/0", object_version::v1_2).error().code(), errc::out_of_range);
  EXPECT_EQ(decode(bytes_of_hex("C109FF"), "/5/0").error().where(), "delivery_method");
  EXPECT_EQ(decode(bytes_of_hex("C10B03"), "/5/0").error().where(), "severity");
  EXPECT_EQ(decode(bytes_of_hex("C10E02"), "/5/0").error().where(), "rule_5_boolean_value");
  EXPECT_EQ(decode(bytes_of_hex("C303000000"), "/5/0").error().where(), "rule_2_integer_length");
  EXPECT_EQ(decode(bytes_of_hex("C30C000000"), "/5/0").error().where(), "rule_2_time_length");
  EXPECT_EQ(decode(bytes_of_hex("C30D000000"), "/5/0").error().where(), "rule_3_unsigned_length");
  std::string long_uri = "D00101" "00";  // 256 bytes
  long_uri += std::string(512, '6');
  const auto uri = decode(bytes_of_hex(long_uri), "/5/0/1", object_version::v1_2, payload_kind::write_request);
  EXPECT_EQ(uri.error().code(), errc::bad_length);
  EXPECT_EQ(uri.error().where(), "package_uri");
}

TEST(Lwm2mObject5, NestingRules) {
  EXPECT_EQ(decode(bytes_of_hex("C10800"), "/5/0").error().where(),
            "rule_8_nesting.single_value_for_multiple_resource");
  EXPECT_EQ(decode(bytes_of_hex("8303410002"), "/5/0").error().where(),
            "rule_8_nesting.multiple_resource_for_single_resource");
  EXPECT_EQ(decode(bytes_of_hex("410002"), "/5/0/3").error().where(),
            "rule_8_nesting.resource_instance_outside_multiple_resource");
  EXPECT_EQ(decode(bytes_of_hex("C10300C10301"), "/5/0").error().code(), errc::duplicate);
  // A Resource Instance where a Resource is expected (rule 8), at /5/0 and at /5.
  EXPECT_EQ(decode(bytes_of_hex("410302"), "/5/0").error().where(),
            "rule_8_nesting.resource_instance_outside_multiple_resource");
  EXPECT_EQ(decode(bytes_of_hex("410802"), "/5/0").error().where(),
            "rule_8_nesting.resource_instance_outside_multiple_resource");
  EXPECT_EQ(decode(bytes_of_hex("0300410302"), "/5").error().where(),
            "rule_8_nesting.resource_instance_outside_multiple_resource");
  // An Object Instance whose ID happens to equal the resource of /5/0/<rid>.
  EXPECT_EQ(decode(bytes_of_hex("0303C10302"), "/5/0/3").error().where(),
            "rule_8_nesting.object_instance_where_resource_expected");
  EXPECT_EQ(decode(bytes_of_hex("0000"), "/5/0/0", object_version::v1_2, payload_kind::write_request)
                .error()
                .where(),
            "rule_8_nesting.object_instance_where_resource_expected");
}

TEST(Lwm2mObject5, OperationRules) {
  // Package is write-only, State read-only, Update executable.
  EXPECT_EQ(decode(bytes_of_hex("C1000A"), "/5/0").error().where(), "operation.resource_not_readable");
  EXPECT_EQ(decode(bytes_of_hex("C10300"), "/5/0", object_version::v1_2, payload_kind::write_request)
                .error()
                .where(),
            "operation.resource_not_writable");
  EXPECT_EQ(decode(bytes_of_hex("C002"), "/5/0").error().where(),
            "operation.executable_resource_has_no_value");
}

TEST(Lwm2mObject5, WritesAndResets) {
  const auto w = payload_kind::write_request;
  const auto v = object_version::v1_2;
  // The decoded views point into the payload: keep it alive.
  const auto uri_payload = bytes_of_hex("C8011C636F61703A2F2F66772E6578616D706C652E636F6D2F76322E62696E");
  const auto uri = decode(uri_payload, "/5/0/1", v, w);
  EXPECT_EQ(uri->package_uri, "coap://fw.example.com/v2.bin");
  EXPECT_FALSE(uri->is_reset());
  EXPECT_TRUE(decode(bytes_of_hex("C001"), "/5/0/1", v, w)->is_uri_reset());
  EXPECT_TRUE(decode(bytes_of_hex("C10000"), "/5/0/0", v, w)->is_package_reset());
  EXPECT_FALSE(decode(bytes_of_hex("C2000000"), "/5/0/0", v, w)->is_reset());  // two NULs
  EXPECT_FALSE(decode(bytes_of_hex("C000"), "/5/0/0", v, w)->is_reset());  // empty, not NULL
  const auto pkg_payload = bytes_of_hex("C4000102FF00");
  const auto pkg = decode(pkg_payload, "/5/0/0", v, w);
  EXPECT_EQ(hex_of(*pkg->package), "0102FF00");
  // Opaque content format (42): the payload is the Package.
  const auto raw = bytes_of_hex("00");
  EXPECT_TRUE(decode(raw, "/5/0/0", v, w, content_format::opaque)->is_package_reset());
  EXPECT_EQ(decode(raw, "/5/0/1", v, w, content_format::opaque).error().where(),
            "content_format.opaque_for_non_opaque");
  // Partial write of /5/0 with writable resources (1.1+).
  const auto partial = decode(bytes_of_hex("C10B02C20D0E10"), "/5/0", v, w);
  EXPECT_EQ(partial->update_severity, severity::optional);
  EXPECT_EQ(partial->maximum_defer_period, 3600u);
}

TEST(Lwm2mObject5, PlainText) {
  const auto text = [](std::string_view s, std::string_view p, payload_kind k = payload_kind::read_response) {
    return decode_firmware_update(otawire::as_bytes(s), at(p),
                                  decode_options{object_version::v1_2, k, content_format::text});
  };
  EXPECT_EQ(text("2", "/5/0/3")->state, fw_state::downloaded);
  EXPECT_EQ(text("11", "/5/0/5")->result, update_result::deferred);
  EXPECT_EQ(text("4", "/5/0/3").error().code(), errc::out_of_range);
  EXPECT_EQ(text("2x", "/5/0/3").error().where(), "text.integer");
  EXPECT_EQ(text("", "/5/0/3").error().where(), "text.integer");
  EXPECT_EQ(text("acme", "/5/0/6")->pkg_name, "acme");
  EXPECT_EQ(text("1", "/5/0/14")->automatic_upgrade, true);
  EXPECT_EQ(text("true", "/5/0/14").error().where(), "text.boolean");
  EXPECT_EQ(text("18446744073709551615", "/5/0/13")->maximum_defer_period, ~0ull);
  EXPECT_EQ(text("-1", "/5/0/13").error().where(), "text.unsigned_integer");
  EXPECT_EQ(text("-5", "/5/0/12")->last_state_change_time, -5);
  EXPECT_EQ(text("coap://h/f", "/5/0/1", payload_kind::write_request)->package_uri, "coap://h/f");
  EXPECT_EQ(text("", "/5/0/1", payload_kind::write_request)->is_uri_reset(), true);
  EXPECT_EQ(text("2", "/5/0").error().where(), "content_format.single_resource_only");
}

TEST(Lwm2mObject5, LegacyTlvContentFormat) {
  // 1542, the pre-registration number peers still accept (§1.5), reads as TLV.
  const auto in = bytes_of_hex("C10302");
  const auto fw = decode(in, "/5/0/3", object_version::v1_0, payload_kind::read_response,
                         content_format::legacy_tlv);
  ASSERT_TRUE(fw);
  EXPECT_EQ(fw->state, fw_state::downloaded);
}

TEST(Lwm2mObject5, Paths) {
  EXPECT_EQ(at("/5/0/8/1"), (path{5, 0, 8, 1, 4}));
  EXPECT_EQ(at("/5"), (path{5, 0, 0, 0, 1}));
  EXPECT_EQ(parse_path("5/0").error().offset(), 0u);
  EXPECT_EQ(parse_path("/5//0").error().code(), errc::bad_string);
  EXPECT_EQ(parse_path("/5/0/").error().code(), errc::bad_string);
  EXPECT_EQ(parse_path("/5/65535").error().code(), errc::reserved_id);
  EXPECT_EQ(parse_path("/5/0/1/2/3").error().where(), "path.depth");
  static_assert(parse_path("/5/0/3")->resource == 3);
}

TEST(Lwm2mObject5, EncodeSingleResourceAndErrors) {
  firmware_update fw;
  fw.state = fw_state::updating;
  fw.result = update_result::initial;
  std::array<std::byte, 16> out{};
  ASSERT_EQ(*encode_firmware_update(fw, at("/5/0/3"), out), 3u);
  EXPECT_EQ(hex_of(byte_view(out).first(3)), "C10303");
  EXPECT_EQ(encode_firmware_update(fw, at("/5/0/6"), out).error().code(), errc::missing_field);
  firmware_update v11;
  v11.update_severity = severity::critical;
  EXPECT_EQ(encode_firmware_update(v11, at("/5/0"), out, encode_options{object_version::v1_0}).error().code(),
            errc::unsupported);
  firmware_update r10;
  r10.result = update_result::cancelled;
  EXPECT_EQ(encode_firmware_update(r10, at("/5/0"), out, encode_options{object_version::v1_0}).error().code(),
            errc::out_of_range);
  std::array<std::byte, 2> tiny{};
  EXPECT_EQ(encode_firmware_update(fw, at("/5/0"), tiny).error().code(), errc::buffer_too_small);
  // Unsigned policy: Wakaama/Anjay minimal form on request.
  firmware_update defer;
  defer.maximum_defer_period = 200;
  ASSERT_TRUE(encode_firmware_update(defer, at("/5/0/13"), out));
  EXPECT_EQ(hex_of(byte_view(out).first(4)), "C20D00C8");
  ASSERT_TRUE(encode_firmware_update(
      defer, at("/5/0/13"), out,
      encode_options{object_version::v1_2, payload_kind::read_response, unsigned_policy::minimal}));
  EXPECT_EQ(hex_of(byte_view(out).first(3)), "C10DC8");
}

TEST(Lwm2mObject5, DecodeAllocatesNothing) {
  const auto in = bytes_of_hex("080050" + read_5_0);
  otawire::test::allocation_scope scope;
  const auto fw = decode_firmware_update(in, path{5, 0, 0, 0, 1});
  const auto bad = decode_firmware_update(in, path{5, 0, 0, 0, 1},
                                          decode_options{object_version::v1_0});
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_TRUE(fw);
  EXPECT_EQ(fw->unknown_resources, 0u);
  EXPECT_TRUE(bad);  // 1.0 skips 11-14
  EXPECT_EQ(bad->unknown_resources, 4u);
}

// Decoded views point into the payload: a temporary payload does not compile (simdjson's rule).
template <class P>
concept decodable = requires(P&& p) { decode_firmware_update(std::forward<P>(p), path{5, 0, 0, 0, 2}); };
template <class P>
concept readable_bytes = requires(P&& p) { tlv_reader(std::forward<P>(p)); };
static_assert(decodable<std::vector<std::byte>&>);
static_assert(decodable<const std::vector<std::byte>&>);
static_assert(decodable<byte_view>);
static_assert(!decodable<std::vector<std::byte>>);
static_assert(!decodable<std::array<std::byte, 4>>);
static_assert(readable_bytes<std::vector<std::byte>&>);
static_assert(!readable_bytes<std::vector<std::byte>>);

template <class T>
std::string_view where_of(const otawire::result<T>& r) {
  return r ? std::string_view("<accepted>") : r.error().where();
}

// Issue 12 item 3: the guard is "owning temporary" (not a borrowed range), not "anything but
// byte_view": a span over the receive buffer — mutable, or cut to the received length — is a
// view and decodes; std::string prvalues dangle as vectors do.
template <class P>
concept decodable_into = requires(P&& p, firmware_update& fw) {
  decode_firmware_update(std::forward<P>(p), path{5, 0, 0, 0, 2}, fw);
};
static_assert(decodable<std::span<std::byte>>);
static_assert(decodable<std::span<const std::byte>>);
static_assert(decodable<std::span<std::byte, 3>>);
static_assert(decodable_into<std::span<std::byte>>);
static_assert(decodable_into<std::vector<std::byte>&>);
static_assert(!decodable_into<std::vector<std::byte>>);
static_assert(!decodable_into<std::array<std::byte, 4>>);

TEST(Lwm2mObject5, PlainSpanOfTheReceiveBufferDecodes) {
  std::vector<std::byte> rx = bytes_of_hex("C10302" "FFFFFFFF");  // 3 bytes received, then slack
  const std::size_t n = 3;
  const auto fw = decode_firmware_update(std::span(rx).first(n), at("/5/0/3"));
  ASSERT_TRUE(fw) << fw.error().where();
  EXPECT_EQ(fw->state, fw_state::downloaded);
  firmware_update into;
  ASSERT_TRUE(decode_firmware_update(std::span(rx).first(n), at("/5/0/3"), into));
  EXPECT_EQ(into.state, fw_state::downloaded);
  // The package view points into rx itself.
  std::vector<std::byte> pkg = bytes_of_hex("C2000102" "00");
  const auto w = decode_firmware_update(std::span(pkg).first(4), at("/5/0/0"),
                                        decode_options{object_version::v1_2, payload_kind::write_request});
  ASSERT_TRUE(w);
  EXPECT_EQ(static_cast<const void*>(w->package->data()), static_cast<const void*>(pkg.data() + 2));
}

// Issue 12 item 4: a path naming another instance of the single-instance object is rejected at
// every depth and in every content format, as an Object Instance TLV 1 is.
TEST(Lwm2mObject5, PathNamingAnotherInstanceIsRejected) {
  EXPECT_EQ(where_of(decode(bytes_of_hex("C10300"), "/5/1")), "object5_single_instance");
  EXPECT_EQ(where_of(decode(bytes_of_hex("C10300"), "/5/1/3")), "object5_single_instance");
  EXPECT_EQ(where_of(decode(bytes_of_hex("0301C10300"), "/5/1")), "object5_single_instance");
  EXPECT_EQ(where_of(decode({}, "/5/1")), "object5_single_instance");
  EXPECT_EQ(where_of(decode(bytes_of_hex("410101"), "/5/1/8/1")), "object5_single_instance");
  EXPECT_EQ(where_of(decode(bytes_of_hex("32"), "/5/1/3", object_version::v1_2,
                            payload_kind::read_response, content_format::text)),
            "object5_single_instance");
  // A reserved ID in a hand-built path, or a path deeper than four IDs.
  const std::vector<std::byte> empty;
  EXPECT_EQ(where_of(decode_firmware_update(empty, path{5, 0, 65535, 0, 3})), "path.rule_7_max_id");
  EXPECT_EQ(where_of(decode_firmware_update(empty, path{5, 0, 8, 0, 5})), "path.depth");
}

// Issue 12 item 8: text/plain and opaque carry one value; a Multiple Resource needs TLV.
TEST(Lwm2mObject5, SingleValueFormatsOnMultipleResourceAreRejected) {
  for (const auto kind : {payload_kind::read_response, payload_kind::write_request}) {
    for (const auto format : {content_format::text, content_format::opaque}) {
      const auto r = decode(bytes_of_hex("31"), "/5/0/8", object_version::v1_2, kind, format);
      ASSERT_FALSE(r) << "format " << static_cast<int>(format);
      EXPECT_EQ(r.error().code(), errc::unsupported);
      EXPECT_EQ(where_of(r), "content_format.single_value_format_for_multiple_resource");
    }
  }
  // The same value as TLV is fine, and so is one Resource Instance in text (the generic rule of
  // values.hpp, check_single_value_target).
  EXPECT_EQ(decode(bytes_of_hex("8308410001"), "/5/0/8")->protocol_support->bits, 0b10);
  const auto one = decode(bytes_of_hex("31"), "/5/0/8/1", object_version::v1_2,
                          payload_kind::read_response, content_format::text);
  ASSERT_TRUE(one) << one.error().where();
  EXPECT_EQ(one->protocol_support->bits, 0b10);
  EXPECT_EQ(where_of(decode(bytes_of_hex("31"), "/5/0/8/1", object_version::v1_2,
                            payload_kind::read_response, content_format::opaque)),
            "content_format.opaque_for_non_opaque");
  EXPECT_EQ(where_of(decode(bytes_of_hex("31"), "/5/0/3/0", object_version::v1_2,
                            payload_kind::read_response, content_format::text)),
            "path.resource_instance_of_single_resource");
  EXPECT_EQ(where_of(decode(bytes_of_hex("31"), "/5/0", object_version::v1_2,
                            payload_kind::read_response, content_format::text)),
            "content_format.single_resource_only");
}

// Issue 12 item 5: the encoder has the decoder's operation modes and path rules, and
// encoded_size runs the encoder's checks.
TEST(Lwm2mObject5, EncoderModesMirrorTheDecoder) {
  std::vector<std::byte> pkg = bytes_of_hex("AB");
  firmware_update fw;
  fw.package = byte_view(pkg);
  fw.state = fw_state::idle;
  std::array<std::byte, 32> out{};
  // A Read response never carries the write-only Package (it used to write C100ABC10300).
  const auto read = encode_firmware_update(fw, at("/5/0"), out);
  ASSERT_FALSE(read);
  EXPECT_EQ(where_of(read), "operation.resource_not_readable");
  EXPECT_EQ(where_of(encoded_size(fw, at("/5/0"))), "operation.resource_not_readable");
  // A Write request never carries the read-only State.
  const encode_options write{object_version::v1_2, payload_kind::write_request};
  EXPECT_EQ(where_of(encode_firmware_update(fw, at("/5/0"), out, write)),
            "operation.resource_not_writable");
  fw.state.reset();
  fw.package_uri = "";
  const auto n = encode_firmware_update(fw, at("/5/0"), out, write);
  ASSERT_TRUE(n);
  EXPECT_EQ(hex_of(byte_view(out).first(*n)), "C100ABC001");
  EXPECT_EQ(*encoded_size(fw, at("/5/0"), write), *n);
  const auto back = decode_firmware_update(byte_view(out).first(*n), at("/5/0"),
                                           decode_options{object_version::v1_2, payload_kind::write_request});
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, fw);
  // /5/0/0 alone in both modes.
  EXPECT_EQ(*encode_firmware_update(fw, at("/5/0/0"), out, write), 3u);
  EXPECT_EQ(where_of(encode_firmware_update(fw, at("/5/0/0"), out)), "operation.resource_not_readable");
  EXPECT_EQ(where_of(encode_firmware_update(fw, at("/5/0/2"), out, write)),
            "operation.executable_resource_has_no_value");
}

TEST(Lwm2mObject5, EncodedSizeFailsWhereEncodeFails) {
  firmware_update fw;
  fw.state = fw_state::downloading;
  std::array<std::byte, 32> out{};
  // Each of these used to get a size (3, or 0) while encode failed.
  for (const path p : {at("/3/0"), at("/5/1"), at("/5/1/3"), at("/5/0/6"), path{5, 0, 65535, 0, 3},
                       path{5, 0, 3, 0, 5}, path{5, 0, 3, 0, 0}}) {
    const auto size = encoded_size(fw, p);
    const auto written = encode_firmware_update(fw, p, out);
    ASSERT_FALSE(size) << int(p.depth) << " " << p.resource;
    ASSERT_FALSE(written);
    EXPECT_EQ(size.error().code(), written.error().code());
    EXPECT_EQ(where_of(size), where_of(written));
  }
  ASSERT_FALSE(encoded_size(fw, at("/5/0/6")));
  EXPECT_EQ(encoded_size(fw, at("/5/0/6")).error().code(), errc::missing_field);
  EXPECT_EQ(where_of(encoded_size(fw, path{5, 0, 65535, 0, 3})), "path.rule_7_max_id");
  EXPECT_EQ(where_of(encoded_size(fw, at("/5/1"))), "object5_single_instance");
  // An enum value outside its range is refused, not written for the decoder to reject.
  firmware_update bad;
  bad.state = static_cast<fw_state>(7);
  ASSERT_FALSE(encoded_size(bad, at("/5/0")));
  EXPECT_EQ(encoded_size(bad, at("/5/0")).error().code(), errc::out_of_range);
  bad.state.reset();
  bad.protocol_support = protocol_set{0b0100'0001, 0};
  EXPECT_EQ(where_of(encoded_size(bad, at("/5/0"))), "protocol_support");
}

TEST(Lwm2mObject5, ResourceInstancePathEncodesWhatItDecodes) {
  const auto in = bytes_of_hex("410101");
  const auto fw = decode(in, "/5/0/8/1");
  ASSERT_TRUE(fw);
  std::array<std::byte, 8> out{};
  const auto n = encode_firmware_update(*fw, at("/5/0/8/1"), out);
  ASSERT_TRUE(n) << where_of(n);
  EXPECT_EQ(hex_of(byte_view(out).first(*n)), "410101");
  EXPECT_EQ(*encoded_size(*fw, at("/5/0/8/1")), 3u);
  // Two values cannot travel as one Resource Instance; none is a missing value.
  firmware_update two;
  two.protocol_support = protocol_set{0b11, 0};
  EXPECT_EQ(where_of(encoded_size(two, at("/5/0/8/0"))),
            "protocol_support.one_value_per_resource_instance");
  ASSERT_FALSE(encoded_size(firmware_update{}, at("/5/0/8/0")));
  EXPECT_EQ(encoded_size(firmware_update{}, at("/5/0/8/0")).error().code(), errc::missing_field);
  EXPECT_EQ(where_of(encoded_size(two, at("/5/0/3/0"))), "path.resource_instance");
}

}  // namespace

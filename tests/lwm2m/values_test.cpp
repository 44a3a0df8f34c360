// Typed values (§1.3): the peers' value vectors (§4.2) and the length rules 2-6 of §1.4.
#include "support/lwm2m_oracle.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace {
using namespace otawire::lwm2m;
using otawire::errc;
using otawire::byte_view;
using otawire::test::lwm2m::bytes_of_hex;
using otawire::test::lwm2m::hex_of;

std::int64_t as_int(const std::string& hex) { return *decode_integer(bytes_of_hex(hex)); }

// A resource entry /x/x/<id> with `value`, as the peers' encoder vectors show it.
std::string resource(std::uint16_t id, const scalar_bytes& value) {
  std::vector<std::byte> out(entry_size(id, value.size));
  tlv_writer w(out);
  EXPECT_TRUE(w.value(tlv_kind::resource, id, value.view()));
  return hex_of(out);
}

TEST(Lwm2mValues, AnjayIntegers) {
  EXPECT_EQ(as_int("2A"), 42);
  EXPECT_EQ(as_int("1092"), 4242);
  EXPECT_EQ(as_int("00067932"), 424242);
  EXPECT_EQ(as_int("028757B2"), 42424242);
  EXPECT_EQ(as_int("FCDE41B2"), -52543054);
  EXPECT_EQ(as_int("00000000FCDE41B2"), 4242424242);
  EXPECT_EQ(as_int("00000062C6D1A9B2"), 424242424242);
  EXPECT_EQ(as_int("05E3363CB39EC9B2"), 424242424242424242);
  for (const auto* bad : {"", "067932", "0102030405", "010203040506", "01020304050607", "010203040506070809"}) {
    SCOPED_TRACE(bad);
    const auto r = decode_integer(bytes_of_hex(bad), 17);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::bad_length);
    EXPECT_EQ(r.error().where(), "rule_2_integer_length");
    EXPECT_EQ(r.error().offset(), 17u);
  }
  EXPECT_EQ(decode_time(bytes_of_hex("010203")).error().where(), "rule_2_time_length");
}

TEST(Lwm2mValues, WakaamaSignedAndUnsignedOfSameBytes) {
  EXPECT_EQ(as_int("EDCC"), -0x1234);
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("EDCC")), 0xEDCCu);
  EXPECT_EQ(as_int("7F34567891223344"), 0x7f34567891223344);
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("8F34567891223344")), 0x8f34567891223344u);
  EXPECT_EQ(as_int("80"), -128);
  EXPECT_EQ(as_int("8000000000000000"), std::numeric_limits<std::int64_t>::min());
}

TEST(Lwm2mValues, AnjayUnsigned) {
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("2A")), 42u);
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("FFFFFFFF")), 4294967295u);
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("0000000100000000")), 4294967296u);
  EXPECT_EQ(*decode_unsigned(bytes_of_hex("FFFFFFFFFFFFFFFF")), std::numeric_limits<std::uint64_t>::max());
  for (const auto* bad : {"", "010203", "0102030405"}) {
    EXPECT_EQ(decode_unsigned(bytes_of_hex(bad)).error().where(), "rule_3_unsigned_length");
  }
}

TEST(Lwm2mValues, AnjayFloats) {
  EXPECT_EQ(*decode_float(bytes_of_hex("3F800000")), 1.0);
  EXPECT_EQ(*decode_float(bytes_of_hex("C7241000")), -42000.0);
  EXPECT_EQ(*decode_float(bytes_of_hex("3FF0000000000000")), 1.0);
  EXPECT_EQ(*decode_float(bytes_of_hex("3FF199999999999A")), 1.1);
  EXPECT_EQ(*decode_float(bytes_of_hex("C0E4820000000000")), -42000.0);
  for (const auto* bad : {"", "01", "0102", "010203", "0102030405", "010203040506", "01020304050607",
                          "010203040506070809"}) {
    EXPECT_EQ(decode_float(bytes_of_hex(bad)).error().where(), "rule_4_float_length");
  }
}

TEST(Lwm2mValues, BooleanStrict) {
  EXPECT_FALSE(*decode_boolean(bytes_of_hex("00")));
  EXPECT_TRUE(*decode_boolean(bytes_of_hex("01")));
  EXPECT_EQ(decode_boolean(bytes_of_hex("")).error().where(), "rule_5_boolean_length");
  EXPECT_EQ(decode_boolean(bytes_of_hex("0000")).error().where(), "rule_5_boolean_length");
  const auto two = decode_boolean(bytes_of_hex("02"), 3, 5);
  EXPECT_EQ(two.error().where(), "rule_5_boolean_value");
  EXPECT_EQ(two.error().code(), errc::invalid_value);
  EXPECT_EQ(two.error().offset(), 5u);
}

TEST(Lwm2mValues, Objlnk) {
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("00000000")), (objlnk{0, 0}));
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("00010000")), (objlnk{1, 0}));
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("00000001")), (objlnk{0, 1}));
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("0001FFFF")), (objlnk{1, 65535}));
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("FFFF0001")), (objlnk{65535, 1}));
  EXPECT_TRUE(decode_objlnk(bytes_of_hex("FFFFFFFF"))->is_null());
  EXPECT_EQ(*decode_objlnk(bytes_of_hex("12345678")), (objlnk{0x1234, 0x5678}));
  for (const auto* bad : {"", "01", "0102", "010203", "0102030405"}) {
    EXPECT_EQ(decode_objlnk(bytes_of_hex(bad)).error().where(), "rule_6_objlnk_length");
  }
}

TEST(Lwm2mValues, StringsAndOpaqueAreViews) {
  const auto in = bytes_of_hex("746573745F737472696E67");
  const auto s = decode_string(in);
  EXPECT_EQ(s, "test_string");
  EXPECT_EQ(static_cast<const void*>(s.data()), static_cast<const void*>(in.data()));
  EXPECT_EQ(decode_string({}), "");
  EXPECT_EQ(decode_opaque(in).data(), in.data());
}

TEST(Lwm2mValues, AnjayEncoderOutputs) {
  EXPECT_EQ(resource(1, encode_integer(42)), "C1012A");
  EXPECT_EQ(resource(1, encode_integer(4242)), "C2011092");
  EXPECT_EQ(resource(1, encode_integer(424242)), "C40100067932");
  EXPECT_EQ(resource(1, encode_integer(-52543054)), "C401FCDE41B2");
  EXPECT_EQ(resource(1, encode_integer(4242424242)), "C8010800000000FCDE41B2");
  EXPECT_EQ(resource(1, encode_unsigned(4294967295u, unsigned_policy::minimal)), "C401FFFFFFFF");
  EXPECT_EQ(resource(1, encode_unsigned(4294967296u, unsigned_policy::minimal)), "C801080000000100000000");
  EXPECT_EQ(resource(1, encode_float(-42000.0)), "C401C7241000");
  EXPECT_EQ(resource(1, encode_float(1.0)), "C4013F800000");
  EXPECT_EQ(resource(1, encode_float(1.1)), "C801083FF199999999999A");
  EXPECT_EQ(resource(1, encode_boolean(true)), "C10101");
  EXPECT_EQ(resource(1, encode_objlnk({1, 65535})), "C4010001FFFF");
}

TEST(Lwm2mValues, UnsignedPolicies) {
  // Default: the top bit stays clear so that Leshan's signed reader agrees (§1.3).
  EXPECT_EQ(hex_of(encode_unsigned(200).view()), "00C8");
  EXPECT_EQ(hex_of(encode_unsigned(200, unsigned_policy::minimal).view()), "C8");
  EXPECT_EQ(hex_of(encode_unsigned(127).view()), "7F");
  EXPECT_EQ(hex_of(encode_unsigned(4294967295u).view()), "00000000FFFFFFFF");
  EXPECT_EQ(hex_of(encode_unsigned(std::uint64_t{1} << 63).view()), "8000000000000000");
  // Either way a spec-correct reader gets the number back.
  for (std::uint64_t v : {0ull, 127ull, 128ull, 200ull, 65535ull, 4294967296ull, ~0ull}) {
    EXPECT_EQ(*decode_unsigned(encode_unsigned(v).view()), v);
    EXPECT_EQ(*decode_unsigned(encode_unsigned(v, unsigned_policy::minimal).view()), v);
  }
}

TEST(Lwm2mValues, ZephyrVectors) {
  EXPECT_EQ(resource(0xAA, encode_integer(0)), "C1AA00");
  EXPECT_EQ(resource(0xAA, encode_integer(127)), "C1AA7F");
  EXPECT_EQ(resource(0xAABB, encode_integer(-128)), "E1AABB80");
  EXPECT_EQ(resource(0xAA, encode_integer(32767)), "C2AA7FFF");
  EXPECT_EQ(resource(0xAABB, encode_integer(-32768)), "E2AABB8000");
  EXPECT_EQ(resource(0xAA, encode_integer(std::numeric_limits<std::int32_t>::max())), "C4AA7FFFFFFF");
  EXPECT_EQ(resource(0xAABB, encode_integer(std::numeric_limits<std::int32_t>::min())), "E4AABB80000000");
  EXPECT_EQ(resource(0xAA, encode_integer(std::numeric_limits<std::int64_t>::max())), "C8AA087FFFFFFFFFFFFFFF");
  EXPECT_EQ(resource(0xAABB, encode_integer(std::numeric_limits<std::int64_t>::min())), "E8AABB088000000000000000");
  const auto d = [](double v) { return resource(0xAA, encode_float(v, float_policy::always_double)); };
  EXPECT_EQ(d(0.0), "C8AA080000000000000000");
  EXPECT_EQ(d(0.123), "C8AA083FBF7CED916872B0");
  EXPECT_EQ(d(-0.987), "C8AA08BFEF95810624DD2F");
  EXPECT_EQ(d(3.0), "C8AA084008000000000000");
  EXPECT_EQ(d(-10.0), "C8AA08C024000000000000");
  EXPECT_EQ(d(2.333), "C8AA084002A9FBE76C8B44");
  EXPECT_EQ(resource(0xAABB, encode_float(-123.125, float_policy::always_double)), "E8AABB08C05EC80000000000");
  EXPECT_EQ(resource(0xAA, encode_boolean(true)), "C1AA01");
  EXPECT_EQ(resource(0xAABB, encode_boolean(false)), "E1AABB00");
  EXPECT_EQ(resource(0xAA, encode_objlnk({0, 0})), "C4AA00000000");
  EXPECT_EQ(resource(0xAA, encode_objlnk({1, 2})), "C4AA00010002");
  EXPECT_EQ(resource(0xAABB, encode_objlnk({65535, 65535})), "E4AABBFFFFFFFF");
  // Zephyr's decode side: the same bytes read back.
  EXPECT_EQ(*decode_float(bytes_of_hex("3FBF7CED916872B0")), 0.123);
}

TEST(Lwm2mValues, FloatPolicyNeverLossy) {
  // Wakaama narrows 1.1 to 3F8CCCCD; exact-float-else-double keeps binary64.
  EXPECT_EQ(encode_float(1.1).size, 8);
  EXPECT_EQ(encode_float(0.5).size, 4);
  EXPECT_EQ(encode_float(1e300).size, 8);
  EXPECT_EQ(encode_float(std::numeric_limits<double>::infinity()).size, 4);
  EXPECT_TRUE(std::isnan(*decode_float(encode_float(std::nan("")).view())));
  EXPECT_TRUE(std::signbit(*decode_float(encode_float(-0.0).view())));
  for (double v : {1.1, 0.1, -42000.0, 3.4028234663852886e38, 1e-45, 123456789.0}) {
    EXPECT_EQ(*decode_float(encode_float(v).view()), v);
    EXPECT_EQ(*decode_float(encode_float(v, float_policy::always_double).view()), v);
  }
}

static_assert(*decode_integer(encode_integer(-300).view()) == -300);
static_assert(encode_integer(-300).size == 2);
static_assert(*decode_unsigned(encode_unsigned(0x80).view()) == 0x80);

// Issue 12 item 8: text/plain and opaque are single-value formats, for any object.
TEST(Lwm2mValues, SingleValueFormatsNameOneResourceOrResourceInstance) {
  const path whole_multiple{3, 0, 6, 0, 3};      // Device Available Power Sources, multiple
  const path one_instance{3, 0, 6, 1, 4};
  const path single{3, 0, 9, 0, 3};               // Battery Level, single
  for (const auto format : {content_format::text, content_format::opaque}) {
    SCOPED_TRACE(static_cast<int>(format));
    const auto multiple = check_single_value_target(format, whole_multiple, true);
    ASSERT_FALSE(multiple);
    EXPECT_EQ(multiple.error().code(), errc::unsupported);
    EXPECT_EQ(multiple.error().where(), "content_format.single_value_format_for_multiple_resource");
    EXPECT_TRUE(check_single_value_target(format, one_instance, true));
    EXPECT_TRUE(check_single_value_target(format, single, false));
    EXPECT_EQ(check_single_value_target(format, path{3, 0, 0, 0, 2}, false).error().where(),
              "content_format.single_resource_only");
    EXPECT_EQ(check_single_value_target(format, path{3, 0, 9, 1, 4}, false).error().where(),
              "path.resource_instance_of_single_resource");
  }
  // TLV carries every shape.
  EXPECT_TRUE(check_single_value_target(content_format::tlv, whole_multiple, true));
  EXPECT_TRUE(check_single_value_target(content_format::legacy_tlv, path{3, 0, 0, 0, 1}, false));
}

}  // namespace

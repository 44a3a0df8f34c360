// TLV reader, validator and writer: the spec's worked examples (corrected, §4.1), the peers' unit
// vectors (§4.2), one input per rejection rule of §1.4, and the leniencies the spec requires.
#include "support/alloc_counter.hpp"
#include "support/lwm2m_oracle.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using otawire::errc;
using otawire::byte_view;
using otawire::test::lwm2m::bytes_of_hex;
using otawire::test::lwm2m::decode_tree;
using otawire::test::lwm2m::encode_tree;
using otawire::test::lwm2m::hex_of;
using otawire::test::lwm2m::tlv_node;
using otawire::test::lwm2m::tlv_tree;

std::vector<std::byte> cat(std::string_view hex, std::size_t filler, std::byte fill = std::byte{0x31}) {
  auto b = bytes_of_hex(hex);
  b.insert(b.end(), filler, fill);
  return b;
}

std::string text(const tlv_node& n) {
  return std::string(reinterpret_cast<const char*>(n.value.data()), n.value.size());
}

std::int64_t integer(const tlv_node& n) { return *decode_integer(n.value); }

const tlv_node* find(const tlv_tree& t, std::uint16_t id) {
  for (const auto& n : t) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

// Decodes, checks the canonical re-encoding is byte-identical ("RT" in §4).
tlv_tree round_trip(const std::vector<std::byte>& in) {
  auto t = decode_tree(in);
  EXPECT_TRUE(t.has_value()) << (t ? "" : std::string(t.error().where())) << " @"
                             << (t ? 0 : t.error().offset());
  if (!t) return {};
  auto again = encode_tree(*t);
  EXPECT_TRUE(again.has_value());
  if (again) {
    EXPECT_EQ(hex_of(*again), hex_of(in));
  }
  return *t;
}

otawire::error decode_error(const std::vector<std::byte>& in) {
  auto t = validate(in);
  EXPECT_FALSE(t.has_value());
  return t ? otawire::error{} : t.error();
}

const std::string s1 =
    "C800144F70656E204D6F62696C6520416C6C69616E6365C801164C69676874776569676874204D324D20436C69656E"
    "74C80209333435303030313233C303312E30860641000141010588070842000ED842011388870841007D42010384C1"
    "0964C10A0F830B410000C40D5182428FC60E2B30323A3030C11055";

// ---- §4.1 spec worked examples ----------------------------------------------------------------

TEST(Lwm2mTlvSpec, S1DeviceObjectInstanceResources) {
  const auto in = bytes_of_hex(s1);
  ASSERT_EQ(in.size(), 121u);
  const auto t = round_trip(in);
  ASSERT_EQ(t.size(), 13u);
  EXPECT_EQ(text(*find(t, 0)), "Open Mobile Alliance");
  EXPECT_EQ(text(*find(t, 1)), "Lightweight M2M Client");
  EXPECT_EQ(text(*find(t, 2)), "345000123");
  EXPECT_EQ(text(*find(t, 3)), "1.0");
  const auto* power = find(t, 6);
  ASSERT_EQ(power->kind, tlv_kind::multiple_resource);
  ASSERT_EQ(power->children.size(), 2u);
  EXPECT_EQ(integer(power->children[0]), 1);
  EXPECT_EQ(integer(power->children[1]), 5);
  const auto* voltage = find(t, 7);
  EXPECT_EQ(integer(voltage->children[0]), 3800);
  EXPECT_EQ(integer(voltage->children[1]), 5000);
  const auto* current = find(t, 8);
  EXPECT_EQ(integer(current->children[0]), 125);
  EXPECT_EQ(integer(current->children[1]), 900);
  EXPECT_EQ(integer(*find(t, 9)), 100);
  EXPECT_EQ(integer(*find(t, 10)), 15);
  EXPECT_EQ(integer(find(t, 11)->children.at(0)), 0);
  EXPECT_EQ(*decode_time(find(t, 13)->value), 1367491215);
  EXPECT_EQ(text(*find(t, 14)), "+02:00");
  EXPECT_EQ(text(*find(t, 16)), "U");
}

TEST(Lwm2mTlvSpec, S1UncorrectedLightweigtRowIsNotTheDeviceObject) {
  // Erratum 1: the 1.2 markdown drops one 0x68 but keeps length 0x16; the entries after it are
  // misaligned, so the strict decoder cannot return the example's 13 resources.
  std::string broken = s1;
  broken.replace(broken.find("4C69676874776569676874"), 22, "4C696774776569676874");
  const auto t = decode_tree(bytes_of_hex(broken));
  EXPECT_TRUE(!t || t->size() != 13u || text(*find(*t, 1)) != "Lightweight M2M Client");
}

TEST(Lwm2mTlvSpec, S2DeviceObjectWrappedInInstance) {
  const auto t = round_trip(bytes_of_hex("080079" + s1));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, tlv_kind::object_instance);
  EXPECT_EQ(t[0].id, 0);
  EXPECT_EQ(t[0].children, *decode_tree(bytes_of_hex(s1)));
}

TEST(Lwm2mTlvSpec, S3AccessControlTwoInstances) {
  const auto t = round_trip(bytes_of_hex(
      "08000EC10001C101008302417F07C1037F080212C10003C101008702417F0761013601C1037F"));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].id, 0);
  EXPECT_EQ(t[1].id, 2);
  EXPECT_EQ(integer(*find(t[0].children, 0)), 1);
  EXPECT_EQ(integer(*find(t[0].children, 3)), 127);
  const auto* acl = find(t[1].children, 2);
  ASSERT_EQ(acl->children.size(), 2u);
  EXPECT_EQ(acl->children[0].id, 127);
  EXPECT_EQ(integer(acl->children[0]), 7);
  EXPECT_EQ(acl->children[1].id, 310);  // 16-bit Resource Instance ID
  EXPECT_EQ(integer(acl->children[1]), 1);
}

TEST(Lwm2mTlvSpec, S4ServerCorrectedLength) {
  const auto t = round_trip(bytes_of_hex("08000FC10001C40100015180C10601C10755"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(integer(*find(t[0].children, 0)), 1);
  EXPECT_EQ(integer(*find(t[0].children, 1)), 86400);
  EXPECT_TRUE(*decode_boolean(find(t[0].children, 6)->value));
  EXPECT_EQ(text(*find(t[0].children, 7)), "U");
}

TEST(Lwm2mTlvSpec, S4UncorrectedLengthIsRejectedNotTruncatedSilently) {
  // Erratum 2: `08 00 0D` — Wakaama silently returns 3 of 4 resources; we reject.
  // The instance ends after `C1`: its last child has no room for an identifier.
  const auto e = decode_error(bytes_of_hex("08000DC10001C40100015180C10601C10755"));
  EXPECT_EQ(e.code(), errc::bad_length);
  EXPECT_EQ(e.where(), "rule_1_child_longer_than_parent.identifier");
  EXPECT_EQ(e.offset(), 16u);
}

TEST(Lwm2mTlvSpec, S5ObjlnkMultipleResource) {
  const auto t = round_trip(bytes_of_hex(
      "88000C440000420000440100420001C8010D38363133383030373535353030C40212345678"));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(*decode_objlnk(t[0].children[0].value), (objlnk{66, 0}));
  EXPECT_EQ(*decode_objlnk(t[0].children[1].value), (objlnk{66, 1}));
  EXPECT_EQ(text(t[1]), "8613800755500");
  EXPECT_EQ(integer(t[2]), 0x12345678);
}

TEST(Lwm2mTlvSpec, S6TwoInstancesWithNullLink) {
  const std::string inst0 = "C8000B6D79536572766963652031C8010F496E7465726E65742E31352E323334C40200430000";
  const std::string inst1 = "C8000B6D79536572766963652032C8010F496E7465726E65742E31352E323335C402FFFFFFFF";
  const auto t = round_trip(bytes_of_hex("080026" + inst0 + "080126" + inst1));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(text(t[0].children[0]), "myService 1");
  EXPECT_EQ(*decode_objlnk(t[0].children[2].value), (objlnk{67, 0}));
  EXPECT_TRUE(decode_objlnk(t[1].children[2].value)->is_null());
  // Erratum 3: the uncorrected length 0x23 fails.
  (void)decode_error(bytes_of_hex("080023" + inst0 + "080123" + inst1));
}

TEST(Lwm2mTlvSpec, S7BareResourceInstancesAndS8Wrapped) {
  const auto bare = round_trip(bytes_of_hex("410001410105"));
  ASSERT_EQ(bare.size(), 2u);
  EXPECT_EQ(bare[0].kind, tlv_kind::resource_instance);
  EXPECT_EQ(integer(bare[1]), 5);
  const auto wrapped = round_trip(bytes_of_hex("8606410001410105"));
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_EQ(wrapped[0].children, bare);
}

TEST(Lwm2mTlvSpec, PreOneZeroBindingAtResource15) {
  std::string old = s1;
  old.replace(old.size() - 6, 6, "C10F55");
  const auto t = round_trip(bytes_of_hex(old));
  EXPECT_EQ(text(*find(t, 15)), "U");
}

// ---- §4.2 peer vectors ------------------------------------------------------------------------

TEST(Lwm2mTlvPeers, WakaamaHeaders) {
  {
    const auto in = bytes_of_hex("C337010203");
    tlv_reader r(in);
    auto e = r.next();
    ASSERT_TRUE(e && *e);
    EXPECT_EQ((*e)->kind, tlv_kind::resource);
    EXPECT_EQ((*e)->id, 55);
    EXPECT_EQ((*e)->value.size(), 3u);
    EXPECT_EQ((*e)->value_offset, 2u);
    EXPECT_TRUE(r.at_end());
    const auto short_in = bytes_of_hex("C3370102");
    tlv_reader s(short_in);
    auto f = s.next();
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code(), errc::truncated);
    EXPECT_EQ(f.error().offset(), 2u);
  }
  {
    const auto in = cat("28020309", 9);
    auto e = tlv_reader(in).next();
    ASSERT_TRUE(e && *e);
    EXPECT_EQ((*e)->kind, tlv_kind::object_instance);
    EXPECT_EQ((*e)->id, 0x0203);
    EXPECT_EQ((*e)->value_offset, 4u);
    EXPECT_EQ((*e)->value.size(), 9u);
  }
  {
    const auto in = cat("90210190", 0x190);
    auto e = tlv_reader(in).next();
    ASSERT_TRUE(e && *e);
    EXPECT_EQ((*e)->kind, tlv_kind::multiple_resource);
    EXPECT_EQ((*e)->id, 33);
    EXPECT_EQ((*e)->value.size(), 0x190u);
  }
}

TEST(Lwm2mTlvPeers, WakaamaDataParse) {
  const auto t = round_trip(bytes_of_hex("28020311C337010203C842090405060708090A0B0C"));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].id, 0x203);
  EXPECT_EQ(hex_of(find(t[0].children, 55)->value), "010203");
  EXPECT_EQ(hex_of(find(t[0].children, 66)->value), "0405060708090A0B0C");

  auto in = cat("080BAB884DA843000102034801A0", 160, std::byte{0});
  ASSERT_EQ(in.size(), 174u);
  const auto u = round_trip(in);
  ASSERT_EQ(u[0].id, 11);
  const auto* mr = find(u[0].children, 77);
  ASSERT_EQ(mr->children.size(), 2u);
  EXPECT_EQ(hex_of(mr->children[0].value), "010203");
  EXPECT_EQ(mr->children[1].value.size(), 160u);
}

TEST(Lwm2mTlvPeers, WakaamaSerialize) {
  tlv_node r66{tlv_kind::resource, 66, bytes_of_hex("01020304"), {}};
  tlv_node ri0{tlv_kind::resource_instance, 0, std::vector<std::byte>(170, std::byte{0x5A}), {}};
  tlv_node mr77{tlv_kind::multiple_resource, 77, {}, {ri0}};
  tlv_node inst{tlv_kind::object_instance, 3, {}, {r66, mr77}};
  const auto out = encode_tree({inst});
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 185u);
  EXPECT_EQ(hex_of(*out).substr(0, 30), "0803B6C44201020304884DAD4800AA");
}

TEST(Lwm2mTlvPeers, WakaamaThreeInstances) {
  const auto t = round_trip(bytes_of_hex("030AC10114030BC10115030CC10116"));
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[2].id, 12);
  EXPECT_EQ(integer(t[2].children[0]), 0x16);
}

TEST(Lwm2mTlvPeers, AnjayHeadersRoundTrip) {
  struct vector {
    std::string header;
    std::size_t value;
    std::uint16_t id;
  };
  for (const auto& v : {vector{"C700", 7, 0}, vector{"E7A410", 7, 42000}, vector{"C8FF08", 8, 255},
                        vector{"E8FFFE08", 8, 65534}, vector{"D02A03E8", 1000, 42},
                        vector{"F0A5B403E8", 1000, 42420}, vector{"D8450186A0", 100000, 69},
                        vector{"F801020186A0", 100000, 258}}) {
    SCOPED_TRACE(v.header);
    const auto in = cat(v.header, v.value);
    const auto t = round_trip(in);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].id, v.id);
    EXPECT_EQ(t[0].value.size(), v.value);
  }
}

TEST(Lwm2mTlvPeers, AnjayTruncations) {
  EXPECT_EQ(decode_error(bytes_of_hex("E7")).where(), "rule_1_truncation.identifier");
  const auto length = decode_error(bytes_of_hex("F801020186"));
  EXPECT_EQ(length.where(), "rule_1_truncation.length");
  EXPECT_EQ(length.offset(), 3u);
  const auto value = decode_error(bytes_of_hex("C72A303132"));
  EXPECT_EQ(value.where(), "rule_1_truncation.value");
  EXPECT_EQ(value.code(), errc::truncated);
  EXPECT_EQ(value.offset(), 2u);
}

TEST(Lwm2mTlvPeers, AnjayPathsAndEmptyContainers) {
  EXPECT_EQ(round_trip(bytes_of_hex("C1010AC1020AC1030A")).size(), 3u);
  EXPECT_EQ(round_trip(bytes_of_hex("0604C1010AC1020A"))[0].children.size(), 2u);
  EXPECT_EQ(round_trip(bytes_of_hex("41010A41020A41030A")).size(), 3u);
  const auto empty_array = round_trip(bytes_of_hex("8005"));
  EXPECT_TRUE(empty_array.at(0).children.empty());
  const auto empty_instances = round_trip(bytes_of_hex("00010002"));
  ASSERT_EQ(empty_instances.size(), 2u);
  EXPECT_TRUE(empty_instances[1].children.empty());
}

TEST(Lwm2mTlvPeers, AnjayMultiInstanceEncoding) {
  const auto vec = [](scalar_bytes b) { return std::vector<std::byte>(b.view().begin(), b.view().end()); };
  tlv_node ri42{tlv_kind::resource_instance, 42, vec(encode_integer(69)), {}};
  tlv_node ri514{tlv_kind::resource_instance, 514, vec(encode_integer(696969)), {}};
  tlv_node mr{tlv_kind::multiple_resource, 1, {}, {ri42, ri514}};
  tlv_node r2{tlv_kind::resource, 2, vec(encode_integer(4)), {}};
  const auto out = encode_tree({mr, r2});
  ASSERT_TRUE(out);
  EXPECT_EQ(hex_of(*out), "88010A412A45640202000AA289C10204");
  // RIID as root.
  const auto riid = encode_tree({tlv_node{tlv_kind::resource_instance, 0, cat("", 7), {}}});
  EXPECT_EQ(hex_of(*riid), "4700" + hex_of(cat("", 7)));
}

TEST(Lwm2mTlvPeers, LeshanBrokenTlv) {
  // `00 11` empty instance; `22 3344 02 5566` instance whose child `55 66` wants a 16-bit length
  // its 2-byte parent does not have; `77 8899 00` a top-level entry whose length is cut too. The
  // walk is depth-first, so the child's break (Leshan's failure) is the one reported.
  const auto e = decode_error(bytes_of_hex("0011223344556677889900"));
  EXPECT_EQ(e.code(), errc::bad_length);
  EXPECT_EQ(e.where(), "rule_1_child_longer_than_parent.length");
  EXPECT_EQ(e.offset(), 7u);
  const auto top = decode_error(bytes_of_hex("0011778899" "00"));
  EXPECT_EQ(top.code(), errc::truncated);
  EXPECT_EQ(top.where(), "rule_1_truncation.length");
  EXPECT_EQ(top.offset(), 5u);
  const auto child = decode_error(bytes_of_hex("00112233445566"));
  EXPECT_EQ(child.code(), errc::bad_length);
  EXPECT_EQ(child.where(), "rule_1_child_longer_than_parent.length");
  EXPECT_EQ(child.offset(), 7u);
}

TEST(Lwm2mTlvPeers, LeshanCorelnkInstance) {
  const auto t = round_trip(bytes_of_hex(
      "080072c8b46f3c2f3e3b72743d226f6d612e6c776d326d223b63743d223630203131302031313220313534322031"
      "353433203131353432203131353433222c3c2f313e3b7665723d312e312c3c2f312f303e2c3c2f323e2c3c2f333e"
      "3b7665723d312e312c3c2f332f303e2c3c2f333434322f303e"));
  const auto& link = t.at(0).children.at(0);
  EXPECT_EQ(link.id, 180);
  EXPECT_EQ(decode_corelnk(link.value).substr(0, 18), "</>;rt=\"oma.lwm2m\"");
}

// ---- §1.4 rules: one input per rule -----------------------------------------------------------

TEST(Lwm2mTlvRules, Rule1ChildLongerThanParent) {
  // Instance of 3 bytes whose resource claims 2 value bytes but has 1.
  const auto e = decode_error(bytes_of_hex("0300C2010A"));
  EXPECT_EQ(e.code(), errc::bad_length);
  EXPECT_EQ(e.where(), "rule_1_child_longer_than_parent.value");
  EXPECT_EQ(e.offset(), 4u);
}

TEST(Lwm2mTlvRules, Rule1TruncatedTrailingEntryIsNotDropped) {
  // Wakaama drops `C3` silently and reports success.
  const auto e = decode_error(bytes_of_hex("C10105C3"));
  EXPECT_EQ(e.where(), "rule_1_truncation.identifier");
  EXPECT_EQ(e.offset(), 4u);
}

TEST(Lwm2mTlvRules, Rule7MaxIdInEveryPosition) {
  const auto iid = decode_error(bytes_of_hex("23FFFFC1010A"));
  EXPECT_EQ(iid.code(), errc::reserved_id);
  EXPECT_EQ(iid.where(), "rule_7_max_id");
  EXPECT_EQ(iid.offset(), 1u);
  const auto rid = decode_error(bytes_of_hex("0405E1FFFF0A"));
  EXPECT_EQ(rid.code(), errc::reserved_id);
  EXPECT_EQ(rid.offset(), 3u);
  EXPECT_EQ(decode_error(bytes_of_hex("61FFFF0A")).code(), errc::reserved_id);
  EXPECT_EQ(decode_error(bytes_of_hex("840361FFFF0A")).code(), errc::reserved_id);
  // ID 65534 is fine.
  EXPECT_TRUE(validate(bytes_of_hex("E1FFFE0A")));
}

TEST(Lwm2mTlvRules, Rule8InstanceInInstance) {
  const auto e = decode_error(bytes_of_hex("05000301C1000A"));
  EXPECT_EQ(e.code(), errc::bad_nesting);
  EXPECT_EQ(e.where(), "rule_8_nesting.object_instance_in_object_instance");
  EXPECT_EQ(e.offset(), 2u);
}

TEST(Lwm2mTlvRules, Rule8ResourceInMultipleResource) {
  const auto e = decode_error(bytes_of_hex("8306C10001"));
  EXPECT_EQ(e.where(), "rule_8_nesting.resource_in_multiple_resource");
  EXPECT_EQ(e.offset(), 2u);
  EXPECT_EQ(decode_error(bytes_of_hex("82068000")).where(),
            "rule_8_nesting.multiple_resource_in_multiple_resource");
  EXPECT_EQ(decode_error(bytes_of_hex("82060000")).where(),
            "rule_8_nesting.object_instance_in_multiple_resource");
}

TEST(Lwm2mTlvRules, Rule8ResourceInstanceWhereResourceExpected) {
  const auto e = decode_error(bytes_of_hex("030041010A"));
  EXPECT_EQ(e.where(), "rule_8_nesting.resource_instance_outside_multiple_resource");
}

TEST(Lwm2mTlvRules, Rule8MixedTopLevel) {
  const auto e = decode_error(bytes_of_hex("C1000A41010B"));
  EXPECT_EQ(e.where(), "rule_8_nesting.mixed_top_level");
  EXPECT_EQ(e.offset(), 3u);
  EXPECT_EQ(decode_error(bytes_of_hex("0000C1000A")).where(), "rule_8_nesting.mixed_top_level");
  // Resources and Multiple Resources mix freely (S1).
  EXPECT_TRUE(validate(bytes_of_hex("C1000A8001")));
}

TEST(Lwm2mTlvRules, Rule9DuplicateIds) {
  const auto e = decode_error(bytes_of_hex("C1000AC1000B"));
  EXPECT_EQ(e.code(), errc::duplicate);
  EXPECT_EQ(e.where(), "rule_9_duplicate_id");
  EXPECT_EQ(e.offset(), 3u);
  // Inside a Multiple Resource and between instances.
  EXPECT_EQ(decode_error(bytes_of_hex("8606410001410005")).offset(), 5u);
  EXPECT_EQ(decode_error(bytes_of_hex("00010001")).code(), errc::duplicate);
  // The same ID at different levels or in different parents is not a duplicate.
  EXPECT_TRUE(validate(bytes_of_hex("0303C1030A0304C1030A")));
  EXPECT_TRUE(validate(bytes_of_hex("8303410300C1040A")));
}

TEST(Lwm2mTlvRules, Rule9FarApartDuplicateAmongManySiblings) {
  std::vector<std::byte> in;
  for (unsigned id = 0; id < 5000; ++id) {
    const auto one = bytes_of_hex(id > 255 ? "E1" : "C1");
    in.insert(in.end(), one.begin(), one.end());
    if (id > 255) in.push_back(static_cast<std::byte>(id >> 8));
    in.push_back(static_cast<std::byte>(id & 0xFF));
    in.push_back(std::byte{1});
  }
  EXPECT_EQ(*validate(in), 5000u);
  const auto dup = bytes_of_hex("C10701");  // ID 7 again, at the end
  const auto at = in.size();
  in.insert(in.end(), dup.begin(), dup.end());
  const auto e = decode_error(in);
  EXPECT_EQ(e.code(), errc::duplicate);
  EXPECT_EQ(e.offset(), at);
}

TEST(Lwm2mTlvRules, Rule9EarliestRepeatOfAnUnorderedLevelIsReported) {
  // IDs out of order: 7 repeats at offset 9, 3 at offset 12; the earlier repeat is reported.
  const auto e = decode_error(bytes_of_hex("C1070AC1030AC1050AC1070AC1030A"));
  EXPECT_EQ(e.code(), errc::duplicate);
  EXPECT_EQ(e.offset(), 9u);
}

// ---- what must NOT be rejected ----------------------------------------------------------------

TEST(Lwm2mTlvLenient, NonMinimalFormsAndIgnoredLengthBits) {
  // 8-bit length for 1 byte; bits 2-0 set beside a length field; 16-bit ID 1; 24-bit length.
  for (const auto* hex : {"C80101AA", "CF0101AA", "E8000101AA", "D801000001AA"}) {
    SCOPED_TRACE(hex);
    const auto t = decode_tree(bytes_of_hex(hex));
    ASSERT_TRUE(t);
    ASSERT_EQ(t->size(), 1u);
    EXPECT_EQ((*t)[0].id, 1);
    EXPECT_EQ(hex_of((*t)[0].value), "AA");
    EXPECT_EQ(hex_of(*encode_tree(*t)), "C101AA");  // re-encoded canonically
  }
}

TEST(Lwm2mTlvLenient, ZeroLengthValuesAndEmptyPayload) {
  EXPECT_TRUE(decode_tree(bytes_of_hex("C001"))->at(0).value.empty());
  EXPECT_EQ(*validate(std::vector<std::byte>{}), 0u);
}

// ---- writer -----------------------------------------------------------------------------------

TEST(Lwm2mTlvWriter, CanonicalHeaderSizes) {
  static_assert(header_size(0, 7) == 2);
  static_assert(header_size(255, 8) == 3);
  static_assert(header_size(256, 255) == 4);
  static_assert(header_size(256, 256) == 5);
  static_assert(header_size(256, 65536) == 6);
  static_assert(entry_size(1, 0xFFFFFF) == 5 + 0xFFFFFF);
}

TEST(Lwm2mTlvWriter, RefusesMaxIdAndOverlongValues) {
  std::array<std::byte, 16> buf{};
  tlv_writer w(buf);
  const auto id = w.value(tlv_kind::resource, 65535, {});
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code(), errc::reserved_id);
  EXPECT_EQ(w.written().size(), 0u);
  std::vector<std::byte> big(0x1000000 + 8);
  tlv_writer w2(big);
  const auto huge = w2.value(tlv_kind::resource, 1, byte_view(big).first(0x1000000));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().where(), "rule_11_value_too_long");
  EXPECT_EQ(huge.error().code(), errc::out_of_range);
  EXPECT_TRUE(w2.value(tlv_kind::resource, 1, byte_view(big).first(0xFFFFFF)));
  EXPECT_EQ(w2.written().size(), 5u + 0xFFFFFF);
}

TEST(Lwm2mTlvWriter, BufferTooSmallAndContentSizeMismatch) {
  std::array<std::byte, 4> small{};
  tlv_writer w(small);
  EXPECT_EQ(w.value(tlv_kind::resource, 1, bytes_of_hex("0102030405")).error().code(),
            errc::buffer_too_small);
  std::array<std::byte, 16> buf{};
  tlv_writer x(buf);
  ASSERT_TRUE(x.open(tlv_kind::object_instance, 0, 4));
  ASSERT_TRUE(x.value(tlv_kind::resource, 1, bytes_of_hex("01")));
  EXPECT_EQ(x.close().error().where(), "container_content_size");
  tlv_writer y(buf);
  EXPECT_EQ(y.value(tlv_kind::object_instance, 1, {}).error().code(), errc::bad_nesting);
  EXPECT_EQ(y.close().error().code(), errc::bad_nesting);
}

// ---- device-safety ----------------------------------------------------------------------------

TEST(Lwm2mTlvDevice, ValidateAndWalkAllocateNothing) {
  const auto in = bytes_of_hex("080079" + s1);
  otawire::test::allocation_scope scope;
  const auto n = validate(in);
  std::size_t leaves = 0;
  tlv_reader top(in);
  while (auto e = top.next()) {
    if (!*e) break;
    auto level = top.children(**e);
    while (auto c = level.next()) {
      if (!*c) break;
      ++leaves;
    }
  }
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(*n, 1u + 13u + 7u);  // instance, resources, resource instances
  EXPECT_EQ(leaves, 13u);
}

constexpr bool constexpr_walk() {
  constexpr std::array<std::byte, 6> in{std::byte{0x41}, std::byte{0x00}, std::byte{0x01},
                                        std::byte{0x41}, std::byte{0x01}, std::byte{0x05}};
  tlv_reader r(in);
  auto a = r.next();
  auto b = r.next();
  auto c = r.next();
  return a && *a && b && *b && c && !*c && *decode_integer((*b)->value) == 5 &&
         (*b)->kind == tlv_kind::resource_instance;
}
static_assert(constexpr_walk(), "the reader works in constant expressions");

}  // namespace

namespace {
using namespace otawire::lwm2m;

TEST(Lwm2mTlvWalk, VisitsEveryEntryDepthFirstInOnePass) {
  const auto in = otawire::test::lwm2m::bytes_of_hex("0300C1000A" "0401" "8206" "4000");
  // Instance 0 {R0 = 0A}, instance 1 {MR6 {RI0 = empty}}.
  std::array<std::pair<std::uint16_t, unsigned>, 8> seen{};
  std::size_t count = 0;
  otawire::test::allocation_scope scope;
  const auto n = walk(in, [&](const tlv_entry& e, unsigned depth) {
    if (count < seen.size()) seen[count++] = {e.id, depth};
  });
  EXPECT_EQ(scope.count(), 0u);
  ASSERT_TRUE(n.has_value()) << n.error().where();
  EXPECT_EQ(*n, 5u);
  ASSERT_EQ(count, 5u);
  EXPECT_EQ(seen[0], (std::pair<std::uint16_t, unsigned>{0, 0}));
  EXPECT_EQ(seen[1], (std::pair<std::uint16_t, unsigned>{0, 1}));
  EXPECT_EQ(seen[2], (std::pair<std::uint16_t, unsigned>{1, 0}));
  EXPECT_EQ(seen[3], (std::pair<std::uint16_t, unsigned>{6, 1}));
  EXPECT_EQ(seen[4], (std::pair<std::uint16_t, unsigned>{0, 2}));
}

TEST(Lwm2mTlvWalk, OutOfOrderLevelsStillCatchDuplicates) {
  // Descending IDs take the bitmap path; a duplicate among them is found.
  const auto ok_in = otawire::test::lwm2m::bytes_of_hex("C1050AC1030AC1010A");
  std::size_t visits = 0;
  EXPECT_EQ(*walk(ok_in, [&](const tlv_entry&, unsigned) { ++visits; }), 3u);
  EXPECT_EQ(visits, 3u);
  const auto dup = otawire::test::lwm2m::bytes_of_hex("C1050AC1030AC1050A");
  const auto e = walk(dup, [](const tlv_entry&, unsigned) {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), otawire::errc::duplicate);
  EXPECT_EQ(e.error().offset(), 6u);
}
TEST(Lwm2mTlvWalk, EveryHeaderFormatAndEveryCutOfIt) {
  // The walk cuts each of the eight header formats (8/16-bit ID x length in the type, 8, 16 or
  // 24 bits) at fixed offsets of its own; the reader parses them from the type's bit fields. Both
  // must agree on every field, and on the error of every truncation.
  struct format {
    const char* hex;
    std::uint16_t id;
    std::size_t header;
  };
  for (const format f : {format{"C205AABB", 5, 2}, format{"C80502AABB", 5, 3}, format{"D0050002AABB", 5, 4},
                         format{"D805000002AABB", 5, 5}, format{"E20105AABB", 261, 3}, format{"E8010502AABB", 261, 4},
                         format{"F001050002AABB", 261, 5}, format{"F80105000002AABB", 261, 6}}) {
    SCOPED_TRACE(f.hex);
    const auto in = otawire::test::lwm2m::bytes_of_hex(f.hex);
    std::size_t visits = 0;
    const auto n = walk(in, [&](const tlv_entry& e, unsigned depth) {
      ++visits;
      EXPECT_EQ(depth, 0u);
      EXPECT_EQ(e.kind, tlv_kind::resource);
      EXPECT_EQ(e.id, f.id);
      EXPECT_EQ(e.offset, 0u);
      EXPECT_EQ(e.value_offset, f.header);
      EXPECT_EQ(hex_of(e.value), "AABB");
    });
    ASSERT_TRUE(n.has_value()) << n.error().where();
    EXPECT_EQ(visits, 1u);
    for (std::size_t cut = 1; cut < in.size(); ++cut) {
      SCOPED_TRACE(cut);
      const byte_view part(in.data(), cut);
      const auto walked = walk(part, [](const tlv_entry&, unsigned) {});
      ASSERT_FALSE(walked.has_value());
      tlv_reader reader(part);
      tlv_entry e;
      otawire::error why{};
      ASSERT_EQ(reader.step(e, why), tlv_reader::status::failed);
      EXPECT_EQ(walked.error().code(), why.code());
      EXPECT_EQ(std::string(walked.error().where()), std::string(why.where()));
      EXPECT_EQ(walked.error().offset(), why.offset());
    }
  }
  // Only a 16-bit ID can be the reserved 65535, in each of its four formats.
  for (const auto* hex : {"E2FFFFAABB", "E8FFFF02AABB", "F0FFFF0002AABB", "F8FFFF000002AABB"}) {
    SCOPED_TRACE(hex);
    const auto e = validate(otawire::test::lwm2m::bytes_of_hex(hex));
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code(), errc::reserved_id);
    EXPECT_EQ(e.error().offset(), 1u);
  }
}

}  // namespace

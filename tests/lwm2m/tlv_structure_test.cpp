// Issue 12, the TLV layer: duplicate IDs found exactly without an 8 KiB bitmap (item 1; the
// frame budget itself is the stack_usage ctest), the writer refusing what `validate` rejects
// (item 6), request-path rules for any object (item 7), and the dangling-view guard that accepts
// plain views (item 3).
#include "support/lwm2m_oracle.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace {
using namespace otawire::lwm2m;
using otawire::byte_view;
using otawire::errc;
using otawire::test::lwm2m::bytes_of_hex;
using otawire::test::lwm2m::decode_tree;
using otawire::test::lwm2m::encode_tree;
using otawire::test::lwm2m::tlv_node;
using otawire::test::lwm2m::tlv_tree;

// A top level of one-byte Resources with these IDs, in this order; `offsets` gets each entry's.
std::vector<std::byte> resources(const std::vector<std::uint16_t>& ids,
                                 std::vector<std::size_t>* offsets = nullptr) {
  std::vector<std::byte> out;
  for (const auto id : ids) {
    if (offsets) offsets->push_back(out.size());
    out.push_back(std::byte{static_cast<unsigned char>(id > 255 ? 0xE1 : 0xC1)});
    if (id > 255) out.push_back(static_cast<std::byte>(id >> 8));
    out.push_back(static_cast<std::byte>(id & 0xFF));
    out.push_back(std::byte{1});
  }
  return out;
}

// ---- item 1: duplicates without a bitmap ---------------------------------------------------------

TEST(Lwm2mTlvDuplicates, RepeatsFarApartInTheIdSpaceAreFound) {
  std::vector<std::size_t> at;
  const auto in = resources({60000, 3, 30000, 1024, 1023, 65534, 0, 30000}, &at);
  const auto r = validate(in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::duplicate);
  EXPECT_EQ(r.error().where(), "rule_9_duplicate_id");
  EXPECT_EQ(r.error().offset(), at[7]);
  EXPECT_EQ(*validate(resources({60000, 3, 30000, 1024, 1023, 65534, 0})), 7u);
}

TEST(Lwm2mTlvDuplicates, EarliestRepeatInDocumentOrderAcrossWindows) {
  // 50000 repeats (3rd entry) before 10 does (4th): the windows are scanned low IDs first, yet
  // the report is the earliest repeated entry of the level.
  std::vector<std::size_t> at;
  const auto in = resources({50000, 10, 50000, 10}, &at);
  const auto r = validate(in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset(), at[2]);
}

TEST(Lwm2mTlvDuplicates, ManyUnorderedSiblingsAcrossTheWholeIdSpace) {
  // 4000 distinct IDs spread over 0..65533 in a scrambled order, then one repeat at the end.
  std::vector<std::uint16_t> ids;
  for (std::uint32_t i = 0; i < 4000; ++i) ids.push_back(static_cast<std::uint16_t>((i * 40503u) % 65534u));
  ASSERT_EQ(std::set<std::uint16_t>(ids.begin(), ids.end()).size(), ids.size());
  EXPECT_EQ(*validate(resources(ids)), ids.size());
  std::vector<std::size_t> at;
  ids.push_back(ids[1234]);
  const auto r = validate(resources(ids, &at));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset(), at.back());
}

TEST(Lwm2mTlvDuplicates, NestedUnorderedLevelsAreCheckedEachInItsOwnParent) {
  // Two instances listed 2, 1 (unordered), each holding resources 9, 4; the same IDs in different
  // parents are no duplicate; a repeat inside one Multiple Resource is.
  EXPECT_EQ(*validate(bytes_of_hex("0602C1090AC1040A" "0601C1090AC1040A")), 6u);
  const auto e = validate(bytes_of_hex("08020BC1090A8604410500410500"));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), errc::duplicate);
  EXPECT_EQ(e.error().offset(), 11u);
}

// Differential: a random level against a naive set, for the verdict and the offset.
RC_GTEST_PROP(Lwm2mTlvDuplicates, ExactAgainstANaiveSet, ()) {
  const auto ids = *rc::gen::container<std::vector<std::uint16_t>>(rc::gen::oneOf(
      rc::gen::inRange<std::uint16_t>(0, 8), rc::gen::inRange<std::uint16_t>(0, 2100),
      rc::gen::inRange<std::uint16_t>(0, 65535)));
  std::vector<std::size_t> at;
  const auto in = resources(ids, &at);
  std::set<std::uint16_t> seen;
  std::size_t first_repeat = otawire::error::no_offset;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!seen.insert(ids[i]).second) {
      first_repeat = at[i];
      break;
    }
  }
  const auto r = validate(in);
  if (first_repeat == otawire::error::no_offset) {
    RC_ASSERT(r.has_value());
    RC_ASSERT(*r == ids.size());
  } else {
    RC_ASSERT(!r.has_value());
    RC_ASSERT(r.error().code() == errc::duplicate);
    RC_ASSERT(r.error().offset() == first_repeat);
  }
}

// ---- item 6: the writer refuses what validate rejects ---------------------------------------------

struct refused {
  errc code;
  std::string_view where;
};

void expect_refused(const otawire::result<void>& r, refused want) {
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), want.code);
  EXPECT_EQ(r.error().where(), want.where);
}

TEST(Lwm2mTlvWriterRules, InstanceInInstance) {
  // 05010302C10001 is rejected by validate; the writer will not produce it.
  ASSERT_EQ(validate(bytes_of_hex("05010302C10001")).error().where(),
            "rule_8_nesting.object_instance_in_object_instance");
  std::array<std::byte, 16> buf{};
  tlv_writer w(buf);
  ASSERT_TRUE(w.open(tlv_kind::object_instance, 1, 5));
  expect_refused(w.open(tlv_kind::object_instance, 2, 3),
                 {errc::bad_nesting, "rule_8_nesting.object_instance_in_object_instance"});
  EXPECT_EQ(w.written().size(), 2u);  // nothing written for the refused entry
}

TEST(Lwm2mTlvWriterRules, ResourceInMultipleResource) {
  ASSERT_FALSE(validate(bytes_of_hex("8306C10001")));
  std::array<std::byte, 16> buf{};
  tlv_writer w(buf);
  ASSERT_TRUE(w.open(tlv_kind::multiple_resource, 6, 3));
  expect_refused(w.value(tlv_kind::resource, 0, bytes_of_hex("01")),
                 {errc::bad_nesting, "rule_8_nesting.resource_in_multiple_resource"});
  EXPECT_EQ(w.written().size(), 2u);
}

TEST(Lwm2mTlvWriterRules, ResourceInstanceDirectlyInInstance) {
  ASSERT_FALSE(validate(bytes_of_hex("0301410001")));
  std::array<std::byte, 16> buf{};
  tlv_writer w(buf);
  ASSERT_TRUE(w.open(tlv_kind::object_instance, 1, 3));
  expect_refused(w.value(tlv_kind::resource_instance, 0, bytes_of_hex("01")),
                 {errc::bad_nesting, "rule_8_nesting.resource_instance_outside_multiple_resource"});
  EXPECT_EQ(w.written().size(), 2u);
}

TEST(Lwm2mTlvWriterRules, MultipleResourceInMultipleResource) {
  ASSERT_FALSE(validate(bytes_of_hex("85018302410001")));
  std::array<std::byte, 16> buf{};
  tlv_writer w(buf);
  ASSERT_TRUE(w.open(tlv_kind::multiple_resource, 1, 5));
  expect_refused(w.open(tlv_kind::multiple_resource, 2, 3),
                 {errc::bad_nesting, "rule_8_nesting.multiple_resource_in_multiple_resource"});
  EXPECT_EQ(w.written().size(), 2u);
}

TEST(Lwm2mTlvWriterRules, MixedTopLevelAndDuplicateIds) {
  std::array<std::byte, 32> buf{};
  tlv_writer w(buf);
  ASSERT_TRUE(w.value(tlv_kind::resource, 3, bytes_of_hex("01")));
  expect_refused(w.value(tlv_kind::resource_instance, 4, bytes_of_hex("01")),
                 {errc::bad_nesting, "rule_8_nesting.mixed_top_level"});
  expect_refused(w.open(tlv_kind::object_instance, 4, 0),
                 {errc::bad_nesting, "rule_8_nesting.mixed_top_level"});
  ASSERT_TRUE(w.value(tlv_kind::resource, 1, bytes_of_hex("01")));  // out of order, distinct
  expect_refused(w.value(tlv_kind::resource, 3, bytes_of_hex("02")),
                 {errc::duplicate, "rule_9_duplicate_id"});
  ASSERT_TRUE(w.open(tlv_kind::multiple_resource, 9, 6));  // Resources and Multiple Resources mix
  ASSERT_TRUE(w.value(tlv_kind::resource_instance, 3, bytes_of_hex("01")));  // 3 again: other level
  expect_refused(w.value(tlv_kind::resource_instance, 3, bytes_of_hex("01")),
                 {errc::duplicate, "rule_9_duplicate_id"});
  ASSERT_TRUE(w.value(tlv_kind::resource_instance, 0, bytes_of_hex("01")));
  ASSERT_TRUE(w.close());
  EXPECT_EQ(*validate(w.written()), 5u);
}

// Trees of any shape: every kind at every level, few IDs (so repeats are common), sometimes 65535.
rc::Gen<tlv_node> gen_any_node(int depth) {
  return rc::gen::exec([depth] {
    tlv_node n;
    n.kind = static_cast<tlv_kind>(*rc::gen::inRange(0, 4));
    n.id = *rc::gen::weightedOneOf<std::uint16_t>(
        {{20, rc::gen::inRange<std::uint16_t>(0, 4)}, {1, rc::gen::just<std::uint16_t>(65535)}});
    if (is_container(n.kind)) {
      if (depth < 3) {
        n.children = *rc::gen::resize(4, rc::gen::container<tlv_tree>(gen_any_node(depth + 1)));
      }
    } else {
      n.value = *rc::gen::container<std::vector<std::byte>>(
          *rc::gen::inRange<std::size_t>(0, 3), rc::gen::just(std::byte{0x2A}));
    }
    return n;
  });
}

// The rules of §1.4 (7, 8, 9) on an allocated tree, naively.
bool naive_valid(const tlv_tree& level, tlv_level where) {
  std::set<std::uint16_t> ids;
  int family = -1;
  for (const auto& n : level) {
    if (n.id == 65535 || !ids.insert(n.id).second) return false;
    if (where == tlv_level::top) {
      const int f = n.kind == tlv_kind::object_instance     ? 0
                    : n.kind == tlv_kind::resource_instance ? 2
                                                            : 1;
      if (family != -1 && family != f) return false;
      family = f;
    } else if (where == tlv_level::object_instance) {
      if (n.kind != tlv_kind::resource && n.kind != tlv_kind::multiple_resource) return false;
    } else if (n.kind != tlv_kind::resource_instance) {
      return false;
    }
    if (n.kind == tlv_kind::object_instance && !naive_valid(n.children, tlv_level::object_instance)) {
      return false;
    }
    if (n.kind == tlv_kind::multiple_resource &&
        !naive_valid(n.children, tlv_level::multiple_resource)) {
      return false;
    }
  }
  return true;
}

RC_GTEST_PROP(Lwm2mTlvWriterRules, WhatTheWriterWritesValidates, ()) {
  const auto tree = *rc::gen::resize(5, rc::gen::container<tlv_tree>(gen_any_node(0)));
  const auto bytes = encode_tree(tree);
  // The writer accepts exactly the valid trees, and what it writes validates to the same tree.
  RC_ASSERT(bytes.has_value() == naive_valid(tree, tlv_level::top));
  if (!bytes) {
    const auto code = bytes.error().code();
    RC_ASSERT(code == errc::bad_nesting || code == errc::duplicate || code == errc::reserved_id);
    return;
  }
  RC_ASSERT(validate(*bytes).has_value());
  const auto back = decode_tree(*bytes);
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == tree);
}

// ---- item 7: request-path rules for any object ------------------------------------------------

struct path_case {
  std::string_view hex;
  path target;
  errc code;
  std::string_view where;
  std::size_t offset;
};

TEST(Lwm2mTlvPath, IssueExamplesAreRejectedForAnyObject) {
  const path object3{3, 0, 0, 0, 1};
  const path instance0{3, 0, 0, 0, 2};
  const path resource5{3, 0, 5, 0, 3};
  const path instance4{3, 4, 0, 0, 2};
  const path resource4_1{3, 4, 1, 0, 3};
  for (const auto& c : {
           path_case{"C10001", object3, errc::bad_nesting, "rule_8_nesting.object_instance_required", 0},
           path_case{"0301C10001", instance0, errc::invalid_value, "rule_10_id_contradicts_path.instance", 0},
           path_case{"C10601", resource5, errc::invalid_value, "rule_10_id_contradicts_path.resource", 0},
           path_case{"0305C1010A", instance4, errc::invalid_value, "rule_10_id_contradicts_path.instance", 0},
           path_case{"C1020A", resource4_1, errc::invalid_value, "rule_10_id_contradicts_path.resource", 0},
       }) {
    SCOPED_TRACE(c.hex);
    const auto in = bytes_of_hex(c.hex);
    ASSERT_TRUE(validate(in));  // structurally fine: only the path rules reject them
    const auto r = validate(in, c.target);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), c.code);
    EXPECT_EQ(r.error().where(), c.where);
    EXPECT_EQ(r.error().offset(), c.offset);
  }
}

TEST(Lwm2mTlvPath, AnjayVectorsAndTheOptionalWrappers) {
  // §4.2 Anjay tlv_in paths: accepted.
  EXPECT_EQ(*validate(bytes_of_hex("C1010AC1020AC1030A"), path{3, 4, 0, 0, 2}), 3u);
  EXPECT_EQ(*validate(bytes_of_hex("0604C1010AC1020A"), path{3, 4, 0, 0, 2}), 3u);
  EXPECT_EQ(*validate(bytes_of_hex("41010A41020A41030A"), path{3, 4, 5, 0, 3}), 3u);
  EXPECT_EQ(*validate(bytes_of_hex("8005"), path{3, 4, 5, 0, 3}), 1u);
  EXPECT_EQ(*validate(bytes_of_hex("00010002"), path{3, 0, 0, 0, 1}), 2u);
  EXPECT_EQ(*validate(bytes_of_hex(""), path{3, 0, 0, 0, 1}), 0u);
  // Wrappers that agree with the path.
  EXPECT_TRUE(validate(bytes_of_hex("0304C1010A"), path{3, 4, 1, 0, 3}));
  EXPECT_TRUE(validate(bytes_of_hex("8305410701"), path{3, 4, 5, 7, 4}));
  EXPECT_TRUE(validate(bytes_of_hex("410701"), path{3, 4, 5, 7, 4}));
}

TEST(Lwm2mTlvPath, DeeperRulesAndOffsets) {
  const auto check = [](std::string_view hex, path p, errc code, std::string_view where,
                        std::size_t offset) {
    SCOPED_TRACE(hex);
    const auto r = validate(bytes_of_hex(hex), p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), code);
    EXPECT_EQ(r.error().where(), where);
    EXPECT_EQ(r.error().offset(), offset);
  };
  // A Resource Instance cannot answer /O/I.
  check("410001", path{3, 0, 0, 0, 2}, errc::bad_nesting,
        "rule_8_nesting.resource_instance_outside_multiple_resource", 0);
  // Inside a matching instance wrapper, the resource must still be the path's.
  check("0304C1020A", path{3, 4, 1, 0, 3}, errc::invalid_value, "rule_10_id_contradicts_path.resource", 2);
  // /O/I/R/RI: the instance must be the path's, and a whole Resource is not a Resource Instance.
  check("410801", path{3, 4, 5, 7, 4}, errc::invalid_value,
        "rule_10_id_contradicts_path.resource_instance", 0);
  check("8305410801", path{3, 4, 5, 7, 4}, errc::invalid_value,
        "rule_10_id_contradicts_path.resource_instance", 2);
  check("C10501", path{3, 4, 5, 7, 4}, errc::bad_nesting, "rule_8_nesting.resource_instance_expected", 0);
  // The second of two resources contradicts /O/I/R.
  check("C1010AC1020A", path{3, 4, 1, 0, 3}, errc::invalid_value,
        "rule_10_id_contradicts_path.resource", 3);
  // Structure first, in document order: a truncation before the contradiction.
  check("C1", path{3, 4, 1, 0, 3}, errc::truncated, "rule_1_truncation.identifier", 1);
  // Malformed paths.
  check("", path{}, errc::invalid_value, "path.depth", otawire::error::no_offset);
  check("", path{3, 65535, 0, 0, 2}, errc::reserved_id, "path.rule_7_max_id", otawire::error::no_offset);
}

// ---- item 3: the dangling-view guard accepts plain views ------------------------------------------

template <class P>
concept readable_tlv = requires(P&& p) { tlv_reader(std::forward<P>(p)); };
static_assert(!readable_tlv<std::vector<std::byte>>);       // owning prvalue: would dangle
static_assert(!readable_tlv<std::array<std::byte, 4>>);
static_assert(readable_tlv<std::vector<std::byte>&>);
static_assert(readable_tlv<const std::vector<std::byte>&>);
static_assert(readable_tlv<std::span<std::byte>>);          // plain views of the receive buffer
static_assert(readable_tlv<std::span<const std::byte, 3>>);
static_assert(readable_tlv<byte_view>);

template <class P>
concept string_decodable = requires(P&& p) { decode_string(std::forward<P>(p)); };
static_assert(!string_decodable<std::vector<std::byte>>);
static_assert(string_decodable<std::span<std::byte>>);
static_assert(string_decodable<std::vector<std::byte>&>);

template <class P>
concept opaque_decodable = requires(P&& p) { decode_opaque(std::forward<P>(p)); };
static_assert(!opaque_decodable<std::vector<std::byte>>);
static_assert(opaque_decodable<std::span<std::byte, 2>>);

// The transitional name object5.hpp still spells is the vocabulary rule.
static_assert(detail::owning_temporary<std::vector<std::byte>>);
static_assert(!detail::owning_temporary<std::span<std::byte>>);

TEST(Lwm2mTlvLifetime, PlainSpanOfTheReceiveBufferIsRead) {
  std::vector<std::byte> rx = bytes_of_hex("C10302" "C3");  // 3 bytes received, then slack
  const std::size_t n = 3;
  tlv_reader r{std::span(rx).first(n)};
  const auto e = r.next();
  ASSERT_TRUE(e && *e);
  EXPECT_EQ((*e)->id, 3);
  EXPECT_EQ((*e)->value.data(), rx.data() + 2);  // a view into rx itself
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(decode_string(std::span(rx).subspan(2, 1)).size(), 1u);
}

}  // namespace

// otawire::session_table, session_key and text_fingerprint: the key rule, the eviction policy,
// no allocation per message, and a model test against std::unordered_map + an LRU list.
#include "support/alloc_counter.hpp"
#include "support/session_table_model.hpp"

#include <otawire/session_table.hpp>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace {
using otawire::identity_hasher;
using otawire::session_key;
using otawire::session_key_of;
using otawire::session_table;
using otawire::text_fingerprint;
using otawire::test::counted_session;

TEST(TextFingerprint, EqualsItsTextAndNoOther) {
  const auto f = text_fingerprint::of("1.0.0");
  EXPECT_TRUE(f == "1.0.0");
  EXPECT_FALSE(f == "1.0.1");
  EXPECT_FALSE(f == "1.0.0 ");
  EXPECT_TRUE(text_fingerprint{} == "");
  EXPECT_FALSE(text_fingerprint{} == "0");
  static_assert(text_fingerprint::of("a") == text_fingerprint::of("a"));
  static_assert(!(text_fingerprint::of("a") == text_fingerprint::of("b")));
}

TEST(TextFingerprint, LowercaseFoldsOnlyAsciiLetters) {
  EXPECT_EQ(text_fingerprint::of_lowercase("ABCdef09"), text_fingerprint::of("abcdef09"));
  EXPECT_NE(text_fingerprint::of_lowercase("abc"), text_fingerprint::of_lowercase("abd"));
}

TEST(SessionKey, PartBoundariesMatter) {
  const auto a = identity_hasher{}.add("ab").add("c").key();
  const auto b = identity_hasher{}.add("a").add("bc").key();
  EXPECT_NE(a.hash, b.hash);
  EXPECT_NE(a.check, b.check);
  EXPECT_EQ(session_key_of("dev-1"), session_key_of("dev-1"));
  EXPECT_NE(session_key_of("dev-1"), session_key_of("dev-2"));
}

// The rule: two keys are one device only if BOTH hashes are equal. Keys that collide in `hash`
// (or in `check`) are different devices.
TEST(SessionTable, KeysThatShareOneHashAreDifferentDevices) {
  session_table<counted_session> t(8);
  const session_key a{42, 1};
  const session_key b{42, 2};   // same placing hash
  const session_key c{43, 1};   // same check
  t.touch(a).value->device = 1;
  t.touch(b).value->device = 2;
  t.touch(c).value->device = 3;
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.find(a)->device, 1u);
  EXPECT_EQ(t.find(b)->device, 2u);
  EXPECT_EQ(t.find(c)->device, 3u);
  EXPECT_EQ(t.find(session_key{42, 3}), nullptr);
  // find_if reads the entries of one placing hash.
  const auto found = t.find_if(42, [](const counted_session& s) { return s.device == 2; });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, b);
  EXPECT_FALSE(t.find_if(42, [](const counted_session& s) { return s.device == 3; }).has_value());
}

TEST(SessionTable, FullTableEvictsTheLeastRecentlyActiveDevice) {
  session_table<counted_session> t(3);
  const auto k = [](int i) { return session_key_of("dev-" + std::to_string(i)); };
  t.touch(k(1));
  t.touch(k(2));
  t.touch(k(3));
  t.touch(k(1));                         // 1 is active again: 2 is now the idlest
  EXPECT_NE(t.find(k(2)), nullptr);      // find does not refresh 2
  const auto r = t.touch(k(4));
  EXPECT_TRUE(r.inserted);
  EXPECT_TRUE(r.evicted);
  EXPECT_EQ(t.find(k(2)), nullptr);
  EXPECT_NE(t.find(k(1)), nullptr);
  EXPECT_NE(t.find(k(3)), nullptr);
  EXPECT_NE(t.find(k(4)), nullptr);
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.evictions(), 1u);
  EXPECT_FALSE(t.touch(k(4)).evicted);  // a known device never evicts
}

TEST(SessionTable, EraseKeepsEveryOtherEntryReachable) {
  // 12 devices on 16 slots, all with one placing hash: one long probe run, erased from the middle.
  session_table<counted_session> t(12);
  for (std::uint32_t i = 0; i < 12; ++i) t.touch(session_key{7, i}).value->device = i;
  for (std::uint32_t i = 0; i < 12; i += 3) EXPECT_TRUE(t.erase(session_key{7, i}));
  EXPECT_FALSE(t.erase(session_key{7, 0}));
  for (std::uint32_t i = 0; i < 12; ++i) {
    const auto* v = t.find(session_key{7, i});
    if (i % 3 == 0) {
      EXPECT_EQ(v, nullptr);
    } else {
      ASSERT_NE(v, nullptr);
      EXPECT_EQ(v->device, i);
    }
  }
}

TEST(SessionTable, SizedOnceAtMostFourThirdsSlots) {
  session_table<counted_session> t(768);
  EXPECT_EQ(t.max_devices(), 768u);
  EXPECT_EQ(t.slot_count(), 1024u);
  EXPECT_EQ(session_table<counted_session>::slot_bytes(), 32u);
}

TEST(SessionTable, NoAllocationPerMessage) {
  session_table<counted_session> t(100);
  std::vector<session_key> keys;
  for (int i = 0; i < 1000; ++i) keys.push_back(session_key_of("device-" + std::to_string(i)));
  otawire::test::allocation_scope scope;
  for (int round = 0; round < 3; ++round) {
    for (const auto& k : keys) ++t.touch(k).value->touches;  // inserts, hits and evictions
  }
  for (std::size_t i = 0; i < keys.size(); i += 2) (void)t.erase(keys[i]);
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(t.evictions(), 2900u);
}

TEST(SessionTable, ResizeKeepsTheMostRecentDevices) {
  session_table<counted_session> t(4);
  for (std::uint32_t i = 0; i < 4; ++i) t.touch(session_key_of(std::to_string(i))).value->device = i;
  t.resize(2);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.evictions(), 2u);
  EXPECT_EQ(t.find(session_key_of("1")), nullptr);
  EXPECT_EQ(t.find(session_key_of("3"))->device, 3u);
  t.resize(100);
  EXPECT_EQ(t.find(session_key_of("2"))->device, 2u);
  t.touch(session_key_of("9"));
  EXPECT_EQ(t.size(), 3u);
}

TEST(SessionTable, CopiesAreIndependent) {
  session_table<counted_session> t(4);
  t.touch(session_key_of("a")).value->device = 1;
  auto u = t;
  u.find(session_key_of("a"))->device = 2;
  EXPECT_EQ(t.find(session_key_of("a"))->device, 1u);
}

TEST(SessionTable, MovedFromIsEmpty) {
  session_table<counted_session> t(4);
  t.touch(session_key_of("a")).value->device = 1;
  auto u = std::move(t);
  EXPECT_EQ(u.find(session_key_of("a"))->device, 1u);
  EXPECT_EQ(t.size(), 0u);  // NOLINT(bugprone-use-after-move): the documented moved-from state
  EXPECT_EQ(t.find(session_key_of("a")), nullptr);
  t = u;
  EXPECT_EQ(t.find(session_key_of("a"))->device, 1u);
}

rc::Gen<otawire::test::table_step> gen_step() {
  using otawire::test::table_op;
  return rc::gen::build<otawire::test::table_step>(
      rc::gen::set(&otawire::test::table_step::op,
                   rc::gen::weightedElement<table_op>({{8, table_op::touch}, {2, table_op::find}, {2, table_op::erase},
                                                       {1, table_op::resize}})),
      rc::gen::set(&otawire::test::table_step::device, rc::gen::inRange<std::uint32_t>(0, 40)),
      rc::gen::set(&otawire::test::table_step::new_max, rc::gen::inRange<std::size_t>(1, 24)));
}

RC_GTEST_PROP(SessionTableModel, AgreesWithUnorderedMapAndLru, ()) {
  const auto max_devices = *rc::gen::inRange<std::size_t>(1, 24);
  const auto steps = *rc::gen::container<std::vector<otawire::test::table_step>>(gen_step());
  session_table<counted_session> table(max_devices);
  otawire::test::session_table_model model(max_devices);
  for (const auto& s : steps) {
    const auto difference = otawire::test::apply_and_compare(table, model, s);
    RC_ASSERT(!difference.has_value());
  }
}

}  // namespace

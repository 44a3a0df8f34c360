#include <otawire/result.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace {
using otawire::errc;
using otawire::result;

constexpr result<int> half(int x) {
  if (x % 2 != 0) return otawire::fail(errc::invalid_value, "x", 0);
  return x / 2;
}

// Usable in constant expressions: decoders built on it can be checked by static_assert.
static_assert(half(8).value() == 4);
static_assert(!half(3).has_value() && half(3).error().code() == errc::invalid_value);
static_assert(half(3).value_or(-1) == -1);
static_assert(otawire::ok().has_value());

TEST(Result, HoldsValueOrError) {
  result<std::string> r = std::string("abc");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "abc");
  EXPECT_EQ(r->size(), 3u);
  result<std::string> e = otawire::fail(errc::truncated, "name", 7);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().offset(), 7u);
  EXPECT_EQ(e.value_or("x"), "x");
  std::string moved = std::move(r).value();
  EXPECT_EQ(moved, "abc");
}

TEST(Result, VoidResult) {
  result<void> good = otawire::ok();
  EXPECT_TRUE(good);
  result<void> bad = otawire::fail(errc::bad_magic, "start");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "start");
  EXPECT_NE(good, bad);
}

TEST(ResultDeathTest, ValueOfAnErrorTraps) {
  result<int> e = otawire::fail(errc::truncated, "x");
  EXPECT_DEATH({ [[maybe_unused]] int v = e.value(); }, "");
}

RC_GTEST_PROP(Result, EqualityFollowsContents, (int a, int b)) {
  RC_ASSERT((result<int>(a) == result<int>(b)) == (a == b));
  RC_ASSERT(result<int>(a) != result<int>(otawire::fail(errc::truncated, "x")));
}
}  // namespace

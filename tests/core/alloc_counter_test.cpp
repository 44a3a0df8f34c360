#include "support/alloc_counter.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace {
// The counter itself must be able to fail, or "no allocation on decode" proves nothing.
TEST(AllocationCounter, SeesAllocations) {
  otawire::test::allocation_scope scope;
  auto p = std::make_unique<std::vector<int>>(100);
  EXPECT_GE(scope.count(), 2u);
}

TEST(AllocationCounter, ZeroWhenNothingAllocates) {
  otawire::test::allocation_scope scope;
  volatile int x = 42;
  x = x + 1;
  EXPECT_EQ(scope.count(), 0u);
}
}  // namespace

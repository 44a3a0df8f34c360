// Test support: counts heap allocations made by the current thread, to prove "no allocation on
// decode". Linked into every test binary; it replaces the global operator new/delete.
#ifndef OTAWIRE_TESTS_ALLOC_COUNTER_HPP
#define OTAWIRE_TESTS_ALLOC_COUNTER_HPP

#include <cstddef>

namespace otawire::test {

/// Allocations (calls of any global operator new) made by this thread since the program began.
std::size_t allocations_so_far() noexcept;

/// Counts the allocations made by this thread during its lifetime:
///   allocation_scope scope;  decode(...);  EXPECT_EQ(scope.count(), 0u);
class allocation_scope {
 public:
  allocation_scope() noexcept : start_(allocations_so_far()) {}
  [[nodiscard]] std::size_t count() const noexcept { return allocations_so_far() - start_; }

 private:
  std::size_t start_;
};

}  // namespace otawire::test

#endif

// Issue 16 item 4: a rejected message costs no heap allocation either. Every JSON family's
// stream of invalid messages (rejected_streams.hpp) is refused with the code expected, on each
// backend, and, once the decoder is warm, without a call of operator new. The benchmarks
// bench/<family>/bench_<family>_invalid.cpp time the same streams.
#include "json/rejected_streams.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {
namespace rj = otawire::test::rejected;

template <class Family>
class RejectedStream : public ::testing::Test {};

using families = ::testing::Types<rj::tencent_family, rj::ctwing_family, rj::jetlinks_family, rj::huawei_family,
                                  rj::alibaba_family>;

struct family_name {
  template <class Family>
  static std::string GetName(int) {
    return std::string(Family::name);
  }
};
TYPED_TEST_SUITE(RejectedStream, families, family_name);

// The stream is what it claims: every message refused, with its own code, on every backend.
TYPED_TEST(RejectedStream, EveryMessageIsRefusedWithTheExpectedCode) {
  rj::rejected_stream<TypeParam> stream;
  ASSERT_GE(stream.messages().size(), 10u);
  for (const auto b : rj::all_backends) {
    EXPECT_EQ(stream.mismatches(b), "") << rj::name(b);
  }
  // The DOM decoder sees exactly the well-formed messages: Boost.JSON's parser refuses the rest.
  for (std::size_t i = 0; i < stream.messages().size(); ++i) {
    EXPECT_EQ(stream.reaches(rj::backend::boost_dom, i), stream.messages()[i].expected != otawire::errc::malformed_json)
        << stream.messages()[i].why;
  }
}

// Each stream stays a mix: every kind of refusal a broker sees is in it.
TYPED_TEST(RejectedStream, CoversEveryKindOfRefusal) {
  rj::rejected_stream<TypeParam> stream;
  for (const auto code : {otawire::errc::malformed_json, otawire::errc::wrong_type, otawire::errc::missing_field,
                          otawire::errc::out_of_range, otawire::errc::unknown_message}) {
    std::size_t n = 0;
    for (const auto& m : stream.messages()) n += m.expected == code;
    EXPECT_GE(n, 1u) << otawire::name(code);
  }
}

// Warm, refusing a message allocates nothing, on either backend.
TYPED_TEST(RejectedStream, RefusingAllocatesNothing) {
  rj::rejected_stream<TypeParam> stream;
  std::vector<std::size_t> counts(stream.messages().size());
  for (const auto b : rj::all_backends) {
    stream.allocations_per_message(b, counts);
    for (std::size_t i = 0; i < counts.size(); ++i) {
      EXPECT_EQ(counts[i], 0u) << TypeParam::name << " " << rj::name(b) << " '" << stream.messages()[i].why << "'";
    }
  }
}

// The counter sees an allocation made while a stream is decoded (the test above can fail).
TEST(RejectedStreamHarness, CountsAnAllocation) {
  otawire::test::allocation_scope scope;
  void* p = ::operator new(64);  // a call, not a new-expression: the compiler may not elide it
  const auto seen = scope.count();
  ::operator delete(p);
  EXPECT_EQ(seen, 1u);
}

}  // namespace

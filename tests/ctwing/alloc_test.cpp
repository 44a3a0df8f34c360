// No heap allocation per message in steady state: a warmed-up decoder and the session validator
// process a realistic mixed stream without calling operator new.
#include "support/alloc_counter.hpp"
#include "support/ctwing_stream.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/session.hpp>

#include <gtest/gtest.h>

#include <simdjson.h>

#include <cstdint>
#include <vector>

namespace {
namespace cw = otawire::ctwing;

// A checksum over every decoded field, so that the decode cannot be optimised away and the
// test can tell that something was decoded.
std::uint64_t digest(const cw::message& m) {
  return std::visit(
      [](const auto& x) -> std::uint64_t {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, cw::inform>) {
          return static_cast<std::uint64_t>(x.task_id) + x.version.size() + x.module.value_or("").size();
        } else if constexpr (std::is_same_v<T, cw::upgrade>) {
          return static_cast<std::uint64_t>(x.task_id + x.size) + x.url.size() + x.md5.size() + x.token.size();
        } else {
          return static_cast<std::uint64_t>(x.task_id + x.step) + x.desc.value_or("").size();
        }
      },
      m);
}

TEST(CtwingAllocation, CopyingDecodeAndValidationAllocateNothingInSteadyState) {
  const auto stream = otawire::test::ctwing::mixed_stream();
  ASSERT_GT(stream.size(), 300u);
  otawire::json::parser d;
  for (const auto& m : stream) ASSERT_TRUE(cw::decode_payload(d, m.topic, m.text)) << m.text;  // warm-up
  std::uint64_t sum = 0;
  std::size_t accepted = 0, failures = 0;
  cw::session s;
  otawire::test::allocation_scope scope;
  for (int round = 0; round < 5; ++round) {
    for (const auto& m : stream) {
      auto r = cw::decode_payload(d, m.topic, m.text);
      if (!r) continue;
      sum += digest(*r);
      ++accepted;
      if (round == 0 && !s.on(*r)) ++failures;
    }
  }
  const auto allocations = scope.count();
  EXPECT_EQ(allocations, 0u);
  EXPECT_EQ(accepted, 5 * stream.size());
  EXPECT_EQ(failures, 0u);
  EXPECT_GT(sum, 0u);
}

TEST(CtwingAllocation, ZeroCopyDecodeAllocatesNothingInSteadyState) {
  const auto stream = otawire::test::ctwing::mixed_stream();
  std::vector<simdjson::padded_string> padded;
  for (const auto& m : stream) padded.emplace_back(m.text);
  otawire::json::parser d;
  for (std::size_t i = 0; i < stream.size(); ++i) ASSERT_TRUE(cw::decode_payload(d, stream[i].topic, simdjson::padded_string_view(padded[i])));
  std::size_t accepted = 0;
  otawire::test::allocation_scope scope;
  for (std::size_t i = 0; i < stream.size(); ++i) accepted += cw::decode_payload(d, stream[i].topic, simdjson::padded_string_view(padded[i])).has_value();
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(accepted, stream.size());
}

// The validator never allocates, whatever it is fed.
TEST(CtwingAllocation, SessionRejectionsAllocateNothing) {
  cw::session s;
  otawire::test::allocation_scope scope;
  auto r = s.on(cw::progress{1, 5, {}, {}});
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_FALSE(r);
}

}  // namespace

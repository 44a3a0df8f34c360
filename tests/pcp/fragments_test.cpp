// PCP fragment planner (platform) and assembler (device).
#include <otawire/pcp/fragments.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
using otawire::errc;
using pcp::result_code;

const auto v2 = pcp::version_string::from("V2.0").value();

TEST(PcpPlanner, CountIsCeilingAndDefaultIs500) {
  auto p = pcp::plan_fragments(1200).value();
  EXPECT_EQ(p.fragment_size, 500);
  EXPECT_EQ(p.fragment_count, 3);
  EXPECT_EQ(p.fragment_length(2), 200u);
  EXPECT_EQ(pcp::plan_fragments(16).value().fragment_count, 1);  // the D2c 16-byte example
  EXPECT_EQ(pcp::plan_fragments(1000, 500).value().fragment_count, 2);
  EXPECT_EQ(pcp::plan_fragments(1001, 32).value().fragment_count, 32);
}

TEST(PcpPlanner, Rejections) {
  EXPECT_EQ(pcp::plan_fragments(100, 31).error().where, "fragment_size");
  EXPECT_EQ(pcp::plan_fragments(100, 501).error().where, "fragment_size");
  EXPECT_EQ(pcp::plan_fragments(0).error().where, "package_size");
  EXPECT_EQ(pcp::plan_fragments(65535ull * 32 + 1, 32).error().code, errc::out_of_range);
  EXPECT_TRUE(pcp::plan_fragments(65535ull * 32, 32));
}

TEST(PcpPlanner, RespondsWithFragmentsOrNotFound) {
  std::vector<std::byte> pkg(16);
  const auto p = pcp::plan_fragments(pkg.size()).value();
  auto r = p.respond(pkg, 0);
  EXPECT_EQ(r.result, result_code::success);
  EXPECT_EQ(r.data.size(), 16u);  // short last fragment, no padding
  EXPECT_EQ(r.data.data(), pkg.data());
  auto missing = p.respond(pkg, 1);
  EXPECT_EQ(missing.result, result_code::fragment_not_found);
  EXPECT_EQ(missing.fragment_index, 1);
  EXPECT_TRUE(missing.data.empty());
  std::vector<std::byte> wrong(17);
  EXPECT_EQ(p.fragment(wrong, 0).error().where, "package");
  auto n = p.notification(v2, 0x1234);
  EXPECT_EQ(n.fragment_count, 1);
  EXPECT_EQ(n.package_check_code, 0x1234);
}

struct memory_sink {
  std::vector<std::byte>* out;
  int writes = 0;
  otawire::result<void> operator()(std::size_t offset, otawire::byte_view data) {
    ++writes;
    if (offset + data.size() > out->size()) return otawire::fail(errc::buffer_too_small, "flash", offset);
    std::copy(data.begin(), data.end(), out->begin() + static_cast<std::ptrdiff_t>(offset));
    return otawire::ok();
  }
};

RC_GTEST_PROP(PcpFragmentsProp, PlannerThenAssemblerRebuildsThePackageInAnyOrder,
              (const std::vector<std::uint8_t>& raw)) {
  RC_PRE(!raw.empty());
  const auto size = *rc::gen::inRange<std::uint16_t>(32, 501);
  const auto pkg = std::as_bytes(std::span(raw));
  const auto plan = pcp::plan_fragments(pkg.size(), size).value();
  std::vector<std::byte> flash(pkg.size());
  std::vector<std::uint8_t> bitmap(pcp::fragment_assembler<memory_sink>::bitmap_bytes(plan.fragment_count));
  pcp::fragment_assembler a{std::span<std::uint8_t>(bitmap), memory_sink{&flash}};
  RC_ASSERT(a.start(plan.notification(v2)).value() == pcp::assembly_start::restarted);
  std::vector<std::uint16_t> order(plan.fragment_count);
  for (std::uint16_t i = 0; i < plan.fragment_count; ++i) order[i] = i;
  std::mt19937 rng(*rc::gen::arbitrary<std::uint32_t>());
  std::shuffle(order.begin(), order.end(), rng);
  for (auto i : order) RC_ASSERT(a.accept(plan.respond(pkg, i)));
  RC_ASSERT(a.complete());
  RC_ASSERT(!a.next_missing().has_value());
  RC_ASSERT(a.package_size() == std::optional<std::uint32_t>(static_cast<std::uint32_t>(pkg.size())));
  RC_ASSERT(std::equal(flash.begin(), flash.end(), pkg.begin(), pkg.end()));
}

TEST(PcpAssembler, TracksArrivalsAndResumesAfterARebootFromTheFirstMissing) {
  std::vector<std::byte> pkg(1200);
  for (std::size_t i = 0; i < pkg.size(); ++i) pkg[i] = static_cast<std::byte>(i);
  const auto plan = pcp::plan_fragments(pkg.size()).value();
  std::vector<std::byte> flash(pkg.size());
  std::array<std::uint8_t, 1> bitmap{};  // caller storage, persisted across the "reboot"
  {
    pcp::fragment_assembler a{std::span<std::uint8_t>(bitmap), memory_sink{&flash}};
    ASSERT_TRUE(a.start(plan.notification(v2, 5)));
    EXPECT_EQ(a.next_missing(), 0);
    ASSERT_TRUE(a.accept(plan.respond(pkg, 0)));
    ASSERT_TRUE(a.accept(plan.respond(pkg, 2)));
    EXPECT_TRUE(a.has(2));
    EXPECT_FALSE(a.has(1));
    EXPECT_EQ(a.next_missing(), 1);
    EXPECT_EQ(a.received(), 2u);
    EXPECT_FALSE(a.complete());
  }
  pcp::fragment_assembler b{std::span<std::uint8_t>(bitmap), memory_sink{&flash}, plan.notification(v2, 5)};
  EXPECT_EQ(b.received(), 2u);
  EXPECT_EQ(b.start(plan.notification(v2, 5)).value(), pcp::assembly_start::resumed);
  EXPECT_EQ(b.next_missing(), 1);
  ASSERT_TRUE(b.accept(plan.respond(pkg, 1)));
  EXPECT_TRUE(b.complete());
  EXPECT_EQ(flash, pkg);
  // A different check code is a new package: everything restarts.
  EXPECT_EQ(b.start(plan.notification(v2, 6)).value(), pcp::assembly_start::restarted);
  EXPECT_EQ(b.next_missing(), 0);
  EXPECT_EQ(b.received(), 0u);
}

TEST(PcpAssembler, Rejections) {
  std::vector<std::byte> pkg(1200);
  const auto plan = pcp::plan_fragments(pkg.size()).value();
  std::vector<std::byte> flash(1000);  // too small for the last fragment
  std::array<std::uint8_t, 1> bitmap{};
  pcp::fragment_assembler a{std::span<std::uint8_t>(bitmap), memory_sink{&flash}};
  EXPECT_EQ(a.accept(plan.respond(pkg, 0)).error().where, "notification");
  ASSERT_TRUE(a.start(plan.notification(v2)));
  EXPECT_EQ(a.accept({result_code::task_not_found, 0, {}}).error().where, "result");
  std::vector<std::byte> d(500);
  EXPECT_EQ(a.accept({result_code::success, 3, d}).error().where, "fragment_index");
  EXPECT_EQ(a.accept({result_code::success, 0, std::span(d).first(499)}).error().where, "fragment_data");
  std::vector<std::byte> over(501);
  EXPECT_EQ(a.accept({result_code::success, 2, over}).error().where, "fragment_data");  // last > size
  EXPECT_EQ(a.accept(plan.respond(pkg, 2)).error().where, "flash");  // the sink refuses
  EXPECT_FALSE(a.has(2));
  std::vector<std::uint8_t> tiny(0);
  pcp::fragment_assembler small{std::span<std::uint8_t>(tiny), memory_sink{&flash}};
  EXPECT_EQ(small.start(plan.notification(v2)).error().code, errc::buffer_too_small);
  EXPECT_EQ(small.start({v2, 31, 1, 0}).error().where, "fragment_size");
  EXPECT_EQ(small.start({v2, 32, 0, 0}).error().where, "fragment_count");
}

}  // namespace

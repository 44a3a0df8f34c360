// PCP fragment planner (platform) and assembler (device).
#include <otawire/pcp/fragments.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

// The field an error names; empty in the device profile, which drops error texts.
#define EXPECT_WHERE(e, text) \
  EXPECT_EQ((e).where(), otawire::keeps_error_texts ? std::string_view(text) : std::string_view{})

namespace {
namespace pcp = otawire::pcp;
using otawire::errc;
using pcp::result_code;

const auto v2 = pcp::version_string::from("V2.0").value();

TEST(PcpPlanner, CountIsCeilingAndDefaultIs500) {
  auto p = pcp::plan_fragments(1200).value();
  EXPECT_EQ(p.fragment_size(), 500);
  EXPECT_EQ(p.fragment_count(), 3);
  EXPECT_EQ(p.fragment_length(2), 200u);
  EXPECT_EQ(pcp::plan_fragments(16).value().fragment_count(), 1);  // the D2c 16-byte example
  EXPECT_EQ(pcp::plan_fragments(1000, 500).value().fragment_count(), 2);
  EXPECT_EQ(pcp::plan_fragments(1001, 32).value().fragment_count(), 32);
}

TEST(PcpPlanner, Rejections) {
  EXPECT_WHERE(pcp::plan_fragments(100, 31).error(), "fragment_size");
  EXPECT_WHERE(pcp::plan_fragments(100, 501).error(), "fragment_size");
  EXPECT_WHERE(pcp::plan_fragments(0).error(), "package_size");
  EXPECT_EQ(pcp::plan_fragments(65535ull * 32 + 1, 32).error().code(), errc::out_of_range);
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
  EXPECT_WHERE(p.fragment(wrong, 0).error(), "package");
  auto n = p.notification(v2, 0x1234);
  EXPECT_EQ(n.fragment_count, 1);
  EXPECT_EQ(n.package_check_code, 0x1234);
}

// Issue 12 item 2: `fragment_plan{100, 50, 5}.fragment(pkg100, 4)` returned a 50-byte view 200
// bytes into a 100-byte package. A plan is now made only by plan_fragments, whose three numbers
// agree; the fields cannot be set to disagree afterwards.
template <class Plan>
concept plan_from_three_numbers = requires { Plan{std::uint32_t{100}, std::uint16_t{50}, std::uint16_t{5}}; };
template <class Plan>
concept plan_count_assignable = requires(Plan p) { p.fragment_count = std::uint16_t{5}; };
static_assert(!plan_from_three_numbers<pcp::fragment_plan>);
static_assert(!std::is_constructible_v<pcp::fragment_plan, std::uint32_t, std::uint16_t, std::uint16_t>);
static_assert(!std::is_default_constructible_v<pcp::fragment_plan>);
static_assert(!plan_count_assignable<pcp::fragment_plan>);
static_assert(std::is_trivially_copyable_v<pcp::fragment_plan>);

// Issue 12 item 3: fragment() and respond() return views into the package, so an owning
// temporary package is refused; lvalues and views are not.
template <class Package>
concept plan_slices = requires(const pcp::fragment_plan& p, Package&& package) {
  p.fragment(std::forward<Package>(package), std::uint16_t{0});
};
template <class Package>
concept plan_responds = requires(const pcp::fragment_plan& p, Package&& package) {
  p.respond(std::forward<Package>(package), std::uint16_t{0});
};
static_assert(!plan_slices<std::vector<std::byte>>);
static_assert(!plan_slices<std::array<std::byte, 64>>);
static_assert(!plan_responds<std::vector<std::byte>>);
static_assert(!plan_responds<const std::vector<std::byte>>);
static_assert(plan_slices<std::vector<std::byte>&>);
static_assert(plan_slices<std::span<const std::byte>>);
static_assert(plan_responds<const std::vector<std::byte>&>);
static_assert(plan_responds<std::span<std::byte>>);

TEST(PcpPlanner, AViewOfThePackageStillSlices) {
  std::vector<std::byte> image(1300);  // the package is the first 1200 bytes of a larger image
  const auto plan = pcp::plan_fragments(1200).value();
  const auto r = plan.respond(std::span(image).first(1200), 2);
  EXPECT_EQ(r.result, result_code::success);
  EXPECT_EQ(r.data.data(), image.data() + 1000);
  EXPECT_EQ(r.data.size(), 200u);
  EXPECT_EQ(plan.fragment(std::span(image).first(1200), 1)->data(), image.data() + 500);
}

RC_GTEST_PROP(PcpPlannerProp, EveryFragmentOfEveryPlanLiesInsideThePackage, ()) {
  const auto package_size = *rc::gen::inRange<std::uint32_t>(1, 70'000);
  const auto fragment_size = *rc::gen::inRange<std::uint16_t>(32, 501);
  const auto plan = pcp::plan_fragments(package_size, fragment_size).value();
  RC_ASSERT(plan.package_size() == package_size);
  RC_ASSERT(plan.fragment_size() == fragment_size);
  RC_ASSERT(std::size_t{plan.fragment_count()} * fragment_size >= package_size);
  RC_ASSERT((std::size_t{plan.fragment_count()} - 1) * fragment_size < package_size);
  const std::vector<std::byte> package(package_size);
  const auto* const begin = package.data();
  const auto* const end = begin + package.size();
  // Every index, including those past the end: a view inside the package, or an error.
  const auto index = *rc::gen::inRange<std::uint32_t>(0, 65'536);
  const auto i = static_cast<std::uint16_t>(index);
  auto f = plan.fragment(package, i);
  const auto r = plan.respond(package, i);
  if (i < plan.fragment_count()) {
    RC_ASSERT(f.has_value());
    RC_ASSERT(f->data() >= begin && f->data() + f->size() <= end);
    RC_ASSERT(f->size() == plan.fragment_length(i));
    RC_ASSERT(f->data() == begin + std::size_t{i} * fragment_size);
    RC_ASSERT(r.result == result_code::success && r.data.data() == f->data() && r.data.size() == f->size());
  } else {
    RC_ASSERT(!f.has_value());
    RC_ASSERT(plan.fragment_length(i) == 0u);
    RC_ASSERT(r.result == result_code::fragment_not_found && r.data.empty());
  }
  // Lengths add up to the package, the last one ≤ the fragment size.
  std::size_t total = 0;
  for (std::uint32_t k = 0; k < plan.fragment_count(); ++k) total += plan.fragment_length(static_cast<std::uint16_t>(k));
  RC_ASSERT(total == package_size);
}

TEST(PcpPlanner, TheIssuesNumbersGiveAConsistentPlanAndNoViewOutside) {
  // A 100-byte package cut in 50s has two fragments, not five: index 4 does not exist.
  const std::vector<std::byte> package(100);
  const auto plan = pcp::plan_fragments(package.size(), 50).value();
  EXPECT_EQ(plan.fragment_count(), 2);
  EXPECT_WHERE(plan.fragment(package, 4).error(), "fragment_index");
  EXPECT_EQ(plan.respond(package, 4).result, result_code::fragment_not_found);
  EXPECT_TRUE(plan.respond(package, 4).data.empty());
  EXPECT_EQ(plan.fragment_length(4), 0u);
  const auto last = plan.fragment(package, 1).value();
  EXPECT_EQ(last.data() + last.size(), package.data() + package.size());
  // A package of another size than planned is refused, whatever the index.
  const std::vector<std::byte> longer(300);
  EXPECT_WHERE(plan.fragment(longer, 1).error(), "package");
  EXPECT_EQ(plan.respond(longer, 1).result, result_code::fragment_not_found);
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
  std::vector<std::uint8_t> bitmap(pcp::fragment_assembler<memory_sink>::bitmap_bytes(plan.fragment_count()));
  pcp::fragment_assembler a{std::span<std::uint8_t>(bitmap), memory_sink{&flash}};
  RC_ASSERT(a.start(plan.notification(v2)).value() == pcp::assembly_start::restarted);
  std::vector<std::uint16_t> order(plan.fragment_count());
  for (std::uint16_t i = 0; i < plan.fragment_count(); ++i) order[i] = i;
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
  EXPECT_WHERE(a.accept(plan.respond(pkg, 0)).error(), "notification");
  ASSERT_TRUE(a.start(plan.notification(v2)));
  EXPECT_WHERE(a.accept({result_code::task_not_found, 0, {}}).error(), "result");
  std::vector<std::byte> d(500);
  EXPECT_WHERE(a.accept({result_code::success, 3, d}).error(), "fragment_index");
  EXPECT_WHERE(a.accept({result_code::success, 0, std::span(d).first(499)}).error(), "fragment_data");
  std::vector<std::byte> over(501);
  EXPECT_WHERE(a.accept({result_code::success, 2, over}).error(), "fragment_data");  // last > size
  EXPECT_WHERE(a.accept(plan.respond(pkg, 2)).error(), "flash");  // the sink refuses
  EXPECT_FALSE(a.has(2));
  std::vector<std::uint8_t> tiny(0);
  pcp::fragment_assembler small{std::span<std::uint8_t>(tiny), memory_sink{&flash}};
  EXPECT_EQ(small.start(plan.notification(v2)).error().code(), errc::buffer_too_small);
  EXPECT_WHERE(small.start({v2, 31, 1, 0}).error(), "fragment_size");
  EXPECT_WHERE(small.start({v2, 32, 0, 0}).error(), "fragment_count");
}

}  // namespace

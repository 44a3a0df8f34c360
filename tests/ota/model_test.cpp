// The neutral model (crosswalk.md §1, §3.1): the vocabulary's sizes and names, fidelity order,
// lost-field sets, and the synthesis records.
#include <otawire/ota/model.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string_view>
#include <type_traits>

namespace {
namespace ota = otawire::ota;

// §1.4: sixteen events, in the table's order (E1–E14, D1–D2).
static_assert(std::variant_size_v<ota::event_body> == ota::event_kind_count);
static_assert(ota::event_kind_count == 16);
static_assert(std::is_same_v<std::variant_alternative_t<0, ota::event_body>, ota::version_query>);
static_assert(std::is_same_v<std::variant_alternative_t<13, ota::event_body>, ota::ack>);
static_assert(std::is_same_v<std::variant_alternative_t<15, ota::event_body>, ota::chunk>);
// §3.1: twenty reasons, `unspecified` last.
static_assert(ota::reason_count == 20);
static_assert(static_cast<std::size_t>(ota::reason::unspecified) + 1 == ota::reason_count);
// Device-friendly: events are trivially destructible and copyable values (no allocation).
static_assert(std::is_trivially_destructible_v<ota::event>);
static_assert(std::is_trivially_copyable_v<ota::event_body>);

TEST(OtaModel, EveryEventKindHasADistinctName) {
  std::set<std::string_view> names;
  for (std::size_t k = 0; k < ota::event_kind_count; ++k) {
    const auto n = ota::name(static_cast<ota::event_kind>(k));
    EXPECT_NE(n, "unknown");
    names.insert(n);
  }
  EXPECT_EQ(names.size(), ota::event_kind_count);
  EXPECT_EQ(ota::name(static_cast<ota::event_kind>(16)), "unknown");
}

TEST(OtaModel, EveryReasonHasADistinctName) {
  std::set<std::string_view> names;
  for (std::size_t r = 0; r < ota::reason_count; ++r) names.insert(ota::name(static_cast<ota::reason>(r)));
  EXPECT_EQ(names.size(), ota::reason_count);
  EXPECT_TRUE(names.count("download_auth_failed"));
  EXPECT_EQ(ota::name(static_cast<ota::reason>(20)), "unknown");
}

TEST(OtaModel, KindFollowsTheBody) {
  ota::event e{};
  EXPECT_EQ(e.kind(), ota::event_kind::version_query);
  e.body = ota::refused{ota::answer_subject::install, ota::reason::deferred};
  EXPECT_EQ(e.kind(), ota::event_kind::refused);
  e.body = ota::chunk{};
  EXPECT_EQ(e.kind(), ota::event_kind::chunk);
  EXPECT_FALSE(e.synthesised());
}

TEST(OtaModel, WorstFidelityWins) {
  using ota::fidelity;
  EXPECT_EQ(ota::worst(fidelity::exact, fidelity::lossy), fidelity::lossy);
  EXPECT_EQ(ota::worst(fidelity::fallback, fidelity::lossy), fidelity::fallback);
  EXPECT_EQ(ota::worst(fidelity::exact, fidelity::exact), fidelity::exact);
  EXPECT_EQ(ota::worst(fidelity::synthesised, fidelity::exact), fidelity::synthesised);
  EXPECT_EQ(ota::name(fidelity::fallback), "fallback");
}

TEST(OtaModel, LostFieldsCombine) {
  const auto lost = ota::lost_field::digest | ota::lost_field::url;
  EXPECT_TRUE(ota::contains(lost, ota::lost_field::digest));
  EXPECT_TRUE(ota::contains(lost, ota::lost_field::url));
  EXPECT_FALSE(ota::contains(lost, ota::lost_field::module));
  EXPECT_TRUE(ota::contains(lost, ota::lost_field::nothing));
}

TEST(OtaModel, PackageExactSizeOnlyWhenTheBoundsMeet) {
  ota::package_ref p{};
  EXPECT_FALSE(p.exact_size());
  p.min_size = 1001;
  p.max_size = 1500;
  EXPECT_FALSE(p.exact_size());
  p.max_size = 1001;
  ASSERT_TRUE(p.exact_size());
  EXPECT_EQ(*p.exact_size(), 1001u);
}

TEST(OtaModel, AckComparesItsReasonOnlyWhenRefusing) {
  EXPECT_EQ((ota::ack{ota::ack_subject::outcome, true, ota::reason::busy}),
            (ota::ack{ota::ack_subject::outcome, true, ota::reason::cancelled}));
  EXPECT_NE((ota::ack{ota::ack_subject::outcome, false, ota::reason::busy}),
            (ota::ack{ota::ack_subject::outcome, false, ota::reason::cancelled}));
}

inline constexpr ota::synthesis_rule sample_rule{"sample_rule", "crosswalk 1.1 rule 4"};

TEST(OtaModel, SynthesisRuleNamesItselfOnHostsOnly) {
  if constexpr (otawire::keeps_error_texts) {
    EXPECT_EQ(sample_rule.name(), "sample_rule");
    EXPECT_EQ(sample_rule.source(), "crosswalk 1.1 rule 4");
  } else {
    EXPECT_TRUE(sample_rule.name().empty());
  }
}

TEST(OtaModel, NaturalDirections) {
  EXPECT_EQ(ota::natural_direction(ota::event_kind::upgrade_offer), otawire::direction::platform_to_device);
  EXPECT_EQ(ota::natural_direction(ota::event_kind::progress), otawire::direction::device_to_platform);
  EXPECT_EQ(ota::natural_direction(ota::event_kind::chunk_request), otawire::direction::device_to_platform);
  EXPECT_EQ(ota::natural_direction(ota::event_kind::chunk), otawire::direction::platform_to_device);
}

}  // namespace

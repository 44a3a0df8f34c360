// The fleet tracker (include/otawire/ota/tracker.hpp): per-device neutral state over the session
// table, the 64-byte budget, no allocation per event, the "stuck in a phase" query and the
// per-reason counts; devices, sub-devices and components tracked apart.
#include <otawire/ota/pcp.hpp>
#include <otawire/ota/tracker.hpp>

#include "support/alloc_counter.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace ota = otawire::ota;
using ota::upgrade_state;
using otawire::direction;

ota::event make(ota::event_body body, std::string_view device, direction dir, std::string_view child = {},
                ota::component part = {}) {
  ota::event e{};
  e.body = body;
  e.head.source_protocol = ota::protocol::alibaba;
  e.head.dir = dir;
  e.head.device.device = device;
  e.head.device.child = child;
  e.head.part = part;
  return e;
}
ota::event up(ota::event_body body, std::string_view device, std::string_view child = {}, ota::component part = {}) {
  return make(body, device, direction::device_to_platform, child, part);
}
ota::event down(ota::event_body body, std::string_view device, std::string_view child = {},
                ota::component part = {}) {
  return make(body, device, direction::platform_to_device, child, part);
}
ota::event offer(std::string_view device, std::string_view child = {}, ota::component part = {}) {
  ota::upgrade_offer o{};
  o.package.version = "2.0";
  o.package.source.kind = ota::source_kind::url;
  o.package.source.url = "https://example.com/fw.bin";
  return down(o, device, child, part);
}

constexpr std::int64_t minute = 60'000;

TEST(FleetTracker, ATrackedDeviceCostsAtMost64Bytes) {
  EXPECT_LE(ota::fleet_tracker::slot_bytes(), 64u);
  const ota::fleet_tracker tracker(1000);
  EXPECT_EQ(tracker.table_bytes(), 2048u * ota::fleet_tracker::slot_bytes());  // 1000 devices, 3/4 load
}

TEST(FleetTracker, TracksStateLastEventProgressAndTimes) {
  ota::fleet_tracker tracker(16, 1'000'000);
  ASSERT_TRUE(tracker.on_event(offer("dev-1"), 1'000'000 + 5 * minute));
  ASSERT_TRUE(tracker.on_event(up(ota::progress{ota::phase::download, 30, {}, {}}, "dev-1"), 1'000'000 + 6 * minute));
  const auto* d = tracker.find({{}, "dev-1", {}});
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->session.state(), upgrade_state::downloading);
  EXPECT_EQ(d->last_event, ota::event_kind::progress);
  EXPECT_EQ(d->percent, 30);
  EXPECT_EQ(d->state_since_s, 6u * 60u);
  EXPECT_EQ(d->last_event_s, 6u * 60u);
  // More progress keeps the state's start time.
  ASSERT_TRUE(tracker.on_event(up(ota::progress{ota::phase::download, 60, {}, {}}, "dev-1"), 1'000'000 + 9 * minute));
  EXPECT_EQ(d->state_since_s, 6u * 60u);
  EXPECT_EQ(d->last_event_s, 9u * 60u);
  EXPECT_EQ(d->percent, 60);
}

TEST(FleetTracker, ARejectedEventIsCountedAndChangesNothing) {
  ota::fleet_tracker tracker(16);
  ASSERT_TRUE(tracker.on_event(offer("dev-1"), 0));
  const auto r = tracker.on_event(up(ota::succeeded{"2.0"}, "dev-1"), minute);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), ota::rules::outcome_outside_upgrade.name());
  const auto* d = tracker.find({{}, "dev-1", {}});
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->session.state(), upgrade_state::offered);
  EXPECT_EQ(d->last_event, ota::event_kind::upgrade_offer);
  EXPECT_EQ(d->rejected, 1u);
  EXPECT_EQ(tracker.rejected_events(), 1u);
}

TEST(FleetTracker, DevicesSubDevicesAndComponentsAreTrackedApart) {
  ota::fleet_tracker tracker(16);
  const ota::component mcu{ota::component_kind::firmware, "mcu"};
  ASSERT_TRUE(tracker.on_event(offer("gw"), 0));
  ASSERT_TRUE(tracker.on_event(offer("gw", "child-1"), 0));
  ASSERT_TRUE(tracker.on_event(offer("gw", {}, mcu), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::accepted{ota::answer_subject::offer}, "gw", "child-1"), 0));
  EXPECT_EQ(tracker.size(), 3u);
  EXPECT_EQ(tracker.find({{}, "gw", {}})->session.state(), upgrade_state::offered);
  EXPECT_EQ(tracker.find({{}, "gw", "child-1"})->session.state(), upgrade_state::downloading);
  EXPECT_EQ(tracker.find({{}, "gw", {}}, mcu)->session.state(), upgrade_state::offered);
}

TEST(FleetTracker, FindsDevicesStuckInAPhaseLongerThanT) {
  ota::fleet_tracker tracker(64);
  // dev-0 … dev-9 start downloading at minute i.
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) names.push_back("dev-" + std::to_string(i));
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(tracker.on_event(offer(names[i]), i * minute));
    ASSERT_TRUE(tracker.on_event(up(ota::accepted{ota::answer_subject::offer}, names[i]), i * minute));
  }
  // dev-0 finishes its download at minute 20: no longer downloading.
  ASSERT_TRUE(tracker.on_event(up(ota::download_finished{}, names[0]), 20 * minute));
  // At minute 30, downloading for more than 25 minutes: dev-1 … dev-4 (started at 1 … 4).
  std::vector<const ota::tracked_device*> stuck;
  tracker.for_each_stuck(upgrade_state::downloading, 25 * minute, 30 * minute,
                         [&](const otawire::session_key&, const ota::tracked_device& d) { stuck.push_back(&d); });
  EXPECT_EQ(stuck.size(), 4u);
  EXPECT_EQ(tracker.count_stuck(upgrade_state::downloading, 25 * minute, 30 * minute), 4u);
  EXPECT_EQ(tracker.count_stuck(upgrade_state::downloaded, 5 * minute, 30 * minute), 1u);
  EXPECT_EQ(tracker.count_stuck(upgrade_state::downloaded, 15 * minute, 30 * minute), 0u);
}

TEST(FleetTracker, CountsRefusalsAndFailuresPerReason) {
  ota::fleet_tracker tracker(16);
  ASSERT_TRUE(tracker.on_event(offer("a"), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::refused{ota::answer_subject::offer, ota::reason::low_battery}, "a"), 0));
  ASSERT_TRUE(tracker.on_event(offer("b"), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::progress{ota::phase::download, 10, {}, {}}, "b"), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::failed{ota::phase::download, ota::reason::integrity_failed, {}}, "b"), 0));
  ASSERT_TRUE(tracker.on_event(offer("c"), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::refused{ota::answer_subject::offer, ota::reason::low_battery}, "c"), 0));
  // A rejected failure (no upgrade running for "d") is not counted.
  ASSERT_FALSE(tracker.on_event(up(ota::failed{ota::phase::download, ota::reason::busy, {}}, "d"), 0));
  EXPECT_EQ(tracker.count(ota::reason::low_battery), 2u);
  EXPECT_EQ(tracker.count(ota::reason::integrity_failed), 1u);
  EXPECT_EQ(tracker.count(ota::reason::busy), 0u);
  EXPECT_EQ(tracker.find({{}, "b", {}})->session.outcome(), ota::upgrade_outcome::download_failed);
}

TEST(FleetTracker, AFullTableEvictsTheIdlestDevice) {
  ota::fleet_tracker tracker(2);
  ASSERT_TRUE(tracker.on_event(offer("a"), 0));
  ASSERT_TRUE(tracker.on_event(offer("b"), 0));
  ASSERT_TRUE(tracker.on_event(up(ota::progress{ota::phase::download, 1, {}, {}}, "a"), 0));
  ASSERT_TRUE(tracker.on_event(offer("c"), 0));
  EXPECT_EQ(tracker.evictions(), 1u);
  EXPECT_EQ(tracker.find({{}, "b", {}}), nullptr);
  EXPECT_NE(tracker.find({{}, "a", {}}), nullptr);
}

TEST(FleetTracker, NoAllocationPerEvent) {
  // PCP bytes' events for 100 devices, a whole upgrade each, once the tracker exists.
  ota::fleet_tracker tracker(128);
  std::vector<std::string> names;
  for (int i = 0; i < 100; ++i) names.push_back("imei-" + std::to_string(i));
  namespace pcp = otawire::pcp;
  const auto target = pcp::version_string::from("2.0").value();
  static constexpr std::array<std::byte, 32> data{};
  const std::array<pcp::message, 11> session{
      pcp::query_version_request{},
      pcp::query_version_response{pcp::result_code::success, pcp::version_string::from("1.0").value()},
      pcp::notify_new_version_request{target, 32, 1, 7},
      pcp::notify_new_version_response{pcp::result_code::success},
      pcp::request_fragment_request{target, 0},
      pcp::request_fragment_response{pcp::result_code::success, 0, otawire::byte_view{data}.first(10)},
      pcp::report_download_result_request{pcp::result_code::success},
      pcp::report_download_result_response{pcp::result_code::success},
      pcp::execute_upgrade_request{},
      pcp::execute_upgrade_response{pcp::result_code::success},
      pcp::report_upgrade_result_request{pcp::result_code::success, target},
  };
  std::array<ota::event, ota::pcp_max_events> events{};
  otawire::test::allocation_scope scope;
  std::size_t accepted = 0;
  for (const auto& m : session) {
    for (const auto& name : names) {
      ota::envelope base{};
      base.device.device = name;
      const auto* d = tracker.find(base.device, ota::component{ota::component_kind::software, {}});
      const ota::pcp_session_context context{d ? d->session.fragment_count() : std::uint16_t{0}};
      const auto n = ota::to_events(m, base, context, events);
      if (n && tracker.on_events(std::span<const ota::event>(events.data(), *n), 0)) ++accepted;
    }
  }
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(accepted, session.size() * names.size());
  EXPECT_EQ(tracker.count_stuck(upgrade_state::outcome_reported, -1, 0), 100u);
}

}  // namespace

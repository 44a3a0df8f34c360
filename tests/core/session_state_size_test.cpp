// Issue 13 item 3: at most 32 bytes of session state per tracked device in each JSON family,
// and what a device costs in a session_table (slot = state + key + recency links). The headers
// static_assert the bound; this test reads it where a reviewer looks for tests, and prints the
// README's figures (bytes per tracked device, devices per GiB).
#include "support/alloc_counter.hpp"

#include <otawire/alibaba/session.hpp>
#include <otawire/ctwing/session.hpp>
#include <otawire/huawei/session.hpp>
#include <otawire/jetlinks/session.hpp>
#include <otawire/pcp/session.hpp>
#include <otawire/session_table.hpp>
#include <otawire/tencent/session.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

template <class State, std::size_t MaxState = 32>
void expect_small(const char* family) {
  EXPECT_LE(sizeof(State), MaxState) << family;
  using table = otawire::session_table<State>;
  EXPECT_LE(table::slot_bytes(), MaxState + 24) << family;
  // A table for 3/4 of a power of two uses exactly 4/3 slots per device.
  const table t(768);
  const double per_device = static_cast<double>(t.slot_count() * table::slot_bytes()) / static_cast<double>(t.max_devices());
  std::printf("%-9s state %2zu B, slot %2zu B, %.1f B per tracked device at full load, %.1f M devices per GiB\n", family,
              sizeof(State), table::slot_bytes(), per_device, 1024.0 * 1024.0 * 1024.0 / per_device / 1e6);
}

TEST(SessionStateSize, AtMost32BytesPerDeviceInEveryJsonFamily) {
  expect_small<otawire::tencent::session>("tencent");
  expect_small<otawire::ctwing::session>("ctwing");
  expect_small<otawire::jetlinks::session>("jetlinks");
  expect_small<otawire::huawei::device_state>("huawei");
  expect_small<otawire::alibaba::module_session>("alibaba");
}

// PCP's platform validator: the rules in 32 B (versions as fingerprints), the task clock (three
// timestamps) beside them, the timeout policy the task's (docs/contract.md).
TEST(SessionStateSize, PcpPlatformRulesIn32BytesAndTheClockBeside) {
  expect_small<otawire::pcp::platform_rules>("pcp rules");
  expect_small<otawire::pcp::platform_session, 56>("pcp timed");
}

TEST(SessionStateSize, PcpPlatformTracksDevicesInATableWithoutAllocating) {
  namespace pcp = otawire::pcp;
  otawire::session_table<pcp::platform_session> devices(100);
  pcp::timeout_policy task;
  task.version_reply = std::chrono::seconds(30);
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i) names.push_back("imei-" + std::to_string(i));
  otawire::test::allocation_scope scope;
  pcp::timestamp now{0};
  for (const auto& n : names) {
    auto* s = devices.touch(otawire::identity_hasher{}.add(n).key()).value;
    ASSERT_TRUE(s->on(pcp::query_version_request{}, now += std::chrono::seconds(1), task));
  }
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(devices.size(), 100u);
  const auto* last = devices.find(otawire::identity_hasher{}.add(names.back()).key());
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->state(), pcp::session_state::querying_version);
  EXPECT_EQ(last->deadline(), now + std::chrono::seconds(30));  // the task's policy, not a copy
}

// The multi-device validators allocate their table when created, and never per message.
TEST(SessionStateSize, ValidatorsAreBoundedTables) {
  const otawire::huawei::session h(10);
  EXPECT_EQ(h.max_devices(), 10u);
  const otawire::alibaba::session a(10);
  EXPECT_EQ(a.max_sessions(), 10u);
}

}  // namespace

namespace {
namespace hw = otawire::huawei;
namespace ab = otawire::alibaba;

hw::event version_query_event() { return hw::event{}; }  // kind version_query, paras version_query

TEST(HuaweiSessionTable, NoAllocationPerMessageAndTheIdlestDeviceIsEvicted) {
  hw::session s(100);
  std::vector<std::string> devices;
  for (int i = 0; i < 300; ++i) devices.push_back("device-" + std::to_string(i));
  const auto e = version_query_event();
  otawire::test::allocation_scope scope;
  for (const auto& d : devices) ASSERT_TRUE(s.on_event(otawire::direction::platform_to_device, d, e));
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_EQ(s.device_count(), 100u);
  EXPECT_EQ(s.evictions(), 200u);
  EXPECT_EQ(s.find(devices[199]), nullptr);  // the idlest went first
  ASSERT_NE(s.find(devices[200]), nullptr);
  EXPECT_EQ(s.find(devices[200])->state, hw::session_state::queried);
  EXPECT_EQ(s.state(devices[0]), hw::session_state::idle);  // forgotten: starts again
}

TEST(AlibabaSessionTable, NoAllocationPerMessageAndModulesStayApart) {
  ab::session v(64);
  const ab::topic up_get{ab::topic_kind::firmware_get, "a1pk", "dev"};
  const ab::topic down_reply{ab::topic_kind::firmware_get_reply, "a1pk", "dev"};
  std::vector<std::string> modules;
  for (int i = 0; i < 200; ++i) modules.push_back("module-" + std::to_string(i));
  otawire::test::allocation_scope scope;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    ASSERT_TRUE(v.on(up_get, ab::firmware_get{{static_cast<std::int64_t>(i), false}, {}, modules[i], false}));
  }
  // An empty reply goes to the module whose request has its id, among this device's modules.
  ASSERT_TRUE(v.on(down_reply, ab::firmware_get_reply{{150, false}, 200, std::nullopt, {}}));
  EXPECT_EQ(scope.count(), 0u);
  EXPECT_TRUE(v.last_module() == "module-150");
  EXPECT_EQ(v.find("a1pk", "dev", "module-150")->state(), ab::session_state::idle);
  EXPECT_EQ(v.find("a1pk", "dev", "module-151")->state(), ab::session_state::await_reply);
  EXPECT_EQ(v.find("a1pk", "dev", "module-0"), nullptr);  // evicted: 64 machines at most
  EXPECT_EQ(v.size(), 64u);
  EXPECT_EQ(v.evictions(), 136u);
  // Another device's identical module is another machine.
  EXPECT_EQ(v.find("a1pk", "dev2", "module-151"), nullptr);
}

}  // namespace

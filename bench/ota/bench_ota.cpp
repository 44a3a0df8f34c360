// The cross-vendor layer on a platform (issue 15 item 4): PCP frames → pcp::decode →
// ota::to_events → ota::fleet_tracker, one core, and the tracker's memory per 1 M devices.
//
// `ota_pcp_pipeline/<devices>`: a whole PCP upgrade (14 frames: 19 … 24 and its ack, two
// fragments; 16 events) for each of <devices> devices, frame by frame across the fleet,
// repeated; items = neutral events tracked.
// Every event is accepted (checked before timing), so the figure is the validated path.
// `ota_tracker_memory_1M`: builds a tracker for 1 000 000 devices and reports its table's bytes
// (counters `table_MiB`, `bytes_per_device`, `slot_bytes`); the time is the allocation's.
#include <otawire/ota/pcp.hpp>
#include <otawire/ota/tracker.hpp>
#include <otawire/pcp.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace {
namespace ota = otawire::ota;
namespace pcp = otawire::pcp;

struct wire_frame {
  std::vector<std::byte> bytes;
  otawire::direction dir;
};

/// One successful upgrade, as framed bytes in both directions.
std::vector<wire_frame> upgrade_frames() {
  static const std::array<std::byte, 32> data{};
  const auto target = pcp::version_string::from("2.0").value();
  const std::vector<pcp::message> session{
      pcp::query_version_request{},
      pcp::query_version_response{pcp::result_code::success, pcp::version_string::from("1.0").value()},
      pcp::notify_new_version_request{target, 32, 2, 7},
      pcp::notify_new_version_response{pcp::result_code::success},
      pcp::request_fragment_request{target, 0},
      pcp::request_fragment_response{pcp::result_code::success, 0, otawire::byte_view{data}},
      pcp::request_fragment_request{target, 1},
      pcp::request_fragment_response{pcp::result_code::success, 1, otawire::byte_view{data}.first(10)},
      pcp::report_download_result_request{pcp::result_code::success},
      pcp::report_download_result_response{pcp::result_code::success},
      pcp::execute_upgrade_request{},
      pcp::execute_upgrade_response{pcp::result_code::success},
      pcp::report_upgrade_result_request{pcp::result_code::success, target},
      pcp::report_upgrade_result_response{pcp::result_code::success},
  };
  std::vector<wire_frame> frames;
  for (const auto& m : session) {
    wire_frame f{std::vector<std::byte>(pcp::encoded_size(m)), pcp::direction_of(m)};
    if (!pcp::encode(m, f.bytes)) std::abort();
    frames.push_back(std::move(f));
  }
  return frames;
}

/// Decodes one frame for `device`, converts it and feeds the tracker; the number of events.
std::size_t track(ota::fleet_tracker& tracker, const wire_frame& f, std::string_view device, std::int64_t now_ms) {
  const auto m = pcp::decode(f.bytes, f.dir);
  if (!m) std::abort();
  ota::envelope base{};
  base.device.device = device;
  const auto* known = tracker.find(base.device, ota::component{ota::component_kind::software, {}});
  const ota::pcp_session_context context{known ? known->session.fragment_count() : std::uint16_t{0}};
  std::array<ota::event, ota::pcp_max_events> events{};
  const auto n = ota::to_events(*m, base, context, events);
  if (!n) std::abort();
  if (!tracker.on_events(std::span<const ota::event>(events.data(), *n), now_ms)) return 0;
  return *n;
}

void ota_pcp_pipeline(benchmark::State& state) {
  const auto devices = static_cast<std::size_t>(state.range(0));
  const auto frames = upgrade_frames();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < devices; ++i) names.push_back("imei-8600000" + std::to_string(100000 + i));
  ota::fleet_tracker tracker(devices);
  // Checked once before timing: every event of every device is accepted.
  std::size_t per_round = 0;
  for (const auto& f : frames) {
    for (const auto& name : names) {
      const auto n = track(tracker, f, name, 0);
      if (n == 0) std::abort();
      per_round += n;
    }
  }
  std::int64_t now = 0;
  std::size_t events = 0;
  for (auto _ : state) {
    now += 1000;
    for (const auto& f : frames) {
      for (const auto& name : names) events += track(tracker, f, name, now);
    }
  }
  if (events != per_round * static_cast<std::size_t>(state.iterations())) state.SkipWithError("an event was rejected");
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events_per_upgrade"] = static_cast<double>(per_round) / static_cast<double>(devices);
}
BENCHMARK(ota_pcp_pipeline)->Arg(1000)->Arg(100000);

void ota_tracker_memory_1M(benchmark::State& state) {
  constexpr std::size_t devices = 1'000'000;
  std::size_t bytes = 0;
  for (auto _ : state) {
    ota::fleet_tracker tracker(devices);
    bytes = tracker.table_bytes();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["table_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["bytes_per_device"] = static_cast<double>(bytes) / static_cast<double>(devices);
  state.counters["slot_bytes"] = static_cast<double>(ota::fleet_tracker::slot_bytes());
}
BENCHMARK(ota_tracker_memory_1M)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

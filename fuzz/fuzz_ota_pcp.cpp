// PCP → neutral events → PCP. Input: one flags byte (bit 0: uplink; bit 1: rewrite the check
// code first, as the PCP codec targets; bit 2: the session knows a fragment count, bits 3–7 + 1),
// then the frame — so the PCP targets' seeds are valid seeds here.
// Oracles: to_events never fails with `pcp_max_events` slots; the first event converts back to
// the same message, `exact`; no event claims `exact` where the crosswalk is lossy (0x07, the
// synthesised 21 progress); an event re-read as foreign (no raw code to reuse) converts to a
// message the codec accepts, and when that conversion claims `exact` it decodes to the same event.
#include <otawire/ota/pcp.hpp>

#include "frame_input.hpp"

#include <array>
#include <cstdlib>

namespace {
namespace ota = otawire::ota;
namespace pcp = otawire::pcp;

void check_foreign(ota::event e) {
  e.head.vendor = ota::vendor_record{ota::protocol::tencent, 0, {}, {}};
  auto back = ota::from_event(e, ota::pcp_profile{});
  if (!back) return;  // something PCP cannot carry: refused, not changed silently
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  std::array<std::byte, pcp::max_frame_size> out{};
  if (!pcp::encode(*back->message, out)) std::abort();
  if (back->mapped != ota::fidelity::exact) return;
  std::array<ota::event, ota::pcp_max_events> again{};
  auto n = ota::to_events(*back->message, ota::envelope{}, {}, again);
  if (!n || *n == 0 || !(again[0].body == e.body)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto flags = data[0];
  auto frame = frame_from_input(data, size);
  const auto dir = (flags & 1u) ? otawire::direction::device_to_platform : otawire::direction::platform_to_device;
  auto m = pcp::decode(frame, dir);
  if (!m) return 0;
  ota::pcp_session_context context{};
  if (flags & 4u) context.fragment_count = static_cast<std::uint16_t>((flags >> 3) + 1);
  std::array<ota::event, ota::pcp_max_events> events{};
  auto n = ota::to_events(*m, ota::envelope{}, context, events);
  if (!n || *n == 0 || *n > events.size()) std::abort();
  if (events[0].head.dir != dir) std::abort();
  auto back = ota::from_event(events[0], ota::pcp_profile{});
  if (!back || !back->message || !(*back->message == *m) || back->mapped != ota::fidelity::exact) std::abort();
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    if (e.head.vendor.raw_code == static_cast<int>(pcp::result_code::package_check_failed) &&
        e.mapped == ota::fidelity::exact) {
      std::abort();
    }
    if (e.kind() == ota::event_kind::progress && (e.mapped != ota::fidelity::synthesised || e.made_by == nullptr)) {
      std::abort();
    }
    check_foreign(e);
  }
  return 0;
}

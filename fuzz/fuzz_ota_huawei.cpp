// Huawei `$ota` → neutral events → Huawei. Input: one flags byte for the session context (bit 0:
// an upgrade is in progress, its target the first report's version when bit 3 is set, else
// "2.0"; bit 1: progress was reported; bit 2: a query is pending), then the JSON text — so the
// Huawei decode target's seeds, behind one byte, are seeds here.
// Oracles: to_events never fails with `huawei_max_events` slots and never claims `exact` where
// the mapping has no field (`expires`, `sub_device_count`, a progress report's version, a code
// outside §A.4, an `event_id`, an empty `object_device_id`); an exact event of a one-event
// message converts back to the same message; an event re-read as foreign (no raw record to
// reuse) converts to a one-event message the codec's `check` accepts, with a code of §A.4, or to
// none with `whole_event` lost, or to an error — never to `exact` with loss.
#include <otawire/huawei.hpp>
#include <otawire/ota/huawei.hpp>

#include <array>
#include <cstdlib>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace hw = otawire::huawei;

void check_foreign(ota::event e) {
  e.head.vendor = ota::vendor_record{ota::protocol::tencent, 0, {}, {}};
  auto back = ota::from_event(e, ota::huawei_profile{"1.0"});
  if (!back) return;  // something Huawei cannot carry: refused, not changed silently
  if (back->mapped == ota::fidelity::exact && back->lost != ota::lost_field::nothing) std::abort();
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  if (back->message->count != 1) std::abort();
  if (!hw::check(*back->message)) std::abort();  // what from_event makes, the codec may send
  if (const auto* p = back->message->storage[0].get<hw::progress_report>()) {
    if (!hw::is_known_result_code(p->result_code)) std::abort();  // the C SDK's set only (§A.4)
  }
}

/// The first progress report's version, if any: the target that makes a success.
std::string_view first_report_version(const hw::message& m) {
  for (const auto& e : m.events()) {
    if (const auto* p = e.get<hw::progress_report>()) return p->version;
  }
  return "2.0";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  if (size == 0) return 0;
  const auto flags = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto m = hw::decode_payload(parser, text);
  if (!m) return 0;
  ota::huawei_session_context context{};
  if (flags & 1u) context.target_version = (flags & 8u) ? first_report_version(*m) : std::string_view("2.0");
  context.progress_reported = (flags & 2u) != 0;
  context.query_pending = (flags & 4u) != 0;
  std::array<ota::event, ota::huawei_max_events> events{};
  auto n = ota::to_events(*m, ota::envelope{}, context, events);
  if (!n || *n > events.size()) std::abort();
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    if (e.synthesised() != (e.made_by != nullptr)) std::abort();
    if (e.head.source_protocol != ota::protocol::huawei_mqtt) std::abort();
    const auto& source = m->storage[std::min<std::size_t>(i, m->count - 1)];
    if (m->count == 1 && e.mapped == ota::fidelity::exact) {
      if (source.event_id) std::abort();
      if (const auto* u = source.get<hw::upgrade_notification>(); u && (u->expires || u->sub_device_count)) std::abort();
      if (const auto* p = source.get<hw::progress_report>()) {
        if (e.kind() == ota::event_kind::progress || !hw::is_known_result_code(p->result_code)) std::abort();
      }
      // Exact: the same message comes back (the event time is the envelope's, §A.2).
      std::string_view running{};
      if (const auto* p = source.get<hw::progress_report>()) running = p->version;
      auto back = ota::from_event(e, ota::huawei_profile{running});
      if (!back || !back->message || back->lost != ota::lost_field::nothing) std::abort();
      hw::message expected = *m;
      for (auto& x : expected.events()) x.time.reset();
      if (!(*back->message == expected)) std::abort();
    }
    check_foreign(e);
  }
  return 0;
}

// Alibaba Link OTA → neutral events → Alibaba. Input: one byte — bits 0–2 choose the topic (0–5:
// inform, upgrade, progress, request, firmware/get, get_reply; 6–7 end the run), bit 3 says an
// offer is in progress, its target the message's own version (so an inform adds the success)
// — then the JSON payload: the Alibaba decode target's seeds with a topic byte are seeds here.
// Oracles: to_events gives one event (an inform of the target: the report, then a synthesised
// success) and never claims `exact` where the mapping has no
// field (digestsign, files, an MQTT stream, no URL, no desc, step -4); an exact event converts
// back to the same message; an event re-read as foreign (no raw record to reuse) converts to a
// message the codec's `check` accepts, with a step of -4…100 and a digest in any offer, or to
// none with `whole_event` lost, or to an error — never to `exact` with loss.
#include <otawire/alibaba.hpp>
#include <otawire/ota/alibaba.hpp>

#include <array>
#include <cstdlib>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace ab = otawire::alibaba;

void check_foreign(ota::event e) {
  e.head.vendor = ota::vendor_record{ota::protocol::tencent, 0, {}, {}};
  auto back = ota::from_event(e, ota::alibaba_profile{});
  if (!back) return;  // something Alibaba cannot carry: refused, not changed silently
  if (back->mapped == ota::fidelity::exact && back->lost != ota::lost_field::nothing) std::abort();
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  if (!ab::check(*back->message)) std::abort();  // what from_event makes, the codec may send
  if (const auto* p = std::get_if<ab::progress>(&*back->message)) {
    if (p->step < ab::min_step || p->step > ab::max_step || !p->desc) std::abort();
  }
  if (const auto* u = std::get_if<ab::upgrade>(&*back->message)) {
    if (!u->data.sign && !u->data.md5) std::abort();  // a foreign offer always names a digest (§4.2)
  }
}

/// The version the message names, if any: the target that makes an inform the success.
std::string_view version_of(const ab::message& m) {
  if (const auto* i = std::get_if<ab::inform>(&m)) return i->version;
  return "2.0.0";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  if (size == 0 || (data[0] & 7u) > 5u) return 0;
  const auto kind = static_cast<ab::topic_kind>(data[0] & 7u);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  ab::message m;
  if (!ab::decode_payload_into(parser, ab::topic{kind, "a1pk", "dev"}, text, m)) return 0;
  ota::alibaba_session_context context{};
  if (data[0] & 8u) context.target_version = version_of(m);
  std::array<ota::event, ota::alibaba_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, context, events);
  // One event; two for an inform of the active target (the report, then the synthesised success).
  const auto* inform = std::get_if<ab::inform>(&m);
  const bool reports_target = inform != nullptr && context.target_version == inform->version;
  if (!n || *n != (reports_target ? 2u : 1u)) std::abort();
  if (reports_target && (events[1].kind() != ota::event_kind::succeeded || !events[1].synthesised())) std::abort();
  const auto& e = events[0];
  if (e.synthesised() != (e.made_by != nullptr)) std::abort();
  if (e.head.source_protocol != ota::protocol::alibaba) std::abort();
  if (e.mapped == ota::fidelity::exact) {
    if (const auto* u = std::get_if<ab::upgrade>(&m)) {
      if (u->data.digestsign || u->data.has_files || u->data.download_protocol || !u->data.url) std::abort();
    }
    if (const auto* p = std::get_if<ab::progress>(&m); p && (!p->desc || p->step == -4)) std::abort();
    const auto id = std::visit([](const auto& x) { return x.id; }, m);
    auto back = ota::from_event(e, ota::alibaba_profile{id});
    if (!back || !back->message || back->lost != ota::lost_field::nothing || !(*back->message == m)) std::abort();
  }
  check_foreign(e);
  return 0;
}

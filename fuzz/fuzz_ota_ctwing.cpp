// CTWing → neutral events → CTWing. Input: "<topic>\n<json>", or only "<json>" tried on every
// topic, as fuzz_ctwing_decode's (so its seeds are valid seeds here). An inform is converted three
// ways: outside a finished download, and after step 100 of an upgrade to its own or another version.
// Oracles: to_events never fails with `ctwing_max_events` slots; the first event converts back to
// the same message, `exact`, unless the message holds a present but empty optional text (the one
// shape events cannot keep), in which case the event does not claim `exact`; no event claims
// `exact` where the crosswalk is lossy (-4, step 100's download end) and the outcome an inform
// stands for is synthesised, naming its rule; an event re-read as foreign (no raw step or text to
// reuse) converts to a message the codec's checks accept, and when that conversion claims `exact`
// it decodes to the same event (among its events).
#include <otawire/ctwing/codec.hpp>
#include <otawire/ota/ctwing.hpp>

#include "ctwing/input.hpp"

#include <array>
#include <cstdlib>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace cw = otawire::ctwing;

bool has_empty_optional_text(const cw::message& m) {
  return std::visit(
      [](const auto& typed) {
        bool empty = typed.module && typed.module->empty();
        if constexpr (requires { typed.desc; }) empty = empty || (typed.desc && typed.desc->empty());
        return empty;
      },
      m);
}

void check_foreign(ota::event e, ota::ctwing_profile profile) {
  e.head.vendor = ota::vendor_record{ota::protocol::pcp, 0, {}, {}};
  auto back = ota::from_event(e, profile);
  if (!back) return;  // something CTWing cannot carry: refused, not changed silently
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  if (!cw::check(*back->message)) std::abort();
  if (back->mapped != ota::fidelity::exact) return;
  std::array<ota::event, ota::ctwing_max_events> again{};
  std::array<char, ota::task_id_text_size> text{};
  auto n = ota::to_events(*back->message, ota::envelope{}, {text, {}}, again);
  if (!n || *n == 0) std::abort();
  bool found = false;
  for (std::size_t i = 0; i < *n; ++i) found = found || again[i].body == e.body;
  if (!found) std::abort();
}

void check_one(const cw::message& m, std::string_view awaiting) {
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::ctwing_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text, awaiting}, events);
  if (!n || *n == 0 || *n > events.size()) std::abort();
  if (events[0].head.dir != cw::direction_of(static_cast<cw::topic>(m.index()))) std::abort();
  const bool ambiguous = has_empty_optional_text(m);
  auto back = ota::from_event(events[0], {});
  if (!back || !back->message) std::abort();
  if (ambiguous) {
    if (events[0].mapped == ota::fidelity::exact) std::abort();
  } else if (!(*back->message == m) || back->mapped != ota::fidelity::exact) {
    std::abort();
  }
  const ota::ctwing_profile profile{std::visit([](const auto& typed) { return typed.task_id; }, m)};
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    if (const auto* p = std::get_if<cw::progress>(&m); p && (p->step == -4 || (p->step == 100 && i == 1))) {
      if (e.mapped == ota::fidelity::exact) std::abort();
    }
    if (std::holds_alternative<cw::inform>(m) && i == 1 && (!e.synthesised() || e.made_by == nullptr)) std::abort();
    if (e.synthesised() != (e.made_by != nullptr)) std::abort();
    check_foreign(e, profile);
  }
}

void check_topic(otawire::json::parser& d, cw::topic t, std::string_view json) {
  auto m = cw::decode_payload(d, t, json);
  if (!m) return;
  const cw::message& msg = *m;  // views into the decoder: valid until its next decode
  check_one(msg, {});
  if (const auto* inform = std::get_if<cw::inform>(&msg)) {
    check_one(msg, inform->version);
    check_one(msg, "another version");
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  const auto in = otawire::fuzz::ctwing::split(data, size);
  if (!in.topic.empty()) {
    if (auto t = cw::parse_topic(in.topic)) check_topic(decoder, *t, in.json);
    return 0;
  }
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) check_topic(decoder, t, in.json);
  return 0;
}

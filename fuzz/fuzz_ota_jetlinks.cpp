// JetLinks → neutral event → JetLinks. Input: "<topic>\n<payload>", as fuzz_jetlinks_decode's (so
// its seeds are valid seeds here); the topic's device is the envelope's, as on the platform.
// Oracles: to_events never fails with `jetlinks_max_events` slots; when the event claims `exact`
// it converts back to the same message, `exact`; free text that follows no token convention
// (§3.2) is never `exact`; an event re-read as foreign converts to a message JetLinks' codec checks
// accept, and when that conversion claims `exact` it decodes to the same event.
#include <otawire/jetlinks/codec.hpp>
#include <otawire/ota/jetlinks.hpp>

#include <array>
#include <cstdlib>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace jl = otawire::jetlinks;

ota::jetlinks_profile echoes_of(const jl::message& m) {
  if (const auto* p = std::get_if<jl::upgrade_firmware_progress>(&m)) return {p->version.value_or(""), {}};
  return {};
}

void check_foreign(ota::event e, const ota::jetlinks_profile& profile) {
  e.head.vendor = ota::vendor_record{ota::protocol::pcp, 0, {}, {}};
  auto back = ota::from_event(e, profile);
  if (!back) return;  // something JetLinks cannot carry: refused, not changed silently
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  if (!jl::check(*back->message)) std::abort();
  if (back->mapped != ota::fidelity::exact) return;
  std::array<ota::event, ota::jetlinks_max_events> again{};
  auto n = ota::to_events(*back->message, e.head, {}, again);
  if (!n || !(again[0].body == e.body)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view topic = input.substr(0, newline);
  const std::string_view payload = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  auto decoded = jl::decode(parser, otawire::mqtt_publish{topic, payload});
  if (!decoded) return 0;
  const jl::message& m = decoded->message;
  ota::envelope base{};
  base.device = decoded->identity();
  std::array<ota::event, ota::jetlinks_max_events> events{};
  auto n = ota::to_events(m, base, {}, events);
  if (!n || *n != 1) std::abort();
  const auto& e = events[0];
  if (e.head.dir != jl::direction_of(jl::type_of(m))) std::abort();
  if (e.synthesised() || e.made_by != nullptr) std::abort();
  const auto profile = echoes_of(m);
  auto back = ota::from_event(e, profile);
  if (!back || !back->message) std::abort();
  if (e.mapped == ota::fidelity::exact && (!(*back->message == m) || back->mapped != ota::fidelity::exact)) std::abort();
  if (const auto* p = std::get_if<jl::upgrade_firmware_progress>(&m); p && !p->success) {
    if (ota::decode_jetlinks_reason(p->error_reason.value_or("")).mapped != ota::fidelity::exact &&
        e.mapped == ota::fidelity::exact) {
      std::abort();
    }
  }
  check_foreign(e, profile);
  return 0;
}

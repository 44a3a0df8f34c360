// Tencent → neutral events → Tencent. Input: "<topic>\n<json>" or only "<json>", as
// fuzz_tencent_decode's (so its seeds are valid seeds here); the topic line is skipped.
// Oracles: to_events never fails with `tencent_max_events` slots; the first event converts back to
// the same message, `exact`, unless the message holds a present but empty optional text (the one
// shape events cannot keep), in which case the event does not claim `exact`; no event claims
// `exact` where the crosswalk is lossy (fail -1/-2/-4, done, a non-zero report_version_rsp); an
// event re-read as foreign (no raw code or text to reuse) converts to a message the codec encodes,
// and when that conversion claims `exact` it decodes to the same event (among its events).
#include <otawire/ota/tencent.hpp>
#include <otawire/tencent.hpp>

#include <array>
#include <cstdlib>
#include <string_view>

namespace {
namespace ota = otawire::ota;
namespace tc = otawire::tencent;

ota::tencent_profile echoes_of(const tc::message& m) {
  ota::tencent_profile profile{};
  if (const auto* p = std::get_if<tc::report_progress>(&m)) profile.target_version = p->version;
  if (const auto* r = std::get_if<tc::report_version_rsp>(&m)) profile.reported_version = r->version.value_or("");
  return profile;
}

bool has_empty_optional_text(const tc::message& m) {
  return std::visit(
      [](const auto& typed) {
        bool empty = typed.fw_type && typed.fw_type->empty();
        if constexpr (requires { typed.user_defined; }) empty = empty || (typed.user_defined && typed.user_defined->empty());
        if constexpr (requires { typed.result_msg->empty(); }) {
          empty = empty || (typed.result_msg && typed.result_msg->empty());
          empty = empty || (typed.version && typed.version->empty());
        }
        return empty;
      },
      m);
}

bool lossy_by_crosswalk(const tc::message& m) {
  if (const auto* p = std::get_if<tc::report_progress>(&m)) {
    if (p->state == tc::progress_state::done) return true;
    return p->state == tc::progress_state::fail && (p->result_code == -1 || p->result_code == -2 || p->result_code == -4);
  }
  if (const auto* r = std::get_if<tc::report_version_rsp>(&m)) return r->result_code != 0;
  return false;
}

void check_foreign(ota::event e, const ota::tencent_profile& profile) {
  e.head.vendor = ota::vendor_record{ota::protocol::pcp, 0, {}, {}};
  auto back = ota::from_event(e, profile);
  if (!back) return;  // something Tencent cannot carry: refused, not changed silently
  if (!back->message) {
    if (back->mapped == ota::fidelity::exact || !ota::contains(back->lost, ota::lost_field::whole_event)) std::abort();
    return;
  }
  if (!tc::encode(*back->message)) std::abort();
  if (back->mapped != ota::fidelity::exact) return;
  std::array<ota::event, ota::tencent_max_events> again{};
  std::array<char, ota::task_id_text_size> text{};
  auto n = ota::to_events(*back->message, ota::envelope{}, {text}, again);
  if (!n || *n == 0) std::abort();
  bool found = false;  // `download_finished` comes back second, after the progress of "100"
  for (std::size_t i = 0; i < *n; ++i) found = found || again[i].body == e.body;
  if (!found) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto nl = input.find('\n'); nl != std::string_view::npos && input.substr(0, 1) == "$") {
    input.remove_prefix(nl + 1);
  }
  auto decoded = tc::decode_payload(parser, input);
  if (!decoded) return 0;
  const tc::message& m = *decoded;
  std::array<char, ota::task_id_text_size> text{};
  std::array<ota::event, ota::tencent_max_events> events{};
  auto n = ota::to_events(m, ota::envelope{}, {text}, events);
  if (!n || *n == 0 || *n > events.size()) std::abort();
  if (events[0].head.dir != tc::direction_of(tc::type_of(m))) std::abort();
  const auto profile = echoes_of(m);
  const bool ambiguous = has_empty_optional_text(m);
  auto back = ota::from_event(events[0], profile);
  if (!back || !back->message) std::abort();
  if (ambiguous) {
    if (events[0].mapped == ota::fidelity::exact) std::abort();
  } else if (!(*back->message == m) || back->mapped != ota::fidelity::exact) {
    std::abort();
  }
  for (std::size_t i = 0; i < *n; ++i) {
    const auto& e = events[i];
    if (lossy_by_crosswalk(m) && e.mapped == ota::fidelity::exact) std::abort();
    if (e.synthesised() != (e.made_by != nullptr)) std::abort();
    check_foreign(e, profile);
  }
  return 0;
}

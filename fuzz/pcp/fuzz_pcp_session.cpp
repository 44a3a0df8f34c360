// Validators fed decoded frames. Input: records [flags][len][len bytes of frame]; flags bit 0 =
// uplink; bits 1–7 = seconds elapsed since the previous message. Check codes are rewritten so
// that frames decode. Oracles:
// - a rejected message leaves the device validator exactly as it was;
// - delivered fragments never exceed the count;
// - every fragment the device validator accepts, a fragment assembler started on the same
//   notification accepts too, and the device's in-order prefix is held by the assembler;
// - a task only succeeds after a 24 success report carrying the notified version.
#include <otawire/pcp.hpp>

#include <array>
#include <cstdlib>
#include <vector>

namespace {
namespace pcp = otawire::pcp;

struct null_sink {
  otawire::result<void> operator()(std::size_t, otawire::byte_view) const { return otawire::ok(); }
};

bool same(const pcp::session_rules& a, const pcp::session_rules& b) {
  return a.state() == b.state() && a.outcome() == b.outcome() && a.record() == b.record() &&
         a.resumed() == b.resumed() && a.device_version() == b.device_version();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pcp::platform_session platform;
  pcp::device_session device;
  std::vector<std::uint8_t> bitmap(pcp::fragment_assembler<null_sink>::bitmap_bytes(65535));
  pcp::fragment_assembler assembler{std::span<std::uint8_t>(bitmap), null_sink{}};
  pcp::timestamp now{0};
  bool saw_success_report = false;
  std::size_t i = 0;
  while (i + 2 <= size) {
    const auto flags = data[i];
    const std::size_t len = data[i + 1];
    i += 2;
    if (i + len > size) break;
    std::vector<std::byte> frame(reinterpret_cast<const std::byte*>(data + i),
                                 reinterpret_cast<const std::byte*>(data + i + len));
    i += len;
    if (frame.size() >= 6) {
      const auto c = pcp::frame_checksum(frame);
      frame[4] = static_cast<std::byte>(c >> 8);
      frame[5] = static_cast<std::byte>(c & 0xFF);
    }
    const auto dir = (flags & 1u) ? pcp::direction::uplink : pcp::direction::downlink;
    now += std::chrono::seconds((flags >> 1) * 60);
    auto m = pcp::decode(frame, dir);
    if (!m) continue;

    (void)platform.on_message(*m, now);
    if (platform.rules().record().delivered > platform.rules().record().fragment_count) std::abort();

    const pcp::session_rules before = device.rules();
    auto r = device.on_message(*m);
    if (!r) {
      if (r.error().code != otawire::errc::rule_violation || r.error().where.empty()) std::abort();
      if (!same(before, device.rules())) std::abort();
      continue;
    }
    const auto& rec = device.record();
    if (rec.delivered > rec.fragment_count) std::abort();
    if (const auto* n = std::get_if<pcp::notify_new_version_request>(&*m)) {
      if (!assembler.start(*n)) std::abort();  // the codec already enforced the ranges
    }
    if (const auto* f = std::get_if<pcp::request_fragment_response>(&*m)) {
      if (f->result == pcp::result_code::success) {
        if (!assembler.accept(*f)) std::abort();
        for (std::uint32_t k = 0; k < rec.delivered; k += 97) {
          if (!assembler.has(static_cast<std::uint16_t>(k))) std::abort();
        }
      }
    }
    if (const auto* u = std::get_if<pcp::report_upgrade_result_request>(&*m)) {
      saw_success_report = u->result == pcp::result_code::success;
    }
    if (device.outcome() == pcp::task_outcome::succeeded && !saw_success_report) std::abort();
  }
  return 0;
}

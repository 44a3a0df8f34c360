// Host side of the PCP device program: the HAL (hal.hpp) over a simulated platform that runs
// otawire's own platform side (codec, fragment planner, platform_session), so the device program
// is tested against the library's reading of the protocol, frame by frame.
//
// Runs: a full upgrade with an interrupted download that resumes (19 re-query, 20 again, the
// device pulls from its first missing fragment); then a misbehaving platform (a frame with a bad
// check code in place of a fragment, frames of the device's own direction, business data) that
// the device rejects, repeating its pull, and still upgrades.
#include "hal.hpp"

#include <otawire/pcp/codec.hpp>
#include <otawire/pcp/fragments.hpp>
#include <otawire/pcp/session.hpp>

#include <cstdio>
#include <cstring>
#include <deque>
#include <vector>

extern "C" int device_main();

namespace pcp = otawire::pcp;

namespace {

int failures = 0;
#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                               \
    }                                                                           \
  } while (0)

using frame_bytes = std::vector<std::uint8_t>;

struct scenario {
  const char* target;
  std::size_t package_size;
  std::uint16_t fragment_size;
  /// The first request for this fragment is not answered: the platform re-queries and
  /// re-notifies instead (an interrupted download).
  int interrupt_at = -1;
  /// The first answer to this fragment is sent with a corrupted check code.
  int garble_at = -1;
  /// Frames the device must reject, sent after its version report.
  bool send_wrong_direction = false;
};

struct platform {
  scenario plan_of_test;
  std::vector<std::uint8_t> package;
  pcp::fragment_plan plan;
  pcp::version_string target;
  pcp::platform_session session;
  std::deque<frame_bytes> downlink;
  std::vector<std::uint8_t> flash;
  bool interrupted = false;
  bool garbled = false;
  int injected = 0;
  int fragment_requests = 0;

  otawire::byte_view package_view() const {
    return {reinterpret_cast<const std::byte*>(package.data()), package.size()};
  }

  /// The platform sends `m`: its session sees it, the device will receive it.
  void send(const pcp::message& m) {
    CHECK(session.on(m));
    std::array<std::byte, pcp::max_frame_size> out{};
    auto n = pcp::encode(m, out);
    CHECK(n.has_value());
    if (!n) return;
    const auto* p = reinterpret_cast<const std::uint8_t*>(out.data());
    downlink.emplace_back(p, p + *n);
  }
  void inject(frame_bytes f) {
    downlink.push_back(std::move(f));
    ++injected;
  }

  void on_uplink(std::span<const std::uint8_t> bytes) {
    const otawire::byte_view view(reinterpret_cast<const std::byte*>(bytes.data()), bytes.size());
    auto decoded = pcp::decode(view, otawire::direction::device_to_platform);
    CHECK(decoded.has_value());
    if (!decoded) return;
    const pcp::message& m = *decoded;
    CHECK(session.on(m));
    switch (pcp::kind_of(m)) {
      case pcp::message_kind::query_version_response:
        if (plan_of_test.send_wrong_direction && injected == 0) {
          // The device's own kinds coming back down: a 19 report (length 17 where the query has
          // none) and a 21 request (its version's 'V' read as a result code).
          auto bounce = [&](const auto& uplink_message) {
            std::array<std::byte, 64> out{};
            auto n = pcp::encode(uplink_message, out);
            CHECK(n.has_value());
            const auto* p = reinterpret_cast<const std::uint8_t*>(out.data());
            inject(frame_bytes(p, p + n.value_or(0)));
          };
          bounce(std::get<pcp::query_version_response>(m));
          bounce(pcp::request_fragment_request{target, 0});
          inject({0x7B, 0x22, 0x74, 0x22, 0x3A, 0x31, 0x7D});  // business data: {"t":1}
        }
        send(plan.notification(target, 0x1234));
        break;
      case pcp::message_kind::request_fragment_request: {
        ++fragment_requests;
        const auto index = std::get<pcp::request_fragment_request>(m).fragment_index;
        if (index == plan_of_test.interrupt_at && !interrupted) {
          interrupted = true;
          send(pcp::query_version_request{});
          break;
        }
        if (index == plan_of_test.garble_at && !garbled) {
          garbled = true;
          std::array<std::byte, pcp::max_frame_size> out{};
          auto n = pcp::encode(pcp::message{plan.respond(package_view(), index)}, out);
          CHECK(n.has_value());
          const auto* p = reinterpret_cast<const std::uint8_t*>(out.data());
          frame_bytes bad(p, p + n.value_or(0));
          bad[5] ^= 0x01;  // the check code's low byte
          inject(std::move(bad));
          break;
        }
        send(plan.respond(package_view(), index));
        break;
      }
      case pcp::message_kind::report_download_result_request:
        send(pcp::report_download_result_response{pcp::result_code::success});
        send(pcp::execute_upgrade_request{});
        break;
      case pcp::message_kind::report_upgrade_result_request:
        send(pcp::report_upgrade_result_response{pcp::result_code::success});
        break;
      default: break;  // 20 and 23 responses: the device acts next
    }
  }
};

platform* active = nullptr;

void run(const scenario& s) {
  std::printf("device.pcp: %s, %zu bytes in fragments of %u\n", s.target, s.package_size, s.fragment_size);
  platform p{s, {}, *pcp::plan_fragments(s.package_size, s.fragment_size), *pcp::version_string::from(s.target),
             {}, {}, std::vector<std::uint8_t>(64000, 0xFF)};
  p.package.resize(s.package_size);
  for (std::size_t i = 0; i < p.package.size(); ++i) p.package[i] = static_cast<std::uint8_t>(i * 7 + i / 251);
  active = &p;
  p.send(pcp::query_version_request{});
  const int rejected = device_main();
  active = nullptr;

  CHECK(p.session.outcome() == pcp::task_outcome::succeeded);
  CHECK(p.session.state() == pcp::session_state::idle);
  CHECK(std::memcmp(p.flash.data(), p.package.data(), p.package.size()) == 0);
  CHECK(rejected == p.injected);
  if (s.interrupt_at >= 0) {
    CHECK(p.interrupted);
    CHECK(p.session.rules().resumed());  // the second 20 continued the download
  }
  // One pull per fragment, plus the unanswered one and the repeated one.
  const int expected_pulls = p.plan.fragment_count() + (s.interrupt_at >= 0) + (s.garble_at >= 0);
  CHECK(p.fragment_requests == expected_pulls);
  std::printf("  outcome %s, %d pulls, %d frames rejected\n", std::string(pcp::name(p.session.outcome())).c_str(),
              p.fragment_requests, rejected);
}

}  // namespace

namespace device {

std::size_t modem_receive(std::span<std::uint8_t> into) {
  if (!active || active->downlink.empty()) return 0;  // the link closes: device_main returns
  frame_bytes f = std::move(active->downlink.front());
  active->downlink.pop_front();
  CHECK(f.size() <= into.size());
  const std::size_t n = std::min(f.size(), into.size());
  std::memcpy(into.data(), f.data(), n);
  return n;
}

void modem_send(std::span<const std::uint8_t> payload) {
  if (active) active->on_uplink(payload);
}

bool flash_write(std::uint32_t offset, std::span<const std::uint8_t> bytes) {
  if (!active || offset + bytes.size() > active->flash.size()) return false;
  std::memcpy(active->flash.data() + offset, bytes.data(), bytes.size());
  return true;
}

}  // namespace device

int main() {
  run({"V2.0", 1030, 100, /*interrupt_at=*/4});
  run({"V2.1-rc1", 2345, 500, -1, /*garble_at=*/2, /*send_wrong_direction=*/true});
  if (failures) std::fprintf(stderr, "device.pcp: %d checks failed\n", failures);
  return failures ? 1 : 0;
}

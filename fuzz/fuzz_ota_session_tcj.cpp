// The neutral session validator against tencent::session, ctwing::session and
// jetlinks::session (issue 15 item 7, the differential target for the three families).
// Input: one byte choosing the family (mod 3: Tencent, CTWing, JetLinks), then four bytes per
// message of one device's session (at most 64 messages):
//   Tencent:  type (mod 4: report_version, report_version_rsp, update_firmware, report_progress);
//             state (mod 4: downloading, burning, done, fail; bits 2–3: the rsp's code, 0 unless
//             both set; bit 4: fw_type "mcu"); version (mod 4: "1.0.0", "1.3.0", "2.0.0", 33
//             characters); value (the percent: above 200 is 100, else mod 101; the fail code
//             -1…-5 (mod 5); bit 0 of an offer: the other md5sum, bit 1: the other file_size).
//   CTWing:   type (mod 3: inform, upgrade, progress); task id (mod 4: -1 for an inform, else 5,
//             5, 6, 7); version (mod 4: "1.0.1", "2.0.0", "2.1.0", "2.0.0"; bit 2: module "MCU");
//             step (mod 104: 0…99 are steps 1…100, 100…103 are -1…-4).
//   JetLinks: type (mod 8, `jetlinks::message_type` order); message id (mod 4: "m0"…"m3"; bit 2:
//             a reply or progress fails, bit 3: progress is complete, bit 4: a pull reply has no
//             url); version (mod 4: "1.0", "2.0", "2.1", "2.0"; bit 2: firmware id "fw-b", else
//             "fw-a"; bit 3: device id "dev-b", else "dev-a", of a task or progress); progress
//             (mod 103, less 1: -1…101).
// Messages a decoder would refuse (tencent::check, ctwing::check, jetlinks::check) are left
// out: the validators are fed decoded messages. Oracle: the two validators agree on every
// message — same accept/reject, same state and outcome — but the documented exclusions
// (tests/support/ota_tcj_harness.hpp, shared with the property tests).
#include "support/ota_tcj_harness.hpp"

#include <otawire/ctwing/codec.hpp>
#include <otawire/jetlinks/codec.hpp>
#include <otawire/tencent/codec.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {
namespace tc = otawire::tencent;
namespace cw = otawire::ctwing;
namespace jl = otawire::jetlinks;
namespace th = otawire::test::ota_tcj;

// A version longer than a Tencent device can report back (§A.2: 1..32 characters), as an offer's.
constexpr std::array<std::string_view, 4> tencent_versions{"1.0.0", "1.3.0", "2.0.0",
                                                           "2.0.0-abcdefghijklmnopqrstuvwxyz0"};
constexpr std::array<std::string_view, 2> tencent_md5s{"ad4615b866c13afb8b293a679bfa5dc4",
                                                       "36eb5951179db14a6300a37a9322a2ff"};
constexpr std::array<std::string_view, 4> ctwing_versions{"1.0.1", "2.0.0", "2.1.0", "2.0.0"};
constexpr std::array<std::int64_t, 4> ctwing_tasks{5, 5, 6, 7};
constexpr std::array<std::string_view, 4> jetlinks_versions{"1.0", "2.0", "2.1", "2.0"};
constexpr std::array<std::string_view, 4> jetlinks_ids{"m0", "m1", "m2", "m3"};

tc::message tencent_of(const std::uint8_t* b) {
  const std::string_view version = tencent_versions[b[2] % 4];
  const auto fw_type = (b[1] & 0x10u) != 0 ? std::optional<std::string_view>("mcu") : std::nullopt;
  switch (b[0] % 4) {
    case 0: return tc::report_version{version, fw_type};
    case 1: {
      const std::int32_t code = (b[1] & 0x0Cu) == 0x0Cu ? 1 : 0;
      return tc::report_version_rsp{code, std::string_view("success"), version, fw_type};
    }
    case 2: {
      tc::update_firmware fw{};
      fw.version = version;
      fw.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/";
      fw.md5sum = tencent_md5s[b[3] & 1u];
      fw.file_size = (b[3] & 2u) != 0 ? 708482 : 175436;
      fw.fw_type = fw_type;
      return fw;
    }
    default: break;
  }
  tc::report_progress p{};
  switch (b[1] % 4) {
    case 0: p = tc::report_progress::downloading(version, static_cast<std::uint8_t>(b[3] > 200 ? 100 : b[3] % 101)); break;
    case 1: p = tc::report_progress::burning(version); break;
    case 2: p = tc::report_progress::done(version); break;
    default: p = tc::report_progress::failed(version, static_cast<tc::fail_code>(-1 - b[3] % 5), "fail"); break;
  }
  p.fw_type = fw_type;
  return p;
}

cw::message ctwing_of(const std::uint8_t* b) {
  const std::string_view version = ctwing_versions[b[2] % 4];
  const auto module = (b[2] & 4u) != 0 ? std::optional<std::string_view>("MCU") : std::nullopt;
  const std::int64_t task = ctwing_tasks[b[1] % 4];
  switch (b[0] % 3) {
    case 0: return cw::inform{b[1] % 4 == 0 ? cw::no_task : task, version, module};
    case 1:
      return cw::upgrade{task,
                         432945,
                         version,
                         "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589",
                         "93230c3bde425a9d7984a594ac55ea1e",
                         "token",
                         module};
    default: break;
  }
  const int step = b[3] % 104;
  return cw::progress{task, step < 100 ? step + 1 : 99 - step, std::nullopt, module};
}

jl::message jetlinks_of(const std::uint8_t* b) {
  const jl::optional_string id = jetlinks_ids[b[1] % 4];
  const bool fails = (b[1] & 4u) != 0;
  const jl::optional_string version = jetlinks_versions[b[2] % 4];
  const jl::optional_string firmware = (b[2] & 4u) != 0 ? "fw-b" : "fw-a";
  const jl::optional_string device = (b[2] & 8u) != 0 ? "dev-b" : "dev-a";
  const jl::optional_string url = "http://example.com/fw.bin";
  switch (static_cast<jl::message_type>(b[0] % 8)) {
    case jl::message_type::read_firmware: {
      jl::read_firmware m{};
      m.message_id = id;
      return m;
    }
    case jl::message_type::read_firmware_reply: {
      jl::read_firmware_reply m{};
      m.message_id = id;
      if (fails) {
        m.success = false;
        m.code = "busy";
      } else {
        m.version = version;
      }
      return m;
    }
    case jl::message_type::report_firmware: {
      jl::report_firmware m{};
      m.version = version;
      return m;
    }
    case jl::message_type::request_firmware: {
      jl::request_firmware m{};
      m.message_id = id;
      return m;
    }
    case jl::message_type::request_firmware_reply: {
      jl::request_firmware_reply m{};
      m.message_id = id;
      if (fails) {
        m.success = false;
        m.code = "not_found";
      } else {
        if ((b[1] & 0x10u) == 0) m.url = url;
        m.device_id = device;
        m.version = version;
        m.firmware_id = firmware;
      }
      return m;
    }
    case jl::message_type::upgrade_firmware: {
      jl::upgrade_firmware m{};
      m.message_id = id;
      m.device_id = device;
      m.url = url;
      m.version = version;
      m.firmware_id = firmware;
      return m;
    }
    case jl::message_type::upgrade_firmware_reply: {
      jl::upgrade_firmware_reply m{};
      m.message_id = id;
      if (fails) {
        m.success = false;
        m.code = "busy";
      }
      return m;
    }
    case jl::message_type::upgrade_firmware_progress: break;
  }
  jl::upgrade_firmware_progress m{};
  m.device_id = device;
  m.version = version;
  m.firmware_id = firmware;
  m.success = !fails;
  if (fails) {
    m.error_reason = "download_failed: timeout";
  } else {
    m.complete = (b[1] & 8u) != 0;
    m.progress = m.complete ? 100 : b[3] % 103 - 1;
  }
  return m;
}

/// The messages of `count` four-byte groups at `data` that a decoder could have produced.
template <class Message, class Make, class Check>
std::vector<Message> session_of(const std::uint8_t* data, std::size_t count, Make make, Check check) {
  std::vector<Message> out;
  for (std::size_t i = 0; i < count; ++i) {
    auto m = make(data + 4 * i);
    if (check(m)) out.push_back(m);
  }
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t count = std::min<std::size_t>((size - 1) / 4, 64);
  th::agreement run{};
  run.logging = false;
  switch (data[0] % 3) {
    case 0: {
      const auto s = session_of<tc::message>(data + 1, count, tencent_of,
                                             [](const tc::message& m) { return tc::check(m).has_value(); });
      (void)th::check_tencent_agreement(s, run);
      break;
    }
    case 1: {
      const auto s = session_of<cw::message>(data + 1, count, ctwing_of,
                                             [](const cw::message& m) { return cw::check(m).has_value(); });
      (void)th::check_ctwing_agreement(s, run);
      break;
    }
    default: {
      const auto s = session_of<jl::message>(data + 1, count, jetlinks_of,
                                             [](const jl::message& m) { return jl::check(m).has_value(); });
      (void)th::check_jetlinks_agreement(s, run);
      break;
    }
  }
  if (!run.disagreement.empty()) std::abort();
  return 0;
}

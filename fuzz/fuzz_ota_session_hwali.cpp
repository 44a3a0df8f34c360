// The neutral session validator against huawei::session and alibaba::session (issue 15 item
// 7, the differential target for the two families). Input: one byte choosing the family (bit 0:
// Alibaba), then four bytes per message of one device's session (at most 64 messages):
//   Huawei:  event kind (mod 7), result code (index into 0, 0, 0, 1…10, 255, 300), progress
//            (bit 7: absent; else mod 101), version (mod 4: "1.0", "2.0", "2.1", "").
//   Alibaba: topic (mod 6), step (as a signed byte, -4…100 kept, else 0), version (mod 4, as for
//            Huawei but "1.0.0" style), flags (bit 0: module "MCU"; bit 1: diff package; bit 2: a
//            pull reply carries a package; bits 4–7: the message id).
// Oracle: the two validators agree on every message — same accept/reject, same state and
// outcome — up to the end or to the first of the documented exclusions
// (tests/support/ota_hwali_harness.hpp, shared with the property tests).
#include "support/ota_hwali_harness.hpp"

#include <array>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {
namespace hw = otawire::huawei;
namespace ab = otawire::alibaba;
namespace th = otawire::test::ota_hwali;

constexpr std::array<std::int32_t, 16> huawei_codes{0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255, 300, 0};
constexpr std::array<std::string_view, 4> huawei_versions{"1.0", "2.0", "2.1", ""};
constexpr std::array<std::string_view, 4> alibaba_versions{"1.0.0", "2.0.0", "2.1.0", "2.0.0"};

struct alibaba_step {
  ab::topic topic;
  ab::message value;
};

alibaba_step alibaba_of(const std::uint8_t* b) {
  const auto kind = static_cast<ab::topic_kind>(b[0] % 6);
  auto step = static_cast<std::int32_t>(static_cast<std::int8_t>(b[1]));
  if (step < ab::min_step || step > ab::max_step) step = 0;
  const std::string_view version = alibaba_versions[b[2] % 4];
  const std::optional<std::string_view> module =
      (b[3] & 1u) != 0 ? std::optional<std::string_view>("MCU") : std::nullopt;
  const ab::message_id id{b[3] >> 4, false};
  ab::package p;
  p.size = 4096;
  p.version = version;
  p.url = "https://oss/fw.bin";
  p.sign = p.md5 = "d41d8cd98f00b204e9800998ecf8427e";
  p.sign_method = ab::digest_algorithm::md5;
  p.is_diff = (b[3] & 2u) != 0;
  p.module = module;
  alibaba_step s{ab::topic{kind, "a1pk", "dev"}, ab::inform{}};
  switch (kind) {
    case ab::topic_kind::inform: s.value = ab::inform{id, version, module}; break;
    case ab::topic_kind::upgrade: s.value = ab::upgrade{id, p, "success"}; break;
    case ab::topic_kind::progress: s.value = ab::progress{id, step, "", module}; break;
    case ab::topic_kind::request: s.value = ab::version_request{id, version, module}; break;
    case ab::topic_kind::firmware_get: s.value = ab::firmware_get{id, std::nullopt, module, false}; break;
    case ab::topic_kind::firmware_get_reply:
      s.value.emplace<ab::firmware_get_reply>(id, 200, (b[3] & 4u) != 0 ? std::optional<ab::package>(p) : std::nullopt,
                                              std::nullopt);
      break;
  }
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool alibaba = (data[0] & 1u) != 0;
  const std::size_t count = std::min<std::size_t>((size - 1) / 4, 64);
  th::agreement run{};
  run.logging = false;
  if (alibaba) {
    std::vector<alibaba_step> steps;
    for (std::size_t i = 0; i < count; ++i) steps.push_back(alibaba_of(data + 1 + 4 * i));
    (void)th::check_alibaba_agreement(steps, run);
  } else {
    std::vector<th::huawei_step> steps;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint8_t* b = data + 1 + 4 * i;
      th::huawei_step s{};
      s.kind = static_cast<hw::event_kind>(b[0] % 7);
      s.result_code = huawei_codes[b[1] % huawei_codes.size()];
      if ((b[2] & 0x80u) == 0) s.progress = b[2] % 101;
      s.version = huawei_versions[b[3] % 4];
      steps.push_back(s);
    }
    (void)th::check_huawei_agreement(steps, run);
  }
  if (!run.disagreement.empty()) std::abort();
  return 0;
}

// Validators fed decoded frames: the platform and device validators and a fragment assembler,
// checked by the shared oracle (tests/support/pcp_session_oracle.hpp, which lists the
// invariants and the input format: records [flags][len][frame], flags bit 0 = uplink, bits 1–7 =
// minutes elapsed).
#include "support/pcp_session_oracle.hpp"

#include <cstdio>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace t = otawire::test::pcp;
  const auto records = t::parse_session_records(std::span<const std::uint8_t>(data, size));
  if (const auto broken = t::check_session(records); !broken.empty()) {
    std::fprintf(stderr, "fuzz_pcp_session: invariant broken: %.*s\n", static_cast<int>(broken.size()), broken.data());
    std::abort();
  }
  return 0;
}

// The device's decoder against the generic one. Input: one flags byte (bit 1: rewrite the check
// code first, so that the fuzzer reaches the payload rules), then the frame.
// Oracle: decode_downlink(x) and decode(x, downlink) both succeed with the same message, or both
// fail with the same error; a decoded message is a downlink kind.
#include <otawire/pcp/codec.hpp>

#include "frame_input.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace pcp = otawire::pcp;
  if (size == 0) return 0;
  auto frame = frame_from_input(data, size);
  const auto generic = pcp::decode(frame, otawire::direction::platform_to_device);
  pcp::message seen{};
  int calls = 0;
  const auto device = pcp::decode_downlink(frame, [&](const auto& m) -> otawire::result<void> {
    seen = m;
    ++calls;
    return otawire::ok();
  });
  if (generic.has_value() != device.has_value()) std::abort();
  if (!generic) {
    if (!(generic.error() == device.error()) || calls != 0) std::abort();
    return 0;
  }
  if (calls != 1 || !(seen == *generic) || pcp::direction_of(seen) != otawire::direction::platform_to_device) std::abort();
  return 0;
}

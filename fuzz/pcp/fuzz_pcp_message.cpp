// Typed decode in both directions. Input: one flags byte (bit 0: uplink; bit 1: rewrite the check
// code first, so that the fuzzer reaches the payload rules), then the frame.
// Oracles: decode(encode(decode(x))) == decode(x); with version byte 1 the bytes are identical;
// field rules agree between decoder and encoder (`check`); the contract's entry
// (`decode(coap_payload)`) gives the same verdict, error and message, with the direction.
#include <otawire/pcp/codec.hpp>

#include "frame_input.hpp"

#include <array>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace pcp = otawire::pcp;
  if (size == 0) return 0;
  const auto flags = data[0];
  auto frame = frame_from_input(data, size);
  const auto dir = (flags & 1u) ? otawire::direction::device_to_platform : otawire::direction::platform_to_device;
  auto m = pcp::decode(frame, dir);
  const auto envelope = pcp::decode(otawire::coap_payload{frame, dir});
  if (envelope.has_value() != m.has_value()) std::abort();
  if (m ? !(envelope->message == *m) || envelope->dir() != dir : !(envelope.error() == m.error())) std::abort();
  if (!m) {
    if (!m.error().has_offset() || m.error().offset() > frame.size()) std::abort();
    return 0;
  }
  if (pcp::direction_of(*m) != dir || !pcp::check(*m)) std::abort();
  std::array<std::byte, pcp::max_frame_size> out{};
  if (pcp::encoded_size(*m) != frame.size()) std::abort();
  auto n = pcp::encode(*m, out);
  if (!n || *n != frame.size()) std::abort();
  auto again = pcp::decode(std::span(out).first(*n), dir);
  if (!again || !(*again == *m)) std::abort();
  if (frame[2] == std::byte{1}) {
    for (std::size_t i = 0; i < frame.size(); ++i) {
      if (out[i] != frame[i]) std::abort();
    }
  }
  return 0;
}

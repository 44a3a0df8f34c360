// The frame the PCP codec fuzz targets decode: the input after its first byte (the flags byte).
// With flag bit 1 set the check code is made right, so the fuzzer gets past the checksum into the
// payload rules instead of spending its runs on bad_checksum.
#ifndef OTAWIRE_FUZZ_PCP_FRAME_INPUT_HPP
#define OTAWIRE_FUZZ_PCP_FRAME_INPUT_HPP

#include <otawire/pcp/checksum.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

// `size` is at least 1 (the caller returns early on an empty input).
inline std::vector<std::byte> frame_from_input(const std::uint8_t* data, std::size_t size) {
  std::vector<std::byte> frame(reinterpret_cast<const std::byte*>(data + 1),
                               reinterpret_cast<const std::byte*>(data + size));
  if ((data[0] & 2u) && frame.size() >= 6) {
    const auto c = otawire::pcp::frame_checksum(frame);
    frame[4] = static_cast<std::byte>(c >> 8);
    frame[5] = static_cast<std::byte>(c & 0xFF);
  }
  return frame;
}

#endif

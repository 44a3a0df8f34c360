// Frame decode: any bytes. Oracles: the fast and reference check codes agree on every input;
// a frame that decodes re-encodes to the same bytes (up to the reserved version nibble); the
// platform's classification agrees with the decoder.
#include <otawire/pcp/codec.hpp>

#include <array>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace pcp = otawire::pcp;
  const otawire::byte_view input(reinterpret_cast<const std::byte*>(data), size);
  // Defined for every length (issue 12 item 11), so short inputs are checked too.
  if (pcp::frame_checksum(input) != pcp::frame_checksum_reference(input)) std::abort();
  if (pcp::checksum(input) != pcp::checksum_reference(input)) std::abort();
  auto f = pcp::decode_frame(input);
  const auto c = pcp::classify_uplink(input);
  if (c.is_pcp() != f.has_value()) std::abort();
  if (!f) {
    if (!f.error().has_offset() || f.error().offset() > size) std::abort();
    return 0;
  }
  std::array<std::byte, 8 + 0xFFFF> out{};
  auto n = pcp::encode_frame(f->code, f->data, out);
  if (!n || *n != size) std::abort();
  for (std::size_t i = 0; i < size; ++i) {
    if (i == 2 && f->version_byte != pcp::protocol_version) break;  // reserved bits not kept
    if (out[i] != input[i]) std::abort();
  }
  return 0;
}

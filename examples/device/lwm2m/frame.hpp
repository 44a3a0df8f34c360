// The program's own framing of a CoAP exchange (not otawire's, not CoAP's wire format): the modem
// HAL hands over payload bytes, and this fixed header stands in for what a CoAP stack would have
// parsed out of the message (code, Uri-Path, Content-Format, Block1/Block2 "more" bit).
//
// Request (server -> device), big-endian:
//   [0] operation (low 7 bits) | 0x80 when more blocks of this Write follow (Block1 M bit)
//   [1] path depth (1..3)   [2..3] object   [4..5] instance   [6..7] resource
//   [8..9] content format   [10..] payload
// Response and notification (device -> server):
//   [0] CoAP code byte (class << 5 | detail)   [1..2] content format   [3..] payload
// The pull download (after a Package URI) uses the same request layout: the device sends
// `fetch` with the URI as payload, the server answers with `download_block` requests.
#ifndef OTAWIRE_EXAMPLES_DEVICE_LWM2M_FRAME_HPP
#define OTAWIRE_EXAMPLES_DEVICE_LWM2M_FRAME_HPP

#include <cstddef>
#include <cstdint>

namespace frame {

enum class operation : std::uint8_t {
  read = 1,
  write = 2,
  execute = 3,
  fetch = 4,           // device -> server: GET the package at the URI in the payload
  download_block = 5,  // server -> device: the next block of a pulled package
};

inline constexpr std::uint8_t more_blocks = 0x80;
inline constexpr std::size_t request_header = 10;
inline constexpr std::size_t response_header = 3;

// CoAP response codes as the code byte carries them (RFC 7252 §3: class in bits 7-5).
enum class code : std::uint8_t {
  changed = 0x44,              // 2.04
  content = 0x45,              // 2.05
  continue_block = 0x5F,       // 2.31 (Block1: send the next block)
  bad_request = 0x80,          // 4.00
  not_found = 0x84,            // 4.04
  method_not_allowed = 0x85,   // 4.05
};

// Content formats (CoRE registry): what a server actually sends to Object 5.
inline constexpr std::uint16_t text_plain = 0;
inline constexpr std::uint16_t octet_stream = 42;
inline constexpr std::uint16_t lwm2m_tlv = 11542;

}  // namespace frame

#endif

// otawire: hex text <-> bytes, for captures (AT+NNMI/AT+NMGS print payloads as hex) and tests.
#ifndef OTAWIRE_HEX_HPP
#define OTAWIRE_HEX_HPP

#include <otawire/bytes.hpp>

#include <cstddef>
#include <string_view>

namespace otawire {

namespace detail {
[[nodiscard]] constexpr int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace detail

/// Which letters `all_hex_digits` accepts.
enum class hex_letters : unsigned char { any_case, lowercase };

/// Whether every character of `s` is a hex digit. Branch-free over the whole string, so that
/// compilers vectorise it: the JSON decoders check a 32- or 64-digit digest in every upgrade
/// message, and the early-exit loop was a tenth of such a decode.
[[nodiscard]] constexpr bool all_hex_digits(std::string_view s, hex_letters letters = hex_letters::any_case) noexcept {
  const unsigned fold = letters == hex_letters::any_case ? 0x20U : 0U;  // 'A'..'F' | 0x20 = 'a'..'f'
  unsigned bad = 0;
  for (const char c : s) {
    const unsigned u = static_cast<unsigned char>(c);
    const unsigned digit = (u - '0') < 10U ? 1U : 0U;
    const unsigned letter = ((u | fold) - 'a') < 6U ? 1U : 0U;
    bad |= (digit | letter) ^ 1U;
  }
  return bad == 0;
}

/// Bytes needed for `hex` (its length must be even; see `from_hex`).
[[nodiscard]] constexpr std::size_t hex_decoded_size(std::string_view hex) noexcept {
  return hex.size() / 2;
}

/// Decodes hex digits (either case, no separators) into `out`; returns the bytes written.
/// Errors: odd length or a non-hex character (`bad_string` at its offset), `buffer_too_small`.
constexpr result<std::size_t> from_hex(std::string_view hex, mutable_byte_view out) noexcept {
  if (hex.size() % 2 != 0) return fail(errc::bad_string, "hex", hex.size());
  if (out.size() < hex.size() / 2) return fail(errc::buffer_too_small, "output", 0);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = detail::hex_digit(hex[i]);
    const int lo = detail::hex_digit(hex[i + 1]);
    if (hi < 0) return fail(errc::bad_string, "hex", i);
    if (lo < 0) return fail(errc::bad_string, "hex", i + 1);
    out[i / 2] = static_cast<std::byte>((hi << 4) | lo);
  }
  return hex.size() / 2;
}

/// Writes upper-case hex of `in` into `out` (needs `2 * in.size()` chars); returns chars written.
constexpr result<std::size_t> to_hex(byte_view in, std::span<char> out) noexcept {
  constexpr std::string_view digits = "0123456789ABCDEF";
  if (out.size() < in.size() * 2) return fail(errc::buffer_too_small, "output", 0);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto b = std::to_integer<unsigned>(in[i]);
    out[2 * i] = digits[b >> 4];
    out[2 * i + 1] = digits[b & 0xF];
  }
  return in.size() * 2;
}

}  // namespace otawire

#endif

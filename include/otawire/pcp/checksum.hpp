// otawire::pcp — the PCP frame check code.
//
// The documentation calls it "CRC16/CCITT x16+x12+x5+1", but no catalogue CRC reproduces the
// documented frames. Huawei's own device code (LiteOS sota_hal.c, SDK Tiny crc16.c) and an
// independent device that worked against the live platform all use the same hybrid: the table is
// the MSB-first poly-0x1021 table, but the update step is the reflected (LSB-first) form, with
// init 0, no final XOR and no reflection of the result. We follow the code and the bytes
// (spec §2): check value 0xB955 over "123456789". Never substitute a library CRC.
//
// Two implementations, proven equal by property tests:
// - `checksum_reference`: the byte-wise table form, exactly as specified;
// - `checksum`: slicing-by-8 over constexpr-generated tables (4 KiB) — the fast path.
// Both are constexpr. Because the update is linear over GF(2) and the register is 16 bits wide,
// the register folds into the first two bytes of each block, as for any reflected table CRC.
#ifndef OTAWIRE_PCP_CHECKSUM_HPP
#define OTAWIRE_PCP_CHECKSUM_HPP

#include <otawire/bytes.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace otawire::pcp {

namespace detail {

using checksum_table = std::array<std::uint16_t, 256>;

/// T[i] = MSB-first CRC (poly 0x1021, init 0) of the single byte i (spec §2).
[[nodiscard]] constexpr checksum_table make_base_table() noexcept {
  checksum_table t{};
  for (unsigned i = 0; i < 256; ++i) {
    unsigned c = i << 8;
    for (int bit = 0; bit < 8; ++bit) c = (c & 0x8000u) ? ((c << 1) ^ 0x1021u) : (c << 1);
    t[i] = static_cast<std::uint16_t>(c & 0xFFFFu);
  }
  return t;
}

/// tables[k][i]: the register after byte i followed by k zero bytes, from register 0.
template <std::size_t N>
[[nodiscard]] constexpr std::array<checksum_table, N> make_slicing_tables() noexcept {
  std::array<checksum_table, N> t{};
  t[0] = make_base_table();
  for (std::size_t k = 1; k < N; ++k) {
    for (std::size_t i = 0; i < 256; ++i) {
      const std::uint16_t prev = t[k - 1][i];
      t[k][i] = static_cast<std::uint16_t>((prev >> 8) ^ t[0][prev & 0xFFu]);
    }
  }
  return t;
}

inline constexpr std::size_t max_slice = 8;
inline constexpr std::array<checksum_table, max_slice> slicing_tables =
    make_slicing_tables<max_slice>();
inline constexpr const checksum_table& base_table = slicing_tables[0];

[[nodiscard]] constexpr unsigned octet(std::byte b) noexcept { return std::to_integer<unsigned>(b); }

}  // namespace detail

/// One byte-wise update step: the reference definition (spec §2).
[[nodiscard]] constexpr std::uint16_t checksum_step(std::uint16_t reg, std::byte b) noexcept {
  return static_cast<std::uint16_t>((reg >> 8) ^
                                    detail::base_table[(reg ^ detail::octet(b)) & 0xFFu]);
}

/// Byte-wise reference: continues `reg` over `bytes`.
[[nodiscard]] constexpr std::uint16_t checksum_reference_update(std::uint16_t reg,
                                                                byte_view bytes) noexcept {
  for (const std::byte b : bytes) reg = checksum_step(reg, b);
  return reg;
}

/// Byte-wise reference checksum of `bytes` (register starts at 0).
[[nodiscard]] constexpr std::uint16_t checksum_reference(byte_view bytes) noexcept {
  return checksum_reference_update(0, bytes);
}

/// Slicing-by-`Slice` update (Slice = 2, 4 or 8): continues `reg` over `bytes`.
template <std::size_t Slice = detail::max_slice>
[[nodiscard]] constexpr std::uint16_t checksum_sliced_update(std::uint16_t reg,
                                                             byte_view bytes) noexcept {
  static_assert(Slice >= 2 && Slice <= detail::max_slice, "slice width 2..8");
  const auto& t = detail::slicing_tables;
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  for (; i + Slice <= n; i += Slice) {
    // The 16-bit register folds into the first two bytes of the block.
    const unsigned x = reg ^ (detail::octet(bytes[i]) | (detail::octet(bytes[i + 1]) << 8));
    unsigned r = t[Slice - 1][x & 0xFFu] ^ t[Slice - 2][x >> 8];
    for (std::size_t k = 2; k < Slice; ++k) r ^= t[Slice - 1 - k][detail::octet(bytes[i + k])];
    reg = static_cast<std::uint16_t>(r);
  }
  for (; i < n; ++i) reg = checksum_step(reg, bytes[i]);
  return reg;
}

/// Fast checksum of `bytes` (slicing-by-8); equal to `checksum_reference` for every input.
[[nodiscard]] constexpr std::uint16_t checksum(byte_view bytes) noexcept {
  return checksum_sliced_update<detail::max_slice>(0, bytes);
}

/// Offset and size of the check code inside a frame header.
inline constexpr std::size_t check_code_offset = 4;

/// The check code a frame must carry: the checksum over the whole frame (start ID to the last
/// data byte) with bytes 4–5 taken as zero — computed in place, without copying the frame.
/// Precondition: `frame.size() >= 6`.
[[nodiscard]] constexpr std::uint16_t frame_checksum(byte_view frame) noexcept {
  constexpr std::array<std::byte, 2> zero_field{};
  std::uint16_t reg = checksum_reference_update(0, frame.first(check_code_offset));
  reg = checksum_reference_update(reg, zero_field);
  return checksum_sliced_update<detail::max_slice>(reg, frame.subspan(check_code_offset + 2));
}

/// The same, byte-wise only (the reference for tests and constrained targets).
[[nodiscard]] constexpr std::uint16_t frame_checksum_reference(byte_view frame) noexcept {
  constexpr std::array<std::byte, 2> zero_field{};
  std::uint16_t reg = checksum_reference_update(0, frame.first(check_code_offset));
  reg = checksum_reference_update(reg, zero_field);
  return checksum_reference_update(reg, frame.subspan(check_code_offset + 2));
}

namespace detail {
[[nodiscard]] consteval std::uint16_t checksum_of_ascii(const char* s, std::size_t n) {
  std::array<std::byte, 16> b{};
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::byte>(s[i]);
  return checksum(byte_view(b).first(n));
}
static_assert(base_table[1] == 0x1021 && base_table[255] == 0x1EF0, "spec §2 table");
static_assert(checksum_of_ascii("123456789", 9) == 0xB955, "spec §2 check value");
}  // namespace detail

}  // namespace otawire::pcp

#endif

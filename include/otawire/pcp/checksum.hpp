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
// - `checksum`: slicing-by-16 over constexpr-generated tables (8 KiB) — the fast path; the width
//   is configurable (OTAWIRE_PCP_CHECKSUM_SLICE) for devices short of flash.
// Both are constexpr. Because the update is linear over GF(2) and the register is 16 bits wide,
// the register folds into the first two bytes of each block, as for any reflected table CRC.
#ifndef OTAWIRE_PCP_CHECKSUM_HPP
#define OTAWIRE_PCP_CHECKSUM_HPP

#include <otawire/bytes.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#ifndef OTAWIRE_PCP_CHECKSUM_SLICE
/// Slice width of the fast checksum used by the decoder and encoder: 16 (8 KiB of read-only
/// tables, the fastest on application cores), 8 (4 KiB), 4 (2 KiB), 2 (1 KiB) or 1 (byte-wise,
/// only the 512-byte base table) for a device short of flash. Every width gives the same result.
#define OTAWIRE_PCP_CHECKSUM_SLICE 16
#endif

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

inline constexpr checksum_table base_table = make_base_table();
/// The tables of one slice width; only the widths a program uses are emitted.
template <std::size_t N>
inline constexpr std::array<checksum_table, N> slicing_tables = make_slicing_tables<N>();

[[nodiscard]] constexpr unsigned octet(std::byte b) noexcept { return std::to_integer<unsigned>(b); }

/// One slicing step over the first `Width` bytes of `p`, with the tables of width `N` ≥ Width.
/// The 16-bit register folds into the first two bytes of the block.
template <std::size_t Width, std::size_t N>
[[nodiscard]] constexpr std::uint16_t slice_step(std::uint16_t reg, byte_view p) noexcept {
  const auto& t = slicing_tables<N>;
  const unsigned x = reg ^ (octet(p[0]) | (octet(p[1]) << 8));
  unsigned r = t[Width - 1][x & 0xFFu] ^ t[Width - 2][x >> 8];
  for (std::size_t k = 2; k < Width; ++k) r ^= t[Width - 1 - k][octet(p[k])];
  return static_cast<std::uint16_t>(r);
}

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

/// Slicing-by-`Slice` update (1, 2, 4, 8 or 16; 1 is the byte-wise form): continues `reg` over
/// `bytes`. The tail is finished with narrower slices of the same tables, then byte-wise.
template <std::size_t Slice = OTAWIRE_PCP_CHECKSUM_SLICE>
[[nodiscard]] constexpr std::uint16_t checksum_sliced_update(std::uint16_t reg,
                                                             byte_view bytes) noexcept {
  static_assert(Slice == 1 || Slice == 2 || Slice == 4 || Slice == 8 || Slice == 16,
                "slice width 1, 2, 4, 8 or 16");
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  if constexpr (Slice > 1) {
    for (; i + Slice <= n; i += Slice) reg = detail::slice_step<Slice, Slice>(reg, bytes.subspan(i, Slice));
  }
  if constexpr (Slice > 8) {
    if (i + 8 <= n) {
      reg = detail::slice_step<8, Slice>(reg, bytes.subspan(i, 8));
      i += 8;
    }
  }
  if constexpr (Slice > 4) {
    if (i + 4 <= n) {
      reg = detail::slice_step<4, Slice>(reg, bytes.subspan(i, 4));
      i += 4;
    }
  }
  if constexpr (Slice > 2) {
    if (i + 2 <= n) {
      reg = detail::slice_step<2, Slice>(reg, bytes.subspan(i, 2));
      i += 2;
    }
  }
  for (; i < n; ++i) reg = checksum_step(reg, bytes[i]);
  return reg;
}

/// Fast checksum of `bytes` (slicing-by-16 unless configured otherwise); equal to
/// `checksum_reference` for every input.
[[nodiscard]] constexpr std::uint16_t checksum(byte_view bytes) noexcept {
  return checksum_sliced_update<OTAWIRE_PCP_CHECKSUM_SLICE>(0, bytes);
}

/// Offset and size of the check code inside a frame header.
inline constexpr std::size_t check_code_offset = 4;

namespace detail {
/// The checksum of `frame` with bytes 4–5 taken as zero, for any length: a frame shorter than the
/// header (which never verifies) has those of the two bytes it holds zeroed, so no argument
/// reads outside `frame`.
template <std::size_t Slice>
[[nodiscard]] constexpr std::uint16_t frame_checksum_any_length(byte_view frame) noexcept {
  constexpr std::array<std::byte, 2> zero_field{};
  const std::size_t before_field = std::min(frame.size(), check_code_offset);
  const std::size_t field = std::min(frame.size(), check_code_offset + zero_field.size()) - before_field;
  std::uint16_t reg = checksum_reference_update(0, frame.first(before_field));
  reg = checksum_reference_update(reg, byte_view(zero_field).first(field));
  return checksum_sliced_update<Slice>(reg, frame.subspan(before_field + field));
}
}  // namespace detail

/// The check code a frame must carry: the checksum over the whole frame (start ID to the last
/// data byte) with bytes 4–5 taken as zero — computed in place, without copying the frame.
/// Defined for every length: in a frame shorter than 6 bytes, those of bytes 4–5 present count
/// as zero (such a frame is never valid, but the function must not read past it).
[[nodiscard]] constexpr std::uint16_t frame_checksum(byte_view frame) noexcept {
  constexpr std::size_t slice = OTAWIRE_PCP_CHECKSUM_SLICE;
  if constexpr (slice >= 8) {
    if (frame.size() >= 8) {
      // The 8-byte header as one slicing step with bytes 4–5 zero (their table terms vanish:
      // every table maps 0 to 0).
      const auto& t = detail::slicing_tables<slice>;
      using detail::octet;
      const auto reg = static_cast<std::uint16_t>(
          t[7][octet(frame[0])] ^ t[6][octet(frame[1])] ^ t[5][octet(frame[2])] ^
          t[4][octet(frame[3])] ^ t[1][octet(frame[6])] ^ t[0][octet(frame[7])]);
      return checksum_sliced_update<slice>(reg, frame.subspan(8));
    }
  }
  return detail::frame_checksum_any_length<slice>(frame);
}

/// The same, byte-wise only (the reference for tests and constrained targets); any length.
[[nodiscard]] constexpr std::uint16_t frame_checksum_reference(byte_view frame) noexcept {
  return detail::frame_checksum_any_length<1>(frame);
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

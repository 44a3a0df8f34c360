// otawire::pcp — the PCP frame check code.
//
// The documentation calls it "CRC16/CCITT x16+x12+x5+1", but no catalogue CRC reproduces the
// documented frames. Huawei's own device code (LiteOS sota_hal.c, SDK Tiny crc16.c) and an
// independent device that worked against the live platform all use the same hybrid: the table is
// the MSB-first poly-0x1021 table, but the update step is the reflected (LSB-first) form, with
// init 0, no final XOR and no reflection of the result. We follow the code and the bytes
// (spec §2): check value 0xB955 over "123456789". Never substitute a library CRC.
//
// Why a fold works (spec §2.1): the step is s' = A(s) ^ T[b] with A(s) = (s >> 8) ^ T[s & 0xFF]
// linear over GF(2), so crc(m) = XOR over i of A^d(T[m_i]), d = n-1-i the distance from the end.
// A itself is singular (rank 15; A^13 is NOT the identity, whatever §2.1 says), but on the
// table's image A^14 = A (checked over all 256 bytes by a static_assert below): for d ≥ 1,
// A^d(T[b]) depends only on d mod 13. So every byte but the last can be XOR-folded into 13 lanes
// by distance mod 13, and crc(m) = the checksum of the 13 lane bytes followed by the last byte.
// Leading zeros change nothing (init 0), so the lanes are counted from the end.
//
// Implementations, proven equal by property tests (tests/pcp/checksum_test.cpp):
// - `checksum_reference`: the byte-wise table form, exactly as specified (one 512-byte table);
// - `checksum_sliced_update<S>`: slicing-by-S (16 tables = 8 KiB at S = 16); fastest on short
//   inputs, where the fold's fixed cost (reducing 13 accumulators to 13 bytes) does not pay;
// - `checksum_fold`: XORs the input into 13 accumulators of 16-byte vectors (GCC/clang vector
//   extensions on SSE2 or NEON) or 64-bit words (elsewhere) at load speed, reduces them to the
//   13 lane bytes and finishes with one slicing-by-14 step over the lanes and the last byte
//   (tables 0–13 of the 16 slicing tables; with a narrower OTAWIRE_PCP_CHECKSUM_SLICE, or the
//   device profile, the sliced/byte-wise step over those 14 bytes).
// `checksum` and `frame_checksum` pick the fastest by size (`fold_min_size`), and stay constexpr:
// in a constant expression they take the slicing path.
//
// Configuration macros (define before including any otawire header):
// - OTAWIRE_DEVICE_PROFILE: the device build. `checksum` and `frame_checksum` are the byte-wise
//   form, and its step looks the table up in two 16-entry halves (`nibble_table`, 64 bytes of
//   const data in flash; T is linear in its index); neither the 512-byte table, the slicing
//   tables nor the fold code are emitted unless called by name.
// - OTAWIRE_PCP_CHECKSUM_SLICE (16 default; 8, 4, 2, 1): slicing width without the device profile.
#ifndef OTAWIRE_PCP_CHECKSUM_HPP
#define OTAWIRE_PCP_CHECKSUM_HPP

#include <otawire/bytes.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#ifndef OTAWIRE_PCP_CHECKSUM_SLICE
/// Slice width of the fast checksum used by the decoder and encoder: 16 (8 KiB of read-only
/// tables, the fastest on application cores), 8 (4 KiB), 4 (2 KiB), 2 (1 KiB) or 1 (byte-wise,
/// only the 512-byte base table) for a device short of flash. Every width gives the same result.
#define OTAWIRE_PCP_CHECKSUM_SLICE 16
#endif

// 16-byte vector accumulators where the target has 128-bit SIMD registers; 64-bit words elsewhere
// (on a core without SIMD, GCC would split a vector type into scalar words anyway).
#if !defined(OTAWIRE_PCP_FOLD_VECTORS)
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__SSE2__) || defined(__ARM_NEON)) && \
    defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define OTAWIRE_PCP_FOLD_VECTORS 1
#else
#define OTAWIRE_PCP_FOLD_VECTORS 0
#endif
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

/// tables[k][i]: the register after byte i followed by k zero bytes, from register 0
/// (= A^k(T[i]); tables[k + 13] == tables[k]).
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

/// The one table of the byte-wise form (and of the device profile): const, so it lives in flash.
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

namespace detail {
/// The device profile's table: T is GF(2)-linear in its index (the MSB-first CRC of one byte), so
/// T[x] = T[x & 0x0F] ^ T[x & 0xF0]: two 16-entry halves, 64 bytes of flash instead of 512, for
/// one more load and XOR per byte.
struct nibble_tables {
  std::array<std::uint16_t, 16> low{};
  std::array<std::uint16_t, 16> high{};
};
[[nodiscard]] constexpr nibble_tables make_nibble_tables() noexcept {
  const checksum_table t = make_base_table();
  nibble_tables n;
  for (unsigned i = 0; i < 16; ++i) {
    n.low[i] = t[i];
    n.high[i] = t[i << 4];
  }
  return n;
}
inline constexpr nibble_tables nibble_table = make_nibble_tables();
[[nodiscard]] consteval bool nibble_tables_match_base_table() {
  const checksum_table t = make_base_table();
  for (unsigned i = 0; i < 256; ++i) {
    if ((nibble_table.low[i & 0x0Fu] ^ nibble_table.high[i >> 4]) != t[i]) return false;
  }
  return true;
}
static_assert(nibble_tables_match_base_table(), "T is linear: the two halves rebuild the table");
}  // namespace detail

/// One byte-wise update step: the reference definition (spec §2).
[[nodiscard]] constexpr std::uint16_t checksum_step(std::uint16_t reg, std::byte b) noexcept {
  const unsigned x = (reg ^ detail::octet(b)) & 0xFFu;
#if defined(OTAWIRE_DEVICE_PROFILE)
  return static_cast<std::uint16_t>((reg >> 8) ^ detail::nibble_table.low[x & 0x0Fu] ^
                                    detail::nibble_table.high[x >> 4]);
#else
  return static_cast<std::uint16_t>((reg >> 8) ^ detail::base_table[x]);
#endif
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

// --- the fold (spec §2.1) -------------------------------------------------------------------------

namespace detail {

/// The period of the per-byte step: the number of lanes.
inline constexpr std::size_t fold_lanes = 13;

/// Keeps the first s < 16 bytes of a 16- or 8-byte load: the bytes at [16 - s, 16 - s + width).
inline constexpr std::array<unsigned char, 32> fold_head_mask = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/// A 64-bit word read in memory order, as little-endian value: byte k of memory is bits 8k..8k+7
/// on every target, so the shifts of the reduction mean the same everywhere.
[[nodiscard]] inline std::uint64_t little_endian_value(std::uint64_t memory_order) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    return memory_order;
  } else {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v = (v << 8) | ((memory_order >> (8 * k)) & 0xFFu);
    return v;
  }
}

/// The input XOR-folded into 13 lane bytes: lane j holds the XOR of the bytes whose distance from
/// the end of the folded input is ≡ 12 − j (mod 13). Bytes 13–15 are don't-care.
struct folded_lanes {
  std::array<unsigned char, 16> bytes{};
  /// XORs `b` into lane `lane` (< 13), e.g. to cancel a byte that counts as zero.
  void inject(std::size_t lane, unsigned b) noexcept { bytes[lane] ^= static_cast<unsigned char>(b); }
  [[nodiscard]] unsigned lane(std::size_t j) const noexcept { return bytes[j]; }
};

/// 64-bit words: portable, any target.
struct fold_words_u64 {
  using word = std::uint64_t;
  static constexpr std::size_t width = 8;
  static constexpr std::size_t width_inverse = 5;  // 8 · 5 = 40 ≡ 1 (mod 13)
  [[nodiscard]] static word load(const void* p) noexcept {
    word w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  /// 13 words = 104 bytes; halve to 52, 26 and 13 bytes (each a multiple of 13). Unrolled by
  /// hand: as loops, GCC -O2 vectorises them through the stack.
  [[nodiscard]] static folded_lanes reduce(const std::array<word, fold_lanes>& acc) noexcept {
    const auto x = [&]<std::size_t... K>(std::index_sequence<K...>) {
      return std::array<std::uint64_t, fold_lanes>{little_endian_value(acc[K])...};
    }(std::make_index_sequence<fold_lanes>{});
    const auto y = [&]<std::size_t... W>(std::index_sequence<W...>) {  // bytes 0..51 valid
      return std::array<std::uint64_t, 7>{(x[W] ^ (x[6 + W] >> 32) ^ (x[7 + W] << 32))..., x[6] ^ (x[12] >> 32)};
    }(std::make_index_sequence<6>{});
    const auto z = [&]<std::size_t... W>(std::index_sequence<W...>) {  // bytes 0..25 valid
      return std::array<std::uint64_t, 4>{(y[W] ^ (y[3 + W] >> 16) ^ (y[4 + W] << 48))..., y[3] ^ (y[6] >> 16)};
    }(std::make_index_sequence<3>{});
    const std::uint64_t lo = little_endian_value(z[0] ^ (z[1] >> 40) ^ (z[2] << 24));
    const std::uint64_t hi = little_endian_value(z[1] ^ (z[2] >> 40) ^ (z[3] << 24));
    folded_lanes f;
    std::memcpy(f.bytes.data(), &lo, sizeof lo);
    std::memcpy(f.bytes.data() + sizeof lo, &hi, sizeof hi);
    return f;
  }
};

#if OTAWIRE_PCP_FOLD_VECTORS
/// 16-byte vectors (GCC/clang vector extensions): SSE2 on every x86-64, NEON on ARM.
struct fold_words_v128 {
  typedef std::uint64_t word __attribute__((vector_size(16)));
  static constexpr std::size_t width = 16;
  static constexpr std::size_t width_inverse = 9;  // 16 · 9 = 144 ≡ 1 (mod 13)
  [[nodiscard]] static word load(const void* p) noexcept {
    word w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  /// The high word of `a` and the low word of `b` (one SSE2 shufpd).
  [[nodiscard]] static word straddle(word a, word b) noexcept { return word{a[1], b[0]}; }
  /// The halvings of fold_words_u64::reduce, two 64-bit words per vector (little-endian targets
  /// only, so that element shifts move bytes the same way): 208 → 104 → 52 → 26 → 13 bytes.
  [[nodiscard]] static folded_lanes reduce(const std::array<word, fold_lanes>& v) noexcept {
    // x: 13 words, as 6 pairs p[m] = (x[2m], x[2m+1]) and x12.
    const auto p = [&]<std::size_t... M>(std::index_sequence<M...>) {
      return std::array<word, 6>{(v[M] ^ straddle(v[6 + M], v[7 + M]))...};
    }(std::make_index_sequence<6>{});
    const std::uint64_t x12 = v[6][0] ^ v[12][1];
    // y (bytes 0..51): pairs (y0,y1), (y2,y3), (y4,y5), (y6,·).
    const word y0 = p[0] ^ (p[3] >> 32) ^ (straddle(p[3], p[4]) << 32);
    const word y1 = p[1] ^ (p[4] >> 32) ^ (straddle(p[4], p[5]) << 32);
    const word y2 = p[2] ^ (p[5] >> 32) ^ (word{p[5][1], x12} << 32);
    const word y3 = p[3] ^ (word{x12, 0} >> 32);
    // z (bytes 0..25): pairs (z0,z1), (z2,z3).
    const word z0 = y0 ^ (straddle(y1, y2) >> 16) ^ (y2 << 48);
    const word z1 = y1 ^ (straddle(y2, y3) >> 16) ^ (y3 << 48);
    const word lanes = z0 ^ (straddle(z0, z1) >> 40) ^ (z1 << 24);
    folded_lanes f;
    std::memcpy(f.bytes.data(), &lanes, sizeof lanes);
    return f;
  }
};
using fold_words_fast = fold_words_v128;
#else
using fold_words_fast = fold_words_u64;
#endif

/// The lane of byte `i` of an `n`-byte input (lanes counted from the end).
[[nodiscard]] constexpr std::size_t fold_lane_of(std::size_t i, std::size_t n) noexcept {
  return (i + fold_lanes - n % fold_lanes) % fold_lanes;
}

/// Folds `n` ≥ Ops::width bytes at `data` into the 13 lanes. Blocks of 13 words are aligned to
/// the end of the input, so block offset o is lane o mod 13 (13 · width ≡ 0). The head (n mod
/// block bytes) is a partial block: its first n mod width bytes as one masked load of the first
/// word, XOR-ed into the accumulator whose lanes match; then every whole word in one unrolled
/// loop entered at the accumulator of the head's first whole word. Every load is in bounds.
template <class Ops>
[[nodiscard]] inline folded_lanes fold(const std::byte* data, std::size_t n) noexcept {
  using word = typename Ops::word;
  constexpr std::size_t width = Ops::width;
  std::array<word, fold_lanes> acc{};
  const std::size_t partial = n % width;
  if (partial != 0) {
    // data[0] sits at a block offset ≡ −n (mod 13); accumulator k holds the offsets ≡ width · k,
    // so k ≡ −n · width⁻¹ (mod 13).
    const std::size_t k = ((fold_lanes - Ops::width_inverse) * (n % fold_lanes)) % fold_lanes;
    const word first = Ops::load(data) & Ops::load(fold_head_mask.data() + 16 - partial);
    // A switch, not a loop: the accumulators stay in registers.
    switch (k) {
        case 0: acc[0] ^= first; break;
        case 1: acc[1] ^= first; break;
        case 2: acc[2] ^= first; break;
        case 3: acc[3] ^= first; break;
        case 4: acc[4] ^= first; break;
        case 5: acc[5] ^= first; break;
        case 6: acc[6] ^= first; break;
        case 7: acc[7] ^= first; break;
        case 8: acc[8] ^= first; break;
        case 9: acc[9] ^= first; break;
        case 10: acc[10] ^= first; break;
        case 11: acc[11] ^= first; break;
        case 12: acc[12] ^= first; break;
      default: break;
    }
  }
  const std::byte* p = data + partial;  // n ≥ width: at least one whole word follows
  const std::byte* const end = data + n;
  // Duff's device: the head's w whole words go to accumulators 13 − w … 12, then whole blocks.
  switch ((fold_lanes - (n / width) % fold_lanes) % fold_lanes) {
      case 0: do {
        acc[0] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 1: acc[1] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 2: acc[2] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 3: acc[3] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 4: acc[4] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 5: acc[5] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 6: acc[6] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 7: acc[7] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 8: acc[8] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 9: acc[9] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 10: acc[10] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 11: acc[11] ^= Ops::load(p); p += width;
        [[fallthrough]]; case 12: acc[12] ^= Ops::load(p); p += width;
      } while (p != end);
      break;
    default: break;
  }

  return Ops::reduce(acc);
}

/// The checksum of an input whose bytes but the last were folded into `f`: the byte-wise step
/// over the 13 lane bytes and the last byte, done as one slicing-by-14 step (14 independent table
/// reads instead of a 14-step dependency chain) when the slicing tables are in use.
[[nodiscard]] inline std::uint16_t fold_finish(const folded_lanes& f, std::byte last) noexcept {
#if !defined(OTAWIRE_DEVICE_PROFILE) && OTAWIRE_PCP_CHECKSUM_SLICE >= 14
  const auto& t = slicing_tables<OTAWIRE_PCP_CHECKSUM_SLICE>;
  unsigned r = t[0][octet(last)];
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    ((r ^= t[fold_lanes - J][f.bytes[J]]), ...);
  }(std::make_index_sequence<fold_lanes>{});
  return static_cast<std::uint16_t>(r);
#else
  std::array<std::byte, fold_lanes + 1> bytes{};
  for (std::size_t j = 0; j < fold_lanes; ++j) bytes[j] = static_cast<std::byte>(f.lane(j));
  bytes[fold_lanes] = last;
#if defined(OTAWIRE_DEVICE_PROFILE)
  return checksum_reference_update(0, bytes);
#else
  return checksum_sliced_update<OTAWIRE_PCP_CHECKSUM_SLICE>(0, bytes);
#endif
#endif
}

/// The fold checksum of `n` > Ops::width bytes, with the register `reg` folded into the first two.
template <class Ops>
[[nodiscard]] inline std::uint16_t fold_checksum(const std::byte* data, std::size_t n, unsigned reg = 0) noexcept {
  auto f = fold<Ops>(data, n - 1);
  if (reg != 0) {
    f.inject(fold_lane_of(0, n - 1), reg & 0xFFu);
    f.inject(fold_lane_of(1, n - 1), reg >> 8);
  }
  return fold_finish(f, data[n - 1]);
}

/// A^14 = A on the table's image (spec §2.1, corrected): the fold's premise, for all 256 bytes.
[[nodiscard]] consteval bool table_image_has_period_13() {
  const auto t = make_slicing_tables<15>();
  return t[14] == t[1] && t[13] != t[0];
}
static_assert(table_image_has_period_13(), "A^d(T[b]) depends on d mod 13 for d >= 1 only");

}  // namespace detail

/// The slicing width of the short inputs of the fold functions: byte-wise in the device profile,
/// so that even a fold called by name references no slicing table.
#if defined(OTAWIRE_DEVICE_PROFILE)
inline constexpr std::size_t fold_short_slice = 1;
#else
inline constexpr std::size_t fold_short_slice = OTAWIRE_PCP_CHECKSUM_SLICE;
#endif

/// Below this size `checksum` and `frame_checksum` slice; from it on they fold (measured in
/// bench/pcp: the fold's fixed cost, reducing 13 accumulators, pays from about here).
inline constexpr std::size_t fold_min_size = 48;

/// Fold checksum with the given accumulator word (`detail::fold_words_u64`, or the default: 16-byte
/// vectors where available). Continues `reg` over `bytes`: the register folds into the first two
/// bytes, as in slicing. Equal to `checksum_reference_update` for every input; in a constant
/// expression, or for inputs shorter than one accumulator word, it slices.
template <class Ops = detail::fold_words_fast>
[[nodiscard]] constexpr std::uint16_t checksum_fold_update(std::uint16_t reg, byte_view bytes) noexcept {
  if (std::is_constant_evaluated() || bytes.size() <= Ops::width) return checksum_sliced_update<fold_short_slice>(reg, bytes);
  return detail::fold_checksum<Ops>(bytes.data(), bytes.size(), reg);
}

/// Fold checksum of `bytes` (register starts at 0).
template <class Ops = detail::fold_words_fast>
[[nodiscard]] constexpr std::uint16_t checksum_fold(byte_view bytes) noexcept {
  if (std::is_constant_evaluated() || bytes.size() <= Ops::width) return checksum_sliced_update<fold_short_slice>(0, bytes);
  return detail::fold_checksum<Ops>(bytes.data(), bytes.size());
}

/// Fast checksum of `bytes`, equal to `checksum_reference` for every input: the fold from
/// `fold_min_size` bytes on, slicing below (byte-wise in the device profile).
[[nodiscard]] constexpr std::uint16_t checksum(byte_view bytes) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  return checksum_reference_update(0, bytes);
#else
  if (!std::is_constant_evaluated() && bytes.size() >= fold_min_size) {
    return detail::fold_checksum<detail::fold_words_fast>(bytes.data(), bytes.size());
  }
  return checksum_sliced_update<OTAWIRE_PCP_CHECKSUM_SLICE>(0, bytes);
#endif
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

/// The frame checksum by folding (frame.size() > Ops::width ≥ 8): the check code bytes are
/// folded in like the others, then cancelled by XOR-ing them into their lanes once more (the
/// register argument of fold_checksum cancels bytes 0–1 the same way).
template <class Ops>
[[nodiscard]] inline std::uint16_t frame_checksum_fold(byte_view frame) noexcept {
  const std::size_t n = frame.size();
  auto f = fold<Ops>(frame.data(), n - 1);
  f.inject(fold_lane_of(check_code_offset, n - 1), octet(frame[check_code_offset]));
  f.inject(fold_lane_of(check_code_offset + 1, n - 1), octet(frame[check_code_offset + 1]));
  return fold_finish(f, frame[n - 1]);
}
}  // namespace detail

/// The check code a frame must carry: the checksum over the whole frame (start ID to the last
/// data byte) with bytes 4–5 taken as zero — computed in place, without copying the frame.
/// Defined for every length: in a frame shorter than 6 bytes, those of bytes 4–5 present count
/// as zero (such a frame is never valid, but the function must not read past it).
[[nodiscard]] constexpr std::uint16_t frame_checksum(byte_view frame) noexcept {
#if defined(OTAWIRE_DEVICE_PROFILE)
  // One loop (the smallest code): bytes 4–5 read as zero.
  std::uint16_t reg = 0;
  for (std::size_t i = 0; i < frame.size(); ++i) {
    reg = checksum_step(reg, i - check_code_offset < 2 ? std::byte{0} : frame[i]);
  }
  return reg;
#else
  if (!std::is_constant_evaluated() && frame.size() >= fold_min_size) {
    return detail::frame_checksum_fold<detail::fold_words_fast>(frame);
  }
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
#endif
}

/// The same by folding, for any length (slices below one accumulator word or at compile time).
template <class Ops = detail::fold_words_fast>
[[nodiscard]] constexpr std::uint16_t frame_checksum_fold(byte_view frame) noexcept {
  if (std::is_constant_evaluated() || frame.size() <= Ops::width) {
    return detail::frame_checksum_any_length<fold_short_slice>(frame);
  }
  return detail::frame_checksum_fold<Ops>(frame);
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

// PCP check code: the §2 definition, fold == slicing == byte-wise reference (every length 0–4096,
// random contents and misalignments), error-detection strength (§2.1: every single-bit error and
// every burst ≤ 11 bits detected) and its pinned blind spots (bytes 13 apart, except the last).
#include <otawire/pcp/codec.hpp>

#include "support/pcp_vectors.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace {
namespace pcp = otawire::pcp;
namespace v = otawire::test::pcp;

std::uint16_t of_text(std::string_view s) { return pcp::checksum(otawire::as_bytes(s)); }

TEST(PcpChecksum, SpecValues) {
  EXPECT_EQ(of_text("123456789"), 0xB955);
  EXPECT_EQ(pcp::checksum_reference(otawire::as_bytes("123456789")), 0xB955);
  EXPECT_EQ(of_text(""), 0x0000);
  EXPECT_EQ(of_text(std::string_view("\0", 1)), 0x0000);
  EXPECT_EQ(of_text("\x01"), 0x1021);
  EXPECT_EQ(of_text("\xFF"), 0x1EF0);
  // All-zero messages of any length check to 0 (init must be 0).
  std::vector<std::byte> zeros(777);
  EXPECT_EQ(pcp::checksum(zeros), 0);
}

TEST(PcpChecksum, TableIsTheMsbFirstPoly1021Table) {
  const auto& t = pcp::detail::base_table;
  EXPECT_EQ(t[0], 0x0000);
  EXPECT_EQ(t[1], 0x1021);
  EXPECT_EQ(t[2], 0x2042);
  EXPECT_EQ(t[3], 0x3063);
  EXPECT_EQ(t[255], 0x1EF0);
}

TEST(PcpChecksum, NotTheCatalogueCrcCcittFalse) {
  // CRC-16/CCITT-FALSE and XMODEM of "123456789" are 0x29B1 and 0x31C3: the PCP code differs.
  EXPECT_NE(of_text("123456789"), 0x29B1);
  EXPECT_NE(of_text("123456789"), 0x31C3);
}

TEST(PcpChecksum, DocumentedFrames) {
  EXPECT_EQ(pcp::frame_checksum(v::doc_query_version), 0x4C9A);
  EXPECT_EQ(pcp::frame_checksum(v::doc_query_version_rsp), 0x8DE3);
  EXPECT_EQ(pcp::frame_checksum(v::doc_notify), 0x02F7);
  EXPECT_EQ(pcp::frame_checksum(v::doc_request_fragment), 0x5618);
  EXPECT_EQ(pcp::frame_checksum(v::doc_fragment_rsp), 0xE107);
  EXPECT_EQ(pcp::frame_checksum(v::doc_execute), 0xCF90);
  EXPECT_EQ(pcp::frame_checksum(v::doc_execute_rsp), 0xB725);
  EXPECT_EQ(pcp::frame_checksum(v::doc_report_result), 0xC7D2);
  EXPECT_EQ(pcp::frame_checksum(v::doc_report_result_rsp), 0xAFA1);
  EXPECT_EQ(pcp::frame_checksum(v::doc_download_result), 0x850E);
}

RC_GTEST_PROP(PcpChecksumProp, SlicedEqualsReference, (const std::vector<std::uint8_t>& raw, std::uint16_t init)) {
  const auto bytes = std::as_bytes(std::span(raw));
  const auto ref = pcp::checksum_reference_update(init, bytes);
  RC_ASSERT(pcp::checksum_sliced_update<1>(init, bytes) == ref);
  RC_ASSERT(pcp::checksum_sliced_update<2>(init, bytes) == ref);
  RC_ASSERT(pcp::checksum_sliced_update<4>(init, bytes) == ref);
  RC_ASSERT(pcp::checksum_sliced_update<8>(init, bytes) == ref);
  RC_ASSERT(pcp::checksum_sliced_update<16>(init, bytes) == ref);
  RC_ASSERT(pcp::checksum(bytes) == pcp::checksum_reference(bytes));
}

RC_GTEST_PROP(PcpChecksumProp, FrameChecksumTreatsTheFieldAsZero, (std::vector<std::uint8_t> raw)) {
  RC_PRE(raw.size() >= 6u);
  const auto in_place = pcp::frame_checksum(std::as_bytes(std::span(raw)));
  RC_ASSERT(in_place == pcp::frame_checksum_reference(std::as_bytes(std::span(raw))));
  raw[4] = raw[5] = 0;
  RC_ASSERT(in_place == pcp::checksum_reference(std::as_bytes(std::span(raw))));
}

// Issue 12 item 11: frame_checksum had the precondition size >= 6 and read past shorter frames.
// It is total now: the bytes present, with those of bytes 4–5 present taken as zero.
TEST(PcpChecksum, FrameChecksumOfShortFramesReadsOnlyTheirBytes) {
  const std::array<std::uint8_t, 7> header{0xFF, 0xFE, 0x01, 0x13, 0x4C, 0x9A, 0x00};
  for (std::size_t n = 0; n <= header.size(); ++n) {
    // An exactly sized heap copy, so that ASan sees any read past the end.
    std::vector<std::byte> frame(n);
    for (std::size_t i = 0; i < n; ++i) frame[i] = static_cast<std::byte>(header[i]);
    auto zeroed = frame;
    for (std::size_t i = 4; i < std::min<std::size_t>(n, 6); ++i) zeroed[i] = std::byte{0};
    EXPECT_EQ(pcp::frame_checksum(frame), pcp::checksum_reference(zeroed)) << "length " << n;
    EXPECT_EQ(pcp::frame_checksum_reference(frame), pcp::checksum_reference(zeroed)) << "length " << n;
    EXPECT_FALSE(pcp::decode_frame(frame).has_value());
  }
}

RC_GTEST_PROP(PcpChecksumProp, FrameChecksumIsDefinedForEveryLength, (std::vector<std::uint8_t> raw)) {
  raw.resize(raw.size() % 12);  // mostly shorter than the header
  const std::vector<std::uint8_t> exact(raw.begin(), raw.end());
  const auto in_place = pcp::frame_checksum(std::as_bytes(std::span(exact)));
  RC_ASSERT(in_place == pcp::frame_checksum_reference(std::as_bytes(std::span(exact))));
  for (std::size_t i = 4; i < std::min<std::size_t>(raw.size(), 6); ++i) raw[i] = 0;
  RC_ASSERT(in_place == pcp::checksum_reference(std::as_bytes(std::span(raw))));
}

RC_GTEST_PROP(PcpChecksumProp, Linear, (const std::vector<std::uint8_t>& a)) {
  // checksum(a ^ b) == checksum(a) ^ checksum(b) for equal lengths (init 0, no xorout): the
  // basis of the detection analysis below.
  const auto b = *rc::gen::container<std::vector<std::uint8_t>>(a.size(), rc::gen::arbitrary<std::uint8_t>());
  std::vector<std::uint8_t> x(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) x[i] = a[i] ^ b[i];
  auto c = [](const std::vector<std::uint8_t>& s) { return pcp::checksum(std::as_bytes(std::span(s))); };
  RC_ASSERT(c(x) == (c(a) ^ c(b)));
}

// --- detection strength over the largest frame ---------------------------------------------------

// A 511-byte fragment response with pseudo-random data.
std::vector<std::byte> largest_frame() {
  std::vector<std::byte> data(500);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>((i * 197 + 11) & 0xFF);
  pcp::message m = pcp::request_fragment_response{pcp::result_code::success, 42, data};
  std::vector<std::byte> frame(pcp::encoded_size(m));
  EXPECT_TRUE(pcp::encode(m, frame));
  return frame;
}

// Syndrome of flipping bit `bit` (0 = MSB of byte 0) of an n-byte frame: how much
// (stored check code XOR computed check code) changes. The error is undetected iff the XOR of the
// syndromes of the flipped bits is 0 (the checksum is linear).
std::vector<std::uint16_t> syndromes(std::size_t n) {
  std::vector<std::uint16_t> s(n * 8);
  std::vector<std::byte> e(n);
  for (std::size_t bit = 0; bit < n * 8; ++bit) {
    const std::size_t byte = bit / 8;
    const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
    if (byte == 4 || byte == 5) {
      s[bit] = static_cast<std::uint16_t>(byte == 4 ? mask << 8 : mask);  // changes the stored code
      continue;
    }
    e[byte] = std::byte{mask};
    s[bit] = pcp::frame_checksum_reference(e);
    e[byte] = std::byte{0};
  }
  return s;
}

TEST(PcpChecksumStrength, EverySingleBitFlipOfTheLargestFrameIsRejected) {
  auto frame = largest_frame();
  ASSERT_EQ(frame.size(), 511u);
  for (std::size_t bit = 0; bit < frame.size() * 8; ++bit) {
    auto f = frame;
    f[bit / 8] ^= std::byte{static_cast<std::uint8_t>(0x80u >> (bit % 8))};
    ASSERT_FALSE(pcp::decode_frame(f).has_value()) << "bit " << bit;
  }
}

TEST(PcpChecksumStrength, EveryBurstUpTo11BitsIsDetected) {
  const std::size_t n = 511;
  const auto s = syndromes(n);
  for (std::size_t bit = 0; bit < s.size(); ++bit) ASSERT_NE(s[bit], 0) << "single bit " << bit;
  std::size_t bursts = 0;
  for (unsigned len = 2; len <= 11; ++len) {
    // A burst of `len` bits: first and last flipped, the inner len-2 bits any pattern.
    for (std::uint32_t inner = 0; inner < (1u << (len - 2)); ++inner) {
      for (std::size_t start = 0; start + len <= s.size(); ++start) {
        std::uint16_t x = s[start] ^ s[start + len - 1];
        for (unsigned k = 0; k < len - 2; ++k) {
          if ((inner >> k) & 1u) x ^= s[start + 1 + k];
        }
        ASSERT_NE(x, 0) << "burst len " << len << " inner " << inner << " at bit " << start;
        ++bursts;
      }
    }
  }
  EXPECT_GT(bursts, 4'000'000u);
}

TEST(PcpChecksumStrength, Some12BitBurstsAreNotDetected) {
  // §2.1: XOR 0A into byte k and C3 into byte k+1 leaves the checksum unchanged at any offset.
  auto frame = largest_frame();
  for (std::size_t k : {8u, 11u, 100u, 509u}) {
    auto f = frame;
    f[k] ^= std::byte{0x0A};
    f[k + 1] ^= std::byte{0xC3};
    EXPECT_TRUE(pcp::decode_frame(f).has_value()) << "offset " << k;
  }
  // And the documented example: frame #2 with bytes 10–11 corrupted still verifies.
  auto f = pcp::decode_frame(v::blind_burst_12bit);
  EXPECT_TRUE(f.has_value());
  // The payload check is what catches this one: the version is no longer ASCII.
  EXPECT_FALSE(pcp::decode(v::blind_burst_12bit, otawire::direction::device_to_platform).has_value());
}

TEST(PcpChecksumStrength, SomeTwoBitErrorsAreNotDetected) {
  // §2.1: frame #2 with 0x80 flipped in byte 9 and 0x02 in byte 13 (26 bits apart) still
  // verifies. Here the version rules catch it (0xD6 is not ASCII); package integrity must rest on
  // more than the frame checksum.
  EXPECT_TRUE(pcp::decode_frame(v::blind_two_bit).has_value());
  auto m = pcp::decode(v::blind_two_bit, otawire::direction::device_to_platform);
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code(), otawire::errc::bad_string);
  EXPECT_EQ(m.error().offset(), 9u);
  // The same two-bit pattern anywhere in a frame is invisible to the checksum.
  auto frame = largest_frame();
  frame[100] ^= std::byte{0x80};
  frame[104] ^= std::byte{0x02};
  EXPECT_TRUE(pcp::decode_frame(frame).has_value());
}

// --- the fold (spec §2.1): equal to slicing and byte-wise for every length ----------------------------

using vectors = pcp::detail::fold_words_fast;  // 16-byte vectors where the target has them
using words = pcp::detail::fold_words_u64;     // the portable 64-bit path, tested on every host

// Every implementation against the byte-wise reference, `init` continued over `in`.
bool all_equal(otawire::byte_view in, std::uint16_t init) {
  const std::uint16_t ref = pcp::checksum_reference(in);
  const std::uint16_t ref_init = pcp::checksum_reference_update(init, in);
  const std::uint16_t frame_ref = pcp::frame_checksum_reference(in);
  return pcp::checksum(in) == ref && pcp::checksum_fold<vectors>(in) == ref &&
         pcp::checksum_fold<words>(in) == ref && pcp::checksum_sliced_update<16>(0, in) == ref &&
         pcp::checksum_fold_update<vectors>(init, in) == ref_init &&
         pcp::checksum_fold_update<words>(init, in) == ref_init &&
         pcp::checksum_sliced_update<16>(init, in) == ref_init && pcp::frame_checksum(in) == frame_ref &&
         pcp::frame_checksum_fold<vectors>(in) == frame_ref && pcp::frame_checksum_fold<words>(in) == frame_ref;
}

// Exhaustive over lengths: every length 0–4096 of random bytes, each input a separate exactly sized
// heap copy at a misalignment of 0–15 bytes, so that ASan sees any read before or past it.
TEST(PcpChecksumFold, EqualsSlicingAndBytewiseForEveryLengthUpTo4096) {
  for (const std::uint32_t seed : {1u, 2u, 3u}) {
    std::mt19937 rng(seed);
    std::vector<std::byte> random(4096);
    for (auto& b : random) b = static_cast<std::byte>(rng());
    const auto init = static_cast<std::uint16_t>(rng());
    for (std::size_t n = 0; n <= random.size(); ++n) {
      const std::size_t misalignment = (n * seed) % 16;
      std::vector<std::byte> storage(misalignment + n);
      std::copy_n(random.begin(), n, storage.begin() + static_cast<std::ptrdiff_t>(misalignment));
      ASSERT_TRUE(all_equal(std::span(storage).subspan(misalignment), init)) << "seed " << seed << " length " << n;
    }
  }
}

// Random offsets into one buffer (every alignment of the first load), random lengths, all-0xFF and
// all-zero runs (lanes that cancel or saturate).
RC_GTEST_PROP(PcpChecksumFold, EqualsBytewiseAtRandomOffsets, ()) {
  const auto fill = *rc::gen::element(0, 1, 2);
  const auto size = *rc::gen::inRange<std::size_t>(0, 4200);
  std::vector<std::uint8_t> raw = fill == 0   ? *rc::gen::container<std::vector<std::uint8_t>>(size, rc::gen::arbitrary<std::uint8_t>())
                                  : fill == 1 ? std::vector<std::uint8_t>(size, 0xFF)
                                              : std::vector<std::uint8_t>(size, 0x00);
  const auto bytes = std::as_bytes(std::span(raw));
  const auto offset = *rc::gen::inRange<std::size_t>(0, size + 1);
  const auto length = *rc::gen::inRange<std::size_t>(0, size - offset + 1);
  RC_ASSERT(all_equal(bytes.subspan(offset, length), *rc::gen::arbitrary<std::uint16_t>()));
}

TEST(PcpChecksumFold, SizesAroundEveryBoundaryOfTheFold) {
  // Block (208 / 104 bytes), word (16 / 8) and lane (13) boundaries, and the slicing threshold.
  std::vector<std::byte> data(4 * 208 + 64);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::byte>((i * 0x9E + 0x37) ^ (i >> 3));
  for (std::size_t n = 0; n <= data.size(); ++n) {
    const auto in = std::span(data).first(n);
    const auto ref = pcp::checksum_reference(in);
    ASSERT_EQ(pcp::checksum(in), ref) << n;
    ASSERT_EQ(pcp::checksum_fold<vectors>(in), ref) << n;
    ASSERT_EQ(pcp::checksum_fold<words>(in), ref) << n;
    ASSERT_EQ(pcp::frame_checksum(in), pcp::frame_checksum_reference(in)) << n;
  }
}

TEST(PcpChecksumFold, IsConstexprWhereTheChecksumIs) {
  static constexpr auto frame = v::doc_fragment_rsp;
  static_assert(pcp::checksum_fold(frame) == pcp::checksum_reference(frame));
  static_assert(pcp::frame_checksum_fold(frame) == 0xE107);
  EXPECT_EQ(pcp::frame_checksum_fold(frame), 0xE107);
}

// The premise, corrected: A (the step without the input byte) is singular, so A^13 is not the
// identity on every register; only on the table's image does A^14 = A hold. The last byte is
// therefore not folded with the byte 13 before it.
TEST(PcpChecksumFold, PeriodThirteenHoldsOnTheTableImageOnly) {
  const auto& t = pcp::detail::base_table;
  auto a = [&](unsigned s) { return (s >> 8) ^ t[s & 0xFFu]; };
  unsigned not_identity = 0;
  for (unsigned s = 0; s < 0x10000; ++s) {
    unsigned x = s;
    for (int k = 0; k < 13; ++k) x = a(x);
    not_identity += x != s;
  }
  EXPECT_GT(not_identity, 0u);  // §2.1's "A^13 is the identity" is false
  for (unsigned b = 0; b < 256; ++b) {
    unsigned x = t[b], y = t[b];
    for (int k = 0; k < 14; ++k) x = a(x);
    y = a(y);
    ASSERT_EQ(x, y) << b;  // A^14(T[b]) == A(T[b])
  }
}

// --- blind spots of the period (§2.1): bytes 13 apart --------------------------------------------------

TEST(PcpChecksumBlindSpots, SpecSwapExampleStillVerifies) {
  // Frame #5 of §9.1 with bytes 11 and 24 swapped ("TELLO, IoT SOHA!").
  constexpr auto swapped = v::hex_frame("FFFE0115E107001300000054454C4C4F2C20496F5420534F484121");
  EXPECT_NE(swapped, v::doc_fragment_rsp);
  EXPECT_EQ(pcp::frame_checksum(swapped), 0xE107);
  EXPECT_EQ(pcp::frame_checksum_reference(swapped), 0xE107);
  EXPECT_TRUE(pcp::decode_frame(swapped).has_value());
  // The other §2.1 examples verify too (their payload rules are tested below).
  EXPECT_TRUE(pcp::decode_frame(v::blind_burst_12bit).has_value());
  EXPECT_TRUE(pcp::decode_frame(v::blind_two_bit).has_value());
}

RC_GTEST_PROP(PcpChecksumBlindSpots, SwappingTwoBytesThirteenApartIsUndetected, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(15, 1200);
  auto m = *rc::gen::container<std::vector<std::uint8_t>>(n, rc::gen::arbitrary<std::uint8_t>());
  const auto i = *rc::gen::inRange<std::size_t>(0, n - 14);  // i + 13 < n − 1: not the last byte
  const auto before = pcp::checksum(std::as_bytes(std::span(m)));
  std::swap(m[i], m[i + 13]);
  RC_ASSERT(pcp::checksum(std::as_bytes(std::span(m))) == before);
  RC_ASSERT(pcp::checksum_reference(std::as_bytes(std::span(m))) == before);
}

RC_GTEST_PROP(PcpChecksumBlindSpots, FlippingTheSameBitsThirteenApartIsUndetected, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(15, 1200);
  auto m = *rc::gen::container<std::vector<std::uint8_t>>(n, rc::gen::arbitrary<std::uint8_t>());
  const auto i = *rc::gen::inRange<std::size_t>(0, n - 14);
  const auto flips = *rc::gen::inRange<unsigned>(1, 256);
  const auto before = pcp::checksum(std::as_bytes(std::span(m)));
  m[i] ^= static_cast<std::uint8_t>(flips);
  m[i + 13] ^= static_cast<std::uint8_t>(flips);
  RC_ASSERT(pcp::checksum(std::as_bytes(std::span(m))) == before);
  RC_ASSERT(pcp::checksum_reference(std::as_bytes(std::span(m))) == before);
}

TEST(PcpChecksumBlindSpots, InTheLargestFrameAnywhereButTheLastByte) {
  const auto frame = largest_frame();
  for (std::size_t k : {8u, 11u, 100u, 300u, 496u}) {  // in the data zone, k + 13 < the last byte
    auto swapped = frame;
    ASSERT_NE(swapped[k], swapped[k + 13]);
    std::swap(swapped[k], swapped[k + 13]);
    EXPECT_TRUE(pcp::decode_frame(swapped).has_value()) << "swap at " << k;
    auto flipped = frame;
    flipped[k] ^= std::byte{0x5A};
    flipped[k + 13] ^= std::byte{0x5A};
    EXPECT_TRUE(pcp::decode_frame(flipped).has_value()) << "flips at " << k;
  }
}

TEST(PcpChecksumBlindSpots, TheLastByteIsNotFoldedWithTheOneThirteenBefore) {
  // A^13 ≠ identity: the same flips in the last byte and the byte 13 before it are detected.
  auto frame = largest_frame();
  const std::size_t last = frame.size() - 1;
  std::size_t detected = 0;
  for (unsigned flips = 1; flips < 256; ++flips) {
    auto f = frame;
    f[last] ^= std::byte{static_cast<std::uint8_t>(flips)};
    f[last - 13] ^= std::byte{static_cast<std::uint8_t>(flips)};
    detected += !pcp::decode_frame(f).has_value();
    ASSERT_EQ(pcp::frame_checksum(f), pcp::frame_checksum_reference(f));
  }
  EXPECT_EQ(detected, 128u);  // the flips outside the 7-bit subspace where A^13·T = T
}

}  // namespace

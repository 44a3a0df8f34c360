#include <otawire/bytes.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

namespace {
using otawire::byte_reader;
using otawire::byte_writer;
using otawire::errc;

constexpr std::array<std::byte, 7> sample{std::byte{0xFF}, std::byte{0xFE}, std::byte{0x01},
                                          std::byte{0x13}, std::byte{0x4C}, std::byte{0x9A},
                                          std::byte{0x00}};

constexpr bool reads_big_endian() {
  byte_reader r{sample};
  if (r.u16("start").value() != 0xFFFE) return false;
  if (r.u8("version").value() != 0x01) return false;
  if (r.u8("code").value() != 0x13) return false;
  if (r.u16("check").value() != 0x4C9A) return false;
  auto tail = r.u16("length");  // one byte left: must fail, not read past the end
  return !tail && tail.error().code() == errc::truncated && tail.error().offset() == 6 &&
         tail.error().where() == "length" && r.offset() == 6;
}
static_assert(reads_big_endian());

constexpr bool writes_big_endian() {
  std::array<std::byte, 8> buf{};
  byte_writer w{buf};
  if (!w.u32(0x01020304) || !w.u24(0x050607)) return false;
  if (w.u16(1)) return false;  // one byte of room: must refuse and write nothing
  return buf[0] == std::byte{1} && buf[3] == std::byte{4} && buf[6] == std::byte{7} &&
         w.size() == 7 && buf[7] == std::byte{0};
}
static_assert(writes_big_endian());

TEST(ByteReader, ViewsAndTrailing) {
  byte_reader r{sample};
  auto head = r.bytes(2, "start");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->data(), sample.data());  // a view, not a copy
  EXPECT_EQ(r.remaining(), 5u);
  auto end = r.expect_end("frame");
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code(), errc::trailing_bytes);
  EXPECT_EQ(end.error().offset(), 2u);
  EXPECT_FALSE(r.skip(6, "x"));
  EXPECT_TRUE(r.skip(5, "x"));
  EXPECT_TRUE(r.expect_end("frame"));
  EXPECT_FALSE(r.u8("after_end"));
}

TEST(ByteWriter, PatchAndFill) {
  std::array<std::byte, 6> buf{};
  byte_writer w{buf};
  ASSERT_TRUE(w.u16(0xFFFE));
  ASSERT_TRUE(w.fill(2));
  ASSERT_TRUE(w.patch_u16(2, 0xB955));
  EXPECT_FALSE(w.patch_u16(3, 0));  // not yet written
  EXPECT_EQ(buf[2], std::byte{0xB9});
  EXPECT_EQ(buf[3], std::byte{0x55});
  EXPECT_FALSE(w.u24(0x1000000));
  EXPECT_FALSE(w.fill(3));
  EXPECT_EQ(w.written().size(), 4u);
}

// A writer may be handed bytes that lie in its own output (ASan found tlv_writer's memcpy doing
// that in Lwm2mTlvWriter.RefusesMaxIdAndOverlongValues): every overlap copies as if through a
// temporary, in both directions, and disjoint runs as before.
RC_GTEST_PROP(CopyBytes, OverlappingRunsCopyAsThroughATemporary, ()) {
  const auto size = *rc::gen::inRange<std::size_t>(1, 64);
  const auto from = *rc::gen::inRange<std::size_t>(0, size);
  const auto to = *rc::gen::inRange<std::size_t>(0, size);
  const auto n = *rc::gen::inRange<std::size_t>(0, size - std::max(from, to) + 1);
  std::vector<std::byte> buffer(size);
  for (std::size_t i = 0; i < size; ++i) buffer[i] = static_cast<std::byte>(i * 7 + 1);
  std::vector<std::byte> expected = buffer;
  const std::vector<std::byte> source(buffer.begin() + static_cast<std::ptrdiff_t>(from),
                                      buffer.begin() + static_cast<std::ptrdiff_t>(from + n));
  std::copy(source.begin(), source.end(), expected.begin() + static_cast<std::ptrdiff_t>(to));
  otawire::detail::copy_bytes(buffer.data() + to, buffer.data() + from, n);
  RC_ASSERT(buffer == expected);
}

TEST(ByteWriter, BytesFromItsOwnOutput) {
  std::array<std::byte, 8> out{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}};
  byte_writer w(out);
  ASSERT_TRUE(w.fill(2));  // out = 0 0 3 4 …, position 2
  ASSERT_TRUE(w.bytes(std::span<const std::byte>(out).subspan(1, 3)));  // 0 3 4 → at 2..4, overlapping
  EXPECT_EQ(out[2], std::byte{0});
  EXPECT_EQ(out[3], std::byte{3});
  EXPECT_EQ(out[4], std::byte{4});
}

TEST(Bytes, AsBytesIsAView) {
  std::string_view s = "123456789";
  auto b = otawire::as_bytes(s);
  EXPECT_EQ(b.size(), 9u);
  EXPECT_EQ(static_cast<const void*>(b.data()), static_cast<const void*>(s.data()));
}

RC_GTEST_PROP(Bytes, WriteThenReadRoundTrips,
              (std::uint8_t a, std::uint16_t b, std::uint32_t c, std::uint64_t d)) {
  const std::uint32_t c24 = c & 0xFFFFFF;
  std::array<std::byte, 18> buf{};
  byte_writer w{buf};
  RC_ASSERT(w.u8(a) && w.u16(b) && w.u24(c24) && w.u32(c) && w.u64(d));
  RC_ASSERT(w.size() == buf.size());
  byte_reader r{w.written()};
  RC_ASSERT(r.u8("a").value() == a);
  RC_ASSERT(r.u16("b").value() == b);
  RC_ASSERT(r.u24("c24").value() == c24);
  RC_ASSERT(r.u32("c").value() == c);
  RC_ASSERT(r.u64("d").value() == d);
  RC_ASSERT(r.empty());
}

RC_GTEST_PROP(Bytes, TruncationAnywhereIsAnErrorAtTheFieldStart, (std::uint64_t v)) {
  std::array<std::byte, 8> buf{};
  byte_writer w{buf};
  RC_ASSERT(w.u64(v));
  const auto cut = *rc::gen::inRange<std::size_t>(0, 8);
  byte_reader r{std::span<const std::byte>(buf).first(cut)};
  auto got = r.u64("value");
  RC_ASSERT(!got);
  RC_ASSERT(got.error().code() == errc::truncated);
  RC_ASSERT(got.error().offset() == 0u);
  RC_ASSERT(r.offset() == 0u);
}
}  // namespace

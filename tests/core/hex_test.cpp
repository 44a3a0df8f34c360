#include <otawire/hex.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace {
using otawire::errc;

TEST(Hex, DecodesEitherCase) {
  std::array<std::byte, 4> out{};
  auto n = otawire::from_hex("FFfe0113", out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 4u);
  EXPECT_EQ(out[1], std::byte{0xFE});
}

TEST(Hex, RejectsOddLengthBadDigitAndSmallBuffer) {
  std::array<std::byte, 4> out{};
  auto odd = otawire::from_hex("FFF", out);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code(), errc::bad_string);
  auto bad = otawire::from_hex("FFxE", out);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().offset(), 2u);
  auto small = otawire::from_hex("0011223344", out);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code(), errc::buffer_too_small);
}

RC_GTEST_PROP(Hex, RoundTrips, (std::vector<std::uint8_t> raw)) {
  std::vector<std::byte> in(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) in[i] = std::byte{raw[i]};
  std::string text(in.size() * 2, '\0');
  RC_ASSERT(otawire::to_hex(in, text).value() == text.size());
  std::vector<std::byte> back(otawire::hex_decoded_size(text));
  RC_ASSERT(otawire::from_hex(text, back).value() == in.size());
  RC_ASSERT(back == in);
}
}  // namespace

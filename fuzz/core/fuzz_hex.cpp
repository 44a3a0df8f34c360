// Hex decoding is the first thing the inspector does with a captured payload.
#include <otawire/hex.hpp>

#include <array>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::array<std::byte, 512> out{};
  auto n = otawire::from_hex(text, out);
  if (!n) return 0;
  // Oracle: decoding then encoding gives the upper-cased input back.
  std::array<char, 1024> again{};
  auto m = otawire::to_hex(std::span<const std::byte>(out).first(*n), again);
  if (!m || *m != size) std::abort();
  for (std::size_t i = 0; i < size; ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    if (again[i] != c) std::abort();
  }
  return 0;
}

// What a JSON round trip through Boost.JSON can keep exactly, for the fuzz oracles that re-encode
// raw values (JetLinks parameters/properties/headers, Alibaba extData).
#ifndef OTAWIRE_TEST_SUPPORT_ROUND_TRIP_LIMITS_HPP
#define OTAWIRE_TEST_SUPPORT_ROUND_TRIP_LIMITS_HPP

#include <cstddef>
#include <string_view>

namespace otawire::test {

/// Whether `text` holds a run of more than 19 digits: an integer beyond 64 bits, which Boost.JSON
/// keeps as a double and does not read back bit for bit from its own 17-digit output, so such a
/// payload cannot round-trip exactly.
[[nodiscard]] inline bool has_integer_beyond_64_bits(std::string_view text) noexcept {
  std::size_t run = 0;
  for (const char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run > 19) return true;
  }
  return false;
}

}  // namespace otawire::test

#endif

// The JSON layer's contract: the simdjson backend and the Boost.JSON backend accept the same
// documents and decode the same values. Any disagreement aborts.
#include "json/sample_message.hpp"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto fast = otawire::test::decode_sample_simd(parser, text);
  auto dom = otawire::test::decode_sample_dom(text);
  if (fast.has_value() != dom.has_value()) std::abort();
  if (fast && !(*fast == *dom)) std::abort();
  // Malformed JSON is malformed for both.
  if (!fast && ((fast.error().code == otawire::errc::malformed_json) != (dom.error().code == otawire::errc::malformed_json))) {
    std::abort();
  }
  return 0;
}

// The JSON layer's contract: the simdjson backend and the Boost.JSON backend accept the same
// documents, decode the same values, and report malformed JSON at the same byte. Any
// disagreement aborts.
#include "json/sample_message.hpp"

#include <otawire/json/scan.hpp>

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
  if (!fast && ((fast.error().code() == otawire::errc::malformed_json) != (dom.error().code() == otawire::errc::malformed_json))) {
    std::abort();
  }
  // ... at the same byte, each found on its own: the fast decoder's strict scanner against
  // Boost.JSON's parser.
  if (!fast && fast.error().code() == otawire::errc::malformed_json && fast.error().offset() != dom.error().offset()) std::abort();
  auto whole = otawire::json::parse_dom(text);
  const std::size_t scanned = otawire::json::detail::first_malformed_byte(text);
  if (scanned != (whole ? otawire::error::no_offset : whole.error().offset())) std::abort();
  return 0;
}

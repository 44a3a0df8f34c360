// Huawei `$ota` messages: the simdjson decoder and the Boost.JSON decoder accept the same texts,
// decode the same messages and agree on what is malformed JSON. Any disagreement aborts.
#include "support/huawei_arbitrary.hpp"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  otawire::test::huawei::both_decoded d;
  otawire::test::huawei::decode_both(parser, text, d);
  if (!otawire::test::huawei::disagreement(d).empty()) std::abort();
  // Malformed JSON: the fast decoder says so by itself, at the byte Boost.JSON names.
  if (auto whole = otawire::json::parse_dom(text); !whole) {
    auto fast = otawire::huawei::decode_payload(parser, text);
    if (fast || fast.error().code() != otawire::errc::malformed_json || fast.error().offset() != whole.error().offset()) std::abort();
  }
  return 0;
}

// The two decoders (simdjson On-Demand, Boost.JSON DOM) must agree on every payload: on
// acceptance, on the decoded message, and on whether a rejected payload is malformed JSON. Input: one byte choosing the message type, then the payload; the payload is also
// decoded by its "messageType" with both decoders.
#include "support/jetlinks_arbitrary.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace jl = otawire::jetlinks;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static otawire::json::parser parser;
  const auto type = jl::all_message_types[data[0] % jl::message_type_count];
  const std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string why = otawire::test::jetlinks::backends_disagree(parser, type, payload);
  if (!why.empty()) {
    std::fprintf(stderr, "%s: %s\n", std::string(jl::name(type)).c_str(), why.c_str());
    std::abort();
  }
  auto fast = jl::decode_tagged(parser, payload);
  auto value = otawire::json::parse_dom(payload);
  if (!value) {
    // Malformed: the fast decoder says so by itself, at Boost.JSON's byte.
    if (fast || fast.error().code() != otawire::errc::malformed_json || fast.error().offset() != value.error().offset()) {
      std::abort();
    }
    return 0;
  }
  auto dom = jl::decode_tagged_dom(*value);
  if (fast.has_value() != dom.has_value()) std::abort();
  if (fast && !(*fast == *dom)) std::abort();
  // Rejections agree on malformed JSON (see backends_disagree for why not on the exact error).
  if (!fast && ((fast.error().code() == otawire::errc::malformed_json) != (dom.error().code() == otawire::errc::malformed_json))) {
    std::abort();
  }
  return 0;
}

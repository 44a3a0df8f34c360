// The two decoders (simdjson On-Demand, Boost.JSON DOM) must agree on every payload: on
// acceptance, on the decoded message, and on the error's kind and path (malformed JSON: kind
// only). Input: one byte choosing the message type, then the payload; the payload is also
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
    if (fast) std::abort();
    return 0;
  }
  auto dom = jl::decode_tagged_dom(*value);
  if (fast.has_value() != dom.has_value()) std::abort();
  if (fast && !(*fast == *dom)) std::abort();
  if (!fast && fast.error().code != dom.error().code) std::abort();
  return 0;
}

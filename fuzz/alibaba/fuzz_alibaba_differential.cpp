// Alibaba differential target: the simdjson decoder and the Boost.JSON decoder accept the same
// payloads, decode the same values and agree on what is malformed JSON. Input: one byte choosing
// the topic kind (modulo 6), then the payload.
#include "support/alibaba_oracle.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  if (size == 0) return 0;
  const auto kind = static_cast<otawire::alibaba::topic_kind>(data[0] % 6);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto disagreement = otawire::test::alibaba::differential(parser, kind, text);
  if (!disagreement.empty()) {
    std::fprintf(stderr, "disagreement: %s\n", disagreement.c_str());
    std::abort();
  }
  return 0;
}

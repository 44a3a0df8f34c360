// The two Tencent decoders (simdjson fast path, Boost.JSON DOM) must accept and reject the same
// documents, decode the same values and report the same error kind and path.
#include "support/tencent_oracle.hpp"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (otawire::test::tencent::compare_decoders(parser, text) != otawire::test::tencent::verdict::agree) std::abort();
  return 0;
}

// The two Tencent decoders (simdjson fast path, Boost.JSON DOM) must accept and reject the same
// documents, decode the same values, and report the same error kind and JSON path. One exception:
// a document with duplicate keys and several bad values, where the backends may name different
// ones of the errors (see tencent_oracle.hpp); both must still reject it, and agree on whether
// it is malformed JSON.
#include "support/tencent_oracle.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {
namespace oracle = otawire::test::tencent;

bool has_duplicate_keys(simdjson::dom::element e) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (e.get(object) == simdjson::SUCCESS) {
    std::vector<std::string_view> keys;
    for (auto field : object) {
      if (std::find(keys.begin(), keys.end(), field.key) != keys.end()) return true;
      keys.push_back(field.key);
      if (has_duplicate_keys(field.value)) return true;
    }
  } else if (e.get(array) == simdjson::SUCCESS) {
    for (auto element : array) {
      if (has_duplicate_keys(element)) return true;
    }
  }
  return false;
}

bool has_duplicate_keys(std::string_view text) {
  static simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return false;
  return has_duplicate_keys(root);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto strict = oracle::compare_decoders(parser, text, oracle::errors_agree::kind_and_path);
  if (strict == oracle::verdict::agree) return 0;
  if (strict == oracle::verdict::error_mismatch &&
      oracle::compare_decoders(parser, text, oracle::errors_agree::malformed_only) == oracle::verdict::agree &&
      has_duplicate_keys(text)) {
    return 0;
  }
  std::abort();
}

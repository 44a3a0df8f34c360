// The two Tencent decoders (simdjson fast path, Boost.JSON DOM) must accept and reject the same
// documents, decode the same values, and report the same error kind and JSON path. One exception:
// a document with duplicate keys and several bad values, where the backends may name different
// ones of the errors (see tencent_oracle.hpp); both must still reject it, and agree on whether
// it is malformed JSON.
#include "support/tencent_oracle.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace oracle = otawire::test::tencent;

// Walked with On-Demand, which (unlike simdjson's DOM) accepts integers beyond 64 bits.
bool has_duplicate_keys(simdjson::ondemand::value v, std::size_t depth) {
  if (depth > otawire::json::max_depth) return false;
  simdjson::ondemand::json_type type{};
  if (v.type().get(type) != simdjson::SUCCESS) return false;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS) return false;
    std::vector<std::string> keys;
    for (auto field_result : object) {
      simdjson::ondemand::field field;
      if (std::move(field_result).get(field) != simdjson::SUCCESS) return false;
      std::string_view key;
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
      keys.emplace_back(key);
      if (has_duplicate_keys(field.value(), depth + 1)) return true;
    }
  } else if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS) return false;
    for (auto element_result : array) {
      simdjson::ondemand::value element;
      if (std::move(element_result).get(element) != simdjson::SUCCESS) return false;
      if (has_duplicate_keys(element, depth + 1)) return true;
    }
  }
  return false;
}

bool has_duplicate_keys(std::string_view text) {
  static simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return false;
  simdjson::ondemand::value root;
  if (doc.get_value().get(root) != simdjson::SUCCESS) return false;
  return has_duplicate_keys(root, 0);
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

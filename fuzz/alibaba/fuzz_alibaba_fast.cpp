// Alibaba fast path against the generic walk (issue 16 item 2): the decoder (fast path first, the
// generic walk when it declines) and the generic walk alone must give the same message or the
// same error, on any input, copied and zero-copy. Input: one byte choosing the topic kind
// (modulo 6), then the payload, as fuzz_alibaba_differential. Any disagreement aborts.
#include <otawire/alibaba.hpp>

#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {
namespace ab = otawire::alibaba;

bool same(const otawire::result<void>& a, const ab::message& am, const otawire::result<void>& b, const ab::message& bm) {
  if (a.has_value() != b.has_value()) return false;
  return a ? am == bm : a.error() == b.error();
}

void check(otawire::json::parser& decoder, otawire::json::parser& generic, ab::topic_kind kind, std::string_view json) {
  const ab::topic t{kind, "a1pk", "dev"};
  // Separate parsers: the messages' views point into each parser's buffers.
  ab::message slow_message;
  const auto slow =
      generic.parse(json, [&](otawire::json::simd_document& d) { return ab::detail::decode_payload(kind, d, slow_message); });
  ab::message copied;
  if (!same(ab::decode_payload_into(decoder, t, json, copied), copied, slow, slow_message)) {
    std::fprintf(stderr, "fast path and generic walk disagree (copied input, topic kind %d)\n", static_cast<int>(kind));
    std::abort();
  }
  const simdjson::padded_string padded(json);
  const simdjson::padded_string_view view(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING);
  ab::message zero_copy;
  if (!same(ab::decode_payload_into(decoder, t, view, zero_copy), zero_copy, slow, slow_message)) {
    std::fprintf(stderr, "fast path and generic walk disagree (zero copy, topic kind %d)\n", static_cast<int>(kind));
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  static otawire::json::parser generic;
  if (size == 0) return 0;
  const auto kind = static_cast<ab::topic_kind>(data[0] % 6);
  const std::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);
  check(decoder, generic, kind, json);
  return 0;
}

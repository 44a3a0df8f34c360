// Tencent fast path against the generic walk (issue 16 item 2): the decoder (fast path first,
// the generic walk when it declines) and the generic walk alone must give the same message or the
// same error, on any input, copied and zero-copy, for any message and for each direction (the
// topic-checked entry points). Any disagreement aborts.
#include <otawire/tencent.hpp>

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace {
namespace tc = otawire::tencent;

bool same(const otawire::result<tc::message>& a, const otawire::result<tc::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

otawire::result<tc::message> decode(otawire::json::parser& p, std::optional<otawire::direction> d, std::string_view json) {
  return d ? tc::decode_payload(p, *d, json) : tc::decode_payload(p, json);
}
otawire::result<tc::message> decode(otawire::json::parser& p, std::optional<otawire::direction> d,
                                    simdjson::padded_string_view json) {
  return d ? tc::decode_payload(p, *d, json) : tc::decode_payload(p, json);
}

void check(otawire::json::parser& decoder, otawire::json::parser& generic, std::optional<otawire::direction> d,
           std::string_view json) {
  const auto walk = [d](otawire::json::simd_document& doc) { return tc::detail::decode_message(doc, d); };
  // Copies: the next decode reuses the buffers the views point into.
  const auto slow = generic.parse(json, walk);
  if (!same(decode(decoder, d, json), slow)) {
    std::fprintf(stderr, "fast path and generic walk disagree (copied input, direction %d)\n", d ? static_cast<int>(*d) : -1);
    std::abort();
  }
  const simdjson::padded_string padded(json);
  const simdjson::padded_string_view view(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING);
  if (!same(decode(decoder, d, view), slow)) {
    std::fprintf(stderr, "fast path and generic walk disagree (zero copy, direction %d)\n", d ? static_cast<int>(*d) : -1);
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  static otawire::json::parser generic;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  check(decoder, generic, std::nullopt, json);
  check(decoder, generic, otawire::direction::device_to_platform, json);
  check(decoder, generic, otawire::direction::platform_to_device, json);
  return 0;
}

// CTWing fast path against the generic walk (issue 16 item 2): the decoder (fast path first,
// the generic walk when it declines) and the generic walk alone must give the same message or the
// same error, on any input, copied and zero-copy. Any disagreement aborts.
#include "input.hpp"

#include <otawire/ctwing/codec.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
namespace cw = otawire::ctwing;

bool same(const otawire::result<cw::message>& a, const otawire::result<cw::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

void check(otawire::json::parser& decoder, otawire::json::parser& generic, cw::topic t, std::string_view json) {
  const auto walk = [t](otawire::json::simd_document& d) { return cw::detail::decode_message(d, t); };
  // Copies: the next decode reuses the buffers the views point into.
  const auto fast = cw::decode_payload(decoder, t, json);
  const auto slow = generic.parse(json, walk);
  if (!same(fast, slow)) {
    std::fprintf(stderr, "fast path and generic walk disagree (copied input, topic %s)\n",
                 std::string(cw::format_topic(t).value()).c_str());
    std::abort();
  }
  const simdjson::padded_string padded(json);
  const auto fast_padded = cw::decode_payload(decoder, t, simdjson::padded_string_view(padded.data(), padded.size(),
                                                                           padded.size() + simdjson::SIMDJSON_PADDING));
  if (!same(fast_padded, slow)) {
    std::fprintf(stderr, "fast path and generic walk disagree (zero copy, topic %s)\n",
                 std::string(cw::format_topic(t).value()).c_str());
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  static otawire::json::parser generic;
  const auto in = otawire::fuzz::ctwing::split(data, size);
  if (!in.topic.empty()) {
    if (auto t = cw::parse_topic(in.topic)) check(decoder, generic, *t, in.json);
    return 0;
  }
  for (auto t : {cw::topic::inform, cw::topic::upgrade, cw::topic::progress}) check(decoder, generic, t, in.json);
  return 0;
}

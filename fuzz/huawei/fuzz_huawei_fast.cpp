// Huawei fast path against the generic walk (issue 16 item 2): the decoder (fast path first, the
// generic walk when it declines) and the generic walk alone must give the same message or the
// same error, on any input, copied and zero-copy, through `decode(parser, text)` and the
// contract's `decode(parser, publish)`. Any disagreement aborts.
#include <otawire/huawei.hpp>

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {
namespace hw = otawire::huawei;

bool same(const otawire::result<hw::message>& a, const otawire::result<hw::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

bool same(const otawire::result<hw::envelope>& a, const otawire::result<hw::message>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? a->message == *b : a.error() == b.error();
}

[[noreturn]] void disagree(const char* how) {
  std::fprintf(stderr, "fast path and generic walk disagree (%s)\n", how);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static otawire::json::parser decoder;
  static otawire::json::parser generic;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  // The generic walk alone, into its own message; its views point into `generic`'s buffer, which
  // only the next input reuses.
  hw::message walked;
  const auto r = generic.parse(json, [&](otawire::json::simd_document& d) { return hw::detail::generic_message(d, walked); });
  otawire::result<hw::message> slow = walked;
  if (!r) slow = r.error();

  if (!same(hw::decode_payload(decoder, json), slow)) disagree("copied input");
  const simdjson::padded_string padded(json);
  const simdjson::padded_string_view view(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING);
  if (!same(hw::decode_payload(decoder, view), slow)) disagree("zero copy");
  constexpr std::string_view topic = "$oc/devices/dev1/sys/events/down";
  if (!same(hw::decode(decoder, otawire::mqtt_publish{topic, json}), slow)) disagree("publish");
  if (!same(hw::decode(decoder, otawire::json::padded_publish{topic, view}), slow)) disagree("padded publish");
  return 0;
}

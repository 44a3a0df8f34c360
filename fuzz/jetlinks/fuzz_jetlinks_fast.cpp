// JetLinks fast path against the generic walk (issue 16 item 2): every simdjson entry point (fast
// path first, the generic walk when it declines) and the generic walk alone must give the same
// message or the same error, on any input, copied and zero-copy, by type, by topic and by
// "messageType". Input: one byte choosing the message type, then the payload (as
// fuzz_jetlinks_differential). Any disagreement aborts.
#include <otawire/jetlinks/codec.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
namespace jl = otawire::jetlinks;

template <class T>
bool same(const otawire::result<T>& a, const otawire::result<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? *a == *b : a.error() == b.error();
}

[[noreturn]] void disagree(jl::message_type type, const char* entry) {
  std::fprintf(stderr, "fast path and generic walk disagree (%s, %s)\n", entry, std::string(jl::name(type)).c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static otawire::json::parser decoder;
  static otawire::json::parser generic;
  static jl::envelope reused;  // the publish entry point reuses its envelope, as a receive loop does
  const auto type = jl::all_message_types[data[0] % jl::message_type_count];
  const std::string_view json(reinterpret_cast<const char*>(data + 1), size - 1);

  // Each comparison uses `decoder` once: its next decode reuses the buffers the views point into.
  const auto slow = generic.parse(json, [type](otawire::json::simd_document& d) {
    return jl::detail::decode_message(d, type);
  });
  if (!same(jl::decode_payload(decoder, type, json), slow)) disagree(type, "copied input");
  const simdjson::padded_string padded(json);
  if (!same(jl::decode_payload(decoder, type, simdjson::padded_string_view(padded)), slow)) disagree(type, "zero copy");

  // By topic: the generic walk's message with the topic's device, as decode_publish sets it.
  const std::string topic = "/p/d" + std::string(jl::topic_suffix(type));
  otawire::result<jl::message> slow_published = slow;
  if (slow_published) jl::detail::apply_topic_device(*slow_published, jl::device_topic(type, "p", "d"));
  for (const bool zero_copy : {false, true}) {
    const auto r = zero_copy ? jl::decode_into(decoder, otawire::json::padded_publish{topic, simdjson::padded_string_view(padded)}, reused)
                             : jl::decode_into(decoder, otawire::mqtt_publish{topic, json}, reused);
    const bool agree = r ? slow_published && reused.message == *slow_published
                         : !slow_published && r.error() == slow_published.error();
    if (!agree) disagree(type, zero_copy ? "publish, zero copy" : "publish");
  }

  // By "messageType".
  const auto slow_tagged = generic.parse(json, [](otawire::json::simd_document& d) -> otawire::result<jl::message> {
    auto index = d.select("messageType", jl::detail::message_type_spellings);
    if (!index) return index.error();
    return jl::detail::decode_message(d, jl::all_message_types[*index / 2]);
  });
  if (!same(jl::decode_tagged(decoder, json), slow_tagged)) disagree(type, "tagged");
  return 0;
}

// detect + decode_any target. Input: "<topic>\n<payload>" (no newline: the whole input is the
// topic, with an empty payload). Oracles:
// - detect names a family exactly when that family's topic parser, and no other, takes the
//   topic; "no family" when none does, "several" when two or more do; the identity it returns
//   is made of views into the topic;
// - decode_any, copying and zero-copy, gives what the detected family's own decode gives (the
//   same envelope, or the same error), and detect's error when detect fails.
#include "detect/family_decode.hpp"

#include <otawire/detect.hpp>

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
using otawire::family;

bool accepts(family f, std::string_view topic) {
  switch (f) {
    case family::tencent: return otawire::tencent::parse_topic(topic).has_value();
    case family::ctwing: return otawire::ctwing::parse_topic(topic).has_value();
    case family::jetlinks: return otawire::jetlinks::parse_topic(topic).has_value();
    case family::huawei: return otawire::huawei::parse_topic(topic).has_value();
    case family::alibaba: return otawire::alibaba::parse_topic(topic).has_value();
  }
  return false;
}

bool inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const auto newline = all.find('\n');
  const std::string_view topic = all.substr(0, newline);
  const std::string_view payload = newline == std::string_view::npos ? std::string_view{} : all.substr(newline + 1);

  std::size_t accepted = 0;
  family only{};
  for (const auto f : otawire::all_families) {
    if (accepts(f, topic)) {
      ++accepted;
      only = f;
    }
  }
  const auto detected = otawire::detect(topic);
  if (accepted == 1) {
    if (!detected || detected->family != only) std::abort();
    const auto& id = detected->device;
    if (!inside(id.product, topic) || !inside(id.device, topic) || !inside(id.child, topic)) std::abort();
  } else if (detected) {
    std::abort();
  } else if (detected.error().where() != (accepted == 0 ? otawire::detect_error::no_family_matched
                                                      : otawire::detect_error::several_families_matched)) {
    std::abort();
  }

  static otawire::json::parser any_parser;
  static otawire::json::parser padded_parser;
  static otawire::test::detect::family_decoders own;
  const simdjson::padded_string padded(payload);
  const auto copied = otawire::decode_any(any_parser, topic, payload);
  const auto in_place = otawire::decode_any(padded_parser, topic, padded);
  if (copied.has_value() != in_place.has_value()) std::abort();
  if (!detected) {
    if (copied || copied.error() != detected.error() || in_place.error() != detected.error()) std::abort();
    return 0;
  }
  const auto expected = own.decode(detected->family, topic, payload);
  if (copied.has_value() != expected.has_value()) std::abort();
  if (!expected) {
    if (copied.error() != expected.error() || in_place.error() != expected.error()) std::abort();
    return 0;
  }
  if (otawire::family_of(*copied) != detected->family) std::abort();
  if (!otawire::test::detect::same_envelope(*copied, *expected)) std::abort();
  if (!otawire::test::detect::same_envelope(*in_place, *expected)) std::abort();
  return 0;
}

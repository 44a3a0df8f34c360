// otawire::detect — which JSON family an MQTT topic belongs to, and the device it names; and
// decode_any, one decode for a platform or gateway subscribed to every family's topics.
//
//   auto d = otawire::detect("$ota/report/LWVUL5SZ2L/dev1");   // result<detected_topic>
//   // d->family == family::tencent, d->device.product == "LWVUL5SZ2L", d->device.device == "dev1"
//   otawire::json::parser p;                                  // keep one; it reuses its buffers
//   auto e = otawire::decode_any(p, topic, payload);          // result<any_envelope>
//   if (e) std::visit([](const auto& env) { /* env.dir(), env.identity(), env.topic, env.message */ }, *e);
//
// This is the one header that knows every family; the families never include each other.
// Detection asks each family's own topic parser (there is no second grammar here): a topic is of
// a family exactly when that family's parse_topic accepts it. The families' grammars overlap in
// one place: JetLinks reads a topic without its leading '/' as if it had one, so
// `$ota/report/firmware/report` is both a Tencent topic (product "firmware", device "report")
// and a JetLinks one (product "$ota", device "report", suffix /firmware/report). Such a topic is
// refused as ambiguous rather than guessed.
#ifndef OTAWIRE_DETECT_HPP
#define OTAWIRE_DETECT_HPP

#include <otawire/alibaba/codec.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/contract.hpp>
#include <otawire/ctwing/codec.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/error.hpp>
#include <otawire/huawei/codec.hpp>
#include <otawire/huawei/topic.hpp>
#include <otawire/jetlinks/codec.hpp>
#include <otawire/jetlinks/topic.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/result.hpp>
#include <otawire/tencent/codec.hpp>
#include <otawire/tencent/topic.hpp>

#include <simdjson.h>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire {

/// The five MQTT + JSON families, in the order of `any_envelope`'s alternatives.
enum class family : std::uint8_t { tencent, ctwing, jetlinks, huawei, alibaba };

/// Every family, in `family` order.
inline constexpr std::array<family, 5> all_families{family::tencent, family::ctwing, family::jetlinks,
                                                    family::huawei, family::alibaba};

/// The family's name as the inspector and the docs write it.
[[nodiscard]] constexpr std::string_view name(family f) noexcept {
  switch (f) {
    case family::tencent: return "tencent";
    case family::ctwing: return "ctwing";
    case family::jetlinks: return "jetlinks";
    case family::huawei: return "huawei";
    case family::alibaba: return "alibaba";
  }
  return "";
}

/// What `detect` found: the family and the device the topic names.
struct detected_topic {
  otawire::family family = family::tencent;  ///< Whose topic it is.
  device_identity device;                    ///< The device the topic names (contract.hpp).
  friend constexpr bool operator==(const detected_topic&, const detected_topic&) noexcept = default;
};

/// The `where` of detect's two errors.
namespace detect_error {
/// `unknown_message`: no family's topic parser accepts the topic.
inline constexpr std::string_view no_family_matched = "detect.no_family_matched";
/// `invalid_value`: more than one family's topic parser accepts it (offset: none).
inline constexpr std::string_view several_families_matched = "detect.several_families_matched";
}  // namespace detect_error

namespace detail {
/// Each family's parsed topic, filled by detect (every family is asked: the grammars overlap).
struct parsed_topics {
  tencent::topic tencent;
  ctwing::topic ctwing = ctwing::topic::inform;
  jetlinks::topic jetlinks;
  huawei::topic huawei;
  alibaba::topic alibaba;
};

/// The family's parse_topic, and the identity it carries; false when the family refuses the topic.
[[nodiscard]] constexpr bool detect_as(family f, std::string_view text, device_identity& out,
                                       parsed_topics& parsed) noexcept {
  switch (f) {
    case family::tencent:
      if (auto t = tencent::parse_topic(text)) {
        parsed.tencent = *t;
        out = t->identity();
        return true;
      }
      return false;
    case family::ctwing:
      if (auto t = ctwing::parse_topic(text)) {
        parsed.ctwing = *t;
        out = {};
        return true;
      }
      return false;
    case family::jetlinks:
      if (auto t = jetlinks::parse_topic(text)) {
        parsed.jetlinks = *t;
        out = t->identity();
        return true;
      }
      return false;
    case family::huawei:
      if (auto t = huawei::parse_topic(text)) {
        parsed.huawei = *t;
        out = t->identity();
        return true;
      }
      return false;
    case family::alibaba:
      if (auto t = alibaba::parse_topic(text)) {
        parsed.alibaba = *t;
        out = t->identity();
        return true;
      }
      return false;
  }
  return false;
}

[[nodiscard]] constexpr result<detected_topic> detect(std::string_view topic, parsed_topics& parsed) noexcept {
  detected_topic found;
  std::size_t matches = 0;
  for (const family f : all_families) {
    device_identity id;
    if (!detect_as(f, topic, id, parsed)) continue;
    if (++matches > 1) return fail(errc::invalid_value, detect_error::several_families_matched);
    found = {f, id};
  }
  if (matches == 0) return fail(errc::unknown_message, detect_error::no_family_matched, 0);
  return found;
}
}  // namespace detail

/// The family of an MQTT topic and the device it names. Errors: `unknown_message` at
/// `detect_error::no_family_matched` (offset 0) when no family takes the topic, `invalid_value`
/// at `detect_error::several_families_matched` when more than one does.
[[nodiscard]] constexpr result<detected_topic> detect(std::string_view topic) noexcept {
  detail::parsed_topics parsed;
  return detail::detect(topic, parsed);
}

// --- decode_any ----------------------------------------------------------------------------------

/// One decoded publish of any family; the alternative's index is the `family`'s value.
/// Each alternative is that family's `envelope` (the contract's `mqtt_envelope` of its topic and
/// message), so `dir()`, `identity()`, `topic` and `message` read the same in every branch.
using any_envelope =
    std::variant<tencent::envelope, ctwing::envelope, jetlinks::envelope, huawei::envelope, alibaba::envelope>;

/// The family an envelope came from.
[[nodiscard]] constexpr family family_of(const any_envelope& e) noexcept { return static_cast<family>(e.index()); }

/// Detects the topic's family, then decodes the payload with that family's decoder: padded text
/// is read in place, any other copied into the parser's padded buffer (json::payload_text). The
/// result's views point into the payload or `p`, and the topic text, valid until `p` decodes
/// again. Errors: detect's, or the family's decode's.
[[nodiscard]] inline result<any_envelope> decode_any(json::parser& p OTAWIRE_LIFETIMEBOUND,
                                                     std::string_view topic OTAWIRE_LIFETIMEBOUND,
                                                     json::payload_text payload) noexcept {
  const auto detected = otawire::detect(topic);
  if (!detected) return detected.error();
  const json::publish_text publish(topic, payload);
  const auto wrap = [](auto decoded, auto index) -> result<any_envelope> {
    if (!decoded) return decoded.error();
    return any_envelope{index, std::move(*decoded)};
  };
  switch (detected->family) {
    case family::tencent: return wrap(tencent::decode(p, publish), std::in_place_index<0>);
    case family::ctwing: return wrap(ctwing::decode(p, publish), std::in_place_index<1>);
    case family::jetlinks: return wrap(jetlinks::decode(p, publish), std::in_place_index<2>);
    case family::huawei: return wrap(huawei::decode(p, publish), std::in_place_index<3>);
    case family::alibaba: return wrap(alibaba::decode(p, publish), std::in_place_index<4>);
  }
  return fail(errc::unknown_message, detect_error::no_family_matched, 0);
}

}  // namespace otawire

#endif

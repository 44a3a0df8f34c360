// otawire::huawei — the two MQTT topics of the `$ota` events (§A.1):
//   $oc/devices/{device_id}/sys/events/down   platform → device
//   $oc/devices/{device_id}/sys/events/up     device → platform
// `{device_id}` is the connected device (the gateway in gateway mode).
#ifndef OTAWIRE_HUAWEI_TOPIC_HPP
#define OTAWIRE_HUAWEI_TOPIC_HPP

#include <otawire/huawei/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <span>
#include <string>
#include <string_view>

namespace otawire::huawei {

/// Every events topic starts with this, then the device id.
inline constexpr std::string_view topic_prefix = "$oc/devices/";
/// The platform → device events topic ends with this.
inline constexpr std::string_view topic_suffix_down = "/sys/events/down";
/// The device → platform events topic ends with this.
inline constexpr std::string_view topic_suffix_up = "/sys/events/up";

/// A parsed events topic; `device_id` is a view into the topic text.
struct topic {
  std::string_view device_id;  ///< The connected device (a gateway's children are named in the payload).
  otawire::direction direction = otawire::direction::platform_to_device;  ///< `events/down` or `events/up`.

  /// The connected device the topic names (no product level; a child is named by the message:
  /// see `huawei::identity_of(topic, message)`).
  [[nodiscard]] constexpr device_identity identity() const noexcept { return {{}, device_id, {}}; }
  [[nodiscard]] friend constexpr bool operator==(const topic&, const topic&) noexcept = default;
};

/// Parses an events topic. Errors (json/fields.hpp's topic rule; `where` = "topic", offset into
/// the topic): not an events topic of this form (`unknown_message`); an empty device id
/// (`missing_field`); one holding `/`, an MQTT wildcard (`+`, `#`), a control character or
/// malformed UTF-8 (`bad_string`).
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view t) noexcept {
  if (!t.starts_with(topic_prefix)) return json::fields::foreign_topic(0);
  topic out;
  std::string_view rest = t.substr(topic_prefix.size());
  if (rest.ends_with(topic_suffix_down)) {
    rest.remove_suffix(topic_suffix_down.size());
    out.direction = direction::platform_to_device;
  } else if (rest.ends_with(topic_suffix_up)) {
    rest.remove_suffix(topic_suffix_up.size());
    out.direction = direction::device_to_platform;
  } else {
    return json::fields::foreign_topic(topic_prefix.size());
  }
  if (auto r = json::fields::check_topic_level(rest, "topic", topic_prefix.size()); !r) return r.error();
  out.device_id = rest;
  return out;
}

/// The device a message on `t` is about: the topic's device, and as the child the message's
/// `object_device_id` when it names another device (a gateway speaking for a child, §A.1-A.2; a
/// direct device may repeat its own id there, which names no child).
[[nodiscard]] constexpr device_identity identity_of(const topic& t, const message& m) noexcept {
  device_identity id = t.identity();
  if (m.object_device_id && *m.object_device_id != t.device_id) id.child = *m.object_device_id;
  return id;
}

/// Which way a message on `t` travels (`events/up` or `events/down`).
[[nodiscard]] constexpr direction direction_of(const topic& t) noexcept { return t.direction; }

/// The events topic's suffix for messages travelling `d` (`/sys/events/down` or `/sys/events/up`).
[[nodiscard]] constexpr std::string_view topic_suffix(direction d) noexcept {
  return d == direction::platform_to_device ? topic_suffix_down : topic_suffix_up;
}

/// The exact length of the topic text for `t` (whether or not `t` is valid).
[[nodiscard]] constexpr std::size_t formatted_size(const topic& t) noexcept {
  return topic_prefix.size() + t.device_id.size() + topic_suffix(t.direction).size();
}

/// Writes the events topic of `t` into `out` (no allocation); returns the length. Errors: the
/// device id by json/fields.hpp's topic rule (`missing_field`, `bad_string`), `buffer_too_small`.
[[nodiscard]] constexpr result<std::size_t> format_topic(const topic& t, std::span<char> out) noexcept {
  if (auto r = json::fields::check_topic_level(t.device_id, "topic", topic_prefix.size()); !r) return r.error();
  const std::size_t n = formatted_size(t);
  if (out.size() < n) return fail(errc::buffer_too_small, "topic", out.size());
  std::size_t at = 0;
  for (const auto part : {topic_prefix, t.device_id, topic_suffix(t.direction)}) {
    for (const char c : part) out[at++] = c;
  }
  return n;
}

/// The events topic of `t` as a string (validated; json::fields::topic_text).
[[nodiscard]] inline result<std::string> format_topic(const topic& t) { return json::fields::topic_text(t); }

}  // namespace otawire::huawei

#endif

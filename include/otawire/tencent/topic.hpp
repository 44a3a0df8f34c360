// otawire::tencent — the OTA topics `$ota/report|update/${productID}/${deviceName}` (spec §A.1).
//
// The SDKs build them as "$ota/%s/%s/%s". Gateway sub-devices use the same two topics with the
// sub-device's productID and deviceName, so a sub-device topic is an ordinary topic here.
//
// Validation: the prefix is exactly `$ota/`, the second level `report` or `update`, and both names
// are non-empty topic levels by the rule every family shares (json/fields.hpp: no '/', MQTT
// wildcard, control character or malformed UTF-8). The spec gives no character set for product
// IDs or device names, so nothing else is refused.
// The whole topic is at most 128 bytes, the larger of the SDKs' buffers (64 in C v3, 128 in the
// 2024 Explorer SDK): decode leniently.
#ifndef OTAWIRE_TENCENT_TOPIC_HPP
#define OTAWIRE_TENCENT_TOPIC_HPP

#include <otawire/contract.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace otawire::tencent {

/// Longest topic accepted: the platform's limit for a topic name.
inline constexpr std::size_t topic_max_length = 128;
/// Every OTA topic starts with this.
inline constexpr std::string_view topic_prefix = "$ota/";

/// A parsed OTA topic; the names are views into the topic text.
struct topic {
  /// `$ota/report/…` (device → cloud) or `$ota/update/…` (cloud → device).
  topic_kind kind = topic_kind::report;
  /// The product ID (the topic's third level).
  std::string_view product_id;
  /// The device name (the topic's fourth level).
  std::string_view device_name;

  /// The device the topic names: product ID and device name (a sub-device's own; no child level).
  [[nodiscard]] constexpr device_identity identity() const noexcept { return {product_id, device_name, {}}; }

  friend constexpr bool operator==(const topic&, const topic&) = default;
};


/// The exact length of the topic text for `t` (whether or not `t` is valid).
[[nodiscard]] constexpr std::size_t formatted_size(const topic& t) noexcept {
  return topic_prefix.size() + name(t.kind).size() + 1 + t.product_id.size() + 1 + t.device_name.size();
}

/// Checks the names and the total length.
[[nodiscard]] constexpr result<void> check(const topic& t) noexcept {
  const std::size_t product_at = topic_prefix.size() + name(t.kind).size() + 1;
  if (auto r = json::fields::check_topic_level(t.product_id, "topic.product_id", product_at); !r) return r;
  if (auto r = json::fields::check_topic_level(t.device_name, "topic.device_name", product_at + t.product_id.size() + 1); !r) {
    return r;
  }
  if (formatted_size(t) > topic_max_length) return fail(errc::bad_length, "topic", topic_max_length);
  return ok();
}

/// Parses `$ota/report/LWVUL5SZ2L/dev1`. Errors (json/fields.hpp's topic rule, with the byte
/// offset): not an `$ota/report|update/` topic, `unknown_message` at `topic`; a missing or
/// malformed name at `topic.product_id` / `topic.device_name`; too long, `bad_length` at `topic`.
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view text) noexcept {
  if (text.size() > topic_max_length) return fail(errc::bad_length, "topic", topic_max_length);
  if (text.substr(0, topic_prefix.size()) != topic_prefix) return json::fields::foreign_topic(0);
  std::string_view rest = text.substr(topic_prefix.size());
  topic t;
  const auto slash = rest.find('/');
  const std::string_view kind = rest.substr(0, slash);
  if (kind == "report") {
    t.kind = topic_kind::report;
  } else if (kind == "update") {
    t.kind = topic_kind::update;
  } else {
    return json::fields::foreign_topic(topic_prefix.size());
  }
  if (slash == std::string_view::npos) return fail(errc::missing_field, "topic.product_id", text.size());
  rest.remove_prefix(slash + 1);
  const std::size_t product_at = text.size() - rest.size();
  const auto next = rest.find('/');
  if (next == std::string_view::npos) return fail(errc::missing_field, "topic.device_name", text.size());
  t.product_id = rest.substr(0, next);
  t.device_name = rest.substr(next + 1);
  if (auto r = json::fields::check_topic_level(t.product_id, "topic.product_id", product_at); !r) return r.error();
  if (auto r = json::fields::check_topic_level(t.device_name, "topic.device_name", product_at + next + 1); !r) {
    return r.error();
  }
  return t;
}

/// Writes the topic text into `out`; returns the length. `buffer_too_small` when it does not fit.
[[nodiscard]] constexpr result<std::size_t> format_topic(const topic& t, std::span<char> out) noexcept {
  if (auto r = check(t); !r) return r.error();
  const std::size_t n = formatted_size(t);
  if (out.size() < n) return fail(errc::buffer_too_small, "topic", out.size());
  std::size_t at = 0;
  const auto put = [&](std::string_view s) {
    for (const char c : s) out[at++] = c;
  };
  put(topic_prefix);
  put(name(t.kind));
  put("/");
  put(t.product_id);
  put("/");
  put(t.device_name);
  return n;
}

/// The topic text as a string (validated; json::fields::topic_text).
[[nodiscard]] inline result<std::string> format_topic(const topic& t) { return json::fields::topic_text(t); }

///@{
/// The report (device → cloud) and update (cloud → device) topics of one device.
[[nodiscard]] constexpr topic report_topic(std::string_view product_id, std::string_view device_name) noexcept {
  return {topic_kind::report, product_id, device_name};
}
[[nodiscard]] constexpr topic update_topic(std::string_view product_id, std::string_view device_name) noexcept {
  return {topic_kind::update, product_id, device_name};
}
///@}

}  // namespace otawire::tencent

#endif

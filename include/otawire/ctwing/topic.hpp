// otawire CTWing MQTT FOTA: the three OTA topics, parsed and formatted.
//
// The doc writes the topics with a leading slash (`/ota/inform`, `/ota/upgrade`,
// `/ota/progress`) [C1]; the device firmware of [C2] subscribes to `ota/upgrade` without one.
// Both spellings are accepted; the formatter writes the documented one (with the slash), which
// is also what [C2] publishes. Anything else — a prefix, a suffix, a different case — is not an
// OTA topic ([C2]'s substring match `strstr(topic,"ota/upgrade")` is not reproduced on purpose:
// it would take `/ota/upgrade_reply` or `x/ota/upgrade` for the upgrade topic).
#ifndef OTAWIRE_CTWING_TOPIC_HPP
#define OTAWIRE_CTWING_TOPIC_HPP

#include <otawire/contract.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace otawire::ctwing {

/// The three fixed topics; the topic alone says which message a payload is.
enum class topic : std::uint8_t {
  inform,    ///< device -> platform: version report
  upgrade,   ///< platform -> device: upgrade notification
  progress,  ///< device -> platform: progress or failure
};

namespace detail {
/// The documented topic name, with its leading slash.
[[nodiscard]] constexpr std::string_view topic_name(topic t) noexcept {
  switch (t) {
    case topic::inform: return "/ota/inform";
    case topic::upgrade: return "/ota/upgrade";
    case topic::progress: return "/ota/progress";
  }
  return "";
}
}  // namespace detail

/// The exact length of the topic text for `t`.
[[nodiscard]] constexpr std::size_t formatted_size(topic t) noexcept { return detail::topic_name(t).size(); }

/// Writes the topic text of `t` (`/ota/inform`, …) into `out` (no allocation); returns the length;
/// `buffer_too_small` if it does not fit.
[[nodiscard]] constexpr result<std::size_t> format_topic(topic t, std::span<char> out) noexcept {
  const std::string_view text = detail::topic_name(t);
  if (out.size() < text.size()) return fail(errc::buffer_too_small, "topic", out.size());
  for (std::size_t i = 0; i < text.size(); ++i) out[i] = text[i];
  return text.size();
}

/// The topic text of `t` as a string (json::fields::topic_text).
[[nodiscard]] inline result<std::string> format_topic(topic t) { return json::fields::topic_text(t); }

/// A short name for the message carried on `t` (used by the inspector and in messages).
[[nodiscard]] constexpr std::string_view message_name(topic t) noexcept {
  switch (t) {
    case topic::inform: return "inform";
    case topic::upgrade: return "upgrade";
    case topic::progress: return "progress";
  }
  return "";
}

/// Who publishes on `t` (only `/ota/upgrade` comes from the platform).
[[nodiscard]] constexpr direction direction_of(topic t) noexcept {
  return t == topic::upgrade ? direction::platform_to_device : direction::device_to_platform;
}

/// `/ota/inform`, `ota/inform`, … -> the topic; anything else is `unknown_message` at "topic"
/// (json/fields.hpp's topic rule), at the first byte that matches none of the three.
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view text) noexcept {
  const std::size_t base = !text.empty() && text.front() == '/' ? 1 : 0;
  const std::string_view name = text.substr(base);
  if (name == "ota/inform") return topic::inform;
  if (name == "ota/upgrade") return topic::upgrade;
  if (name == "ota/progress") return topic::progress;
  std::size_t matched = 0;
  for (const std::string_view known : {std::string_view("ota/inform"), std::string_view("ota/upgrade"), std::string_view("ota/progress")}) {
    std::size_t i = 0;
    while (i < known.size() && i < name.size() && known[i] == name[i]) ++i;
    matched = matched > i ? matched : i;
  }
  return json::fields::foreign_topic(base + matched);
}

}  // namespace otawire::ctwing

#endif

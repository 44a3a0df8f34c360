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
#include <otawire/result.hpp>

#include <cstdint>
#include <string_view>

namespace otawire::ctwing {

/// The three fixed topics; the topic alone says which message a payload is.
enum class topic : std::uint8_t {
  inform,    ///< device -> platform: version report
  upgrade,   ///< platform -> device: upgrade notification
  progress,  ///< device -> platform: progress or failure
};

/// The documented topic name, with its leading slash.
[[nodiscard]] constexpr std::string_view to_string(topic t) noexcept {
  switch (t) {
    case topic::inform: return "/ota/inform";
    case topic::upgrade: return "/ota/upgrade";
    case topic::progress: return "/ota/progress";
  }
  return "";
}

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

/// `/ota/inform`, `ota/inform`, … -> the topic; anything else is `unknown_message` at "topic".
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view name) noexcept {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  if (name == "ota/inform") return topic::inform;
  if (name == "ota/upgrade") return topic::upgrade;
  if (name == "ota/progress") return topic::progress;
  return fail(errc::unknown_message, "topic");
}

}  // namespace otawire::ctwing

#endif

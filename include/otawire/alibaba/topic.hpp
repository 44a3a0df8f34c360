// otawire Alibaba Link OTA: MQTT topics (spec huawei-alibaba-json.md §B.1).
//
//   /ota/device/inform/${productKey}/${deviceName}            device → cloud  version report
//   /ota/device/upgrade/${productKey}/${deviceName}           cloud → device  upgrade push
//   /ota/device/progress/${productKey}/${deviceName}          device → cloud  progress
//   /ota/device/request/${productKey}/${deviceName}           device → cloud  legacy request [A11]
//   /sys/${productKey}/${deviceName}/thing/ota/firmware/get        device → cloud  pull request
//   /sys/${productKey}/${deviceName}/thing/ota/firmware/get_reply  cloud → device  pull reply
//
// A gateway publishing for a sub-device uses the sub-device's productKey/deviceName [A7].
#ifndef OTAWIRE_ALIBABA_TOPIC_HPP
#define OTAWIRE_ALIBABA_TOPIC_HPP

#include <otawire/contract.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace otawire::alibaba {

/// Which OTA topic: each carries one message type (`request` is iotkit's legacy version request).
enum class topic_kind : std::uint8_t { inform, upgrade, progress, request, firmware_get, firmware_get_reply };

/// Who publishes on `k`: the cloud for pushes and pull replies, the device otherwise.
[[nodiscard]] constexpr direction direction_of(topic_kind k) noexcept {
  return (k == topic_kind::upgrade || k == topic_kind::firmware_get_reply) ? direction::platform_to_device
                                                                           : direction::device_to_platform;
}

/// The snake_case name of `k`, as in the `/ota/device/<name>/…` topics.
[[nodiscard]] constexpr std::string_view name(topic_kind k) noexcept {
  constexpr std::array<std::string_view, 6> names{"inform", "upgrade", "progress", "request", "firmware_get",
                                                  "firmware_get_reply"};
  return names[static_cast<std::size_t>(k)];
}

/// A parsed topic: views into the topic text.
struct topic {
  topic_kind kind = topic_kind::inform;  ///< Which topic, and so which message type.
  std::string_view product_key;          ///< `${productKey}`: the product.
  std::string_view device_name;          ///< `${deviceName}`: the device within the product.

  /// The device the topic names: product key and device name (a sub-device's own; no child level).
  [[nodiscard]] constexpr device_identity identity() const noexcept { return {product_key, device_name, {}}; }
  [[nodiscard]] friend constexpr bool operator==(const topic&, const topic&) = default;
};

/// Which way a message on `t` travels.
[[nodiscard]] constexpr direction direction_of(const topic& t) noexcept { return direction_of(t.kind); }

namespace detail {
inline constexpr std::string_view ota_prefix = "/ota/device/";
inline constexpr std::string_view sys_prefix = "/sys/";
inline constexpr std::string_view get_suffix = "/thing/ota/firmware/get";
inline constexpr std::string_view get_reply_suffix = "/thing/ota/firmware/get_reply";

}  // namespace detail

/// Parses a concrete topic (no wildcards). Errors (json/fields.hpp's topic rule): `unknown_message`
/// at "topic" (with the offset where it stops matching); at "topic.product_key" /
/// "topic.device_name", `missing_field` for an empty level and `bad_string` at a byte the level
/// may not hold.
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view t) noexcept {
  using namespace std::string_view_literals;
  const auto split_device = [](std::string_view rest, std::size_t base, topic_kind k) -> result<topic> {
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) return json::fields::foreign_topic(base + rest.size());
    const auto pk = rest.substr(0, slash);
    const auto dn = rest.substr(slash + 1);
    if (auto r = json::fields::check_topic_level(pk, "topic.product_key", base); !r) return r.error();
    if (auto r = json::fields::check_topic_level(dn, "topic.device_name", base + slash + 1); !r) return r.error();
    return topic{k, pk, dn};
  };
  if (t.starts_with(detail::ota_prefix)) {
    const auto rest = t.substr(detail::ota_prefix.size());
    constexpr std::array<std::pair<std::string_view, topic_kind>, 4> kinds{{{"inform/"sv, topic_kind::inform},
                                                                             {"upgrade/"sv, topic_kind::upgrade},
                                                                             {"progress/"sv, topic_kind::progress},
                                                                             {"request/"sv, topic_kind::request}}};
    for (const auto& [word, kind] : kinds) {
      if (rest.starts_with(word)) {
        return split_device(rest.substr(word.size()), detail::ota_prefix.size() + word.size(), kind);
      }
    }
    return json::fields::foreign_topic(detail::ota_prefix.size());
  }
  if (t.starts_with(detail::sys_prefix)) {
    auto rest = t.substr(detail::sys_prefix.size());
    topic_kind kind{};
    if (rest.ends_with(detail::get_reply_suffix)) {
      kind = topic_kind::firmware_get_reply;
      rest.remove_suffix(detail::get_reply_suffix.size());
    } else if (rest.ends_with(detail::get_suffix)) {
      kind = topic_kind::firmware_get;
      rest.remove_suffix(detail::get_suffix.size());
    } else {
      return json::fields::foreign_topic(t.size());
    }
    return split_device(rest, detail::sys_prefix.size(), kind);
  }
  return json::fields::foreign_topic(0);
}

/// Builds the topic text.
[[nodiscard]] inline std::string format_topic(topic_kind kind, std::string_view product_key, std::string_view device_name) {
  std::string out;
  if (kind == topic_kind::firmware_get || kind == topic_kind::firmware_get_reply) {
    out.reserve(detail::sys_prefix.size() + product_key.size() + device_name.size() + detail::get_reply_suffix.size() + 1);
    out.append(detail::sys_prefix).append(product_key).append("/").append(device_name);
    out.append(kind == topic_kind::firmware_get ? detail::get_suffix : detail::get_reply_suffix);
    return out;
  }
  out.append(detail::ota_prefix).append(name(kind)).append("/").append(product_key).append("/").append(device_name);
  return out;
}

/// The topic text of `t`.
[[nodiscard]] inline std::string format_topic(const topic& t) { return format_topic(t.kind, t.product_key, t.device_name); }

}  // namespace otawire::alibaba

#endif

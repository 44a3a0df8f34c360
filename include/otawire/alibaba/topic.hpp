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
#include <span>
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

namespace detail {
/// Whether `k` is one of the `/sys/…/thing/ota/firmware/get[_reply]` topics.
[[nodiscard]] constexpr bool is_sys_topic(topic_kind k) noexcept {
  return k == topic_kind::firmware_get || k == topic_kind::firmware_get_reply;
}
/// The text before the product key: `/ota/device/<kind>/` or `/sys/` (the kind word is `name(k)`).
[[nodiscard]] constexpr std::size_t product_key_at(topic_kind k) noexcept {
  return is_sys_topic(k) ? sys_prefix.size() : ota_prefix.size() + name(k).size() + 1;
}
}  // namespace detail

/// The exact length of the topic text for `t` (whether or not `t` is valid).
[[nodiscard]] constexpr std::size_t formatted_size(const topic& t) noexcept {
  const std::size_t suffix = t.kind == topic_kind::firmware_get         ? detail::get_suffix.size()
                             : t.kind == topic_kind::firmware_get_reply ? detail::get_reply_suffix.size()
                                                                        : 0;
  return detail::product_key_at(t.kind) + t.product_key.size() + 1 + t.device_name.size() + suffix;
}

/// Writes the topic text of `t` into `out` (no allocation); returns the length. Errors (json/fields.hpp's
/// topic rule) at "topic.product_key" / "topic.device_name", `buffer_too_small` at "topic".
[[nodiscard]] constexpr result<std::size_t> format_topic(const topic& t, std::span<char> out) noexcept {
  const std::size_t pk_at = detail::product_key_at(t.kind);
  if (auto r = json::fields::check_topic_level(t.product_key, "topic.product_key", pk_at); !r) return r.error();
  const std::size_t dn_at = pk_at + t.product_key.size() + 1;
  if (auto r = json::fields::check_topic_level(t.device_name, "topic.device_name", dn_at); !r) return r.error();
  const std::size_t n = formatted_size(t);
  if (out.size() < n) return fail(errc::buffer_too_small, "topic", out.size());
  std::size_t at = 0;
  const auto put = [&](std::string_view s) {
    for (const char c : s) out[at++] = c;
  };
  if (detail::is_sys_topic(t.kind)) {
    put(detail::sys_prefix);
  } else {
    put(detail::ota_prefix);
    put(name(t.kind));
    put("/");
  }
  put(t.product_key);
  put("/");
  put(t.device_name);
  if (t.kind == topic_kind::firmware_get) put(detail::get_suffix);
  if (t.kind == topic_kind::firmware_get_reply) put(detail::get_reply_suffix);
  return n;
}

/// The topic text of `t` (validated; json::fields::topic_text).
[[nodiscard]] inline result<std::string> format_topic(const topic& t) { return json::fields::topic_text(t); }

}  // namespace otawire::alibaba

#endif

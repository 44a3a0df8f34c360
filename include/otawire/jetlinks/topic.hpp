// otawire JetLinks: the MQTT topic map of the official protocol (spec §C.1).
//
//   /{productId}/{deviceId}/firmware/<suffix>
//   /{productId}/{gatewayId}/child/{childDeviceId}/firmware/<suffix>
//   /{productId}/{gatewayId}/child-reply/{childDeviceId}/firmware/<suffix>
//
// Parsing follows the platform codec (`TopicMessageCodec.removeProductPath` + `doDecode`):
// - a topic without the leading '/' is read as if it had one;
// - the first level (productId) is not interpreted;
// - the message's `deviceId` is the second level, or for the gateway forms the child device id
//   (the platform wraps the child's message, whose deviceId is `childDeviceId`, in a
//   ChildDeviceMessage whose deviceId is the gateway's): see `topic::identity`.
// - The platform decodes any suffix under either gateway form (`child` and `child-reply`), so
//   both are accepted for every message; the form is kept so that it can be formatted back.
// Deliberately stricter than the platform: empty levels (`//`, a trailing '/') are rejected
// (Java's `split` silently drops trailing empty levels and would take an empty deviceId), and
// nested gateway forms (`child/a/child/b/...`, which the platform unwraps recursively) are
// `unsupported`.
//
// Strings in a parsed `topic` are views into the text given to `parse_topic`.
#ifndef OTAWIRE_JETLINKS_TOPIC_HPP
#define OTAWIRE_JETLINKS_TOPIC_HPP

#include <otawire/contract.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace otawire::jetlinks {

/// Whether a gateway publishes for a child device, and in which form.
enum class child_form : std::uint8_t {
  none,         ///< the device's own topic
  child,        ///< /{productId}/{gatewayId}/child/{childDeviceId}/...
  child_reply,  ///< /{productId}/{gatewayId}/child-reply/{childDeviceId}/...
};

/// The topic suffix of each message (after `/{productId}/{deviceId}`), §C.1.
/// `/firmware/upgrade/reply` exists in protocol branches v3 and v3.1 only; `/firmware/read` not
/// in v2. There is no `/firmware/push`: that is an internal event-bus topic of the platform.
[[nodiscard]] constexpr std::string_view topic_suffix(message_type t) noexcept {
  switch (t) {
    case message_type::read_firmware: return "/firmware/read";
    case message_type::read_firmware_reply: return "/firmware/read/reply";
    case message_type::report_firmware: return "/firmware/report";
    case message_type::request_firmware: return "/firmware/pull";
    case message_type::request_firmware_reply: return "/firmware/pull/reply";
    case message_type::upgrade_firmware: return "/firmware/upgrade";
    case message_type::upgrade_firmware_reply: return "/firmware/upgrade/reply";
    case message_type::upgrade_firmware_progress: return "/firmware/upgrade/progress";
  }
  return "";
}

/// The topic level that introduces the child device (`child`, `child-reply`; empty for `none`).
[[nodiscard]] constexpr std::string_view child_level(child_form f) noexcept {
  return f == child_form::child ? "child" : f == child_form::child_reply ? "child-reply" : "";
}

/// What the platform's encoder writes when the device has no productId (§C.1).
inline constexpr std::string_view null_product_id = "null";

/// A parsed firmware topic: the device (or gateway and child) and the message type it carries.
/// The strings are views into the topic text.
struct topic {
  /// First level: the product ("null" when the device has none, as the platform writes it).
  std::string_view product_id;
  /// Second level: the device itself, or the gateway for the `child` forms.
  std::string_view device_id;
  child_form form = child_form::none;  ///< Whether a gateway publishes for a child device.
  std::string_view child_device_id;  ///< empty unless `form != none`
  message_type type = message_type::report_firmware;  ///< The message the topic carries.

  /// The device the topic names: product, the device (or gateway) and, in the gateway forms, the
  /// child. `identity().message_device()` is the `deviceId` the platform puts into the message.
  [[nodiscard]] constexpr device_identity identity() const noexcept {
    return {product_id, device_id, form == child_form::none ? std::string_view{} : child_device_id};
  }
  /// The gateway publishing for a child device; empty for the device's own topic.
  [[nodiscard]] constexpr std::string_view gateway_id() const noexcept {
    return form == child_form::none ? std::string_view{} : device_id;
  }
  friend constexpr bool operator==(const topic&, const topic&) noexcept = default;
};

namespace detail {
inline constexpr std::size_t max_topic_levels = 8;

enum class slash_scan : std::uint8_t { done, not_plain, stopped };

/// Calls `on_slash(i)` for each '/' at or after `base`, in order, reading eight bytes at a time;
/// `not_plain` when `text` holds a byte the caller must check one by one (non-ASCII, a control
/// character, '+', '#': see json::fields::is_forbidden_topic_ascii); `stopped` when `on_slash`
/// returned false.
template <class F>
[[nodiscard]] inline slash_scan find_slashes(std::string_view text, std::size_t base, F&& on_slash) noexcept {
  if constexpr (std::endian::native != std::endian::little) return slash_scan::not_plain;  // byte loop
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  // Exact per-byte "is zero" for bytes below 0x80: the high bit of each byte of the result.
  const auto zero_bytes = [](std::uint64_t x) { return ~(((x & lows) + lows) | x | lows); };
  // Whether any byte is below 0x20 (the C0 controls), for words without a byte >= 0x80: the
  // borrow of `x - 0x20` reaches a byte's high bit only from a byte below 0x20.
  const auto any_below_space = [](std::uint64_t x) { return ((x - ones * 0x20) & ~x & highs) != 0; };
  const auto load = [&](std::size_t i) {
    std::uint64_t w = ones * 'a';  // 'a' pads a partial last word: none of the tests flag it
    const std::size_t left = text.size() - i;
    if (left >= 8) {
      std::memcpy(&w, text.data() + i, 8);
    } else if (text.size() >= 8) {
      // The text's last eight bytes, shifted so that byte i comes first: whole-word loads only
      // (a byte-wise copy into a word then read whole stalls store forwarding).
      std::uint64_t last = 0;
      std::memcpy(&last, text.data() + text.size() - 8, 8);
      w = (last >> ((8 - left) * 8)) | (w << (left * 8));
    } else {
      std::memcpy(&w, text.data() + i, left);
    }
    return w;
  };
  // One pass: a word is checked before its slashes are reported, so `on_slash` may have been
  // called for earlier words when `not_plain` comes back (the caller then starts over).
  for (std::size_t i = base; i < text.size(); i += 8) {
    const std::uint64_t w = load(i);
    if ((w & highs) != 0 || any_below_space(w) ||
        (zero_bytes(w ^ (ones * '+')) | zero_bytes(w ^ (ones * '#')) | zero_bytes(w ^ (ones * 0x7F))) != 0) {
      return slash_scan::not_plain;
    }
    for (std::uint64_t slashes = zero_bytes(w ^ (ones * '/')); slashes != 0; slashes &= slashes - 1) {
      if (!on_slash(i + (static_cast<std::size_t>(std::countr_zero(slashes)) >> 3))) return slash_scan::stopped;
    }
  }
  return slash_scan::done;
}

/// parse_topic into `t`, with the word-at-a-time slash scan on or off (tests compare the two).
/// Written into the caller's topic: a topic returned inside a result was copied with wide loads
/// right after these narrow stores (a store-forwarding stall on every decode).
[[nodiscard]] constexpr result<void> parse_topic_into(std::string_view text, bool word_scan, topic& t) noexcept {
  const std::size_t base = !text.empty() && text.front() == '/' ? 1 : 0;
  // Check every byte and note where each level starts (offsets into `text`).
  std::array<std::size_t, detail::max_topic_levels + 1> start{};
  std::size_t count = 0;
  start[count++] = base;
  // Topics are parsed on every publish; a test per byte, and the mispredicted branch at every
  // '/', were a sixth of a decode. At run time the common topic (ASCII without NUL, '+', '#')
  // is read eight bytes at a time and its slashes taken from a bit mask; any other topic, and
  // constant evaluation, take the byte-by-byte loop, which says which byte is wrong.
  bool recorded = false;
  if (word_scan) {
    const auto scan = find_slashes(text, base, [&](std::size_t i) {
      if (i == start[count - 1] || count == max_topic_levels) return false;  // an error: see below
      start[count++] = i + 1;
      return true;
    });
    recorded = scan == slash_scan::done;
    if (!recorded) count = 1;  // start over below: the byte loop says which byte or level is wrong
  }
  if (!recorded) {
    for (std::size_t i = base; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '/') {
        if (i == start[count - 1]) return fail(errc::missing_field, "topic", i);  // empty level
        if (count == detail::max_topic_levels) return json::fields::foreign_topic(i + 1);
        start[count++] = i + 1;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        // The topic-level rule every family shares (json/fields.hpp): well-formed UTF-8, no C1.
        const auto len = json::fields::allowed_topic_sequence(text, i);
        if (len == 0) return fail(errc::bad_string, "topic", i);
        i += len - 1;
      } else if (json::fields::is_forbidden_topic_ascii(static_cast<unsigned char>(c))) {
        return fail(errc::bad_string, "topic", i);
      }
    }
  }
  if (start[count - 1] == text.size()) return fail(errc::missing_field, "topic", text.size());  // empty last level
  start[count] = text.size() + 1;  // as if a '/' followed the text
  const auto level = [&](std::size_t k) { return text.substr(start[k], start[k + 1] - 1 - start[k]); };
  if (count < 3) return json::fields::foreign_topic(text.size());
  t = topic{};
  t.product_id = level(0);
  t.device_id = level(1);
  std::size_t first = 2;  // the first level of the suffix
  const auto gateway_form = [](std::string_view l) {
    return l == "child" ? child_form::child : l == "child-reply" ? child_form::child_reply : child_form::none;
  };
  if (const auto form = gateway_form(level(2)); form != child_form::none) {
    if (count < 5) return json::fields::foreign_topic(text.size());
    t.form = form;
    t.child_device_id = level(3);
    first = 4;
    if (gateway_form(level(first)) != child_form::none) return fail(errc::unsupported, "topic", start[first]);
  }
  // The suffix is the rest of the text from the '/' before its first level.
  const std::string_view suffix = text.substr(start[first] - 1);
  for (const auto type : all_message_types) {
    const std::string_view candidate = topic_suffix(type);
    // Length first: most candidates differ in it, and the comparison then never runs.
    if (suffix.size() == candidate.size() && suffix == candidate) {
      t.type = type;
      return ok();
    }
  }
  return json::fields::foreign_topic(start[first]);
}

[[nodiscard]] constexpr result<topic> parse_topic(std::string_view text, bool word_scan) noexcept {
  result<topic> out{std::in_place};  // built in place, returned by name
  if (auto r = parse_topic_into(text, word_scan, *out); !r) out = r.error();
  return out;
}
}  // namespace detail

/// Parses a JetLinks firmware topic. Errors: `bad_string` for what no MQTT topic name may hold
/// (invalid UTF-8, U+0000, the wildcards `+` `#`: MQTT 3.1.1 §1.5.3, §4.7.1 — the deviceId taken
/// from the topic goes into JSON), `missing_field` for an empty level, `unknown_message` for a
/// topic that is not a firmware topic (too few or too many levels, another suffix: json/fields.hpp's
/// topic rule), `unsupported` for nested gateway forms. `where` is "topic", `offset` the byte offset of the offending byte or level.
[[nodiscard]] constexpr result<topic> parse_topic(std::string_view text) noexcept {
  return detail::parse_topic(text, !std::is_constant_evaluated());
}

/// Length of the formatted topic (an empty product id is written as "null").
[[nodiscard]] constexpr std::size_t formatted_size(const topic& t) noexcept {
  std::size_t n = 1 + (t.product_id.empty() ? null_product_id.size() : t.product_id.size()) + 1 + t.device_id.size();
  if (t.form != child_form::none) n += 1 + child_level(t.form).size() + 1 + t.child_device_id.size();
  return n + topic_suffix(t.type).size();
}

/// Writes the topic into `out` (no allocation). Errors (json/fields.hpp's topic rule): an empty
/// device or child id `missing_field`, a byte no topic level may hold `bad_string` (offsets into
/// the text written); `buffer_too_small` if it does not fit.
[[nodiscard]] constexpr result<std::size_t> format_topic(const topic& t, std::span<char> out) noexcept {
  const std::string_view product = t.product_id.empty() ? null_product_id : t.product_id;
  if (auto r = json::fields::check_topic_level(product, "topic", 1); !r) return r.error();
  const std::size_t device_at = 1 + product.size() + 1;
  if (auto r = json::fields::check_topic_level(t.device_id, "topic", device_at); !r) return r.error();
  if (t.form != child_form::none) {
    const std::size_t child_at = device_at + t.device_id.size() + 1 + child_level(t.form).size() + 1;
    if (auto r = json::fields::check_topic_level(t.child_device_id, "topic", child_at); !r) return r.error();
  }
  const std::size_t n = formatted_size(t);
  if (out.size() < n) return fail(errc::buffer_too_small, "topic", out.size());
  std::size_t at = 0;
  const auto put = [&](std::string_view s) {
    for (const char c : s) out[at++] = c;
  };
  put("/");
  put(t.product_id.empty() ? null_product_id : t.product_id);
  put("/");
  put(t.device_id);
  if (t.form != child_form::none) {
    put("/");
    put(child_level(t.form));
    put("/");
    put(t.child_device_id);
  }
  put(topic_suffix(t.type));
  return n;
}

/// The topic text of `t` (validated; json::fields::topic_text).
[[nodiscard]] inline result<std::string> format_topic(const topic& t) { return json::fields::topic_text(t); }

/// The topic the platform publishes `type` for `device_id` on (`"/" + productId + "/" +
/// deviceId + suffix`); `product_id` empty = "null" as the platform writes it.
[[nodiscard]] constexpr topic device_topic(message_type type, std::string_view product_id,
                                           std::string_view device_id) noexcept {
  return topic{product_id, device_id, child_form::none, {}, type};
}

/// The gateway form for a child device.
[[nodiscard]] constexpr topic child_topic(message_type type, std::string_view product_id, std::string_view gateway_id,
                                          std::string_view child_device_id,
                                          child_form form = child_form::child) noexcept {
  return topic{product_id, gateway_id, form, child_device_id, type};
}

}  // namespace otawire::jetlinks

#endif

// otawire::tencent — decoding and encoding of the OTA messages (spec §A.2).
//
// Two decoders share one generic implementation (detail/decode.hpp), so they accept the same
// documents and produce the same values:
// - the fast path on simdjson On-Demand: `decode(parser, publish)` (the contract's entry, topic and
//   payload) and `decode_payload(parser, [direction,] text)`. Keep one `json::parser` per
//   thread and reuse it: after the first messages it allocates nothing. Strings in the result
//   are views into the input or into the parser's buffers and stay valid until the parser
//   decodes the next message (and, for the zero-copy overload, while the input lives). It
//   first tries detail/fast.hpp, a single pass over the usual message; whatever that declines
//   is decoded again by the generic walk, which decides and reports.
// - the DOM path on Boost.JSON: `decode_dom(topic, value)`, `decode_payload_dom([direction,] value)`,
//   `decode_dom<T>(value)`, `boost::json::try_value_to<T>(value)` and
//   `value_to<T>`. Strings are views into the `boost::json::value`, which must outlive the result.
//
// Lenient decoding (spec §0): keys in any order, unknown keys ignored (but validated as JSON),
// `percent`, `result_code`, `file_size` and `task_id` accepted as `31` or `"31"`. Duplicate keys:
// the last occurrence wins (json/common.hpp).
//
// Strict encoding: `encode` writes the bytes an SDK writes (profile, detail/encode.hpp) after
// `check`; `boost::json::value_from` builds the same document, keys in the same order, so
// `serialize(value_from(m)) == encode(m)` for every valid message (tested).
#ifndef OTAWIRE_TENCENT_CODEC_HPP
#define OTAWIRE_TENCENT_CODEC_HPP

#include <otawire/error_code.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/tencent/detail/decode.hpp>
#include <otawire/tencent/detail/encode.hpp>
#include <otawire/tencent/detail/fast.hpp>
#include <otawire/tencent/detail/rules.hpp>
#include <otawire/tencent/messages.hpp>
#include <otawire/tencent/topic.hpp>

#include <boost/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace otawire::tencent {

/// Which way a message on topic `t` travels (`$ota/report/…` up, `$ota/update/…` down).
[[nodiscard]] constexpr direction direction_of(const topic& t) noexcept { return direction_of(t.kind); }

/// A message with the topic it was published on: the contract's envelope (otawire/contract.hpp),
/// its device the one the topic names.
using envelope = mqtt_envelope<topic, message>;

// --- the contract's decode (docs/contract.md) ------------------------------------------------------

// Every entry tries detail/fast.hpp's single pass over the usual message first; whatever it
// declines, the generic walk decodes again, deciding and reporting the error.

/// Decodes a payload whose topic the caller has already read: any message type. Padded text is
/// read in place, any other copied into the parser's reused buffer (json::payload_text).
[[nodiscard]] inline result<message> decode_payload(json::parser& p OTAWIRE_LIFETIMEBOUND, json::payload_text text) noexcept {
  return p.parse_fast(
      text, [](json::simd_document& d, message& m) { return detail::fast_message(d, std::nullopt, m); },
      [](json::simd_document& d) { return detail::decode_message(d); });
}

/// The same for a message that must travel in direction `d` (`invalid_value` at `type` otherwise).
[[nodiscard]] inline result<message> decode_payload(json::parser& p OTAWIRE_LIFETIMEBOUND, direction d,
                                                    json::payload_text text) noexcept {
  return p.parse_fast(
      text, [d](json::simd_document& doc, message& m) { return detail::fast_message(doc, d, m); },
      [d](json::simd_document& doc) { return detail::decode_message(doc, d); });
}

namespace detail {
inline result<void> decode_publish(json::parser& p, std::string_view topic_text, json::payload_text payload,
                                   envelope& out) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  out.topic = *t;
  auto m = decode_payload(p, direction_of(t->kind), payload);
  if (!m) return m.error();
  out.message = std::move(*m);
  return ok();
}
}  // namespace detail

/// One MQTT publish: the topic parsed, the payload decoded and checked against it
/// (`report_version`/`report_progress` on `$ota/report/…`, the others on `$ota/update/…`). An
/// `mqtt_publish`'s payload is copied into the parser's reused buffer, a `json::padded_publish`'s
/// read in place.
[[nodiscard]] inline result<envelope> decode(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish) noexcept {
  return json::decode_envelope<envelope>(p, publish, detail::decode_publish);
}
/// `decode` into the caller's envelope, reused across publishes; on error `out` is unspecified.
[[nodiscard]] inline result<void> decode_into(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish,
                                              envelope& out) noexcept {
  return detail::decode_publish(p, publish.topic, publish.payload, out);
}

// --- DOM path (Boost.JSON) ---------------------------------------------------------------------

/// Decodes a Boost.JSON value as any message; errors keep the JSON path (no offsets).
[[nodiscard]] inline result<message> decode_payload_dom(json::dom_input v) noexcept {
  json::dom_document d(v.value());
  return detail::decode_message(d);
}

/// Decodes a Boost.JSON value as a message that must travel in direction `d`.
[[nodiscard]] inline result<message> decode_payload_dom(direction d, json::dom_input v) noexcept {
  json::dom_document doc(v.value());
  return detail::decode_message(doc, d);
}

/// The contract's DOM decode: the topic parsed, then the Boost.JSON value decoded as a message
/// allowed on it; the views point into the topic text and `v`.
[[nodiscard]] inline result<envelope> decode_dom(std::string_view topic_text,
                                                 json::dom_input v) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  auto m = decode_payload_dom(direction_of(t->kind), v);
  if (!m) return m.error();
  return envelope{*t, std::move(*m)};
}

/// Decodes one message type; another `type` is `invalid_value` at `type`.
template <class T>
[[nodiscard]] result<T> decode_dom(json::dom_input v) noexcept {
  auto m = decode_payload_dom(v);
  if (!m) return m.error();
  if (const T* x = std::get_if<T>(&*m)) return *x;
  return fail(errc::invalid_value, "type");
}

// --- encoding ----------------------------------------------------------------------------------

// The three forms every JSON family's `encode` has (docs/contract.md). Each checks the message
// (`check`) first; a refused message writes nothing.

namespace detail {
template <class T>
concept encodable = std::is_same_v<T, message> || std::is_same_v<T, report_version> ||
                    std::is_same_v<T, report_version_rsp> || std::is_same_v<T, update_firmware> ||
                    std::is_same_v<T, report_progress>;

// The write of `m` through any writer, unchecked (value_from's), and checked (encode's).
template <encodable T>
auto write_of(const T& m, profile p) {
  return [&m, p](auto& w) -> result<void> {
    if constexpr (std::is_same_v<T, message>) {
      return std::visit([&](const auto& x) { return detail::write(w, x, p); }, m);
    } else {
      return detail::write(w, m, p);
    }
  };
}
template <encodable T>
auto checked_write(const T& m, profile p) {
  return [&m, p](auto& w) -> result<void> {
    if (auto v = check(m); !v) return v;
    return write_of(m, p)(w);
  };
}
}  // namespace detail

/// The exact size of the message's bytes, nothing written.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encoded_size(const T& m, profile p = profile::compact) noexcept {
  return json::size_of(detail::checked_write(m, p));
}

/// Writes the message's bytes into `out` and returns their size; `buffer_too_small` at `output`
/// (offset: the size needed) when `out` is shorter.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encode(const T& m, std::span<char> out, profile p = profile::compact) noexcept {
  return json::write_into(out, detail::checked_write(m, p));
}

/// The message's bytes, in a string reserved to their exact size.
template <detail::encodable T>
[[nodiscard]] result<std::string> encode(const T& m, profile p = profile::compact) noexcept {
  return json::write_string(detail::checked_write(m, p));
}

// --- Boost.JSON conversions --------------------------------------------------------------------
// value_from is what `encode` writes in `profile::compact`, parsed (one encoder, so the value and
// the bytes cannot disagree); it does not check (use `encode` for checked output). try_value_to
// reports the error kind as a std::error_code (otawire category); use decode_dom to keep the path.

/// `boost::json::value_from(m)`: the document `encode(m)` writes, unchecked.
template <detail::encodable T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const T& m) {
  json::assign_written(jv, detail::write_of(m, profile::compact));
}

/// `boost::json::try_value_to<T>(v)`: decodes as `decode_dom` (or, for `message`,
/// `decode_payload_dom`) does; the error code is an `otawire::errc`.
template <detail::encodable T>
boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v) {
  auto r = [&v] {
    if constexpr (std::is_same_v<T, message>) {
      return decode_payload_dom(v);
    } else {
      return decode_dom<T>(v);
    }
  }();
  if (!r) return boost::system::error_code(make_error_code(r.error().code()));
  return std::move(*r);
}

}  // namespace otawire::tencent

#endif

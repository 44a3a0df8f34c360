// otawire CTWing MQTT FOTA: decoding (simdjson fast path, Boost.JSON DOM path) and encoding.
//
//   otawire::json::parser p;                                       // keep one; it reuses its buffers
//   auto e = ctwing::decode(p, otawire::mqtt_publish{topic, text});  // result<ctwing::envelope>
//   auto m = ctwing::decode_payload(p, ctwing::topic::progress, padded_view);  // zero copy
//   auto v = ctwing::decode_dom<ctwing::inform>(jv);     // from a boost::json::value
//   auto w = boost::json::value_to<ctwing::progress>(jv);  // same, throwing on error
//   auto s = ctwing::encode(m);                          // compact JSON, the SDK's key order
//
// Which fields are accepted, and why, is in ctwing/detail/decode.hpp. Lifetimes of the decoded
// string views are in ctwing/messages.hpp.
#ifndef OTAWIRE_CTWING_CODEC_HPP
#define OTAWIRE_CTWING_CODEC_HPP

#include <otawire/ctwing/detail/decode.hpp>
#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/error_code.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>
#include <otawire/result.hpp>

#include <boost/json.hpp>
#include <boost/system/result.hpp>
#include <simdjson.h>

#include <concepts>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::ctwing {

// --- the contract's decode (docs/contract.md) ------------------------------------------------------

/// CTWing's topics name no device (the MQTT connection is the device): the identity is empty.
[[nodiscard]] constexpr device_identity identity_of(topic, const message&) noexcept { return {}; }

/// A message with the topic it was published on: the contract's envelope (otawire/contract.hpp).
using envelope = mqtt_envelope<topic, message>;

// Every entry first tries the fast path (one pass over the usual message, json/declare.hpp);
// whatever it declines, the generic walk decodes again, deciding and reporting the error. Keep
// one `json::parser` per thread: after the first messages it allocates nothing. Decoded views
// live until the parser's next call (messages.hpp).

/// Decodes the payload of a message published on topic `t` (whose topic the caller has already
/// read). Padded text is read in place, any other copied into the parser's reused buffer
/// (json::payload_text).
[[nodiscard]] inline result<message> decode_payload(json::parser& p OTAWIRE_LIFETIMEBOUND, topic t,
                                                    json::payload_text text) noexcept {
  return p.parse_fast(
      text, [t](json::simd_document& d, message& m) { return detail::fast_message(d, t, m); },
      [t](json::simd_document& d) { return detail::decode_message(d, t); });
}

namespace detail {
inline result<void> decode_publish(json::parser& p, std::string_view topic_text, json::payload_text payload,
                                   envelope& out) noexcept {
  const auto t = parse_topic(topic_text);
  if (!t) return t.error();
  out.topic = *t;
  auto m = decode_payload(p, *t, payload);
  if (!m) return m.error();
  out.message = std::move(*m);
  return ok();
}
}  // namespace detail

/// One MQTT publish: the topic parsed, the payload decoded as that topic's message. An
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

// --- the DOM decoder ------------------------------------------------------------------------------

/// Decodes one message type from a Boost.JSON value; the views point into `v`.
template <class T>
[[nodiscard]] result<T> decode_dom(json::dom_input v) noexcept {
  json::dom_document d(v.value());
  return detail::decode_as<T>(d);
}

/// Decodes the message of topic `t` from a Boost.JSON value; the views point into `v`.
[[nodiscard]] inline result<message> decode_payload_dom(topic t, json::dom_input v) noexcept {
  json::dom_document d(v.value());
  return detail::decode_message(d, t);
}

/// Parses `text` into `storage` (strict RFC 8259, the layer's depth limit), then decodes it; the
/// views point into `storage`. Malformed JSON carries the offset where Boost.JSON stopped.
[[nodiscard]] inline result<message> decode_payload_dom(topic t, std::string_view text,
                                                        boost::json::value& storage OTAWIRE_LIFETIMEBOUND) noexcept {
  if (auto parsed = json::parse_dom(text, storage); !parsed) return parsed.error();
  return decode_payload_dom(t, storage);
}

/// The contract's DOM decode: the topic parsed, then the Boost.JSON value decoded as that topic's
/// message; the views point into the topic text and `v`.
[[nodiscard]] inline result<envelope> decode_dom(std::string_view topic_name,
                                                 json::dom_input v) noexcept {
  const auto t = parse_topic(topic_name);
  if (!t) return t.error();
  auto m = decode_payload_dom(*t, v);
  if (!m) return m.error();
  return envelope{*t, std::move(*m)};
}

/// `boost::json::try_value_to<T>(jv)` (and `value_to<T>`, which throws `system_error`). The
/// error code is an `otawire::errc`; use `decode_dom` to keep the JSON path of the error.
/// `message` itself has no conversion: which alternative it is depends on the topic.
template <class T>
  requires std::is_same_v<T, inform> || std::is_same_v<T, upgrade> || std::is_same_v<T, progress>
boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& jv) {
  auto r = decode_dom<T>(jv);
  if (!r) return boost::system::error_code(make_error_code(r.error().code()));
  return *r;
}

// --- checks an encoder makes, and encoding -----------------------------------------------------------
//
// Both read the declarations in detail/decode.hpp: a message passes `check` exactly when its
// encoding decodes back to it, and is written compact, keys in the order the senders write
// them, optional keys only when present.

///@{
/// Whether `m` satisfies every rule the decoders check (so that its encoding decodes back to it).
[[nodiscard]] inline result<void> check(const inform& m) noexcept { return json::check_object(m, detail::inform_fields); }
[[nodiscard]] inline result<void> check(const upgrade& m) noexcept { return json::check_object(m, detail::upgrade_fields); }
[[nodiscard]] inline result<void> check(const progress& m) noexcept { return json::check_object(m, detail::progress_fields); }
[[nodiscard]] inline result<void> check(const message& m) noexcept {
  return std::visit([](const auto& x) { return check(x); }, m);
}
///@}

/// The topic a message is sent on.
[[nodiscard]] constexpr topic topic_of(const message& m) noexcept { return static_cast<topic>(m.index()); }
static_assert(std::variant_size_v<message> == 3);

namespace detail {
template <class Sink, class T>
result<void> write(json::writer<Sink>& w, const T& m) {
  return json::write_object(w, m, fields_of<T>());
}

template <class T>
concept encodable = std::is_same_v<T, inform> || std::is_same_v<T, upgrade> || std::is_same_v<T, progress> ||
                    std::is_same_v<T, message>;

// The write of `m` through any writer, unchecked (value_from's), and checked (encode's).
template <encodable T>
auto write_of(const T& m) {
  return [&m](auto& w) -> result<void> {
    if constexpr (std::is_same_v<T, message>) {
      return std::visit([&w](const auto& x) { return detail::write(w, x); }, m);
    } else {
      return detail::write(w, m);
    }
  };
}
template <encodable T>
auto checked_write(const T& m) {
  return [&m](auto& w) -> result<void> {
    if (auto c = check(m); !c) return c.error();
    return write_of(m)(w);
  };
}
}  // namespace detail

// The three forms every JSON family's `encode` has (docs/contract.md). Each checks the message
// (`check`) first; a refused message writes nothing.

/// The exact size of the message's bytes, nothing written.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encoded_size(const T& m) noexcept {
  return json::size_of(detail::checked_write(m));
}

/// Writes the message's bytes into `out` and returns their size; `buffer_too_small` at `output`
/// (offset: the size needed) when `out` is shorter.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encode(const T& m, std::span<char> out) noexcept {
  return json::write_into(out, detail::checked_write(m));
}

/// The message's bytes, compact, in a string reserved to their exact size; `buffer_too_small` if
/// memory runs out.
template <detail::encodable T>
[[nodiscard]] result<std::string> encode(const T& m) noexcept {
  return json::write_string(detail::checked_write(m));
}

/// `boost::json::value_from(m)`: the document `encode(m)` writes, parsed (one encoder, so the value
/// and the bytes cannot disagree); unchecked (use `encode` for checked output).
template <detail::encodable T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const T& m) {
  json::assign_written(jv, detail::write_of(m));
}

}  // namespace otawire::ctwing

#endif

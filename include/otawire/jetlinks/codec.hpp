// otawire JetLinks: decoding and encoding the firmware messages (spec §C.4).
//
// Decoding — every message's fields declared once (detail/decode.hpp, json/declare.hpp), read by
// the generic walk over both JSON backends and by the fast path:
// - fast path (simdjson On-Demand): `decode(parser, publish)` (the contract's entry),
//   `decode_into(parser, publish, envelope)`, `decode_payload(parser, type, payload)`; keep one
//   `json::parser` per thread and reuse it: after warm-up nothing is allocated. Each first tries
//   the one-pass fast path; when it declines (anything unusual), the generic walk
//   decides and reports, so the accepted messages and the errors are the same.
// - DOM path (Boost.JSON): `decode_dom(topic, value)`, `decode_payload_dom(type, value)`,
//   `decode_dom<T>(value)`, and `boost::json::try_value_to<T>` / `value_to<T>`.
// Both accept the same documents and produce equal messages (the differential fuzz target
// checks it). Errors name the JSON path (`where`), the kind, and on the fast path the byte offset.
//
// The message type comes from the MQTT topic, as on the platform; `decode_tagged` instead
// dispatches on `"messageType"` (the platform's `toJson()` / event-bus form, either accepted
// spelling). With a topic, the message's `deviceId` is overwritten from it (§C.4).
//
// Encoding — from the same declarations: compact JSON in the order Jackson writes the bean (inherited fields first:
// `headers`, then `CommonDeviceMessage` / `CommonDeviceMessageReply` fields, then the class's own
// fields in declaration order; inferred from Jackson's defaults, §C.3 order), NON_NULL: absent
// strings and maps are omitted, primitives (`size`, `progress`, `complete`, `success`) always
// written. `timestamp` is written when present (the Java bean always has one: set it to match).
//
// Lifetimes: see messages.hpp. `decode(parser, ...)` results live until `parser` decodes again;
// `decode_dom` results live as long as the `boost::json::value` (keep the value alive).
#ifndef OTAWIRE_JETLINKS_CODEC_HPP
#define OTAWIRE_JETLINKS_CODEC_HPP

#include <otawire/error_code.hpp>
#include <otawire/jetlinks/detail/decode.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/jetlinks/topic.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>

#include <boost/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace otawire::jetlinks {

/// Which way a message on topic `t` travels (its message type decides).
[[nodiscard]] constexpr direction direction_of(const topic& t) noexcept { return direction_of(t.type); }

/// A message with the topic it came on: the contract's envelope (otawire/contract.hpp). The
/// topic names the device (and child device); the message's `deviceId` is set from it.
using envelope = mqtt_envelope<topic, message>;

namespace detail {
inline void apply_topic_device(message& m, const topic& t) noexcept {
  std::visit([&](auto& x) { x.device_id = t.identity().message_device(); }, m);
}
}  // namespace detail

// --- fast path (simdjson) -----------------------------------------------------------------------

/// Decodes a payload of a known type. Padded text is read in place, any other copied into the
/// parser's reused buffer (json::payload_text).
[[nodiscard]] inline result<message> decode_payload(json::parser& p OTAWIRE_LIFETIMEBOUND, message_type type,
                                                    json::payload_text payload) noexcept {
  return p.parse_fast(
      payload, [type](json::simd_document& d, message& m) { return detail::fast_message(d, type, m); },
      [type](json::simd_document& d) { return detail::decode_message(d, type); });
}

namespace detail {
// Every publish entry comes here.
inline result<void> decode_publish(json::parser& p, std::string_view topic_text, json::payload_text payload,
                                   envelope& out) noexcept {
  if (auto t = parse_topic_into(topic_text, /*word_scan=*/true, out.topic); !t) return t;
  const message_type type = out.topic.type;
  // The fast path first, the generic walk when it declines. Both write the message
  // straight into `out`: parse_fast's own result carries nothing (std::monostate).
  const auto fast = [&](json::simd_document& d, std::monostate&) { return fast_message(d, type, out.message); };
  const auto walk = [&](json::simd_document& d) -> result<std::monostate> {
    if (auto r = decode_message_into(d, type, out.message); !r) return r.error();
    return std::monostate{};
  };
  const auto decoded = p.parse_fast(payload, fast, walk);
  if (!decoded) return decoded.error();
  apply_topic_device(out.message, out.topic);
  return ok();
}
}  // namespace detail

/// The contract's decode (docs/contract.md): one MQTT publish, the type from the topic, the
/// payload's `deviceId` overwritten from the topic as the platform does (the child device's id
/// for the gateway forms). An `mqtt_publish`'s payload is copied into the parser's reused buffer,
/// a `json::padded_publish`'s read in place.
[[nodiscard]] inline result<envelope> decode(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish) noexcept {
  return json::decode_envelope<envelope>(p, publish, detail::decode_publish);
}
/// `decode` into the caller's envelope, reused across publishes (spares constructing a message
/// per publish); on error `out` holds a partial message.
[[nodiscard]] inline result<void> decode_into(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish,
                                              envelope& out) noexcept {
  return detail::decode_publish(p, publish.topic, publish.payload, out);
}

/// Decodes a payload that names its type in `"messageType"` (upper or lower spelling).
[[nodiscard]] inline result<message> decode_tagged(json::parser& p OTAWIRE_LIFETIMEBOUND, json::payload_text payload) noexcept {
  return p.parse_fast(
      payload,
      [](json::simd_document& d, message& m) {
        auto index = d.select("messageType", detail::message_type_spellings);
        return index && detail::fast_message(d, all_message_types[*index / 2], m);
      },
      [](json::simd_document& d) -> result<message> {
        auto index = d.select("messageType", detail::message_type_spellings);
        if (!index) return index.error();
        return detail::decode_message(d, all_message_types[*index / 2]);
      });
}

// --- DOM path (Boost.JSON) ----------------------------------------------------------------------

/// Decodes a parsed payload of a known type; views point into `v`.
[[nodiscard]] inline result<message> decode_payload_dom(message_type type, json::dom_input v) noexcept {
  json::dom_document d(v.value());
  return detail::decode_message(d, type);
}

/// Decodes a parsed payload as message type `T`; views point into `v`.
template <firmware_message T>
[[nodiscard]] result<T> decode_dom(json::dom_input v) noexcept {
  json::dom_document d(v.value());
  return detail::decode_as<T>(d);
}

/// The contract's DOM decode: the DOM counterpart of `decode(parser, publish)`; views point into
/// the topic text and `v`.
[[nodiscard]] inline result<envelope> decode_dom(std::string_view topic_text OTAWIRE_LIFETIMEBOUND,
                                                       json::dom_input v) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  auto m = decode_payload_dom(t->type, v);
  if (!m) return m.error();
  detail::apply_topic_device(*m, *t);
  return envelope{*t, std::move(*m)};
}

/// Decodes a parsed payload that names its type in `"messageType"`; views point into `v`.
[[nodiscard]] inline result<message> decode_tagged_dom(json::dom_input v) noexcept {
  json::dom_document d(v.value());
  auto index = d.select("messageType", detail::message_type_spellings);
  if (!index) return index.error();
  return detail::decode_message(d, all_message_types[*index / 2]);
}

/// `boost::json::try_value_to<T>(v)`: the DOM decoder; the error keeps only the kind (use
/// `decode_dom` for the JSON path).
template <firmware_message T>
boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v) {
  auto r = decode_dom<T>(v);
  if (!r) return boost::system::error_code(make_error_code(r.error().code()));
  return std::move(*r);
}

// --- checks an encoder makes ----------------------------------------------------------------------
//
// `check(m)` applies the decoders' rules (detail/decode.hpp) to a message built by hand, failing
// with the decoder's errc and path: the required fields are there, strings are UTF-8, `url` is
// an http(s) download URL, and `sign` the hex of the digest `signMethod` names when it names one.
// `encode` calls it.

///@{
/// Whether `m` follows the decoders' rules (see above), failing with the decoder's errc and path.
template <firmware_message T>
[[nodiscard]] result<void> check(const T& m) noexcept {
  if (auto r = json::check_object(m, detail::fields_of<T>); !r) return r;
  return detail::check_sign(m);
}

[[nodiscard]] inline result<void> check(const message& m) noexcept {
  return std::visit([](const auto& x) { return check(x); }, m);
}
///@}

// --- encoding -----------------------------------------------------------------------------------

namespace detail {
/// The payload as the platform's Jackson mapper writes it, from the declaration (detail/decode.hpp:
/// the bean's order, absent optionals left out), without building a value. `tag`, when given, is
/// written first as `"messageType"` (the `toJson()` form). Fails only on a raw field whose text is
/// not JSON (json::detail::write_raw).
template <class Sink, firmware_message T>
result<void> write(json::writer<Sink>& w, const T& m, std::string_view tag = {}) {
  json::object_writer<Sink> o(w);
  if (!tag.empty()) o.string("messageType", tag);
  auto r = json::write_fields(o, m, fields_of<T>);
  o.close();
  return r;
}

template <class T>
concept encodable = firmware_message<T> || std::is_same_v<T, message>;

// The write of `m` through any writer, unchecked (value_from's), and checked (encode's): a
// refused message writes nothing.
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

/// The exact size of the compact payload, nothing written.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encoded_size(const T& m) noexcept {
  return json::size_of(detail::checked_write(m));
}

/// Writes the compact payload into `out` and returns its size; `buffer_too_small` at `output`
/// (offset: the size needed) when `out` is shorter.
template <detail::encodable T>
[[nodiscard]] result<std::size_t> encode(const T& m, std::span<char> out) noexcept {
  return json::write_into(out, detail::checked_write(m));
}

/// The compact payload (no spaces), in a string reserved to its exact size.
template <detail::encodable T>
[[nodiscard]] result<std::string> encode(const T& m) noexcept {
  return json::write_string(detail::checked_write(m));
}

/// `boost::json::value_from(m)`: the payload `encode(m)` writes, as the platform's Jackson mapper
/// does, parsed (one encoder, so the value and the bytes cannot disagree); unchecked.
template <detail::encodable T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const T& m) {
  json::assign_written(jv, detail::write_of(m));
}

/// The `toJson()` form: the payload with `"messageType"` (upper-case enum name) first.
[[nodiscard]] inline result<std::string> encode_tagged(const message& m) noexcept {
  return json::write_string([&m](auto& w) -> result<void> {
    if (auto c = check(m); !c) return c.error();
    return std::visit([&](const auto& x) { return detail::write(w, x, name(type_of(m))); }, m);
  });
}

/// A publish ready for MQTT: topic and compact payload.
struct encoded_message {
  std::string topic;    ///< The topic to publish on.
  std::string payload;  ///< The compact JSON payload.
};

/// Encodes `m` for the topic `t` (its type must be `m`'s); the topic's errors are format_topic's.
[[nodiscard]] inline result<encoded_message> encode(const topic& t, const message& m) {
  auto text = format_topic(t);
  if (!text) return text.error();
  auto payload = encode(m);
  if (!payload) return payload.error();
  return encoded_message{std::move(*text), std::move(*payload)};
}

/// Encodes `m` on its device's own topic, as the platform does: `"/" + productId + "/" +
/// deviceId + suffix` (an empty `product_id` is written "null", an absent deviceId as "null").
[[nodiscard]] inline result<encoded_message> encode_for_device(const message& m, std::string_view product_id) {
  const auto device = device_id_of(m).value_or(null_product_id);
  return encode(device_topic(type_of(m), product_id, device), m);
}

}  // namespace otawire::jetlinks

#endif

// otawire Alibaba Link OTA: decode (simdjson fast path, Boost.JSON DOM) and encode.
//
//   json::parser p;                                    // keep one per thread, reuse it
//   auto e = alibaba::decode(p, otawire::mqtt_publish{topic_text, payload});  // result<alibaba::envelope>
//   auto out = alibaba::encode(e->message);            // result<std::string>: compact JSON
//
// Which message a payload is comes from its topic (§B.1). Decoding is lenient where the sources
// disagree (§0): `id` as "123" or 123, `step` as "50" or 50, `signMethod` in any case, `params`
// of the pull request null or absent, `data` of the pull reply `{}`, null or absent. Unknown keys
// are ignored (validated, skipped). Encoding sends what the platform and the SDKs send: compact,
// keys in their order, `step` quoted, `signMethod` "Md5"/"SHA256", `code` "1000" (push) and 200
// (reply); `id` in the form it was decoded in.
//
// Lifetimes: see messages.hpp (fast path: views into the parser; DOM path: into the value).
#ifndef OTAWIRE_ALIBABA_CODEC_HPP
#define OTAWIRE_ALIBABA_CODEC_HPP

#include <otawire/alibaba/detail/decode.hpp>
#include <otawire/alibaba/detail/fast.hpp>
#include <otawire/alibaba/messages.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/error_code.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>

#include <boost/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace otawire::alibaba {

// --- fast path (simdjson On-Demand) --------------------------------------------------------------

// Each decode first tries detail/fast.hpp, a single pass over the usual message of the topic's
// type; whatever that declines is decoded again by the generic walk, which decides and reports.
// Every entry point below comes through these two.

/// Decodes `payload`, published on topic `t` (which the caller has already parsed), into `out`:
/// reusing `out` spares moving a message per publish. Padded text is read in place, any other
/// copied into the parser's reused buffer (json::payload_text).
[[nodiscard]] inline result<void> decode_payload_into(json::parser& parser OTAWIRE_LIFETIMEBOUND, const topic& t,
                                                      json::payload_text payload, message& out) noexcept {
  const topic_kind kind = t.kind;
  return parser.parse_fast_into(
      payload, out, [kind](json::simd_document& d, message& m) { return detail::fast_message(d, kind, m); },
      [kind, &out](json::simd_document& d) { return detail::decode_payload(kind, d, out); });
}

/// Decodes `payload` published on `t`, returning the message.
[[nodiscard]] inline result<message> decode_payload(json::parser& parser OTAWIRE_LIFETIMEBOUND, const topic& t,
                                                    json::payload_text payload) noexcept {
  result<message> out{std::in_place};  // built in place, returned by name
  if (auto r = decode_payload_into(parser, t, payload, *out); !r) out = r.error();
  return out;
}

/// A message with the topic it came on: the contract's envelope (otawire/contract.hpp), its
/// device the one the topic names.
using envelope = mqtt_envelope<topic, message>;

namespace detail {
inline result<void> decode_publish(json::parser& p, std::string_view topic_text, json::payload_text payload,
                                   envelope& out) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  out.topic = *t;
  return decode_payload_into(p, out.topic, payload, out.message);
}
}  // namespace detail

/// The contract's decode (docs/contract.md): one MQTT publish. An `mqtt_publish`'s payload is
/// copied into the parser's reused buffer, a `json::padded_publish`'s read in place.
[[nodiscard]] inline result<envelope> decode(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish) noexcept {
  return json::decode_envelope<envelope>(p, publish, detail::decode_publish);
}
/// `decode` into the caller's envelope, reused across publishes; on error `out` is unspecified.
[[nodiscard]] inline result<void> decode_into(json::parser& p OTAWIRE_LIFETIMEBOUND, const json::publish_text& publish,
                                              envelope& out) noexcept {
  return detail::decode_publish(p, publish.topic, publish.payload, out);
}

// --- DOM path (Boost.JSON) -----------------------------------------------------------------------

/// Decodes a parsed payload published on `t`; views point into `v`.
[[nodiscard]] inline result<message> decode_payload_dom(const topic& t, json::dom_input v) noexcept {
  json::dom_document d(v.value());
  result<message> out{std::in_place};
  if (auto r = detail::decode_payload(t.kind, d, *out); !r) out = r.error();
  return out;
}

/// The contract's DOM decode: the topic parsed, then the Boost.JSON value decoded as a message
/// allowed on it; the views point into the topic text and `v`.
[[nodiscard]] inline result<envelope> decode_dom(std::string_view topic_text,
                                                 json::dom_input v) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  result<envelope> out{std::in_place};
  out->topic = *t;
  json::dom_document d(v.value());
  if (auto r = detail::decode_payload(t->kind, d, out->message); !r) out = r.error();
  return out;
}

namespace detail {
template <class T>
inline constexpr topic_kind topic_of = topic_kind::inform;
template <>
inline constexpr topic_kind topic_of<upgrade> = topic_kind::upgrade;
template <>
inline constexpr topic_kind topic_of<progress> = topic_kind::progress;
template <>
inline constexpr topic_kind topic_of<firmware_get> = topic_kind::firmware_get;
template <>
inline constexpr topic_kind topic_of<firmware_get_reply> = topic_kind::firmware_get_reply;
template <>
inline constexpr topic_kind topic_of<version_request> = topic_kind::request;

template <class T>
concept alibaba_message = std::is_same_v<T, inform> || std::is_same_v<T, upgrade> || std::is_same_v<T, progress> ||
                          std::is_same_v<T, firmware_get> || std::is_same_v<T, firmware_get_reply> ||
                          std::is_same_v<T, version_request>;
}  // namespace detail

/// The topic a message travels on (as CTWing's `topic_of(message)`): each type has its own,
/// a `version_request` the legacy request topic.
[[nodiscard]] constexpr topic_kind topic_of(const message& m) noexcept {
  return std::visit([](const auto& x) { return detail::topic_of<std::decay_t<decltype(x)>>; }, m);
}

/// Decodes one message type from a parsed payload (as the topic of that type would).
template <detail::alibaba_message T>
result<T> decode_dom(json::dom_input v) noexcept {
  auto m = decode_payload_dom(topic{detail::topic_of<T>, {}, {}}, v);
  if (!m) return m.error();
  if (auto* typed = std::get_if<T>(&*m)) return *typed;
  return fail(errc::unknown_message, "data");  // a push on the request topic, asked for a request
}

/// `boost::json::try_value_to<T>` / `value_to<T>` for every message type (the error code is the
/// otawire errc; use decode_dom for the JSON path).
template <detail::alibaba_message T>
boost::system::result<T> tag_invoke(boost::json::try_value_to_tag<T>, const boost::json::value& v) {
  auto m = decode_dom<T>(v);
  if (!m) return boost::system::error_code(make_error_code(m.error().code()));
  return *m;
}

// --- checks an encoder makes -----------------------------------------------------------------------
//
// `check(m)` applies the field rules every family shares (json/fields.hpp) to a message built by
// hand, failing with the decoder's errc and path: an http(s) download URL, `md5` as 32 hex digits,
// `sign`/`fileSign` as the hex of the digest `signMethod` names. Every `encode` form calls it
// first: a message a decoder would refuse is not written.

/// Whether the package follows the shared field rules (digests by `signMethod`, download URL)
/// with the decoder's errc and path: what a decoder accepts, the encoder may send.
[[nodiscard]] inline result<void> check(const package& p) noexcept {
  const auto method = detail::method_of(p.sign_method);
  if (p.url && !json::fields::is_download_url(*p.url)) return fail(errc::invalid_value, "data.url");
  if (p.md5 && !json::fields::is_md5_hex(*p.md5)) return fail(errc::bad_string, "data.md5");
  if (p.sign && !json::fields::is_digest_hex(*p.sign, method)) return fail(errc::bad_string, "data.sign");
  for (std::size_t i = 0; i < p.files().size(); ++i) {
    const auto& f = p.files()[i];
    if (f.url && !json::fields::is_download_url(*f.url)) return fail(errc::invalid_value, "data.files[].fileUrl").in_element(i);
    if (f.sign && !json::fields::is_digest_hex(*f.sign, method)) {
      return fail(errc::bad_string, "data.files[].fileSign").in_element(i);
    }
  }
  return ok();
}

/// Whether `m`'s fields follow the shared field rules (see above); messages without a package pass.
[[nodiscard]] inline result<void> check(const message& m) noexcept {
  if (const auto* u = std::get_if<upgrade>(&m)) return check(u->data);
  if (const auto* r = std::get_if<firmware_get_reply>(&m); r != nullptr && r->data) return check(*r->data);
  return ok();
}

// --- encoding ------------------------------------------------------------------------------------

/// How uplink messages are spaced. Both forms are compact JSON; they differ by one space.
enum class profile : std::uint8_t {
  /// iotkit-embedded v3 (§B.5): no space at all, e.g. `{"id":0,"params":{"version":"1.0.0"}}`.
  compact,
  /// Link SDK 4.x (§B.5): one space after the comma that follows `id`,
  /// e.g. `{"id":1, "params":{"version":"1.0.0"}}`. Downlink messages are compact in both.
  link_sdk,
};

// The three forms every JSON family's `encode` has (docs/contract.md). Each checks the message
// (`check`) first; a refused message writes nothing.

namespace detail {
// The messages written by hand, keys in the order of the SDK templates (§B.5) for uplink messages
// and of the platform examples (§B.2.2 [A4], §B.2.4) for downlink ones; keys whose place no
// example shows come last. Only `extData` holding the sender's text is parsed
// (json::detail::write_raw). `top` is the message's outer object: its second separator is
// what the profile writes after `id`.
template <class Sink>
void write_id(json::object_writer<Sink>& o, const message_id& id) {
  if (id.quoted) {
    o.key("id").quoted_integer(id.value);
  } else {
    o.integer("id", id.value);
  }
}
template <class Sink>
void write_file(json::writer<Sink>& w, const package_file& f) {
  json::object_writer<Sink> o(w);
  o.string("fileName", f.name);
  if (f.size) o.integer("fileSize", static_cast<std::int64_t>(*f.size));
  o.string("fileUrl", f.url);
  o.string("fileSign", f.sign);
  o.close();
}
template <class Sink>
result<void> write_package(json::writer<Sink>& w, const package& p) {
  json::object_writer<Sink> o(w);
  // As int64, like Boost.JSON's parser: the DOM decoder reads sizes as int64 (see detail/decode.hpp).
  o.integer("size", static_cast<std::int64_t>(p.size));
  o.string("sign", p.sign);
  o.string("version", p.version);
  if (p.is_diff) o.integer("isDiff", 1);
  o.string("url", p.url);
  if (p.sign_method) o.string("signMethod", to_sign_method(*p.sign_method));
  o.string("md5", p.md5);
  o.string("module", p.module);
  if (auto r = json::detail::write_raw_member(o, "extData", p.ext_data); !r) return r;
  o.string("digestsign", p.digestsign);
  o.string("dProtocol", p.download_protocol);
  o.integer("streamId", p.stream_id);
  o.integer("streamFileId", p.stream_file_id);
  if (p.has_files) {
    auto& files = o.key("files");
    files.raw('[');
    for (std::size_t i = 0; i < p.files().size(); ++i) {
      if (i != 0) files.raw(',');
      write_file(files, p.files()[i]);
    }
    files.raw(']');
  }
  o.close();
  return ok();
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const inform& m) {
  write_id(top, m.id);
  json::object_writer<Sink> params(top.key("params"));
  params.string("version", m.version);
  params.string("module", m.module);
  params.close();
  return ok();
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const version_request& m) {
  return write(top, inform{m.id, m.version, m.module});
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const progress& m) {
  write_id(top, m.id);
  json::object_writer<Sink> params(top.key("params"));
  params.key("step").quoted_integer(m.step);  // quoted, as both SDKs send it
  params.string("desc", m.desc);
  params.string("module", m.module);
  params.close();
  return ok();
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const upgrade& m) {
  top.string("code", "1000");
  if (auto r = write_package(top.key("data"), m.data); !r) return r;
  write_id(top, m.id);
  top.string("message", m.message);
  return ok();
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const firmware_get& m) {
  write_id(top, m.id);
  top.string("version", m.version);
  json::object_writer<Sink> params(top.key("params"));
  params.string("module", m.module);
  params.close();
  if (m.has_method) top.string("method", firmware_get_method);
  return ok();
}
template <class Sink>
result<void> write(json::object_writer<Sink>& top, const firmware_get_reply& m) {
  write_id(top, m.id);
  top.integer("code", m.code);
  if (m.data) {
    if (auto r = write_package(top.key("data"), *m.data); !r) return r;
  } else {
    top.key("data").raw("{}");
  }
  top.string("message", m.message);
  return ok();
}

// The write of `m` as `p` spaces it, unchecked (value_from's): compact, except that the Link SDK
// writes one space after the comma that follows `id` (the first member) in uplink messages.
inline auto write_of(const message& m, profile p) noexcept {
  return [&m, p](auto& w) -> result<void> {
    const bool uplink = std::holds_alternative<inform>(m) || std::holds_alternative<progress>(m) ||
                        std::holds_alternative<firmware_get>(m) || std::holds_alternative<version_request>(m);
    json::object_writer top(w, p == profile::link_sdk && uplink ? json::layout{.first_separator = ", "} : json::layout{});
    if (auto r = std::visit([&top](const auto& x) { return write(top, x); }, m); !r) return r;
    top.close();
    return ok();
  };
}
// The same, checked (encode's): a refused message writes nothing.
inline auto checked_write(const message& m, profile p) noexcept {
  return [&m, p](auto& w) -> result<void> {
    if (auto c = check(m); !c) return c.error();
    return write_of(m, p)(w);
  };
}
}  // namespace detail

/// The exact size of the message's bytes, nothing written.
[[nodiscard]] inline result<std::size_t> encoded_size(const message& m, profile p = profile::compact) noexcept {
  return json::size_of(detail::checked_write(m, p));
}

/// Writes the message's bytes into `out` and returns their size; `buffer_too_small` at `output`
/// (offset: the size needed) when `out` is shorter.
[[nodiscard]] inline result<std::size_t> encode(const message& m, std::span<char> out,
                                                profile p = profile::compact) noexcept {
  return json::write_into(out, detail::checked_write(m, p));
}

/// The message's bytes, in a string reserved to their exact size.
[[nodiscard]] inline result<std::string> encode(const message& m, profile p = profile::compact) noexcept {
  return json::write_string(detail::checked_write(m, p));
}

/// `boost::json::value_from(m)` for a message or any of its types: the document `encode(m)`
/// writes, parsed (one encoder, so the value and the bytes cannot disagree); unchecked.
template <class T>
  requires detail::alibaba_message<T> || std::is_same_v<T, message>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const T& m) {
  if constexpr (std::is_same_v<T, message>) {
    json::assign_written(jv, detail::write_of(m, profile::compact));
  } else {
    json::assign_written(jv, detail::write_of(message(m), profile::compact));
  }
}

}  // namespace otawire::alibaba

#endif

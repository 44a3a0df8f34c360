// otawire::huawei — decode and encode the `$ota` event messages.
//
// Decoding (both paths run the same generic decoder, detail/decode.hpp):
//   json::parser p;                                   // keep one per thread and reuse it
//   auto e = huawei::decode(p, otawire::mqtt_publish{topic, text});  // fast path (simdjson On-Demand)
//   for (const huawei::event& ev : e->message.events()) ...  // every services[] element, in order
//   auto d = huawei::decode_dom(topic, boost_json_value);    // Boost.JSON path, same result
//   auto m = huawei::decode_payload(p, text);         // the payload alone (its topic already read)
//   auto v = boost::json::value_to<huawei::message>(jv);  // or try_value_to
//
// Policy (§0): keys are matched case-sensitively; unknown keys are ignored (their values still
// validated); `null` counts as absent for optional fields; numbers given as strings are accepted
// where the sources disagree (`sub_device_count`). Errors name the JSON path (`services[]` for
// array elements), the kind of failure and — on the fast path — the byte offset.
//
// Lifetimes: after `decode(parser, …)` the message's views point into the parser and are valid
// until the parser decodes the next message; after `decode_dom(topic, value)` they point into
// `value`.
// A message with several events needs no allocation: events live in a fixed array of
// `max_services`.
//
// Encoding: `encode(message, profile)` checks the message against the decoder's rules and the
// encoder rules of the SDKs, then writes the bytes one of the reference implementations would
// send (§A.6): `compact` is the platform's order for downlink events and the Go SDK's (compact
// `json.Marshal`) for uplink events; `c_sdk` is cJSON_Print's tab layout and key order; `python`
// is `json.dumps` with its `", "`/`": "` separators, `"event_id": null` and ASCII escapes.
// `boost::json::value_from(message)` gives the `compact` form as a value (without the checks).
#ifndef OTAWIRE_HUAWEI_CODEC_HPP
#define OTAWIRE_HUAWEI_CODEC_HPP

#include <otawire/huawei/detail/decode.hpp>
#include <otawire/huawei/detail/fast.hpp>
#include <otawire/huawei/detail/time.hpp>
#include <otawire/huawei/messages.hpp>
#include <otawire/huawei/topic.hpp>
#include <otawire/error_code.hpp>
#include <otawire/json/dom.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/json/writer.hpp>

#include <boost/json.hpp>

#include <cmath>
#include <span>
#include <string>
#include <string_view>

namespace otawire::huawei {

// ---------------------------------------------------------------------------------------------
// Decoding

namespace detail {
/// Either backend's document into `out`; `whole` is the same document as a raw value (see
/// detail::decode_message_into).
template <class Document>
result<void> decode_document(Document& doc, const json::raw_json& whole, message& out) noexcept {
  return decode_message_into(doc, whole, out);
}
}  // namespace detail

// Huawei's topic says only which way the events travel and which device is connected; the
// payload alone is decoded the same for either (the session checks each event's direction,
// `rules::direction`). So `decode_payload` takes no piece of the topic.

/// Decodes a payload into `out`. Padded text is read in place, any other copied into the
/// parser's reused buffer (json::payload_text). The usual message takes detail/fast.hpp's one
/// pass; anything else, the generic walk. Reusing `out` spares moving a message (it holds
/// `max_services` events) per publish.
[[nodiscard]] inline result<void> decode_payload_into(json::parser& p OTAWIRE_LIFETIMEBOUND, json::payload_text text,
                                                      message& out) noexcept {
  auto r = p.parse_fast(
      text, [&](json::simd_document& d, detail::decoded_in_place&) { return detail::fast_message(d, out); },
      [&](json::simd_document& d) { return detail::generic_message(d, out); });
  if (!r) return r.error();
  return ok();
}

/// Decodes a payload, returning the message.
[[nodiscard]] inline result<message> decode_payload(json::parser& p OTAWIRE_LIFETIMEBOUND, json::payload_text text) noexcept {
  result<message> out{std::in_place};  // built in place, returned by name
  if (auto r = decode_payload_into(p, text, *out); !r) out = r.error();
  return out;
}

/// A message with the events topic it came on: the contract's envelope (otawire/contract.hpp).
/// The topic names the connected device; a gateway's child is named by the payload
/// (`identity_of`). Whether each event may travel the topic's way is the session's rule
/// (`rules::direction`), as one refused event must not hide the others from it.
using envelope = mqtt_envelope<topic, message>;

namespace detail {
inline result<void> decode_publish(json::parser& p, std::string_view topic_text, json::payload_text payload,
                                   envelope& out) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  out.topic = *t;
  return decode_payload_into(p, payload, out.message);
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

/// DOM path: decodes a Boost.JSON value (views point into it). Errors have a path, no offset.
[[nodiscard]] inline result<message> decode_payload_dom(json::dom_input v) noexcept {
  json::dom_document d(v.value());
  result<message> out{std::in_place};
  if (auto r = detail::decode_message_into(d, json::raw_json{{}, &v.value()}, *out); !r) out = r.error();
  return out;
}

/// DOM path from text: parses into `storage` (which the views then point into) and decodes.
[[nodiscard]] inline result<message> decode_payload_dom(std::string_view text,
                                                        boost::json::value& storage OTAWIRE_LIFETIMEBOUND) noexcept {
  if (auto parsed = json::parse_dom(text, storage); !parsed) return parsed.error();
  return decode_payload_dom(storage);
}

/// The contract's DOM decode: the topic parsed, then the Boost.JSON value decoded; the views point
/// into the topic text and `v`.
[[nodiscard]] inline result<envelope> decode_dom(std::string_view topic_text,
                                                 json::dom_input v) noexcept {
  auto t = parse_topic(topic_text);
  if (!t) return t.error();
  result<envelope> out{std::in_place};
  out->topic = *t;
  json::dom_document d(v.value());
  if (auto r = detail::decode_message_into(d, json::raw_json{{}, &v.value()}, out->message); !r) out = r.error();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the encoder (what a decoder would refuse, plus the SDKs' encoder rules)

/// Encoder profiles (§A.6): `compact` JSON in the platform's documented key order; `c_sdk`, the C
/// SDK's cJSON output (and its stricter rule: result codes 0–10 and 255 only); `python`, the
/// Python SDK's `json.dumps` output, its key order and `"event_id": null`.
enum class profile : std::uint8_t { compact, c_sdk, python };

namespace detail {

/// Whether every number in `v` can be written back exactly. A raw value may hold a literal such
/// as `1e999` or a 45-digit integer: valid JSON, accepted by both decoders, but kept as a double
/// it would print as `Infinity` or as a different number. The encoder refuses such a value
/// instead of writing invalid JSON or changing it.
inline bool writable(const boost::json::value& v) {
  if (v.is_double()) {
    const double d = v.get_double();
    if (!std::isfinite(d)) return false;
    boost::json::error_code ec;
    const auto back = boost::json::parse(boost::json::serialize(v), ec);
    return !ec && back.is_double() && back.get_double() == d;
  }
  if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      if (!writable(kv.value())) return false;
    }
  }
  if (v.is_array()) {
    for (const auto& e : v.get_array()) {
      if (!writable(e)) return false;
    }
  }
  return true;
}

// A raw field the encoder can write: JSON (`malformed_json` at `raw_json`, as the other families'
// encoders say it) whose numbers all read back the same.
inline result<void> check_raw(const json::raw_json& r, text_id path) {
  if (r.empty()) return ok();
  if (r.dom != nullptr) return writable(*r.dom) ? ok() : fail(errc::out_of_range, path);
  boost::json::error_code ec;
  const auto v = json::detail::parse_raw(r.text, ec);
  if (ec) return fail(errc::malformed_json, "raw_json");
  return writable(v) ? ok() : fail(errc::out_of_range, path);
}

inline result<void> check_event(const event& e, profile prof) {
  if (e.kind == event_kind::other_service) {
    if (e.service_id == ota_service_id) return fail(errc::invalid_value, p_service_id);
    return check_raw(std::get<other_service_event>(e.paras).paras, p_paras);
  }
  if (e.service_id != ota_service_id) return fail(errc::invalid_value, p_service_id);
  if (e.event_type != name(e.kind)) return fail(errc::invalid_value, p_event_type);
  if (e.time && direction_of(e.kind) == direction::platform_to_device && !parse_event_time(e.time->text)) {
    return fail(errc::invalid_value, p_event_time);
  }
  switch (e.kind) {
    case event_kind::version_query: {
      const auto* q = e.get<version_query>();
      if (q == nullptr) return fail(errc::wrong_type, p_paras);
      if (auto r = check_raw(q->task_ext_info, p_task_ext_info); !r) return r;
      break;
    }
    case event_kind::version_report: {
      const auto* r = e.get<version_report>();
      if (r == nullptr) return fail(errc::wrong_type, p_paras);
      // The C SDK refuses to build a report with neither version (§A.3.2).
      if (!r->sw_version && !r->fw_version) return fail(errc::missing_field, p_paras);
      break;
    }
    case event_kind::upgrade_progress_report: {
      const auto* p = e.get<progress_report>();
      if (p == nullptr) return fail(errc::wrong_type, p_paras);
      if (p->progress && (*p->progress < 0 || *p->progress > 100)) return fail(errc::out_of_range, p_progress);
      // The C SDK's encoder allows exactly the codes of §A.4.
      if (prof == profile::c_sdk && !is_known_result_code(p->result_code)) return fail(errc::out_of_range, p_result_code);
      break;
    }
    default: {
      const auto* u = e.get<upgrade_notification>();
      if (u == nullptr) return fail(errc::wrong_type, p_paras);
      if (u->file_size < 0) return fail(errc::out_of_range, p_file_size);
      if (u->expires && *u->expires < 0) return fail(errc::out_of_range, p_expires);
      if (u->sub_device_count && *u->sub_device_count < 0) return fail(errc::out_of_range, p_sub_device_count);
      // The shared field rules (json/fields.hpp), failing as the decoder does (same errc and path).
      if (!json::fields::is_download_url(u->url)) return fail(errc::invalid_value, p_url);
      if (u->sign && !json::fields::is_sha256_hex(*u->sign)) return fail(errc::bad_string, p_sign);
      if (!u->sign && !is_v2(e.kind)) return fail(errc::missing_field, p_sign);
      if (auto r = check_raw(u->task_ext_info, p_task_ext_info); !r) return r;
      break;
    }
  }
  if (const auto* q = e.get<version_query>(); q != nullptr && q->sub_device_count && *q->sub_device_count < 0) {
    return fail(errc::out_of_range, p_sub_device_count);
  }
  return ok();
}

}  // namespace detail

/// Whether `m` can be encoded in `prof` (and decodes back to itself).
inline result<void> check(const message& m, profile prof = profile::compact) {
  for (const auto& e : m.events()) {
    if (auto r = detail::check_event(e, prof); !r) return r;
  }
  return ok();
}

// ---------------------------------------------------------------------------------------------
// Encoding: written by hand through json::object_writer, each profile as its SDK lays the JSON
// out (`layout_of`) and orders the keys. Only a raw field given as text is parsed (to print it in
// the profile's layout).

namespace detail {

inline const json::layout& layout_of(profile prof) noexcept {
  static constexpr json::layout compact{};
  switch (prof) {
    case profile::c_sdk: return json::cjson_layout;
    case profile::python: return json::python_layout;
    case profile::compact: break;
  }
  return compact;
}

template <class Sink>
result<void> write_paras(json::writer<Sink>& w, const event& e, profile prof, const json::layout& l) {
  json::object_writer<Sink> o(w, l);
  switch (e.kind) {
    case event_kind::version_query: {
      const auto& q = std::get<version_query>(e.paras);
      if (q.form == paras_form::null) {
        w.raw("null");
        return ok();
      }
      o.string("task_id", q.task_id);
      o.integer("sub_device_count", q.sub_device_count);
      if (auto r = json::detail::write_raw_member(o, "task_ext_info", q.task_ext_info); !r) return r;
      break;
    }
    case event_kind::version_report: {
      const auto& r = std::get<version_report>(e.paras);
      if (prof == profile::python) {  // Python: fw_version, sw_version; C and Go: sw_version first
        o.string("fw_version", r.fw_version);
        o.string("sw_version", r.sw_version);
      } else {
        o.string("sw_version", r.sw_version);
        o.string("fw_version", r.fw_version);
      }
      break;
    }
    case event_kind::upgrade_progress_report: {
      const auto& p = std::get<progress_report>(e.paras);
      o.integer("result_code", p.result_code);
      if (prof == profile::python) {  // Python: result_code, version, progress, description
        o.string("version", p.version);
        o.integer("progress", p.progress);
      } else {
        o.integer("progress", p.progress);
        o.string("version", p.version);
      }
      o.string("description", p.description);
      break;
    }
    case event_kind::other_service:
      return json::detail::write_raw(w, std::get<other_service_event>(e.paras).paras, l);
    default: {  // the platform's order (both real captures), then the doc's for the rest
      const auto& u = std::get<upgrade_notification>(e.paras);
      o.string("version", u.version);
      o.string("url", u.url);
      o.integer("file_size", u.file_size);
      o.string("file_name", u.file_name);
      o.string("access_token", u.access_token);
      o.integer("expires", u.expires);
      o.string("sign", u.sign);
      o.string("custom_info", u.custom_info);
      o.string("task_id", u.task_id);
      o.integer("sub_device_count", u.sub_device_count);
      if (auto r = json::detail::write_raw_member(o, "task_ext_info", u.task_ext_info); !r) return r;
      break;
    }
  }
  o.close();
  return ok();
}

inline bool has_paras(const event& e) {
  if (const auto* q = e.get<version_query>()) return q->form != paras_form::absent;
  if (const auto* x = e.get<other_service_event>()) return !x->paras.empty();
  return true;
}

template <class Sink>
result<void> write_event(json::writer<Sink>& w, const event& e, profile prof, const json::layout& l) {
  json::object_writer<Sink> o(w, l);
  const auto time = [&] {
    if (e.time) o.string("event_time", e.time->text);
  };
  const auto paras = [&]() -> result<void> {
    if (!has_paras(e)) return ok();
    return write_paras(o.key("paras"), e, prof, o.nested());
  };
  const auto event_id = [&] {
    if (e.event_id) o.string("event_id", *e.event_id);
    else if (prof == profile::python) o.null("event_id");
  };
  result<void> written = ok();
  if (prof == profile::c_sdk) {  // cJSON: service_id, event_time, event_type, paras
    o.string("service_id", e.service_id);
    time();
    o.string("event_type", e.event_type);
    written = paras();
    event_id();
  } else if (prof == profile::python) {  // service_id, event_type, event_time, event_id, paras
    o.string("service_id", e.service_id);
    o.string("event_type", e.event_type);
    time();
    event_id();
    written = paras();
  } else if (direction_of(e.kind) == direction::platform_to_device) {  // the platform: event_type first
    o.string("event_type", e.event_type);
    o.string("service_id", e.service_id);
    time();
    written = paras();
    event_id();
  } else {  // Go SDK: service_id, event_type, event_time, paras
    o.string("service_id", e.service_id);
    o.string("event_type", e.event_type);
    time();
    written = paras();
    event_id();
  }
  if (!written) return written;
  o.close();
  return ok();
}

/// The message as `prof`'s SDK writes it (no checks: see `check`).
template <class Sink>
result<void> write(json::writer<Sink>& w, const message& m, profile prof) {
  json::object_writer<Sink> root(w, layout_of(prof));
  root.string("object_device_id", m.object_device_id);
  json::array_writer<Sink> services(root.key("services"), root.nested());
  for (const auto& e : m.events()) {
    if (auto r = write_event(services.next(), e, prof, services.nested()); !r) return r;
  }
  services.close();
  root.close();
  return ok();
}

// `check(m, prof)` for the noexcept encode forms: memory running out while a raw field is parsed
// is `buffer_too_small` at `memory`, as the forms report it.
inline result<void> checked(const message& m, profile prof) noexcept {
  try {
    return check(m, prof);
  } catch (...) {
    return fail(errc::buffer_too_small, "memory", error::no_offset);
  }
}

// The write of `m` as `prof` prints it, for `size_of`, `write_into` and `write_string`.
inline auto written(const message& m, profile prof) noexcept {
  return [&m, prof](auto& w) -> result<void> { return write(w, m, prof); };
}

}  // namespace detail

// The three forms every JSON family's `encode` has (docs/contract.md), as `prof`'s SDK writes
// the message. Each checks it (`check`) first; a refused message writes nothing.

/// The exact size of the message's bytes, nothing written.
[[nodiscard]] inline result<std::size_t> encoded_size(const message& m, profile prof = profile::compact) noexcept {
  if (auto r = detail::checked(m, prof); !r) return r.error();
  return json::size_of(detail::written(m, prof));
}

/// Writes the message's bytes into `out` and returns their size; `buffer_too_small` at `output`
/// (offset: the size needed) when `out` is shorter.
[[nodiscard]] inline result<std::size_t> encode(const message& m, std::span<char> out,
                                                profile prof = profile::compact) noexcept {
  if (auto r = detail::checked(m, prof); !r) return r.error();
  return json::write_into(out, detail::written(m, prof));
}

/// The message's bytes, in a string reserved to their exact size.
[[nodiscard]] inline result<std::string> encode(const message& m, profile prof = profile::compact) noexcept {
  if (auto r = detail::checked(m, prof); !r) return r.error();
  return json::write_string(detail::written(m, prof));
}

// ---------------------------------------------------------------------------------------------
// Boost.JSON conversions

/// `boost::json::value_from(message)`: the document `encode(m)` writes in the `compact` profile,
/// parsed (one encoder, so the value and the bytes cannot disagree); unchecked.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const message& m) {
  json::assign_written(jv, detail::written(m, profile::compact));
}

/// `boost::json::try_value_to<message>(jv)`: the generic decoder on the DOM; views point into
/// `jv`. The error code is otawire's (`otawire::error_category()`); `decode_payload_dom` keeps the
/// path.
inline boost::json::result<message> tag_invoke(boost::json::try_value_to_tag<message>, const boost::json::value& jv) {
  auto m = decode_payload_dom(jv);
  if (!m) return boost::system::error_code(make_error_code(m.error().code()));
  return *m;
}

}  // namespace otawire::huawei

#endif

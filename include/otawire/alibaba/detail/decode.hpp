// otawire Alibaba Link OTA: the message decoders, written once over the JSON backend
// (json::simd_document/simd_value or json::dom_document/dom_value; see json/common.hpp).
//
// Each nested object is decoded into a fresh local and assigned on success, so that a duplicate
// key replaces the whole value (last wins) in both backends alike.
#ifndef OTAWIRE_ALIBABA_DETAIL_DECODE_HPP
#define OTAWIRE_ALIBABA_DETAIL_DECODE_HPP

#include <otawire/alibaba/messages.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/fields.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace otawire::alibaba::detail {

/// `key == name` for a literal name: the length is a constant, so the comparison compiles to a
/// few instructions instead of a memcmp call (key dispatch is a large share of a decode).
template <std::size_t N>
[[nodiscard]] constexpr bool key_is(std::string_view key, const char (&name)[N]) noexcept {
  return key.size() == N - 1 && std::char_traits<char>::compare(key.data(), name, N - 1) == 0;
}

/// `id`: a numeric string (docs) or an integer (SDKs), never negative.
template <class Value>
result<message_id> decode_id(Value& v) {
  auto k = v.type("id");
  if (!k) return k.error();
  const bool quoted = *k == json::kind::string;
  // int64_lenient, with the kind already known.
  result<std::int64_t> n = std::int64_t{0};
  if (quoted) {
    auto s = v.string("id");
    if (!s) return s.error();
    n = json::detail::parse_decimal_int64(*s, "id", v.offset());
  } else {
    n = v.int64("id");
  }
  if (!n) return n.error();
  if (*n < 0) return fail(errc::out_of_range, "id", v.offset());
  return message_id{*n, quoted};
}

/// Whether `s` is a version string: 1–64 characters (§B.2.1, [A10]).
[[nodiscard]] constexpr bool is_version(std::string_view s) noexcept {
  return !s.empty() && s.size() <= max_version_length;
}

/// A version string (is_version).
template <class Value>
result<std::string_view> decode_version(Value& v, text_id path) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (!is_version(*s)) return fail(errc::bad_length, path, v.offset());
  return *s;
}

template <class Value>
result<bool> take_string(Value& v, text_id path, std::optional<std::string_view>& out) {
  auto s = v.string(path);
  if (!s) return s.error();
  out = *s;
  return true;
}

/// A non-negative integer sent as a JSON number. Read as int64 then checked, not as uint64: the
/// backends disagree on `-0` as a uint64 (simdjson refuses the sign, Boost.JSON reads int64 0).
template <class Value>
result<std::int64_t> decode_count(Value& v, text_id path) {
  auto n = v.int64(path);
  if (!n) return n.error();
  if (*n < 0) return fail(errc::out_of_range, path, v.offset());
  return *n;
}

// --- params --------------------------------------------------------------------------------------

// The params decoders write straight into the message (inform, version_request, progress), each
// occurrence from a clean start so that a repeated `params` replaces the earlier one: returning
// a local part through a result and copying it stalled store forwarding on every message.

/// `params` of inform and of the legacy request: {"version":..., "module":...}.
template <class Value, class Msg>
result<void> decode_version_params(Value& v, Msg& p) {
  p.version = {};
  p.module.reset();
  bool has_version = false;
  auto walked = v.object_for_each("params", [&](json::key_view key, auto& pv) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "version")) {
      auto s = decode_version(pv, "params.version");
      if (!s) return s.error();
      p.version = *s;
      has_version = true;
      return true;
    }
    if (key_is(key, "module")) return take_string(pv, "params.module", p.module);
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, "params.version", v.offset());
  return ok();
}

/// `params` of progress: `step` as "50" (SDKs, docs) or 50, in -4…100.
template <class Value>
result<void> decode_progress_params(Value& v, progress& p) {
  p.step = 0;
  p.desc.reset();
  p.module.reset();
  bool has_step = false;
  auto walked = v.object_for_each("params", [&](json::key_view key, auto& pv) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "step")) {
      auto n = pv.int64_lenient("params.step");
      if (!n) return n.error();
      auto checked = json::in_range<std::int32_t>(*n, min_step, max_step, "params.step", pv.offset());
      if (!checked) return checked.error();
      p.step = *checked;
      has_step = true;
      return true;
    }
    if (key_is(key, "desc")) return take_string(pv, "params.desc", p.desc);
    if (key_is(key, "module")) return take_string(pv, "params.module", p.module);
    return false;
  });
  if (!walked) return walked.error();
  if (!has_step) return fail(errc::missing_field, "params.step", v.offset());
  return ok();
}

/// `params` of the pull request: {} or {"module":...}; `null` is taken as {} (§0: lenient).
template <class Value>
result<std::optional<std::string_view>> decode_get_params(Value& v) {
  auto is_null = v.null("params");
  if (!is_null) return is_null.error();
  if (*is_null) return std::optional<std::string_view>{};
  std::optional<std::string_view> module;
  auto walked = v.object_for_each("params", [&](json::key_view key, auto& pv) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "module")) return take_string(pv, "params.module", module);
    return false;
  });
  if (!walked) return walked.error();
  return module;
}

// --- data (the package) --------------------------------------------------------------------------

// The field rules every family shares (json/fields.hpp): a download URL is http(s) with a host;
// `md5` is 32 hex digits, `sign` the hex of the digest `signMethod` names (32 or 64 digits before
// the method is known: the Link SDK refuses any other length [A7][A8]), either case (§B.3).

template <class Value>
result<bool> take_url(Value& v, text_id path, std::optional<std::string_view>& out) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (!json::fields::is_download_url(*s)) return fail(errc::invalid_value, path, v.offset());
  out = *s;
  return true;
}

/// A hex digest of either length (its method is checked once the whole object was read).
template <class Value>
result<bool> take_digest(Value& v, text_id path, std::optional<std::string_view>& out) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (!json::fields::is_digest_hex(*s)) return fail(errc::bad_string, path, v.offset());
  out = *s;
  return true;
}

[[nodiscard]] constexpr json::fields::digest_method method_of(std::optional<digest_algorithm> a) noexcept {
  if (!a) return json::fields::digest_method::unknown;
  return *a == digest_algorithm::md5 ? json::fields::digest_method::md5 : json::fields::digest_method::sha256;
}

template <class Value>
result<package_file> decode_file(Value& v) {
  package_file f;
  auto walked = v.object_for_each("data.files[]", [&](json::key_view key, auto& fv) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "fileName")) return take_string(fv, "data.files[].fileName", f.name);
    if (key_is(key, "fileUrl")) return take_url(fv, "data.files[].fileUrl", f.url);
    if (key_is(key, "fileSign")) return take_digest(fv, "data.files[].fileSign", f.sign);
    if (key_is(key, "fileSize")) {
      auto n = decode_count(fv, "data.files[].fileSize");
      if (!n) return n.error();
      f.size = static_cast<std::uint64_t>(*n);
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  return f;
}

/// The rules over a whole package, once every key of `data` was read (`has_size`/`has_version`:
/// those keys were): the signs match `signMethod`, which may follow them; the required keys; a
/// URL or the MQTT stream's ids. Written once for the generic walk and the fast path (fast.hpp).
/// `sign_at` is the offset of `sign`; `object_at()` gives the offset of `data` (called only to
/// build an error, so that the usual message never works it out).
template <class ObjectAt>
result<void> check_package(const package& p, bool has_size, bool has_version, std::size_t sign_at, ObjectAt&& object_at) {
  if (p.sign_method) {  // `signMethod` may follow the signs it qualifies
    const auto method = method_of(p.sign_method);
    if (p.sign && !json::fields::is_digest_hex(*p.sign, method)) return fail(errc::bad_string, "data.sign", sign_at);
    for (std::size_t i = 0; i < p.files().size(); ++i) {
      const auto& f = p.files()[i];
      if (f.sign && !json::fields::is_digest_hex(*f.sign, method)) {
        return fail(errc::bad_string, "data.files[].fileSign", object_at()).in_element(i);
      }
    }
  }
  if (!has_size) return fail(errc::missing_field, "data.size", object_at());
  if (!has_version) return fail(errc::missing_field, "data.version", object_at());
  if (p.mqtt_download()) {
    // MQTT-stream download names the file by stream, not by URL [A1][A8].
    if (!p.stream_id) return fail(errc::missing_field, "data.streamId", object_at());
    if (!p.stream_file_id) return fail(errc::missing_field, "data.streamFileId", object_at());
  } else if (!p.url && p.file_count == 0) {
    // A multi-file package carries a URL per file (inferred: no doc example, §C.5).
    return fail(errc::missing_field, "data.url", object_at());
  }
  return ok();
}

/// `data` of an upgrade push or a pull reply, decoded in place into `p` (a package is ~2 KiB:
/// copying it per message was a measurable share of a decode). The caller hands in a fresh
/// package for each occurrence of `data`, so a repeated key still replaces the whole value.
/// With `allow_empty`, an object without keys, or `null`, is "no package" (pull reply, §B.2.4):
/// the result is then false.
template <class Value>
result<bool> decode_package(Value& v, bool allow_empty, package& p) {
  if (allow_empty) {
    auto is_null = v.null("data");
    if (!is_null) return is_null.error();
    if (*is_null) return false;
  }
  bool has_size = false, has_version = false;
  std::size_t keys = 0;
  std::size_t sign_at = 0;
  auto walked = v.object_for_each("data", [&](json::key_view key, auto& dv) OTAWIRE_JSON_VISITOR -> result<bool> {
    ++keys;
    if (key_is(key, "size")) {
      auto n = decode_count(dv, "data.size");
      if (!n) return n.error();
      p.size = static_cast<std::uint64_t>(*n);
      has_size = true;
      return true;
    }
    if (key_is(key, "version")) {
      auto s = decode_version(dv, "data.version");
      if (!s) return s.error();
      p.version = *s;
      has_version = true;
      return true;
    }
    if (key_is(key, "url")) return take_url(dv, "data.url", p.url);
    if (key_is(key, "md5")) {
      auto s = dv.string("data.md5");
      if (!s) return s.error();
      if (!json::fields::is_md5_hex(*s)) return fail(errc::bad_string, "data.md5", dv.offset());
      p.md5 = *s;
      return true;
    }
    if (key_is(key, "sign")) {
      sign_at = dv.offset();
      return take_digest(dv, "data.sign", p.sign);
    }
    if (key_is(key, "digestsign")) return take_string(dv, "data.digestsign", p.digestsign);
    if (key_is(key, "module")) return take_string(dv, "data.module", p.module);
    if (key_is(key, "dProtocol")) return take_string(dv, "data.dProtocol", p.download_protocol);
    if (key_is(key, "signMethod")) {
      auto s = dv.string("data.signMethod");
      if (!s) return s.error();
      const auto method = parse_sign_method(*s);
      if (!method) return fail(errc::invalid_value, "data.signMethod", dv.offset());
      p.sign_method = *method;
      return true;
    }
    if (key_is(key, "isDiff")) {
      // A number in every source; "1" is taken too (§0: numbers as strings are decoded).
      auto n = dv.int64_lenient("data.isDiff");
      if (!n) return n.error();
      auto b = json::in_range<std::int64_t>(*n, 0, 1, "data.isDiff", dv.offset());
      if (!b) return b.error();
      p.is_diff = *b == 1;
      return true;
    }
    if (key_is(key, "streamId") || key_is(key, "streamFileId")) {
      const bool is_stream = key_is(key, "streamId");
      auto n = decode_count(dv, is_stream ? text_id("data.streamId") : text_id("data.streamFileId"));
      if (!n) return n.error();
      (is_stream ? p.stream_id : p.stream_file_id) = *n;
      return true;
    }
    if (key_is(key, "extData")) {
      auto k = dv.type("data.extData");
      if (!k) return k.error();
      if (*k != json::kind::object) {
        if (auto s = dv.skip("data.extData"); !s) return s.error();
        return fail(errc::wrong_type, "data.extData", dv.offset());
      }
      auto raw = dv.raw("data.extData");
      if (!raw) return raw.error();
      p.ext_data = *raw;
      return true;
    }
    if (key_is(key, "files")) {
      std::size_t count = 0;
      auto each = dv.array_for_each("data.files[]", [&](auto& fv) -> result<void> {
        auto f = decode_file(fv);
        if (!f) return f.error();
        if (count < max_files) p.file_storage.set(count, *f);
        ++count;
        return ok();
      });
      if (!each) return each.error();
      if (count > max_files) return fail(errc::unsupported, "data.files", dv.offset());
      p.file_count = static_cast<std::uint8_t>(count);
      p.has_files = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (allow_empty && keys == 0) return false;
  if (auto checked = check_package(p, has_size, has_version, sign_at, [&] { return v.offset(); }); !checked) {
    return checked.error();
  }
  return true;
}

/// Decodes one occurrence of `data` that must hold a package into `out`; `seen` tracks whether
/// an earlier occurrence already wrote to it (then it is reset first: last one wins).
template <class Value>
result<bool> take_package(Value& v, package& out, bool& seen) {
  if (seen) out = package{};
  seen = true;
  auto r = decode_package(v, false, out);
  if (!r) return r.error();
  return true;
}

// --- root objects --------------------------------------------------------------------------------

template <class Value>
result<bool> take_id(Value& v, message_id& out, bool& has) {
  auto id = decode_id(v);
  if (!id) return id.error();
  out = *id;
  has = true;
  return true;
}

/// Top-level `code` of the push: the platform sends the string "1000", but neither SDK reads it
/// (iotkit v3 checks only `message`, the Link SDK neither, §B.2.2), so it is optional and its
/// value is not checked (§0: decode leniently). Present, it must still be an integer or a
/// numeric string; it is not stored (the encoder writes "1000", as the platform does).
template <class Value>
result<bool> skip_push_code(Value& v) {
  auto n = v.int64_lenient("code");
  if (!n) return n.error();
  return true;
}

/// A root of `id` and `params` (inform, progress), `params` decoded into the message by
/// `decode_params(v, m)`.
template <class Document, class Msg, class Params>
result<void> decode_id_and_params(Document& doc, Msg& m, Params&& decode_params) {
  bool has_id = false, has_params = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "id")) return take_id(v, m.id, has_id);
    if (key_is(key, "params")) {
      if (auto p = decode_params(v, m); !p) return p.error();
      has_params = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked;
  if (!has_id) return fail(errc::missing_field, "id");
  if (!has_params) return fail(errc::missing_field, "params");
  return ok();
}

template <class Document>
result<void> decode_inform(Document& doc, inform& m) {
  return decode_id_and_params(doc, m, [](auto& v, inform& p) { return decode_version_params(v, p); });
}

template <class Document>
result<void> decode_progress(Document& doc, progress& m) {
  return decode_id_and_params(doc, m, [](auto& v, progress& p) { return decode_progress_params(v, p); });
}

template <class Document>
result<void> decode_upgrade(Document& doc, upgrade& m) {
  bool has_id = false, has_data = false, seen_data = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "id")) return take_id(v, m.id, has_id);
    if (key_is(key, "code")) return skip_push_code(v);
    if (key_is(key, "message")) return take_string(v, "message", m.message);
    if (key_is(key, "data")) {
      auto r = take_package(v, m.data, seen_data);
      if (!r) return r.error();
      has_data = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked;
  if (!has_id) return fail(errc::missing_field, "id");
  if (!has_data) return fail(errc::missing_field, "data");
  return ok();
}

template <class Document>
result<void> decode_firmware_get(Document& doc, firmware_get& m) {
  bool has_id = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "id")) return take_id(v, m.id, has_id);
    if (key_is(key, "version")) return take_string(v, "version", m.version);
    if (key_is(key, "params")) {
      auto module = decode_get_params(v);
      if (!module) return module.error();
      m.module = *module;
      return true;
    }
    if (key_is(key, "method")) {
      auto s = v.string("method");
      if (!s) return s.error();
      if (*s != firmware_get_method) return fail(errc::invalid_value, "method", v.offset());
      m.has_method = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked;
  if (!has_id) return fail(errc::missing_field, "id");
  return ok();
}

template <class Document>
result<void> decode_firmware_get_reply(Document& doc, firmware_get_reply& m) {
  bool has_id = false, has_code = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "id")) return take_id(v, m.id, has_id);
    if (key_is(key, "code")) {
      // An integer in the docs; "200" is taken too (§0).
      auto n = v.int64_lenient("code");
      if (!n) return n.error();
      m.code = *n;
      has_code = true;
      return true;
    }
    if (key_is(key, "message")) return take_string(v, "message", m.message);
    if (key_is(key, "data")) {
      // Reuse the package storage; a repeated key starts from a fresh package (last one wins).
      if (m.data) {
        *m.data = package{};
      } else {
        m.data.emplace();
      }
      auto r = decode_package(v, true, *m.data);
      if (!r) return r.error();
      if (!*r) m.data.reset();
      return true;
    }
    return false;
  });
  if (!walked) return walked;
  if (!has_id) return fail(errc::missing_field, "id");
  if (!has_code) return fail(errc::missing_field, "code");
  return ok();
}

/// The legacy request topic carries the version report's body from the device; iotkit also takes
/// a payload there that carries a package (`data` with a `url`) as an upgrade push [A6]. One walk
/// reads both shapes; `data` decides.
template <class Document>
result<void> decode_request_topic(Document& doc, message& out) {
  version_request request;
  upgrade push;
  bool has_id = false, has_params = false, has_data = false, seen_data = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key_is(key, "id")) return take_id(v, request.id, has_id);
    if (key_is(key, "params")) {
      if (auto p = decode_version_params(v, request); !p) return p.error();
      has_params = true;
      return true;
    }
    if (key_is(key, "code")) return skip_push_code(v);
    if (key_is(key, "message")) return take_string(v, "message", push.message);
    if (key_is(key, "data")) {
      auto r = take_package(v, push.data, seen_data);
      if (!r) return r.error();
      has_data = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked;
  if (!has_id) return fail(errc::missing_field, "id");
  if (has_data) {
    push.id = request.id;
    out = push;
    return ok();
  }
  if (!has_params) return fail(errc::missing_field, "params");
  out = request;
  return ok();
}

/// Decodes the payload of a topic of `kind` into `out`.
template <class Document>
result<void> decode_payload(topic_kind kind, Document& doc, message& out) {
  switch (kind) {
    case topic_kind::inform: return decode_inform(doc, out.emplace<inform>());
    case topic_kind::upgrade: return decode_upgrade(doc, out.emplace<upgrade>());
    case topic_kind::progress: return decode_progress(doc, out.emplace<progress>());
    case topic_kind::firmware_get: return decode_firmware_get(doc, out.emplace<firmware_get>());
    case topic_kind::firmware_get_reply: return decode_firmware_get_reply(doc, out.emplace<firmware_get_reply>());
    case topic_kind::request: return decode_request_topic(doc, out);
  }
  return fail(errc::unknown_message, "topic");
}

}  // namespace otawire::alibaba::detail

#endif

// otawire Alibaba Link OTA: the simdjson decoder's fast path (issue 16 item 2). One pass over the
// usual message of the topic's type: keys compared raw (in `data`, dispatched on their first
// byte first), each value read with the accessor the generic walk uses and checked in place
// straight into the message, no error built. The package's whole-object rules (signs by
// `signMethod`, required keys, URL or MQTT stream) are decode.hpp's own check_package. Anything
// it does not accept as it stands (a failed check, a wrong type, an escaped key, which may spell
// a known one, a missing field, trailing text, malformed JSON) makes it decline, and the generic
// walk (decode.hpp) decodes the message again and decides: so the rules are decode.hpp's, and
// every error is its error. fuzz_alibaba_fast holds the two to the same result on any input.
#ifndef OTAWIRE_ALIBABA_DETAIL_FAST_HPP
#define OTAWIRE_ALIBABA_DETAIL_FAST_HPP

#include <otawire/alibaba/detail/decode.hpp>
#include <otawire/alibaba/messages.hpp>
#include <otawire/alibaba/topic.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace otawire::alibaba::detail {

using json::fast_integer;
using json::fast_string;
using json::raw_key;
using json::raw_key_is;

// --- values: each reader mirrors its decode.hpp twin; true when read, false to decline ----------

/// `id` into `out`: decode_id's reading (a numeric string or an integer, never negative).
OTAWIRE_JSON_INLINE bool fast_id(json::simd_value& v, message_id& out) noexcept {
  const bool quoted = v.first_byte() == '"';
  std::int64_t n = 0;
  if (!fast_integer(v, 0, std::numeric_limits<std::int64_t>::max(), n)) return false;
  out = message_id{n, quoted};
  return true;
}

inline constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

/// A non-negative integer sent as a JSON number into `out`: decode_count's reading.
template <class Int>
OTAWIRE_JSON_INLINE bool fast_count(json::simd_value& v, Int& out) noexcept {
  auto n = v.int64("");
  if (!n || *n < 0) return false;
  out = static_cast<Int>(*n);
  return true;
}
/// `fast_count` into an optional (present once read).
OTAWIRE_JSON_INLINE bool fast_count(json::simd_value& v, std::optional<std::int64_t>& out) noexcept {
  std::int64_t n = 0;
  if (!fast_count(v, n)) return false;
  out = n;
  return true;
}

/// `null`, consumed; false for anything else.
OTAWIRE_JSON_INLINE bool fast_null(json::simd_value& v) noexcept {
  auto n = v.null("");
  return n && *n;
}

/// A version string (is_version) into `out`.
OTAWIRE_JSON_INLINE bool fast_version(json::simd_value& v, std::string_view& out) noexcept {
  return fast_string(v, out) && is_version(out);
}

// --- params --------------------------------------------------------------------------------------
// Each occurrence from a clean start (a repeated `params` replaces the earlier one), as in
// decode.hpp. The nested walks are kept out of line, as Tencent's and CTWing's: inlined into the
// root's, they made it too large for g++ -O3 to inline the accessors.

/// `params` of inform and of the legacy request (decode_version_params).
template <class Msg>
OTAWIRE_JSON_OUTLINE bool fast_version_params(json::simd_value& v, Msg& p) noexcept {
  p.version = {};
  p.module.reset();
  bool has_version = false;
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"version">(k)) return has_version = fast_version(f, p.version);
           if (raw_key_is<"module">(k)) return fast_string(f, p.module);
           return json::plain_key(k);  // an unknown key: its value is validated and skipped
         }) &&
         has_version;
}

/// `params` of progress (decode_progress_params).
OTAWIRE_JSON_OUTLINE inline bool fast_progress_params(json::simd_value& v, progress& p) noexcept {
  p.step = 0;
  p.desc.reset();
  p.module.reset();
  bool has_step = false;
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"step">(k)) return has_step = fast_integer(f, min_step, max_step, p.step);
           if (raw_key_is<"desc">(k)) return fast_string(f, p.desc);
           if (raw_key_is<"module">(k)) return fast_string(f, p.module);
           return json::plain_key(k);
         }) &&
         has_step;
}

/// `params` of the pull request, `{}`, `{"module":...}` or `null` (decode_get_params).
OTAWIRE_JSON_OUTLINE inline bool fast_get_params(json::simd_value& v, std::optional<std::string_view>& module) noexcept {
  module.reset();
  if (v.first_byte() == 'n') return fast_null(v);
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    if (raw_key_is<"module">(k)) return fast_string(f, module);
    return json::plain_key(k);
  });
}

// --- data (the package) --------------------------------------------------------------------------

/// One element of `data.files[]` (decode_file).
OTAWIRE_JSON_INLINE bool fast_file(json::simd_value& v, package_file& f) noexcept {
  return v.fast_object_in_place([&](raw_key k, json::simd_value& x) OTAWIRE_JSON_VISITOR {
    if (raw_key_is<"fileName">(k)) return fast_string(x, f.name);
    if (raw_key_is<"fileUrl">(k)) return fast_string(x, f.url) && json::fields::is_download_url(*f.url);
    if (raw_key_is<"fileSign">(k)) return fast_string(x, f.sign) && json::fields::is_digest_hex(*f.sign);
    if (raw_key_is<"fileSize">(k)) {
      std::uint64_t n = 0;
      if (!fast_count(x, n)) return false;
      f.size = n;
      return true;
    }
    return json::plain_key(k);
  });
}

/// `data.files`: an array of at most max_files files (decode_package's `files`). Walked with the
/// generic array walk: no example has it (Link SDK multi-file packages, §C.5), so it is not worth
/// a fast array of its own; the error it builds for a declined element is dropped.
OTAWIRE_JSON_OUTLINE inline bool fast_files(json::simd_value& v, package& p) noexcept {
  if (v.first_byte() != '[') return false;
  std::size_t count = 0;
  const auto walked = v.array_for_each("", [&](json::simd_value& e) -> result<void> {
    package_file f;
    // Declined: the error is dropped; malformed_json only makes the walk stop at once.
    if (count == max_files || !fast_file(e, f)) return fail(errc::malformed_json, "", 0);
    p.file_storage.set(count++, f);
    return ok();
  });
  if (!walked) return false;
  p.file_count = static_cast<std::uint8_t>(count);
  p.has_files = true;
  return true;
}

/// `data.extData`: an object, kept as sent.
OTAWIRE_JSON_INLINE bool fast_ext_data(json::simd_value& v, json::raw_json& out) noexcept {
  if (v.first_byte() != '{') return false;
  auto raw = v.raw("");
  if (!raw) return false;
  out = *raw;
  return true;
}

/// `data.signMethod`, in any case.
OTAWIRE_JSON_INLINE bool fast_sign_method(json::simd_value& v, std::optional<digest_algorithm>& out) noexcept {
  std::string_view s;
  if (!fast_string(v, s)) return false;
  out = parse_sign_method(s);
  return out.has_value();
}

/// `data` into `p` (a fresh package), decode_package's reading and check_package's rules. With
/// `allow_empty` (pull reply), `{}` or `null` is "no package": `present` is then false.
OTAWIRE_JSON_OUTLINE inline bool fast_package(json::simd_value& v, bool allow_empty, package& p, bool& present) noexcept {
  present = false;
  if (allow_empty && v.first_byte() == 'n') return fast_null(v);
  bool has_size = false, has_version = false;
  std::size_t keys = 0;
  const bool walked = v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    ++keys;
    switch (*k.raw()) {
      case 's':
        if (raw_key_is<"size">(k)) return has_size = fast_count(f, p.size);
        if (raw_key_is<"sign">(k)) return fast_string(f, p.sign) && json::fields::is_digest_hex(*p.sign);
        if (raw_key_is<"signMethod">(k)) return fast_sign_method(f, p.sign_method);
        if (raw_key_is<"streamId">(k)) return fast_count(f, p.stream_id);
        if (raw_key_is<"streamFileId">(k)) return fast_count(f, p.stream_file_id);
        break;
      case 'v':
        if (raw_key_is<"version">(k)) return has_version = fast_version(f, p.version);
        break;
      case 'u':
        if (raw_key_is<"url">(k)) return fast_string(f, p.url) && json::fields::is_download_url(*p.url);
        break;
      case 'm':
        if (raw_key_is<"md5">(k)) return fast_string(f, p.md5) && json::fields::is_md5_hex(*p.md5);
        if (raw_key_is<"module">(k)) return fast_string(f, p.module);
        break;
      case 'd':
        if (raw_key_is<"digestsign">(k)) return fast_string(f, p.digestsign);
        if (raw_key_is<"dProtocol">(k)) return fast_string(f, p.download_protocol);
        break;
      case 'i':
        if (raw_key_is<"isDiff">(k)) {
          int n = 0;
          if (!fast_integer(f, 0, 1, n)) return false;
          p.is_diff = n == 1;
          return true;
        }
        break;
      case 'e':
        if (raw_key_is<"extData">(k)) return fast_ext_data(f, p.ext_data);
        break;
      case 'f':
        if (raw_key_is<"files">(k)) return fast_files(f, p);
        break;
      default: break;
    }
    return json::plain_key(k);
  });
  if (!walked) return false;
  if (allow_empty && keys == 0) return true;
  present = true;
  // Offsets 0: check_package works one out only for an error, which the fast path drops.
  return check_package(p, has_size, has_version, 0, [] { return std::size_t{0}; }).has_value();
}

// --- root objects --------------------------------------------------------------------------------

/// inform and progress: `id` and `params` (decode_id_and_params).
template <class Msg, class Params>
OTAWIRE_JSON_INLINE bool fast_id_and_params(json::simd_document& doc, Msg& m, Params&& fast_params) noexcept {
  bool has_id = false, has_params = false;
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"id">(k)) return has_id = fast_id(v, m.id);
           if (raw_key_is<"params">(k)) return has_params = fast_params(v, m);
           return json::plain_key(k);
         }) &&
         has_id && has_params;
}

/// The upgrade push (decode_upgrade).
OTAWIRE_JSON_OUTLINE inline bool fast_upgrade(json::simd_document& doc, upgrade& m) noexcept {
  bool has_id = false, has_data = false;
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"id">(k)) return has_id = fast_id(v, m.id);
           if (raw_key_is<"code">(k)) {  // validated, not stored (skip_push_code)
             std::int64_t code = 0;
             return fast_integer(v, int64_min, int64_max, code);
           }
           if (raw_key_is<"message">(k)) return fast_string(v, m.message);
           if (raw_key_is<"data">(k)) {
             if (has_data) m.data = package{};  // a repeated `data` replaces the whole package
             bool present = false;
             return has_data = fast_package(v, false, m.data, present);
           }
           return json::plain_key(k);
         }) &&
         has_id && has_data;
}

/// The pull request (decode_firmware_get).
OTAWIRE_JSON_OUTLINE inline bool fast_firmware_get(json::simd_document& doc, firmware_get& m) noexcept {
  bool has_id = false;
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"id">(k)) return has_id = fast_id(v, m.id);
           if (raw_key_is<"version">(k)) return fast_string(v, m.version);
           if (raw_key_is<"params">(k)) return fast_get_params(v, m.module);
           if (raw_key_is<"method">(k)) {
             std::string_view s;
             return m.has_method = fast_string(v, s) && s == firmware_get_method;
           }
           return json::plain_key(k);
         }) &&
         has_id;
}

/// The pull reply (decode_firmware_get_reply).
OTAWIRE_JSON_OUTLINE inline bool fast_firmware_get_reply(json::simd_document& doc, firmware_get_reply& m) noexcept {
  bool has_id = false, has_code = false;
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"id">(k)) return has_id = fast_id(v, m.id);
           if (raw_key_is<"code">(k)) return has_code = fast_integer(v, int64_min, int64_max, m.code);
           if (raw_key_is<"message">(k)) return fast_string(v, m.message);
           if (raw_key_is<"data">(k)) {
             // Reuse the package storage; a repeated key starts from a fresh package (last one wins).
             if (m.data) {
               *m.data = package{};
             } else {
               m.data.emplace();
             }
             bool present = false;
             if (!fast_package(v, true, *m.data, present)) return false;
             if (!present) m.data.reset();
             return true;
           }
           return json::plain_key(k);
         }) &&
         has_id && has_code;
}

/// The legacy request topic: the version report's body, or a push carrying a package
/// (decode_request_topic; `data` decides).
OTAWIRE_JSON_OUTLINE inline bool fast_request_topic(json::simd_document& doc, message& out) noexcept {
  version_request request;
  upgrade push;
  bool has_id = false, has_params = false, has_data = false;
  const bool walked = doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
    if (raw_key_is<"id">(k)) return has_id = fast_id(v, request.id);
    if (raw_key_is<"params">(k)) return has_params = fast_version_params(v, request);
    if (raw_key_is<"code">(k)) {
      std::int64_t code = 0;
      return fast_integer(v, int64_min, int64_max, code);
    }
    if (raw_key_is<"message">(k)) return fast_string(v, push.message);
    if (raw_key_is<"data">(k)) {
      if (has_data) push.data = package{};
      bool present = false;
      return has_data = fast_package(v, false, push.data, present);
    }
    return json::plain_key(k);
  });
  if (!walked || !has_id) return false;
  if (has_data) {
    push.id = request.id;
    out = push;
    return true;
  }
  if (!has_params) return false;
  out = request;
  return true;
}

/// The fast path for the payload of a topic of `kind`, into `out`; false: the generic walk
/// decides (`out` may then hold a partial message, which the generic walk replaces).
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, topic_kind kind, message& out) noexcept {
  switch (kind) {
    case topic_kind::inform:
      return fast_id_and_params(doc, out.emplace<inform>(),
                                [](json::simd_value& v, inform& m) { return fast_version_params(v, m); });
    case topic_kind::upgrade: return fast_upgrade(doc, out.emplace<upgrade>());
    case topic_kind::progress:
      return fast_id_and_params(doc, out.emplace<progress>(),
                                [](json::simd_value& v, progress& m) { return fast_progress_params(v, m); });
    case topic_kind::firmware_get: return fast_firmware_get(doc, out.emplace<firmware_get>());
    case topic_kind::firmware_get_reply: return fast_firmware_get_reply(doc, out.emplace<firmware_get_reply>());
    case topic_kind::request: return fast_request_topic(doc, out);
  }
  return false;
}

}  // namespace otawire::alibaba::detail

#endif

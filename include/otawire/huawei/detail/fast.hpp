// otawire Huawei: the simdjson decoder's fast path (issue 16 item 2). One pass over the usual
// message: keys dispatched on their first byte and compared raw, each value read with the
// accessor the generic walk uses and stored straight into the caller's message, no error built.
// Anything it does not accept as it stands makes it decline: a value that fails its field's
// check, a wrong type, an escaped key (it may spell a known one), a missing field, an unknown
// `$ota` event type, a `paras` before its element's `service_id` and `event_type` (or one of them
// repeated after it: the generic walk's deferred second pass), a repeated `services`, more than
// `max_services` events, trailing text, malformed JSON. The generic walk (decode.hpp) then
// decodes the message again and decides: so the rules are decode.hpp's, and every error is its
// error. fuzz_huawei_fast holds the two to the same result on any input.
#ifndef OTAWIRE_HUAWEI_DETAIL_FAST_HPP
#define OTAWIRE_HUAWEI_DETAIL_FAST_HPP

#include <otawire/huawei/detail/decode.hpp>
#include <otawire/huawei/detail/time.hpp>
#include <otawire/huawei/messages.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace otawire::huawei::detail {

using json::fast_string;
using json::raw_key;
using json::raw_key_is;

// Each reader mirrors its twin in decode.hpp (`null` = absent); true when the value was read and
// passed the twin's check, false (decline) for anything else.

// optional_string's reading: `null` is absent, a String is present.
OTAWIRE_JSON_INLINE bool fast_optional_string(json::simd_value& v, std::optional<std::string_view>& out) noexcept {
  if (v.first_byte() == 'n') {
    out.reset();
    auto n = v.null("");
    return n && *n;
  }
  return fast_string(v, out);
}

// integer's reading: within [0, int64_max] (every integer of paras but `result_code`, read
// separately), `lenient` also from a decimal string.
OTAWIRE_JSON_INLINE bool fast_count(json::simd_value& v, bool lenient, std::int64_t& out) noexcept {
  auto n = lenient ? v.int64_lenient("") : v.int64("");
  if (!n || *n < 0) return false;
  out = *n;
  return true;
}

// An optional integer (decode_upgrade's opt_int, sub_device_count): `null` is absent.
OTAWIRE_JSON_INLINE bool fast_optional_count(json::simd_value& v, bool lenient, std::optional<std::int64_t>& out) noexcept {
  if (v.first_byte() == 'n') {
    out.reset();
    auto n = v.null("");
    return n && *n;
  }
  std::int64_t n = 0;
  if (!fast_count(v, lenient, n)) return false;
  out = n;
  return true;
}

// task_ext_info's reading: an object or a String kept as sent, `null` absent.
OTAWIRE_JSON_INLINE bool fast_task_ext_info(json::simd_value& v, json::raw_json& out) noexcept {
  const char c = v.first_byte();
  if (c == 'n') {
    out = {};
    auto n = v.null("");
    return n && *n;
  }
  if (c != '{' && c != '"') return false;
  auto r = v.raw("");
  if (!r) return false;
  out = *r;
  return true;
}

// The paras walks, one per kind, each into a freshly emplaced alternative (decode_paras's).
// Out of line: inlined into the element's walk, they made it too large for g++ to keep the
// accessors inline (the lesson of tencent/detail/fast.hpp).

OTAWIRE_JSON_OUTLINE inline bool fast_version_query(json::simd_value& v, version_query& q) noexcept {
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    if (raw_key_is<"task_id">(k)) return fast_optional_string(f, q.task_id);
    if (raw_key_is<"sub_device_count">(k)) return fast_optional_count(f, true, q.sub_device_count);  // Go: a string
    if (raw_key_is<"task_ext_info">(k)) return fast_task_ext_info(f, q.task_ext_info);
    return json::plain_key(k);  // an unknown key: its value is validated and skipped
  });
}

OTAWIRE_JSON_OUTLINE inline bool fast_version_report(json::simd_value& v, version_report& r) noexcept {
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    if (raw_key_is<"sw_version">(k)) return fast_optional_string(f, r.sw_version);
    if (raw_key_is<"fw_version">(k)) return fast_optional_string(f, r.fw_version);
    return json::plain_key(k);
  });
}

OTAWIRE_JSON_OUTLINE inline bool fast_upgrade(json::simd_value& v, event_kind kind, upgrade_notification& u) noexcept {
  unsigned seen = 0;  // one bit per required key: version, url, file_size
  const bool walked = v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 'v':
        if (raw_key_is<"version">(k)) {
          seen |= 1u;
          return fast_string(f, u.version);
        }
        break;
      case 'u':
        if (raw_key_is<"url">(k)) {
          seen |= 2u;
          return fast_string(f, u.url) && json::fields::is_download_url(u.url);
        }
        break;
      case 'f':
        if (raw_key_is<"file_size">(k)) {
          seen |= 4u;
          return fast_count(f, false, u.file_size);
        }
        if (raw_key_is<"file_name">(k)) return fast_optional_string(f, u.file_name);
        break;
      case 'a':
        if (raw_key_is<"access_token">(k)) return fast_optional_string(f, u.access_token);
        break;
      case 'e':
        if (raw_key_is<"expires">(k)) return fast_optional_count(f, false, u.expires);
        break;
      case 's':
        if (raw_key_is<"sign">(k)) return fast_optional_string(f, u.sign) && (!u.sign || is_sha256_hex(*u.sign));
        if (raw_key_is<"sub_device_count">(k)) return fast_optional_count(f, true, u.sub_device_count);
        break;
      case 'c':
        if (raw_key_is<"custom_info">(k)) return fast_optional_string(f, u.custom_info);
        break;
      case 't':
        if (raw_key_is<"task_id">(k)) return fast_optional_string(f, u.task_id);
        if (raw_key_is<"task_ext_info">(k)) return fast_task_ext_info(f, u.task_ext_info);
        break;
      default: break;
    }
    return json::plain_key(k);
  });
  // v1 packages are signed; v2 may omit `sign` (decode_upgrade's rule, §A.3.4).
  return walked && seen == 7u && (u.sign || is_v2(kind));
}

OTAWIRE_JSON_OUTLINE inline bool fast_progress(json::simd_value& v, progress_report& p) noexcept {
  bool has_result_code = false, has_version = false;
  const bool walked = v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 'r':
        if (raw_key_is<"result_code">(k)) {
          auto n = f.int64("");  // any int32: users may extend the codes (§A.4)
          if (!n || *n < int32_min || *n > int32_max) return false;
          p.result_code = static_cast<std::int32_t>(*n);
          return has_result_code = true;
        }
        break;
      case 'p':
        if (raw_key_is<"progress">(k)) {
          if (f.first_byte() == 'n') {
            p.progress.reset();
            auto n = f.null("");
            return n && *n;
          }
          auto n = f.int64("");  // 0-100 [H4]
          if (!n || *n < 0 || *n > 100) return false;
          p.progress = static_cast<std::int32_t>(*n);
          return true;
        }
        break;
      case 'v':
        if (raw_key_is<"version">(k)) return has_version = fast_string(f, p.version);
        break;
      case 'd':
        if (raw_key_is<"description">(k)) return fast_optional_string(f, p.description);
        break;
      default: break;
    }
    return json::plain_key(k);
  });
  return walked && has_result_code && has_version;
}

// A present `paras` of an element of kind `kind` (decode_paras's dispatch).
OTAWIRE_JSON_INLINE bool fast_paras(json::simd_value& v, event_kind kind, paras_variant& out) noexcept {
  if (kind == event_kind::other_service) {
    auto r = v.raw("");
    if (!r) return false;
    out.emplace<other_service_event>(other_service_event{*r});
    return true;
  }
  if (v.first_byte() == 'n') {
    // `"paras":null`: the platform's version_query (§A.3.1); any other kind needs its paras.
    auto n = v.null("");
    if (!n || !*n || kind != event_kind::version_query) return false;
    out.emplace<version_query>(version_query{paras_form::null, {}, {}, {}});
    return true;
  }
  switch (kind) {
    case event_kind::version_query: return fast_version_query(v, out.emplace<version_query>());
    case event_kind::version_report: return fast_version_report(v, out.emplace<version_report>());
    case event_kind::upgrade_progress_report: return fast_progress(v, out.emplace<progress_report>());
    default: return fast_upgrade(v, kind, out.emplace<upgrade_notification>());
  }
}

// One `services[]` element into `e` (decode_service's rules, in its usual order: `service_id`
// and `event_type` before `paras`).
OTAWIRE_JSON_OUTLINE inline bool fast_service(json::simd_value& v, event& e) noexcept {
  e.time.reset();
  e.event_id.reset();
  bool has_service_id = false, has_type = false, has_paras = false;
  std::optional<event_kind> kind;
  const bool walked = v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 's':
        // After `paras`, a new service_id may change the kind it was decoded for: decline.
        if (raw_key_is<"service_id">(k)) return !has_paras && (has_service_id = fast_string(f, e.service_id));
        break;
      case 'e':
        if (raw_key_is<"event_type">(k)) return !has_paras && (has_type = fast_string(f, e.event_type));
        if (raw_key_is<"event_time">(k)) {
          // Read straight into e.time (a local optional here trips g++ 12's -Wmaybe-uninitialized
          // at -O3 in consumers' builds); its direction rule is checked once the kind is known.
          std::optional<std::string_view> text;
          if (!fast_optional_string(f, text)) return false;
          if (text) e.time = event_time{*text, parse_event_time(*text)};
          else e.time.reset();
          return true;
        }
        if (raw_key_is<"event_id">(k)) return fast_optional_string(f, e.event_id);
        break;
      case 'p':
        if (raw_key_is<"paras">(k)) {
          if (!has_service_id || !has_type) return false;  // the generic walk defers it
          kind = classify(e.service_id, e.event_type);
          has_paras = true;
          return kind && fast_paras(f, *kind, e.paras);
        }
        break;
      default: break;
    }
    return json::plain_key(k);
  });
  if (!walked || !has_service_id || !has_type) return false;
  if (!has_paras) {
    kind = classify(e.service_id, e.event_type);
    if (!kind) return false;
    if (*kind == event_kind::version_query) {
      e.paras = version_query{paras_form::absent, {}, {}, {}};
    } else if (*kind == event_kind::other_service) {
      e.paras = other_service_event{};
    } else {
      return false;  // paras required
    }
  }
  e.kind = *kind;
  // Only downlink events must carry the platform's form (decode_service's rule, §A.2).
  return !(e.time && !e.time->utc && direction_of(*kind) == direction::platform_to_device);
}

/// The fast path: the message in `doc` into `m`; false: the generic walk decides (`m` then holds
/// a partial message, which the generic walk replaces).
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, message& m) noexcept {
  m.object_device_id.reset();
  m.count = 0;
  bool has_services = false;
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (raw_key_is<"services">(k)) {
             if (has_services) return false;  // a repeated `services`: the generic walk starts over
             has_services = true;
             return v.fast_array([&](json::simd_value& element) OTAWIRE_JSON_VISITOR {
               if (m.count == max_services || !fast_service(element, m.storage[m.count])) return false;
               ++m.count;
               return true;
             });
           }
           if (raw_key_is<"object_device_id">(k)) return fast_optional_string(v, m.object_device_id);
           return json::plain_key(k);
         }) &&
         has_services;
}

/// What the fast and generic decodes give `json::parser::parse_fast`: nothing, as the message is
/// decoded into the caller's (a message holds `max_services` events: too large to return by
/// value from every decode).
struct decoded_in_place {};

/// The generic walk for `parse_fast`: decode_message_into over the document into `m`.
inline result<decoded_in_place> generic_message(json::simd_document& d, message& m) noexcept {
  const json::raw_json whole{std::string_view(d.context()->base, d.context()->size), nullptr};
  if (auto r = decode_message_into(d, whole, m); !r) return r.error();
  return decoded_in_place{};
}

}  // namespace otawire::huawei::detail

#endif

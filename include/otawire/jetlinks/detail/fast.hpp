// otawire JetLinks: the simdjson decoder's fast path (issue 16 item 2). One pass over the usual
// message: keys dispatched on their first byte and compared raw, each value read and checked in
// place into the message, no error built. Anything it does not accept as it stands (a failed
// check, a wrong type, an escaped key, a missing required field, malformed JSON) makes it
// decline, and the generic walk (decode.hpp) decodes the message again and decides: so the rules
// are decode.hpp's, and every error is its error. Each value is read with the same accessor the
// generic walk uses (so strings, numeric strings and raw Maps come out identical), and the
// required fields and the sign rule are decode.hpp's own check_required.
// fuzz_jetlinks_fast holds the two to the same result on any input.
#ifndef OTAWIRE_JETLINKS_DETAIL_FAST_HPP
#define OTAWIRE_JETLINKS_DETAIL_FAST_HPP

#include <otawire/jetlinks/detail/decode.hpp>
#include <otawire/jetlinks/messages.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>

#include <cstdint>
#include <limits>
#include <optional>

namespace otawire::jetlinks::detail {

using json::raw_key;

// Each reader mirrors its read_* twin in decode.hpp (`null` = absent or the Java default); true
// when the value was read, false (decline) for anything else. Out of line, shared by every key
// and type: inlined at each key they made the mixed stream 12 % slower than the generic walk
// (measured with bench/jetlinks' stream; the generic walk's own readers are out of line too).

OTAWIRE_JSON_INLINE bool fast_null(json::simd_value& v) noexcept {
  auto n = v.null("");
  return n && *n;
}

OTAWIRE_JSON_OUTLINE inline bool fast_nullable_string(json::simd_value& v, optional_string& out) noexcept {
  if (v.first_byte() != '"') {
    out.reset();
    return v.first_byte() == 'n' && fast_null(v);
  }
  auto s = v.string("");
  if (!s) return false;
  out = *s;
  return true;
}

OTAWIRE_JSON_OUTLINE inline bool fast_int64(json::simd_value& v, std::int64_t& out) noexcept {
  if (v.first_byte() == 'n') {
    out = 0;
    return fast_null(v);
  }
  auto n = v.int64_lenient("");  // `123` or `"123"`, as read_int64
  if (!n) return false;
  out = *n;
  return true;
}

OTAWIRE_JSON_OUTLINE inline bool fast_int64(json::simd_value& v, std::optional<std::int64_t>& out) noexcept {
  std::int64_t n = 0;
  if (!fast_int64(v, n)) return false;
  out = n;  // null is 0 here too, as in read_int64
  return true;
}

OTAWIRE_JSON_OUTLINE inline bool fast_int32(json::simd_value& v, std::int32_t& out) noexcept {
  std::int64_t n = 0;
  if (!fast_int64(v, n) || n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max()) {
    return false;
  }
  out = static_cast<std::int32_t>(n);
  return true;
}

OTAWIRE_JSON_OUTLINE inline bool fast_bool(json::simd_value& v, bool& out) noexcept {
  if (v.first_byte() == 'n') {
    out = false;
    return fast_null(v);
  }
  auto b = v.boolean("");
  if (!b) return false;
  out = *b;
  return true;
}

// A Java Map: an object (kept raw, validated) or null.
OTAWIRE_JSON_OUTLINE inline bool fast_map(json::simd_value& v, json::raw_json& out) noexcept {
  if (v.first_byte() != '{') {
    out = {};
    return v.first_byte() == 'n' && fast_null(v);
  }
  auto raw = v.raw("");
  if (!raw) return false;
  out = *raw;
  return true;
}

/// Where the one fast walk stores each key's value: into the message being decoded, or nowhere
/// (null: the type has no such field, the key is unknown to it and skipped, as `field(Msg&, ...)`
/// in decode.hpp skips it). One walk shared by the eight types rather than one per type: on the
/// mixed stream it was 7 % faster than eight specialised walks (fewer branches to predict).
struct fast_slots {
  optional_string* code = nullptr;
  optional_string* message_id = nullptr;
  optional_string* device_id = nullptr;
  std::optional<std::int64_t>* timestamp = nullptr;
  json::raw_json* headers = nullptr;
  bool* success = nullptr;
  optional_string* message = nullptr;
  optional_string* version = nullptr;
  json::raw_json* properties = nullptr;
  optional_string* current_version = nullptr;
  optional_string* request_version = nullptr;
  optional_string* url = nullptr;
  json::raw_json* parameters = nullptr;
  optional_string* sign = nullptr;
  optional_string* sign_method = nullptr;
  optional_string* firmware_id = nullptr;
  std::int64_t* size = nullptr;
  std::int32_t* progress = nullptr;
  bool* complete = nullptr;
  optional_string* error_reason = nullptr;
};

/// The slots of a `Msg`: every member of the message beans (messages.hpp) is a JSON field that
/// decode.hpp's `field(Msg&, ...)` reads, so a member present is a key known to the type.
template <class Msg>
OTAWIRE_JSON_INLINE fast_slots slots_of(Msg& m) noexcept {
  fast_slots s;
  s.code = &m.code;
  s.message_id = &m.message_id;
  s.device_id = &m.device_id;
  s.timestamp = &m.timestamp;
  s.headers = &m.headers;
  if constexpr (requires { m.success; }) s.success = &m.success;
  if constexpr (requires { m.message; }) s.message = &m.message;
  if constexpr (requires { m.version; }) s.version = &m.version;
  if constexpr (requires { m.properties; }) s.properties = &m.properties;
  if constexpr (requires { m.current_version; }) s.current_version = &m.current_version;
  if constexpr (requires { m.request_version; }) s.request_version = &m.request_version;
  if constexpr (requires { m.url; }) s.url = &m.url;
  if constexpr (requires { m.parameters; }) s.parameters = &m.parameters;
  if constexpr (requires { m.sign; }) s.sign = &m.sign;
  if constexpr (requires { m.sign_method; }) s.sign_method = &m.sign_method;
  if constexpr (requires { m.firmware_id; }) s.firmware_id = &m.firmware_id;
  if constexpr (requires { m.size; }) s.size = &m.size;
  if constexpr (requires { m.progress; }) s.progress = &m.progress;
  if constexpr (requires { m.complete; }) s.complete = &m.complete;
  if constexpr (requires { m.error_reason; }) s.error_reason = &m.error_reason;
  return s;
}

/// One key: read into its slot (true), or false to decline. A key with no slot is unknown: its
/// value is validated and skipped, unless the key is escaped (it may spell a known one).
OTAWIRE_JSON_INLINE bool fast_field(const fast_slots& s, raw_key key, json::simd_value& v) noexcept {
  switch (*key.raw()) {
    case 'c':
      if (key.unsafe_is_equal("code")) return fast_nullable_string(v, *s.code);
      if (s.current_version && key.unsafe_is_equal("currentVersion")) return fast_nullable_string(v, *s.current_version);
      if (s.complete && key.unsafe_is_equal("complete")) return fast_bool(v, *s.complete);
      break;
    case 'd':
      if (key.unsafe_is_equal("deviceId")) return fast_nullable_string(v, *s.device_id);
      break;
    case 'e':
      if (s.error_reason && key.unsafe_is_equal("errorReason")) return fast_nullable_string(v, *s.error_reason);
      break;
    case 'f':
      if (s.firmware_id && key.unsafe_is_equal("firmwareId")) return fast_nullable_string(v, *s.firmware_id);
      break;
    case 'h':
      if (key.unsafe_is_equal("headers")) return fast_map(v, *s.headers);
      break;
    case 'm':
      if (key.unsafe_is_equal("messageId")) return fast_nullable_string(v, *s.message_id);
      if (s.message && key.unsafe_is_equal("message")) return fast_nullable_string(v, *s.message);
      break;
    case 'p':
      if (s.properties && key.unsafe_is_equal("properties")) return fast_map(v, *s.properties);
      if (s.parameters && key.unsafe_is_equal("parameters")) return fast_map(v, *s.parameters);
      if (s.progress && key.unsafe_is_equal("progress")) return fast_int32(v, *s.progress);
      break;
    case 'r':
      if (s.request_version && key.unsafe_is_equal("requestVersion")) return fast_nullable_string(v, *s.request_version);
      break;
    case 's':
      if (s.success && key.unsafe_is_equal("success")) return fast_bool(v, *s.success);
      if (s.size && key.unsafe_is_equal("size")) return fast_int64(v, *s.size);
      if (s.sign && key.unsafe_is_equal("sign")) return fast_nullable_string(v, *s.sign);
      if (s.sign_method && key.unsafe_is_equal("signMethod")) return fast_nullable_string(v, *s.sign_method);
      break;
    case 't':
      if (key.unsafe_is_equal("timestamp")) return fast_int64(v, *s.timestamp);
      break;
    case 'u':
      if (s.url && key.unsafe_is_equal("url")) {  // read_url's rule
        return fast_nullable_string(v, *s.url) && (!*s.url || json::fields::is_download_url(**s.url));
      }
      break;
    case 'v':
      if (s.version && key.unsafe_is_equal("version")) return fast_nullable_string(v, *s.version);
      break;
    default: break;
  }
  return json::plain_key(key);
}

/// The one fast walk of the root object of `doc` into the slots; false: the generic walk decides.
OTAWIRE_JSON_OUTLINE inline bool fast_walk(json::simd_document& doc, const fast_slots& s) noexcept {
  return doc.fast_object([&](raw_key key, json::simd_value& v) OTAWIRE_JSON_VISITOR { return fast_field(s, key, v); });
}

/// The root object of `doc` into `m` (a default-constructed message), then decode.hpp's required
/// fields and sign rule; false: the generic walk decides.
template <class Msg>
OTAWIRE_JSON_INLINE bool fast_fields(json::simd_document& doc, Msg& m) noexcept {
  return fast_walk(doc, slots_of(m)) && check_required(m).has_value();
}

/// The fast path for a message of type `type`, into `out`; false: the generic walk decides
/// (`out` then holds a partial message, which the generic walk replaces).
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, message_type type, message& out) noexcept {
  return with_message_of_type(type, out, [&](auto& m) { return fast_fields(doc, m); }, [] { return false; });
}

}  // namespace otawire::jetlinks::detail

#endif

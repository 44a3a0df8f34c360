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
#include <otawire/json/simd.hpp>

#include <cstdint>
#include <limits>
#include <type_traits>

namespace otawire::jetlinks::detail {

using raw_key = simdjson::ondemand::raw_json_string;

// Each reader mirrors its read_* twin in decode.hpp (`null` = absent or the Java default); true
// when the value was read, false (decline) for anything else.

OTAWIRE_JSON_INLINE bool fast_null(json::simd_value& v) noexcept {
  auto n = v.null("");
  return n && *n;
}

OTAWIRE_JSON_INLINE bool fast_string(json::simd_value& v, optional_string& out) noexcept {
  if (v.first_byte() != '"') {
    out.reset();
    return v.first_byte() == 'n' && fast_null(v);
  }
  auto s = v.string("");
  if (!s) return false;
  out = *s;
  return true;
}

OTAWIRE_JSON_INLINE bool fast_int64(json::simd_value& v, std::int64_t& out) noexcept {
  if (v.first_byte() == 'n') {
    out = 0;
    return fast_null(v);
  }
  auto n = v.int64_lenient("");  // `123` or `"123"`, as read_int64
  if (!n) return false;
  out = *n;
  return true;
}

OTAWIRE_JSON_INLINE bool fast_int64(json::simd_value& v, std::optional<std::int64_t>& out) noexcept {
  std::int64_t n = 0;
  if (!fast_int64(v, n)) return false;
  out = n;  // null is 0 here too, as in read_int64
  return true;
}

OTAWIRE_JSON_INLINE bool fast_int32(json::simd_value& v, std::int32_t& out) noexcept {
  std::int64_t n = 0;
  if (!fast_int64(v, n) || n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max()) {
    return false;
  }
  out = static_cast<std::int32_t>(n);
  return true;
}

OTAWIRE_JSON_INLINE bool fast_bool(json::simd_value& v, bool& out) noexcept {
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
OTAWIRE_JSON_INLINE bool fast_map(json::simd_value& v, json::raw_json& out) noexcept {
  if (v.first_byte() != '{') {
    out = {};
    return v.first_byte() == 'n' && fast_null(v);
  }
  auto raw = v.raw("");
  if (!raw) return false;
  out = *raw;
  return true;
}

OTAWIRE_JSON_INLINE field_read fast_read(bool done) noexcept { return done ? field_read::done : field_read::failed; }

/// One key of a `Msg` (the keys `field(Msg&, ...)` in decode.hpp knows, no other): read into
/// `m`, failed (decline), or unknown. The `url` rule is read_url's.
template <class Msg>
OTAWIRE_JSON_INLINE field_read fast_field(Msg& m, raw_key key, json::simd_value& v) noexcept {
  constexpr bool reply = std::is_base_of_v<device_reply_fields, Msg>;
  constexpr bool versioned = std::is_same_v<Msg, read_firmware_reply> || std::is_same_v<Msg, report_firmware>;
  constexpr bool pull = std::is_same_v<Msg, request_firmware>;
  constexpr bool firmware = std::is_same_v<Msg, request_firmware_reply> || std::is_same_v<Msg, upgrade_firmware>;
  constexpr bool progress = std::is_same_v<Msg, upgrade_firmware_progress>;
  switch (*key.raw()) {
    case 'c':
      if (key.unsafe_is_equal("code")) return fast_read(fast_string(v, m.code));
      if constexpr (pull) {
        if (key.unsafe_is_equal("currentVersion")) return fast_read(fast_string(v, m.current_version));
      }
      if constexpr (progress) {
        if (key.unsafe_is_equal("complete")) return fast_read(fast_bool(v, m.complete));
      }
      break;
    case 'd':
      if (key.unsafe_is_equal("deviceId")) return fast_read(fast_string(v, m.device_id));
      break;
    case 'e':
      if constexpr (progress) {
        if (key.unsafe_is_equal("errorReason")) return fast_read(fast_string(v, m.error_reason));
      }
      break;
    case 'f':
      if constexpr (firmware || progress) {
        if (key.unsafe_is_equal("firmwareId")) return fast_read(fast_string(v, m.firmware_id));
      }
      break;
    case 'h':
      if (key.unsafe_is_equal("headers")) return fast_read(fast_map(v, m.headers));
      break;
    case 'm':
      if (key.unsafe_is_equal("messageId")) return fast_read(fast_string(v, m.message_id));
      if constexpr (reply || progress) {
        if (key.unsafe_is_equal("message")) return fast_read(fast_string(v, m.message));
      }
      break;
    case 'p':
      if constexpr (versioned) {
        if (key.unsafe_is_equal("properties")) return fast_read(fast_map(v, m.properties));
      }
      if constexpr (firmware) {
        if (key.unsafe_is_equal("parameters")) return fast_read(fast_map(v, m.parameters));
      }
      if constexpr (progress) {
        if (key.unsafe_is_equal("progress")) return fast_read(fast_int32(v, m.progress));
      }
      break;
    case 'r':
      if constexpr (pull) {
        if (key.unsafe_is_equal("requestVersion")) return fast_read(fast_string(v, m.request_version));
      }
      break;
    case 's':
      if constexpr (reply || progress) {
        if (key.unsafe_is_equal("success")) return fast_read(fast_bool(v, m.success));
      }
      if constexpr (firmware) {
        if (key.unsafe_is_equal("size")) return fast_read(fast_int64(v, m.size));
        if (key.unsafe_is_equal("sign")) return fast_read(fast_string(v, m.sign));
        if (key.unsafe_is_equal("signMethod")) return fast_read(fast_string(v, m.sign_method));
      }
      break;
    case 't':
      if (key.unsafe_is_equal("timestamp")) return fast_read(fast_int64(v, m.timestamp));
      break;
    case 'u':
      if constexpr (firmware) {
        if (key.unsafe_is_equal("url")) {
          return fast_read(fast_string(v, m.url) && (!m.url || json::fields::is_download_url(*m.url)));
        }
      }
      break;
    case 'v':
      if constexpr (versioned || firmware || progress) {
        if (key.unsafe_is_equal("version")) return fast_read(fast_string(v, m.version));
      }
      break;
    default: break;
  }
  return field_read::unknown;
}

/// The root object of `doc` into `m` (a default-constructed message), then decode.hpp's required
/// fields and sign rule; false: the generic walk decides.
template <class Msg>
OTAWIRE_JSON_INLINE bool fast_fields(json::simd_document& doc, Msg& m) noexcept {
  return doc.fast_object([&](raw_key key, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           const field_read r = fast_field(m, key, v);
           // An unknown key: its value is validated and skipped, unless the key is escaped (it
           // may spell a known one).
           return r == field_read::unknown ? json::plain_key(key) : r == field_read::done;
         }) &&
         check_required(m).has_value();
}

/// The fast path for a message of type `type`, into `out`; false: the generic walk decides
/// (`out` then holds a partial message, which the generic walk replaces).
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, message_type type, message& out) noexcept {
  switch (type) {
    case message_type::read_firmware: return fast_fields(doc, out.emplace<read_firmware>());
    case message_type::read_firmware_reply: return fast_fields(doc, out.emplace<read_firmware_reply>());
    case message_type::report_firmware: return fast_fields(doc, out.emplace<report_firmware>());
    case message_type::request_firmware: return fast_fields(doc, out.emplace<request_firmware>());
    case message_type::request_firmware_reply: return fast_fields(doc, out.emplace<request_firmware_reply>());
    case message_type::upgrade_firmware: return fast_fields(doc, out.emplace<upgrade_firmware>());
    case message_type::upgrade_firmware_reply: return fast_fields(doc, out.emplace<upgrade_firmware_reply>());
    case message_type::upgrade_firmware_progress: return fast_fields(doc, out.emplace<upgrade_firmware_progress>());
  }
  return false;
}

}  // namespace otawire::jetlinks::detail

#endif

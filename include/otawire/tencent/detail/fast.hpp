// otawire Tencent: the simdjson decoder's fast path (issue 16 item 2). One pass over the usual
// message: keys dispatched on their first byte and compared raw, each value read with the
// accessor the generic walk uses and stored straight into the walk's flat record, no error
// built. The `type` may come last (Java writes hash order), so the record is judged after the
// pass, by decode.hpp's own `assemble` for that type. Anything it does not accept as it stands
// (a value that fails its field's check, even under a key the type does not use; a wrong type;
// an escaped key, which may spell a known one; a missing field; a type that does not travel in
// the expected direction; trailing text; malformed JSON) makes it decline, and the generic walk
// (decode.hpp) decodes the message again and decides: so the rules are decode.hpp's, and every
// error is its error. fuzz_tencent_fast holds the two to the same result on any input.
#ifndef OTAWIRE_TENCENT_DETAIL_FAST_HPP
#define OTAWIRE_TENCENT_DETAIL_FAST_HPP

#include <otawire/json/common.hpp>
#include <otawire/json/simd.hpp>
#include <otawire/tencent/detail/decode.hpp>
#include <otawire/tencent/detail/rules.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace otawire::tencent::detail {

using json::fast_integer;
using json::fast_string;
using json::raw_key;
using json::raw_key_is;

inline constexpr std::int64_t int32_min = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// The `type` and `state` strings, compared as json::key_view compares keys (a length check and a
// fixed-size compare): string_view's `==` went through an out-of-line `compare` and a memcmp
// call per candidate. The literals are the names tables' own entries (checked here).
static_assert(message_type_names[0] == "report_version" && message_type_names[1] == "report_version_rsp" &&
              message_type_names[2] == "update_firmware" && message_type_names[3] == "report_progress");
static_assert(progress_state_names[0] == "downloading" && progress_state_names[1] == "burning" &&
              progress_state_names[2] == "done" && progress_state_names[3] == "fail");

// A String naming a message type into `index` (message_type order); false for any other value.
OTAWIRE_JSON_INLINE bool fast_type(json::simd_value& v, std::size_t& index) noexcept {
  auto s = v.string("");
  if (!s) return false;
  const json::key_view t{*s};
  if (t == "report_progress") index = 3;
  else if (t == "report_version") index = 0;
  else if (t == "report_version_rsp") index = 1;
  else if (t == "update_firmware") index = 2;
  else return false;
  return true;
}

// A String naming a progress state into `state`; false for any other value.
OTAWIRE_JSON_INLINE bool fast_state(json::simd_value& v, progress_state& state) noexcept {
  auto s = v.string("");
  if (!s) return false;
  const json::key_view t{*s};
  if (t == "downloading") state = progress_state::downloading;
  else if (t == "burning") state = progress_state::burning;
  else if (t == "done") state = progress_state::done;
  else if (t == "fail") state = progress_state::fail;
  else return false;
  return true;
}

// Records that `k` was read (the generic walk's bookkeeping, without an error). Offset 0:
// `assemble` reads a present key's offset only to build an error, which the fast path drops.
OTAWIRE_JSON_INLINE bool fast_seen(walked_fields& w, key k, bool read) noexcept {
  if (read) w.seen(k, 0, nullptr);
  return read;
}

// One occurrence of `report.progress`, from a clean start, with decode_progress's rules. Written
// in place: a local copied out at the end was loaded whole right after being stored byte by
// byte, a store-forwarding stall on every progress report. This walk and `report`'s are kept
// out of line: inlined into the root's, they made it too large for g++ -O3 to inline even
// `result`'s accessors.
OTAWIRE_JSON_OUTLINE inline bool fast_progress(json::simd_value& v, progress_part& p) noexcept {
  p.state = progress_state::downloading;
  p.percent.reset();
  p.result_code = 0;
  p.result_msg = {};
  bool has_state = false, has_code = false, has_msg = false;
  const bool walked = v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 's':
        if (raw_key_is<"state">(k)) return has_state = fast_state(f, p.state);
        break;
      case 'p':
        if (raw_key_is<"percent">(k)) {
          std::uint8_t n = 0;
          if (!fast_integer(f, 0, 100, n)) return false;
          p.percent = n;
          return true;
        }
        break;
      case 'r':
        if (raw_key_is<"result_code">(k)) return has_code = fast_integer(f, int32_min, int32_max, p.result_code);
        if (raw_key_is<"result_msg">(k)) return has_msg = fast_string(f, p.result_msg);
        break;
      default: break;
    }
    return json::plain_key(k);  // an unknown key: its value is validated and skipped
  });
  if (!walked || !has_state || !has_code || !has_msg) return false;
  if ((p.state == progress_state::downloading) != p.percent.has_value()) return false;
  return check_result_code(p.state, p.result_code) == errc{};
}

// One occurrence of `report` (an earlier one is forgotten, as walk_report forgets it).
OTAWIRE_JSON_OUTLINE inline bool fast_report(json::simd_value& v, walked_fields& w) noexcept {
  w.forget(report_keys);
  return v.fast_object_in_place([&](raw_key k, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 'v':
        if (raw_key_is<"version">(k)) return fast_seen(w, key::report_version, fast_string(f, w.report_version));
        break;
      case 'p':
        if (raw_key_is<"progress">(k)) return fast_seen(w, key::report_progress, fast_progress(f, w.progress));
        break;
      case 'f':
        if (raw_key_is<"fw_type">(k)) return fast_seen(w, key::report_fw_type, fast_string(f, w.report_fw_type));
        break;
      case 't':
        if (raw_key_is<"task_id">(k)) {
          return fast_seen(w, key::report_task_id, fast_integer(f, int64_min, int64_max, w.report_task_id));
        }
        break;
      default: break;
    }
    return json::plain_key(k);
  });
}

// The root, every key any of the four messages knows (walk_root's keys), into `w`.
OTAWIRE_JSON_INLINE bool fast_root(json::simd_document& doc, walked_fields& w) noexcept {
  return doc.fast_object_in_place([&](raw_key k, json::simd_value& v) OTAWIRE_JSON_VISITOR {
    switch (*k.raw()) {
      case 't':
        if (raw_key_is<"type">(k)) return fast_seen(w, key::type, fast_type(v, w.type));
        if (raw_key_is<"task_id">(k)) return fast_seen(w, key::task_id, fast_integer(v, int64_min, int64_max, w.task_id));
        break;
      case 'r':
        if (raw_key_is<"report">(k)) return fast_seen(w, key::report, fast_report(v, w));
        if (raw_key_is<"result_code">(k)) {
          return fast_seen(w, key::result_code, fast_integer(v, int32_min, int32_max, w.result_code));
        }
        if (raw_key_is<"result_msg">(k)) return fast_seen(w, key::result_msg, fast_string(v, w.result_msg));
        break;
      case 'v':
        if (raw_key_is<"version">(k)) return fast_seen(w, key::version, fast_string(v, w.version));
        break;
      case 'u':
        if (raw_key_is<"url">(k)) return fast_seen(w, key::url, fast_string(v, w.url));
        if (raw_key_is<"user_defined">(k)) return fast_seen(w, key::user_defined, fast_string(v, w.user_defined));
        break;
      case 'm':
        if (raw_key_is<"md5sum">(k)) return fast_seen(w, key::md5sum, fast_string(v, w.md5sum));
        break;
      case 'f':
        if (raw_key_is<"file_size">(k)) {
          return fast_seen(w, key::file_size, fast_integer(v, file_size_min, file_size_max, w.file_size));
        }
        if (raw_key_is<"fw_type">(k)) return fast_seen(w, key::fw_type, fast_string(v, w.fw_type));
        break;
      default: break;
    }
    return json::plain_key(k);
  });
}

/// The fast path: the message in `doc` into `out` (with `expected`, only one that travels in that
/// direction); false: the generic walk decides.
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, std::optional<direction> expected,
                                           message& out) noexcept {
  walked_fields w;
  if (!fast_root(doc, w) || !w.has(key::type)) return false;
  const auto type = static_cast<message_type>(w.type);
  if (expected && direction_of(type) != *expected) return false;
  // Every key read was stored without an error, so `assemble` (decode.hpp) only checks presence
  // and the cross-field rules; an error from it is the generic walk's to report.
  switch (type) {
    case message_type::report_version: return assemble(w, 0, out.emplace<report_version>()).has_value();
    case message_type::report_version_rsp: return assemble(w, 0, out.emplace<report_version_rsp>()).has_value();
    case message_type::update_firmware: return assemble(w, 0, out.emplace<update_firmware>()).has_value();
    case message_type::report_progress: return assemble(w, 0, out.emplace<report_progress>()).has_value();
  }
  return false;
}

}  // namespace otawire::tencent::detail

#endif

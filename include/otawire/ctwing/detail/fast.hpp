// otawire CTWing: the simdjson decoder's fast path (issue 16 item 2). One pass over the usual
// message: keys compared raw, each value read and checked in place into the message, no error
// built. Anything it does not accept as it stands (a failed check, a wrong type, an escaped key,
// a missing field, malformed JSON) makes it decline, and the generic walk (decode.hpp) decodes
// the message again and decides: so the rules are decode.hpp's, and every error is its error.
// fuzz_ctwing_fast holds the two to the same result on any input.
#ifndef OTAWIRE_CTWING_DETAIL_FAST_HPP
#define OTAWIRE_CTWING_DETAIL_FAST_HPP

#include <otawire/ctwing/detail/decode.hpp>
#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/json/simd.hpp>

#include <cstdint>
#include <string_view>

namespace otawire::ctwing::detail {

using json::fast_string;
using json::raw_key;

// The nested objects, each occurrence from a clean start (the generic walk's "last one wins").
OTAWIRE_JSON_INLINE bool fast_inform_params(json::simd_value& v, inform& p) noexcept {
  p.version = {};
  p.module.reset();
  bool has_version = false;
  return v.fast_object_in_place([&](raw_key key, json::simd_value& f) OTAWIRE_JSON_VISITOR {
           if (key.unsafe_is_equal("version")) return has_version = fast_string(f, p.version) && !p.version.empty();
           if (key.unsafe_is_equal("module")) return fast_string(f, p.module);
           return json::plain_key(key);  // an unknown key: its value is validated and skipped
         }) &&
         has_version;
}

OTAWIRE_JSON_INLINE bool fast_progress_params(json::simd_value& v, progress& p) noexcept {
  p.step = 0;
  p.desc.reset();
  p.module.reset();
  bool has_step = false;
  return v.fast_object_in_place([&](raw_key key, json::simd_value& f) OTAWIRE_JSON_VISITOR {
           if (key.unsafe_is_equal("step")) {
             auto n = f.int64_lenient("");
             if (!n || !is_valid_step(*n)) return false;
             p.step = *n;
             return has_step = true;
           }
           if (key.unsafe_is_equal("desc")) return fast_string(f, p.desc);
           if (key.unsafe_is_equal("module")) return fast_string(f, p.module);
           return json::plain_key(key);
         }) &&
         has_step;
}

OTAWIRE_JSON_INLINE bool fast_upgrade_payload(json::simd_value& v, upgrade& p) noexcept {
  p.size = 0;
  p.version = p.url = p.md5 = p.token = {};
  p.module.reset();
  unsigned seen = 0;  // one bit per required key
  const bool walked = v.fast_object_in_place([&](raw_key key, json::simd_value& f) OTAWIRE_JSON_VISITOR {
    switch (*key.raw()) {
      case 's':
        if (key.unsafe_is_equal("size")) {
          auto n = f.int64("");
          if (!n || *n < 0) return false;
          p.size = *n;
          seen |= 1u;
          return true;
        }
        break;
      case 'v':
        if (key.unsafe_is_equal("version")) {
          seen |= 2u;
          return fast_string(f, p.version) && !p.version.empty();
        }
        break;
      case 'u':
        if (key.unsafe_is_equal("url")) {
          seen |= 4u;
          return fast_string(f, p.url) && json::fields::is_download_url(p.url);
        }
        break;
      case 'm':
        if (key.unsafe_is_equal("md5")) {
          seen |= 8u;
          return fast_string(f, p.md5) && is_md5_hex(p.md5);
        }
        if (key.unsafe_is_equal("module")) return fast_string(f, p.module);
        break;
      case 't':
        if (key.unsafe_is_equal("token")) {
          seen |= 16u;
          return fast_string(f, p.token);
        }
        break;
      default: break;
    }
    return json::plain_key(key);
  });
  return walked && seen == 31u;
}

// The root: `taskId` and the one nested object (`nested`: "params" or "payload").
template <class Msg, class Nested>
OTAWIRE_JSON_INLINE bool fast_root(json::simd_document& doc, Msg& m, bool allow_no_task, std::string_view nested,
                                   Nested&& decode_nested) noexcept {
  bool has_task = false;
  bool has_nested = false;
  return doc.fast_object_in_place([&](raw_key key, json::simd_value& v) OTAWIRE_JSON_VISITOR {
           if (key.unsafe_is_equal("taskId")) {
             auto n = v.int64("");
             if (!n) return false;
             if (!(allow_no_task && *n == no_task) && (*n < 0 || *n > max_task_id)) return false;
             m.task_id = *n;
             return has_task = true;
           }
           if (key.unsafe_is_equal(nested)) return has_nested = decode_nested(v, m);
           return json::plain_key(key);
         }) &&
         has_task && has_nested;
}

/// The fast path for the message type of topic `t`, into `out`; false: the generic walk decides.
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, topic t, message& out) noexcept {
  switch (t) {
    case topic::inform:
      return fast_root(doc, out.emplace<inform>(), true, "params",
                       [](json::simd_value& v, inform& m) { return fast_inform_params(v, m); });
    case topic::upgrade:
      return fast_root(doc, out.emplace<upgrade>(), false, "payload",
                       [](json::simd_value& v, upgrade& m) { return fast_upgrade_payload(v, m); });
    case topic::progress:
      return fast_root(doc, out.emplace<progress>(), false, "params",
                       [](json::simd_value& v, progress& m) { return fast_progress_params(v, m); });
  }
  return false;
}

}  // namespace otawire::ctwing::detail

#endif

// otawire CTWing: the message decoders, written once over the JSON backend (simdjson On-Demand
// or Boost.JSON DOM; see json/common.hpp). codec.hpp wraps them in the public entry points.
//
// Acceptance rules (spec §0 "decode leniently"; §B for the facts):
// - Keys in any order; unknown keys ignored (validated and skipped); the last duplicate wins.
// - `taskId` and `payload.size` are JSON integers: every source sends numbers ([C1] table "int",
//   [C2] cJSON numbers) and none a string, so "1" is `wrong_type`.
// - `params.step` may be a number or a numeric string: [C2] sends a number, Alibaba's identical
//   protocol a string (`"step":"-1"`) [C3]. Only 1..100 and -4..-1 are in range ([C1] seed doc).
// - `module` (all messages) and `desc` (progress) are optional: the doc calls `module` a reserved
//   field and lists `desc` as a description "if there is one"; [C2] always sends both. Present,
//   they must be strings.
// - Required: `taskId`, the `params`/`payload` object, `params.version`, `params.step`, and in
//   `payload` every documented key but `module` (`size`, `version`, `url`, `md5`, `token`; [C2]
//   additionally refuses an upgrade without `token`, `md5` or `url`).
// - `version` must not be empty. `url` and `md5` follow the rules every family shares
//   (json/fields.hpp): an http(s) URL with a host (the doc's example is https, [C2] builds an
//   HTTPS GET from it, §B.3), and 32 hex digits in either case (the doc: "md5 value").
#ifndef OTAWIRE_CTWING_DETAIL_DECODE_HPP
#define OTAWIRE_CTWING_DETAIL_DECODE_HPP

#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/json/common.hpp>
#include <otawire/json/fields.hpp>
#include <otawire/result.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace otawire::ctwing::detail {

[[nodiscard]] constexpr bool is_md5_hex(std::string_view s) noexcept { return json::fields::is_md5_hex(s); }

template <class Value>
result<std::string_view> non_empty_string(Value& v, text_id path) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (s->empty()) return fail(errc::invalid_value, path, v.offset());
  return *s;
}

/// `taskId`: an integer 0..max_task_id, or -1 where the message may be sent outside a task.
template <class Value>
result<std::int64_t> decode_task_id(Value& v, bool allow_no_task) {
  auto n = v.int64("taskId");
  if (!n) return n.error();
  if (allow_no_task && *n == no_task) return *n;
  return json::in_range<std::int64_t>(*n, 0, max_task_id, "taskId", v.offset());
}

// --- nested objects: decoded straight into the message, each occurrence from a clean start ------
//
// A repeated `params`/`payload` replaces the earlier one entirely (last one wins): each decoder
// first clears the fields it owns. They write into the message rather than into a local part
// that is then copied: the copy, through a result, stalled store forwarding on every message.

template <class Value>
result<void> decode_inform_params(Value& v, inform& p) {
  p.version = {};
  p.module.reset();
  bool has_version = false;
  auto walked = v.object_for_each("params", [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "version") {
      auto s = non_empty_string(f, "params.version");
      if (!s) return s.error();
      p.version = *s;
      has_version = true;
      return true;
    }
    if (key == "module") {
      auto s = f.string("params.module");
      if (!s) return s.error();
      p.module = *s;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, "params.version", v.offset());
  return ok();
}

template <class Value>
result<void> decode_progress_params(Value& v, progress& p) {
  p.step = 0;
  p.desc.reset();
  p.module.reset();
  bool has_step = false;
  auto walked = v.object_for_each("params", [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "step") {
      auto n = f.int64_lenient("params.step");
      if (!n) return n.error();
      if (!is_valid_step(*n)) return fail(errc::out_of_range, "params.step", f.offset());
      p.step = *n;
      has_step = true;
      return true;
    }
    if (key == "desc") {
      auto s = f.string("params.desc");
      if (!s) return s.error();
      p.desc = *s;
      return true;
    }
    if (key == "module") {
      auto s = f.string("params.module");
      if (!s) return s.error();
      p.module = *s;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_step) return fail(errc::missing_field, "params.step", v.offset());
  return ok();
}

template <class Value>
result<void> decode_upgrade_payload(Value& v, upgrade& p) {
  p.size = 0;
  p.version = p.url = p.md5 = p.token = {};
  p.module.reset();
  bool has_size = false, has_version = false, has_url = false, has_md5 = false, has_token = false;
  auto walked = v.object_for_each("payload", [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "size") {
      auto n = f.int64("payload.size");
      if (!n) return n.error();
      if (*n < 0) return fail(errc::out_of_range, "payload.size", f.offset());
      p.size = *n;
      has_size = true;
      return true;
    }
    if (key == "version") {
      auto s = non_empty_string(f, "payload.version");
      if (!s) return s.error();
      p.version = *s;
      has_version = true;
      return true;
    }
    if (key == "url") {
      auto s = f.string("payload.url");
      if (!s) return s.error();
      if (!json::fields::is_download_url(*s)) return fail(errc::invalid_value, "payload.url", f.offset());
      p.url = *s;
      has_url = true;
      return true;
    }
    if (key == "md5") {
      auto s = f.string("payload.md5");
      if (!s) return s.error();
      if (!is_md5_hex(*s)) return fail(errc::bad_string, "payload.md5", f.offset());
      p.md5 = *s;
      has_md5 = true;
      return true;
    }
    if (key == "token") {
      auto s = f.string("payload.token");
      if (!s) return s.error();
      p.token = *s;
      has_token = true;
      return true;
    }
    if (key == "module") {
      auto s = f.string("payload.module");
      if (!s) return s.error();
      p.module = *s;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_size) return fail(errc::missing_field, "payload.size", v.offset());
  if (!has_version) return fail(errc::missing_field, "payload.version", v.offset());
  if (!has_url) return fail(errc::missing_field, "payload.url", v.offset());
  if (!has_md5) return fail(errc::missing_field, "payload.md5", v.offset());
  if (!has_token) return fail(errc::missing_field, "payload.token", v.offset());
  return ok();
}

// --- the messages -------------------------------------------------------------------------------

/// The root of every message: `taskId` and one nested object (`nested`: "params" or "payload")
/// that `decode_nested(v, m)` decodes into the message.
template <class Document, class Msg, class Nested>
result<void> decode_root(Document& doc, Msg& m, bool allow_no_task, json::key_name nested, Nested&& decode_nested) {
  bool has_task = false, has_nested = false;
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "taskId") {
      auto n = decode_task_id(v, allow_no_task);
      if (!n) return n.error();
      m.task_id = *n;
      has_task = true;
      return true;
    }
    if (std::string_view(key) == nested.text) {
      if (auto p = decode_nested(v, m); !p) return p.error();
      has_nested = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_task) return fail(errc::missing_field, "taskId");
  if (!has_nested) return fail(errc::missing_field, nested.id);
  return ok();
}

/// Decodes one message type into `m` (left unspecified on error). Only `inform` may be sent
/// outside a task (`taskId` -1).
template <class Document>
result<void> decode_into(Document& doc, inform& m) {
  return decode_root(doc, m, /*allow_no_task=*/true, "params", [](auto& v, inform& p) { return decode_inform_params(v, p); });
}
template <class Document>
result<void> decode_into(Document& doc, upgrade& m) {
  return decode_root(doc, m, false, "payload", [](auto& v, upgrade& p) { return decode_upgrade_payload(v, p); });
}
template <class Document>
result<void> decode_into(Document& doc, progress& m) {
  return decode_root(doc, m, false, "params", [](auto& v, progress& p) { return decode_progress_params(v, p); });
}

// The result is built in place and returned by name on every path: copying a decoded message
// from one result into another was a fifth of a small message's decode.

/// The decoder for one message type (for generic code: `decode_as<T>(doc)`).
template <class T, class Document>
result<T> decode_as(Document& doc) {
  result<T> out{std::in_place};
  if (auto r = decode_into(doc, *out); !r) out = r.error();
  return out;
}

/// The decoder for the message type of topic `t`.
template <class Document>
result<message> decode_message(Document& doc, topic t) {
  result<message> out{std::in_place};
  result<void> r = fail(errc::unknown_message, "topic");
  switch (t) {
    case topic::inform: r = decode_into(doc, out->template emplace<inform>()); break;
    case topic::upgrade: r = decode_into(doc, out->template emplace<upgrade>()); break;
    case topic::progress: r = decode_into(doc, out->template emplace<progress>()); break;
  }
  if (!r) out = r.error();
  return out;
}

}  // namespace otawire::ctwing::detail

#endif

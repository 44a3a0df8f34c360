// otawire CTWing: the three messages' fields, declared once (json/declare.hpp). The generic walk
// (either backend), the fast path, the encoder's checks and the encoder all read these tables;
// codec.hpp wraps them in the public entry points.
//
// Acceptance rules (spec §0 "decode leniently"; §B for the facts):
// - Keys in any order; unknown keys ignored (validated and skipped); the last duplicate wins, and
//   a repeated `params`/`payload` replaces the earlier one whole.
// - `taskId` and `payload.size` are JSON integers: every source sends numbers ([C1] table "int",
//   [C2] cJSON numbers) and none a string, so "1" is `wrong_type`.
// - `params.step` may be a number or a numeric string: [C2] sends a number, Alibaba's identical
//   protocol a string (`"step":"-1"`) [C3]. Only 1..100 and -4..-1 are in range ([C1] seed doc).
// - `module` (all messages) and `desc` (progress) are optional: the doc calls `module` a reserved
//   field and lists `desc` as a description "if there is one"; [C2] always sends both. Present,
//   they must be strings.
// - Required: `taskId`, the `params`/`payload` object, `params.version`, `params.step`, and in
//   `payload` every documented key but `module` (`size`, `version`, `url`, `md5`, `token`; [C2]
//   additionally refuses an upgrade without `token`, `md5` or `url`). A message missing several
//   is refused for the first in the order declared below.
// - `version` must not be empty. `url` and `md5` follow the rules every family shares
//   (json/fields.hpp): an http(s) URL with a host (the doc's example is https, [C2] builds an
//   HTTPS GET from it, §B.3), and 32 hex digits in either case (the doc: "md5 value").
//
// The declaration order is also the encoder's key order, the one the senders write (spec §B.2):
//   inform    {"taskId":-1,"params":{"version":"1.0.1","module":"MCU"}}             [C2] cJSON
//   upgrade   {"taskId":1,"payload":{"size":..,"version":..,"url":..,"md5":..,"token":..,"module":..}}  [C1] doc order
//   progress  {"taskId":147589,"params":{"step":50,"module":"MCU","desc":"…"}}       [C2] cJSON
// `step` is written as a number as [C2] does (the decoder also takes Alibaba's string form).
#ifndef OTAWIRE_CTWING_DETAIL_DECODE_HPP
#define OTAWIRE_CTWING_DETAIL_DECODE_HPP

#include <otawire/ctwing/messages.hpp>
#include <otawire/ctwing/topic.hpp>
#include <otawire/json/declare.hpp>
#include <otawire/result.hpp>

#include <cstdint>
#include <utility>

namespace otawire::ctwing::detail {

/// `taskId`: 0..max_task_id; an `/ota/inform` may also be sent outside a task (-1).
inline constexpr auto task_id = json::in_range_check<0, max_task_id>;
inline constexpr json::check task_id_or_none{
    errc::out_of_range, [](std::int64_t n) { return n == no_task || (n >= 0 && n <= max_task_id); }};
inline constexpr json::check step{errc::out_of_range, [](std::int64_t n) { return is_valid_step(n); }};
inline constexpr auto size = json::in_range_check<0, std::numeric_limits<std::int64_t>::max()>;

inline constexpr auto inform_fields = json::object<inform>(
    "", json::field("taskId", &inform::task_id, task_id_or_none),
    json::object<inform>("params", json::field("params.version", &inform::version, json::non_empty),
                         json::field("params.module", &inform::module)));

inline constexpr auto upgrade_fields = json::object<upgrade>(
    "", json::field("taskId", &upgrade::task_id, task_id),
    json::object<upgrade>("payload", json::field("payload.size", &upgrade::size, size),
                          json::field("payload.version", &upgrade::version, json::non_empty),
                          json::field("payload.url", &upgrade::url, json::download_url),
                          json::field("payload.md5", &upgrade::md5, json::md5_hex),
                          json::field("payload.token", &upgrade::token),
                          json::field("payload.module", &upgrade::module)));

inline constexpr auto progress_fields = json::object<progress>(
    "", json::field("taskId", &progress::task_id, task_id),
    json::object<progress>("params", json::field("params.step", &progress::step, step, json::lenient),
                           json::field("params.module", &progress::module),
                           json::field("params.desc", &progress::desc)));

/// The declaration of message `T`.
template <class T>
[[nodiscard]] constexpr const auto& fields_of() noexcept {
  if constexpr (std::is_same_v<T, inform>) return inform_fields;
  else if constexpr (std::is_same_v<T, upgrade>) return upgrade_fields;
  else return progress_fields;
}

// The result is built in place and returned by name on every path: copying a decoded message
// from one result into another was a fifth of a small message's decode.

/// The decoder for one message type (for generic code: `decode_as<T>(doc)`).
template <class T, class Document>
result<T> decode_as(Document& doc) {
  result<T> out{std::in_place};
  if (auto r = json::read_object(doc, *out, fields_of<T>()); !r) out = r.error();
  return out;
}

/// The decoder for the message type of topic `t`.
template <class Document>
result<message> decode_message(Document& doc, topic t) {
  result<message> out{std::in_place};
  result<void> r = fail(errc::unknown_message, "topic");
  switch (t) {
    case topic::inform: r = json::read_object(doc, out->template emplace<inform>(), inform_fields); break;
    case topic::upgrade: r = json::read_object(doc, out->template emplace<upgrade>(), upgrade_fields); break;
    case topic::progress: r = json::read_object(doc, out->template emplace<progress>(), progress_fields); break;
  }
  if (!r) out = r.error();
  return out;
}

/// The fast path for the message type of topic `t`, into `out`; false: the generic walk decides.
[[gnu::noinline]] inline bool fast_message(json::simd_document& doc, topic t, message& out) noexcept {
  switch (t) {
    case topic::inform: return json::fast_read_object(doc, out.emplace<inform>(), inform_fields);
    case topic::upgrade: return json::fast_read_object(doc, out.emplace<upgrade>(), upgrade_fields);
    case topic::progress: return json::fast_read_object(doc, out.emplace<progress>(), progress_fields);
  }
  return false;
}

}  // namespace otawire::ctwing::detail

#endif

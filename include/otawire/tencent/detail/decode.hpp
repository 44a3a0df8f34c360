// otawire::tencent — the message decoder, written once over the JSON backends (json/common.hpp):
// `Document` is json::simd_document or json::dom_document, `Value` json::simd_value or
// json::dom_value.
//
// One walk over the document. The `type` may come first (C SDKs) or last (Java), so instead of
// looking it up first (a second walk over the root, a third of the fast path's time), every key
// that any of the four messages knows is decoded and kept with its value or its error; once the
// walk is over, the type picks its keys and checks them in a fixed order. A key the type does
// not know is thus ignored, whatever its value, as unknown keys are. Malformed JSON stops the
// walk at once. Duplicate keys: each occurrence overwrites what the last one left, so the last
// one wins, in both backends alike; a repeated `report` replaces the whole earlier one.
#ifndef OTAWIRE_TENCENT_DETAIL_DECODE_HPP
#define OTAWIRE_TENCENT_DETAIL_DECODE_HPP

#include <otawire/json/common.hpp>
#include <otawire/tencent/detail/rules.hpp>
#include <otawire/tencent/messages.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace otawire::tencent::detail {

// --- field helpers ---------------------------------------------------------------------------

/// Where a root-level error points: byte 0 on the simdjson path, nowhere on the DOM path (which
/// carries no positions).
template <class Document>
constexpr std::size_t root_offset(Document& doc) noexcept {
  if constexpr (std::is_same_v<decltype(doc.context()), const void*>) {
    return error::no_offset;
  } else {
    return 0;
  }
}

template <class Value>
result<std::string_view> version_field(Value& v, text_id path, std::size_t max_length) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (!valid_version(*s, max_length)) return fail(errc::bad_string, path, v.offset());
  return *s;
}

template <class Value>
result<std::int32_t> int32_lenient(Value& v, text_id path) {
  auto n = v.int64_lenient(path);
  if (!n) return n.error();
  return json::in_range<std::int32_t>(*n, std::numeric_limits<std::int32_t>::min(),
                                      std::numeric_limits<std::int32_t>::max(), path, v.offset());
}

// Assigns a decoded field or returns its error from inside an object walk.
#define OTAWIRE_TENCENT_FIELD(target, expr) \
  do {                                      \
    auto r_ = (expr);                       \
    if (!r_) return r_.error();             \
    target = *r_;                           \
  } while (false)

/// `report.progress`, decoded (decode_progress below).
struct progress_part {
  progress_state state = progress_state::downloading;
  std::optional<std::uint8_t> percent;
  std::int32_t result_code = 0;
  std::string_view result_msg;
};

// --- what the walk keeps ------------------------------------------------------------------------

/// Every key the walk keeps: the root's, then those inside `report`.
enum class key : std::uint8_t {
  type,
  report,
  result_code,
  result_msg,
  version,
  url,
  md5sum,
  file_size,
  user_defined,
  task_id,
  fw_type,
  report_version,
  report_fw_type,
  report_task_id,
  report_progress,
  count
};

[[nodiscard]] constexpr std::uint32_t bit(key k) noexcept { return std::uint32_t{1} << static_cast<unsigned>(k); }

inline constexpr std::uint32_t report_keys =
    bit(key::report_version) | bit(key::report_fw_type) | bit(key::report_task_id) | bit(key::report_progress);

/// What the walk saw, flat: a value per key; whether the key was present (its last occurrence)
/// and whether that occurrence failed to decode, with its error. The offsets and errors are
/// written only for keys that were seen, and read only then, so nothing but the values is
/// initialised up front: an earlier layout that kept a `result` per key made every message pay
/// for clearing and copying a kilobyte.
struct walked_fields {
  std::uint32_t present = 0;
  std::uint32_t failed = 0;
  std::size_t type = 0;
  std::int32_t result_code = 0;
  std::uint32_t file_size = 0;
  std::int64_t task_id = 0;
  std::int64_t report_task_id = 0;
  std::string_view result_msg, version, url, md5sum, user_defined, fw_type, report_version, report_fw_type;
  progress_part progress;
  std::size_t report_at = error::no_offset;  // the `report` object (missing keys inside it)

  [[nodiscard]] bool has(key k) const noexcept { return (present & bit(k)) != 0; }
  [[nodiscard]] std::size_t offset(key k) const noexcept { return offsets_[static_cast<std::size_t>(k)]; }

  /// Records one occurrence of `k` at `offset`: its value was stored (`e` null) or it failed.
  void seen(key k, std::size_t offset, const error* e) noexcept {
    present |= bit(k);
    offsets_[static_cast<std::size_t>(k)] = offset;
    if (e == nullptr) {
      failed &= ~bit(k);
      return;
    }
    failed |= bit(k);
    ::new (static_cast<void*>(&errors_[static_cast<std::size_t>(k)])) error(*e);
  }
  void forget(std::uint32_t keys) noexcept {
    present &= ~keys;
    failed &= ~keys;
  }

  /// A required key: `missing_field` at `path` when absent, its own error when it failed.
  [[nodiscard]] result<void> need(key k, text_id path, std::size_t missing_at) const noexcept {
    if (!has(k)) return fail(errc::missing_field, path, missing_at);
    return check(k);
  }
  /// An optional key's error, if its occurrence failed.
  [[nodiscard]] result<void> check(key k) const noexcept {
    if ((failed & bit(k)) == 0) return ok();
    return *std::launder(reinterpret_cast<const error*>(&errors_[static_cast<std::size_t>(k)]));
  }
  /// An optional key: its error if its occurrence failed; otherwise sets `out` (a fresh, empty
  /// optional) to `value` when the key was present. Assigns in place: building an optional and
  /// copying it made g++ store its flag byte and reload it as a word, a store-forwarding stall
  /// on every message.
  template <class T, class U>
  [[nodiscard]] result<void> take(key k, std::optional<T>& out, const U& value) const noexcept {
    if (auto c = check(k); !c) return c;
    if (has(k)) out = value;
    return ok();
  }

 private:
  static constexpr std::size_t key_count = static_cast<std::size_t>(key::count);
  struct error_storage {
    alignas(error) unsigned char bytes[sizeof(error)];
  };
  static_assert(std::is_trivially_copyable_v<error> && std::is_trivially_destructible_v<error>);
  std::array<std::size_t, key_count> offsets_;  // NOLINT: written before read (see `seen`)
  std::array<error_storage, key_count> errors_;  // NOLINT: likewise
};

/// Decodes one occurrence of key `k` with `decode(v) -> result<T>` into `target`. Malformed JSON
/// is returned (it ends the walk); any other error is kept for the type to judge.
template <class T, class Value, class F>
result<bool> keep(walked_fields& w, key k, T& target, Value& v, F&& decode) {
  auto r = decode(v);
  if (!r) {
    if (r.error().code() == errc::malformed_json) return r.error();
    w.seen(k, v.offset(), &r.error());
    return true;
  }
  target = *r;
  w.seen(k, v.offset(), nullptr);
  return true;
}

template <class Value>
result<std::string_view> string_of(Value& v, text_id path) {
  return v.string(path);
}

// --- report_progress ---------------------------------------------------------------------------


template <class Value>
result<progress_part> decode_progress(Value& v) {
  progress_part p;
  bool has_state = false, has_code = false, has_msg = false;
  // `state` may come after `percent` and `result_code` (Java writes hash order): the cross-field
  // checks run at the end of the walk, with the offsets remembered here.
  std::size_t percent_at = error::no_offset, code_at = error::no_offset;
  auto walked = v.object_for_each("report.progress", [&](json::key_view key, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (key == "state") {
      auto s = f.string("report.progress.state");
      if (!s) return s.error();
      std::size_t i = 0;
      while (i < progress_state_names.size() && progress_state_names[i] != *s) ++i;
      if (i == progress_state_names.size()) return fail(errc::invalid_value, "report.progress.state", f.offset());
      p.state = static_cast<progress_state>(i);
      has_state = true;
      return true;
    }
    if (key == "percent") {
      auto n = f.int64_lenient("report.progress.percent");
      if (!n) return n.error();
      OTAWIRE_TENCENT_FIELD(p.percent, json::in_range<std::uint8_t>(*n, 0, 100, "report.progress.percent", f.offset()));
      percent_at = f.offset();
      return true;
    }
    if (key == "result_code") {
      OTAWIRE_TENCENT_FIELD(p.result_code, int32_lenient(f, "report.progress.result_code"));
      code_at = f.offset();
      has_code = true;
      return true;
    }
    if (key == "result_msg") {
      OTAWIRE_TENCENT_FIELD(p.result_msg, f.string("report.progress.result_msg"));
      has_msg = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_state) return fail(errc::missing_field, "report.progress.state", v.offset());
  if (!has_code) return fail(errc::missing_field, "report.progress.result_code", v.offset());
  if (!has_msg) return fail(errc::missing_field, "report.progress.result_msg", v.offset());
  if (p.state == progress_state::downloading && !p.percent) {
    return fail(errc::missing_field, "report.progress.percent", v.offset());
  }
  if (p.state != progress_state::downloading && p.percent) {
    return fail(errc::invalid_value, "report.progress.percent", percent_at);
  }
  if (const errc c = check_result_code(p.state, p.result_code); c != errc{}) {
    return fail(c, "report.progress.result_code", code_at);
  }
  return p;
}

#undef OTAWIRE_TENCENT_FIELD

// --- the `report` object (report_version and report_progress) ---------------------------------

/// Walks one occurrence of `report` into `w`'s report keys (an earlier occurrence is forgotten).
template <class Value>
result<void> walk_report(Value& v, walked_fields& w) {
  w.forget(report_keys);
  w.report_at = v.offset();
  return v.object_for_each("report", [&](json::key_view k, auto& f) OTAWIRE_JSON_VISITOR -> result<bool> {
    if (k == "version") return keep(w, key::report_version, w.report_version, f, [](auto& x) { return string_of(x, "report.version"); });
    if (k == "fw_type") return keep(w, key::report_fw_type, w.report_fw_type, f, [](auto& x) { return string_of(x, "report.fw_type"); });
    if (k == "task_id") return keep(w, key::report_task_id, w.report_task_id, f, [](auto& x) { return x.int64_lenient("report.task_id"); });
    if (k == "progress") return keep(w, key::report_progress, w.progress, f, [](auto& x) { return decode_progress(x); });
    return false;
  });
}

// --- the root ---------------------------------------------------------------------------------

template <class Value>
result<std::size_t> type_index(Value& v) {
  auto s = v.string("type");
  if (!s) return s.error();
  for (std::size_t i = 0; i < message_type_names.size(); ++i) {
    if (message_type_names[i] == *s) return i;
  }
  return fail(errc::unknown_message, "type", v.offset());
}

template <class Value>
result<std::uint32_t> file_size_of(Value& v) {
  auto n = v.int64_lenient("file_size");
  if (!n) return n.error();
  return json::in_range<std::uint32_t>(*n, file_size_min, file_size_max, "file_size", v.offset());
}

template <class Document>
result<void> walk_root(Document& doc, walked_fields& w) {
  return doc.object_for_each([&](json::key_view k, auto& v) OTAWIRE_JSON_VISITOR -> result<bool> {
    switch (k.size()) {  // a first cut on the length keeps the comparisons few
      case 3:
        if (k == "url") return keep(w, key::url, w.url, v, [](auto& x) { return string_of(x, "url"); });
        break;
      case 4:
        if (k == "type") return keep(w, key::type, w.type, v, [](auto& x) { return type_index(x); });
        break;
      case 6:
        if (k == "report") {
          auto r = walk_report(v, w);
          if (!r && r.error().code() == errc::malformed_json) return r.error();
          w.seen(key::report, v.offset(), r ? nullptr : &r.error());
          return true;
        }
        if (k == "md5sum") return keep(w, key::md5sum, w.md5sum, v, [](auto& x) { return string_of(x, "md5sum"); });
        break;
      case 7:
        if (k == "version") return keep(w, key::version, w.version, v, [](auto& x) { return string_of(x, "version"); });
        if (k == "task_id") return keep(w, key::task_id, w.task_id, v, [](auto& x) { return x.int64_lenient("task_id"); });
        if (k == "fw_type") return keep(w, key::fw_type, w.fw_type, v, [](auto& x) { return string_of(x, "fw_type"); });
        break;
      case 9:
        if (k == "file_size") return keep(w, key::file_size, w.file_size, v, [](auto& x) { return file_size_of(x); });
        break;
      case 10:
        if (k == "result_msg") return keep(w, key::result_msg, w.result_msg, v, [](auto& x) { return string_of(x, "result_msg"); });
        break;
      case 11:
        if (k == "result_code") return keep(w, key::result_code, w.result_code, v, [](auto& x) { return int32_lenient(x, "result_code"); });
        break;
      case 12:
        if (k == "user_defined") return keep(w, key::user_defined, w.user_defined, v, [](auto& x) { return string_of(x, "user_defined"); });
        break;
      default: break;
    }
    return false;
  });
}

// Returns the error of a key check from inside an assemble function.
#define OTAWIRE_TENCENT_CHECK(expr) \
  do {                              \
    auto r_ = (expr);               \
    if (!r_) return r_;             \
  } while (false)

// --- per type: the keys it uses, checked in a fixed order ----------------------------------------

inline result<void> assemble(const walked_fields& w, std::size_t root_at, report_version& m) {
  OTAWIRE_TENCENT_CHECK(w.need(key::report, "report", root_at));
  OTAWIRE_TENCENT_CHECK(w.need(key::report_version, "report.version", w.report_at));
  m.version = w.report_version;
  if (!valid_version(m.version, version_max_length)) return fail(errc::bad_string, "report.version", w.offset(key::report_version));
  OTAWIRE_TENCENT_CHECK(w.take(key::report_fw_type, m.fw_type, w.report_fw_type));
  return ok();
}

inline result<void> assemble(const walked_fields& w, std::size_t root_at, report_version_rsp& m) {
  OTAWIRE_TENCENT_CHECK(w.need(key::result_code, "result_code", root_at));
  m.result_code = w.result_code;
  OTAWIRE_TENCENT_CHECK(w.take(key::result_msg, m.result_msg, w.result_msg));
  OTAWIRE_TENCENT_CHECK(w.take(key::version, m.version, w.version));
  OTAWIRE_TENCENT_CHECK(w.take(key::fw_type, m.fw_type, w.fw_type));
  return ok();
}

inline result<void> assemble(const walked_fields& w, std::size_t root_at, update_firmware& m) {
  OTAWIRE_TENCENT_CHECK(w.need(key::version, "version", root_at));
  m.version = w.version;
  if (m.version.empty()) return fail(errc::bad_string, "version", w.offset(key::version));
  OTAWIRE_TENCENT_CHECK(w.need(key::url, "url", root_at));
  m.url = w.url;
  if (!valid_url(m.url)) return fail(errc::invalid_value, "url", w.offset(key::url));
  OTAWIRE_TENCENT_CHECK(w.need(key::md5sum, "md5sum", root_at));
  m.md5sum = w.md5sum;
  if (!valid_md5sum(m.md5sum)) return fail(errc::bad_string, "md5sum", w.offset(key::md5sum));
  OTAWIRE_TENCENT_CHECK(w.need(key::file_size, "file_size", root_at));
  m.file_size = w.file_size;
  OTAWIRE_TENCENT_CHECK(w.take(key::user_defined, m.user_defined, w.user_defined));
  if (m.user_defined && m.user_defined->size() > user_defined_max_length) {
    return fail(errc::bad_string, "user_defined", w.offset(key::user_defined));
  }
  OTAWIRE_TENCENT_CHECK(w.take(key::task_id, m.task_id, w.task_id));
  OTAWIRE_TENCENT_CHECK(w.take(key::fw_type, m.fw_type, w.fw_type));
  return ok();
}

inline result<void> assemble(const walked_fields& w, std::size_t root_at, report_progress& m) {
  OTAWIRE_TENCENT_CHECK(w.need(key::report, "report", root_at));
  OTAWIRE_TENCENT_CHECK(w.need(key::report_progress, "report.progress", w.report_at));
  m.state = w.progress.state;
  m.percent = w.progress.percent;
  m.result_code = w.progress.result_code;
  m.result_msg = w.progress.result_msg;
  OTAWIRE_TENCENT_CHECK(w.need(key::report_version, "report.version", w.report_at));
  m.version = w.report_version;
  if (m.version.empty()) return fail(errc::bad_string, "report.version", w.offset(key::report_version));
  OTAWIRE_TENCENT_CHECK(w.take(key::report_fw_type, m.fw_type, w.report_fw_type));
  OTAWIRE_TENCENT_CHECK(w.take(key::report_task_id, m.task_id, w.report_task_id));
  return ok();
}

#undef OTAWIRE_TENCENT_CHECK

// --- dispatch ----------------------------------------------------------------------------------

/// Walks the document and fills `out` with the message its `type` names.
template <class Document>
result<void> decode_into(Document& doc, std::optional<direction> expected, message& out) {
  walked_fields w;
  if (auto walked = walk_root(doc, w); !walked) return walked;
  const std::size_t root_at = root_offset(doc);
  if (auto t = w.need(key::type, "type", root_at); !t) return t;
  const auto type = static_cast<message_type>(w.type);
  if (expected && direction_of(type) != *expected) return fail(errc::invalid_value, "type", w.offset(key::type));
  switch (type) {
    case message_type::report_version: return assemble(w, root_at, out.emplace<report_version>());
    case message_type::report_version_rsp: return assemble(w, root_at, out.emplace<report_version_rsp>());
    case message_type::update_firmware: return assemble(w, root_at, out.emplace<update_firmware>());
    case message_type::report_progress: return assemble(w, root_at, out.emplace<report_progress>());
  }
  return fail(errc::unknown_message, "type", w.offset(key::type));
}

/// Decodes any message; with `expected`, a message that does not travel in that direction is
/// `invalid_value` at `type` (e.g. `update_firmware` published on `$ota/report/...`). The result
/// is built in place and returned by name: copying a message between results cost as much as
/// walking a small one.
template <class Document>
result<message> decode_message(Document& doc, std::optional<direction> expected = std::nullopt) {
  result<message> out{std::in_place};
  if (auto r = decode_into(doc, expected, *out); !r) out = r.error();
  return out;
}

}  // namespace otawire::tencent::detail

#endif

// otawire::tencent — the message decoder, written once over the JSON backends (json/common.hpp):
// `Document` is json::simd_document or json::dom_document, `Value` json::simd_value or
// json::dom_value.
//
// One walk over the document. The `type` may come first (C SDKs) or last (Java), so instead of
// looking it up first (a second walk over the root, a third of the fast path's time), every key
// that any of the four messages knows is decoded into a slot that keeps its value or its error;
// once the walk is over, the type picks its slots and checks them in a fixed order. A key the
// type does not know is thus ignored, whatever its value, as unknown keys are. Malformed JSON
// stops the walk at once. Duplicate keys: each occurrence overwrites the slot, so the last one
// wins, in both backends alike; nested objects are decoded into fresh parts likewise.
#ifndef OTAWIRE_TENCENT_DETAIL_DECODE_HPP
#define OTAWIRE_TENCENT_DETAIL_DECODE_HPP

#include <otawire/json/common.hpp>
#include <otawire/tencent/detail/rules.hpp>
#include <otawire/tencent/messages.hpp>

#include <cstdint>
#include <limits>
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
result<std::string_view> version_field(Value& v, std::string_view path, std::size_t max_length) {
  auto s = v.string(path);
  if (!s) return s.error();
  if (!valid_version(*s, max_length)) return fail(errc::bad_string, path, v.offset());
  return *s;
}

template <class Value>
result<std::int32_t> int32_lenient(Value& v, std::string_view path) {
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

// --- one walk, slots per key ---------------------------------------------------------------------

/// A key's slot: absent, or its decoded value or error, and the value's offset.
template <class T>
struct slot {
  bool present = false;
  result<T> value = T{};
  std::size_t offset = error::no_offset;
};

/// Stores what `decode(v)` gave into `s` (malformed JSON is returned: it ends the walk).
template <class T, class Value, class F>
result<bool> store(slot<T>& s, Value& v, F&& decode) {
  auto r = decode(v);
  if (!r && r.error().code == errc::malformed_json) return r.error();
  s.present = true;
  s.offset = v.offset();
  s.value = std::move(r);
  return true;
}

/// A required slot's value; `missing_field` at `path` when the key was absent. A pointer into the
/// slot: copying a whole `result` of a nested part is what g++ 12 -O1/-O2 miscompiled here (SRA;
/// `-fno-tree-sra` hides it), and is needless anyway.
template <class T>
result<const T*> required(const slot<T>& s, std::string_view path, std::size_t missing_at) {
  if (!s.present) return fail(errc::missing_field, path, missing_at);
  if (!s.value) return s.value.error();
  return &*s.value;
}

/// An optional slot's value (nullopt when absent), or its error.
template <class T>
result<std::optional<T>> optional_value(const slot<T>& s) {
  if (!s.present) return std::optional<T>{};
  if (!s.value) return s.value.error();
  return std::optional<T>(*s.value);
}

template <class Value>
result<std::string_view> string_of(Value& v, std::string_view path) {
  return v.string(path);
}

// --- report_progress ---------------------------------------------------------------------------

struct progress_part {
  progress_state state = progress_state::downloading;
  std::optional<std::uint8_t> percent;
  std::int32_t result_code = 0;
  std::string_view result_msg;
};

template <class Value>
result<progress_part> decode_progress(Value& v) {
  progress_part p;
  bool has_state = false, has_code = false, has_msg = false;
  // `state` may come after `percent` and `result_code` (Java writes hash order): the cross-field
  // checks run at the end of the walk, with the offsets remembered here.
  std::size_t percent_at = error::no_offset, code_at = error::no_offset;
  auto walked = v.object_for_each("report.progress", [&](json::key_view key, auto& f) -> result<bool> {
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

struct report_slots {
  slot<std::string_view> version;
  slot<std::string_view> fw_type;
  slot<std::int64_t> task_id;
  slot<progress_part> progress;
  std::size_t offset = error::no_offset;
};

template <class Value>
result<report_slots> decode_report(Value& v) {
  report_slots r;
  r.offset = v.offset();
  auto walked = v.object_for_each("report", [&](json::key_view key, auto& f) -> result<bool> {
    if (key == "version") return store(r.version, f, [](auto& x) { return string_of(x, "report.version"); });
    if (key == "fw_type") return store(r.fw_type, f, [](auto& x) { return string_of(x, "report.fw_type"); });
    if (key == "task_id") return store(r.task_id, f, [](auto& x) { return x.int64_lenient("report.task_id"); });
    if (key == "progress") return store(r.progress, f, [](auto& x) { return decode_progress(x); });
    return false;
  });
  if (!walked) return walked.error();
  return r;
}

// --- the root ---------------------------------------------------------------------------------

struct root_slots {
  slot<std::size_t> type;
  slot<report_slots> report;
  slot<std::int32_t> result_code;
  slot<std::string_view> result_msg;
  slot<std::string_view> version;
  slot<std::string_view> url;
  slot<std::string_view> md5sum;
  slot<std::uint32_t> file_size;
  slot<std::string_view> user_defined;
  slot<std::int64_t> task_id;
  slot<std::string_view> fw_type;
};

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

/// Fills `r` (in place: the slots are large, and copying them out is most of the walk's cost).
template <class Document>
result<void> walk_root(Document& doc, root_slots& r) {
  auto walked = doc.object_for_each([&](json::key_view key, auto& v) -> result<bool> {
    switch (key.size()) {  // a first cut on the length keeps the comparisons few
      case 3:
        if (key == "url") return store(r.url, v, [](auto& x) { return string_of(x, "url"); });
        break;
      case 4:
        if (key == "type") return store(r.type, v, [](auto& x) { return type_index(x); });
        break;
      case 6:
        if (key == "report") return store(r.report, v, [](auto& x) { return decode_report(x); });
        if (key == "md5sum") return store(r.md5sum, v, [](auto& x) { return string_of(x, "md5sum"); });
        break;
      case 7:
        if (key == "version") return store(r.version, v, [](auto& x) { return string_of(x, "version"); });
        if (key == "task_id") return store(r.task_id, v, [](auto& x) { return x.int64_lenient("task_id"); });
        if (key == "fw_type") return store(r.fw_type, v, [](auto& x) { return string_of(x, "fw_type"); });
        break;
      case 9:
        if (key == "file_size") return store(r.file_size, v, [](auto& x) { return file_size_of(x); });
        break;
      case 10:
        if (key == "result_msg") return store(r.result_msg, v, [](auto& x) { return string_of(x, "result_msg"); });
        break;
      case 11:
        if (key == "result_code") return store(r.result_code, v, [](auto& x) { return int32_lenient(x, "result_code"); });
        break;
      case 12:
        if (key == "user_defined") return store(r.user_defined, v, [](auto& x) { return string_of(x, "user_defined"); });
        break;
      default: break;
    }
    return false;
  });
  return walked;
}

// Assigns a slot's value (through the pointer `required` gives, or the optional) or returns its error.
#define OTAWIRE_TENCENT_TAKE(target, expr) \
  do {                                     \
    auto r_ = (expr);                      \
    if (!r_) return r_.error();            \
    target = **r_;                         \
  } while (false)
#define OTAWIRE_TENCENT_TAKE_OPTIONAL(target, expr) \
  do {                                              \
    auto r_ = (expr);                               \
    if (!r_) return r_.error();                     \
    target = *r_;                                   \
  } while (false)

// --- per type: the slots it uses, checked in a fixed order ---------------------------------------

inline result<report_version> assemble_report_version(const root_slots& r, std::size_t root_at) {
  report_version m;
  auto found = required(r.report, "report", root_at);
  if (!found) return found.error();
  const report_slots& report = **found;
  OTAWIRE_TENCENT_TAKE(m.version, required(report.version, "report.version", report.offset));
  if (!valid_version(m.version, version_max_length)) return fail(errc::bad_string, "report.version", report.version.offset);
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.fw_type, optional_value(report.fw_type));
  return m;
}

inline result<report_version_rsp> assemble_report_version_rsp(const root_slots& r, std::size_t root_at) {
  report_version_rsp m;
  OTAWIRE_TENCENT_TAKE(m.result_code, required(r.result_code, "result_code", root_at));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.result_msg, optional_value(r.result_msg));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.version, optional_value(r.version));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.fw_type, optional_value(r.fw_type));
  return m;
}

inline result<update_firmware> assemble_update_firmware(const root_slots& r, std::size_t root_at) {
  update_firmware m;
  OTAWIRE_TENCENT_TAKE(m.version, required(r.version, "version", root_at));
  if (m.version.empty()) return fail(errc::bad_string, "version", r.version.offset);
  OTAWIRE_TENCENT_TAKE(m.url, required(r.url, "url", root_at));
  if (!valid_url(m.url)) return fail(errc::invalid_value, "url", r.url.offset);
  OTAWIRE_TENCENT_TAKE(m.md5sum, required(r.md5sum, "md5sum", root_at));
  if (!valid_md5sum(m.md5sum)) return fail(errc::bad_string, "md5sum", r.md5sum.offset);
  OTAWIRE_TENCENT_TAKE(m.file_size, required(r.file_size, "file_size", root_at));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.user_defined, optional_value(r.user_defined));
  if (m.user_defined && m.user_defined->size() > user_defined_max_length) {
    return fail(errc::bad_string, "user_defined", r.user_defined.offset);
  }
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.task_id, optional_value(r.task_id));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.fw_type, optional_value(r.fw_type));
  return m;
}

inline result<report_progress> assemble_report_progress(const root_slots& r, std::size_t root_at) {
  report_progress m;
  auto found = required(r.report, "report", root_at);
  if (!found) return found.error();
  const report_slots& report = **found;
  auto found_progress = required(report.progress, "report.progress", report.offset);
  if (!found_progress) return found_progress.error();
  const progress_part& progress = **found_progress;
  m.state = progress.state;
  m.percent = progress.percent;
  m.result_code = progress.result_code;
  m.result_msg = progress.result_msg;
  OTAWIRE_TENCENT_TAKE(m.version, required(report.version, "report.version", report.offset));
  if (m.version.empty()) return fail(errc::bad_string, "report.version", report.version.offset);
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.fw_type, optional_value(report.fw_type));
  OTAWIRE_TENCENT_TAKE_OPTIONAL(m.task_id, optional_value(report.task_id));
  return m;
}

#undef OTAWIRE_TENCENT_TAKE
#undef OTAWIRE_TENCENT_TAKE_OPTIONAL

// --- dispatch ----------------------------------------------------------------------------------

/// Decodes any message; with `expected`, a message that does not travel in that direction is
/// `invalid_value` at `type` (e.g. `update_firmware` published on `$ota/report/...`).
template <class Document>
result<message> decode_message(Document& doc, std::optional<direction> expected = std::nullopt) {
  root_slots r;
  if (auto walked = walk_root(doc, r); !walked) return walked.error();
  const std::size_t root_at = root_offset(doc);
  std::size_t index = 0;
  {
    auto t = required(r.type, "type", root_at);
    if (!t) return t.error();
    index = **t;
  }
  const auto type = static_cast<message_type>(index);
  if (expected && direction_of(type) != *expected) return fail(errc::invalid_value, "type", r.type.offset);
  const auto wrap = [](auto&& m) -> result<message> {
    if (!m) return m.error();
    return message(std::move(*m));
  };
  switch (type) {
    case message_type::report_version: return wrap(assemble_report_version(r, root_at));
    case message_type::report_version_rsp: return wrap(assemble_report_version_rsp(r, root_at));
    case message_type::update_firmware: return wrap(assemble_update_firmware(r, root_at));
    case message_type::report_progress: return wrap(assemble_report_progress(r, root_at));
  }
  return fail(errc::unknown_message, "type", r.type.offset);
}

}  // namespace otawire::tencent::detail

#endif

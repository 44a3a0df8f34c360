// otawire::tencent — the message decoders, written once over the JSON backends (json/common.hpp):
// `Document` is json::simd_document or json::dom_document, `Value` json::simd_value or
// json::dom_value. Each nested object is decoded into a fresh local part with its own
// required-field checks and assigned on success, so a duplicate key replaces the whole value
// (last wins) in both backends alike.
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

// --- report_version ----------------------------------------------------------------------------

struct version_report_part {
  std::string_view version;
  std::optional<std::string_view> fw_type;
};

template <class Value>
result<version_report_part> decode_version_report(Value& v) {
  version_report_part p;
  bool has_version = false;
  auto walked = v.object_for_each("report", [&](std::string_view key, auto& f) -> result<bool> {
    if (key == "version") {
      OTAWIRE_TENCENT_FIELD(p.version, version_field(f, "report.version", version_max_length));
      has_version = true;
      return true;
    }
    if (key == "fw_type") {
      OTAWIRE_TENCENT_FIELD(p.fw_type, f.string("report.fw_type"));
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, "report.version", v.offset());
  return p;
}

template <class Document>
result<report_version> decode_report_version(Document& doc) {
  report_version m;
  bool has_report = false;
  auto walked = doc.object_for_each([&](std::string_view key, auto& v) -> result<bool> {
    if (key == "type") {
      auto s = v.string("type");  // its value was checked by select()
      if (!s) return s.error();
      return true;
    }
    if (key == "report") {
      auto r = decode_version_report(v);
      if (!r) return r.error();
      m.version = r->version;
      m.fw_type = r->fw_type;
      has_report = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_report) return fail(errc::missing_field, "report", root_offset(doc));
  return m;
}

// --- report_version_rsp ------------------------------------------------------------------------

template <class Document>
result<report_version_rsp> decode_report_version_rsp(Document& doc) {
  report_version_rsp m;
  bool has_code = false;
  auto walked = doc.object_for_each([&](std::string_view key, auto& v) -> result<bool> {
    if (key == "type") {
      auto s = v.string("type");
      if (!s) return s.error();
      return true;
    }
    if (key == "result_code") {
      OTAWIRE_TENCENT_FIELD(m.result_code, int32_lenient(v, "result_code"));
      has_code = true;
      return true;
    }
    if (key == "result_msg") {
      OTAWIRE_TENCENT_FIELD(m.result_msg, v.string("result_msg"));
      return true;
    }
    if (key == "version") {
      OTAWIRE_TENCENT_FIELD(m.version, v.string("version"));
      return true;
    }
    if (key == "fw_type") {
      OTAWIRE_TENCENT_FIELD(m.fw_type, v.string("fw_type"));
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_code) return fail(errc::missing_field, "result_code", root_offset(doc));
  return m;
}

// --- update_firmware ---------------------------------------------------------------------------

template <class Document>
result<update_firmware> decode_update_firmware(Document& doc) {
  update_firmware m;
  bool has_version = false, has_url = false, has_md5 = false, has_size = false;
  auto walked = doc.object_for_each([&](std::string_view key, auto& v) -> result<bool> {
    if (key == "type") {
      auto s = v.string("type");
      if (!s) return s.error();
      return true;
    }
    if (key == "version") {
      OTAWIRE_TENCENT_FIELD(m.version, version_field(v, "version", std::numeric_limits<std::size_t>::max()));
      has_version = true;
      return true;
    }
    if (key == "url") {
      auto s = v.string("url");
      if (!s) return s.error();
      if (!valid_url(*s)) return fail(errc::invalid_value, "url", v.offset());
      m.url = *s;
      has_url = true;
      return true;
    }
    if (key == "md5sum") {
      auto s = v.string("md5sum");
      if (!s) return s.error();
      if (!valid_md5sum(*s)) return fail(errc::bad_string, "md5sum", v.offset());
      m.md5sum = *s;
      has_md5 = true;
      return true;
    }
    if (key == "file_size") {
      auto n = v.int64_lenient("file_size");
      if (!n) return n.error();
      OTAWIRE_TENCENT_FIELD(m.file_size, json::in_range<std::uint32_t>(*n, file_size_min, file_size_max, "file_size",
                                                                       v.offset()));
      has_size = true;
      return true;
    }
    if (key == "user_defined") {
      auto s = v.string("user_defined");
      if (!s) return s.error();
      if (s->size() > user_defined_max_length) return fail(errc::bad_string, "user_defined", v.offset());
      m.user_defined = *s;
      return true;
    }
    if (key == "task_id") {
      OTAWIRE_TENCENT_FIELD(m.task_id, v.int64_lenient("task_id"));
      return true;
    }
    if (key == "fw_type") {
      OTAWIRE_TENCENT_FIELD(m.fw_type, v.string("fw_type"));
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, "version", root_offset(doc));
  if (!has_url) return fail(errc::missing_field, "url", root_offset(doc));
  if (!has_md5) return fail(errc::missing_field, "md5sum", root_offset(doc));
  if (!has_size) return fail(errc::missing_field, "file_size", root_offset(doc));
  return m;
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
  auto walked = v.object_for_each("report.progress", [&](std::string_view key, auto& f) -> result<bool> {
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

struct progress_report_part {
  progress_part progress;
  std::string_view version;
  std::optional<std::string_view> fw_type;
  std::optional<std::int64_t> task_id;
};

template <class Value>
result<progress_report_part> decode_progress_report(Value& v) {
  progress_report_part p;
  bool has_progress = false, has_version = false;
  auto walked = v.object_for_each("report", [&](std::string_view key, auto& f) -> result<bool> {
    if (key == "progress") {
      OTAWIRE_TENCENT_FIELD(p.progress, decode_progress(f));
      has_progress = true;
      return true;
    }
    if (key == "version") {
      OTAWIRE_TENCENT_FIELD(p.version, version_field(f, "report.version", std::numeric_limits<std::size_t>::max()));
      has_version = true;
      return true;
    }
    if (key == "fw_type") {
      OTAWIRE_TENCENT_FIELD(p.fw_type, f.string("report.fw_type"));
      return true;
    }
    if (key == "task_id") {
      OTAWIRE_TENCENT_FIELD(p.task_id, f.int64_lenient("report.task_id"));
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_progress) return fail(errc::missing_field, "report.progress", v.offset());
  if (!has_version) return fail(errc::missing_field, "report.version", v.offset());
  return p;
}

template <class Document>
result<report_progress> decode_report_progress(Document& doc) {
  report_progress m;
  bool has_report = false;
  auto walked = doc.object_for_each([&](std::string_view key, auto& v) -> result<bool> {
    if (key == "type") {
      auto s = v.string("type");
      if (!s) return s.error();
      return true;
    }
    if (key == "report") {
      auto r = decode_progress_report(v);
      if (!r) return r.error();
      m.state = r->progress.state;
      m.percent = r->progress.percent;
      m.result_code = r->progress.result_code;
      m.result_msg = r->progress.result_msg;
      m.version = r->version;
      m.fw_type = r->fw_type;
      m.task_id = r->task_id;
      has_report = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_report) return fail(errc::missing_field, "report", root_offset(doc));
  return m;
}

#undef OTAWIRE_TENCENT_FIELD

// --- dispatch ----------------------------------------------------------------------------------

/// Decodes any message; with `expected`, a message that does not travel in that direction is
/// `invalid_value` at `type` (e.g. `update_firmware` published on `$ota/report/...`).
template <class Document>
result<message> decode_message(Document& doc, std::optional<direction> expected = std::nullopt) {
  auto type = doc.select("type", message_type_names);
  if (!type) return type.error();
  const auto t = static_cast<message_type>(*type);
  if (expected && direction_of(t) != *expected) return fail(errc::invalid_value, "type");
  switch (t) {
    case message_type::report_version: {
      auto m = decode_report_version(doc);
      if (!m) return m.error();
      return message(std::in_place_index<0>, *m);
    }
    case message_type::report_version_rsp: {
      auto m = decode_report_version_rsp(doc);
      if (!m) return m.error();
      return message(std::in_place_index<1>, *m);
    }
    case message_type::update_firmware: {
      auto m = decode_update_firmware(doc);
      if (!m) return m.error();
      return message(std::in_place_index<2>, *m);
    }
    case message_type::report_progress: {
      auto m = decode_report_progress(doc);
      if (!m) return m.error();
      return message(std::in_place_index<3>, *m);
    }
  }
  return fail(errc::unknown_message, "type");
}

}  // namespace otawire::tencent::detail

#endif

// A message decoded once, generically, by both JSON backends: the pattern every JSON family uses.
#ifndef OTAWIRE_TESTS_JSON_SAMPLE_MESSAGE_HPP
#define OTAWIRE_TESTS_JSON_SAMPLE_MESSAGE_HPP

#include <otawire/json/dom.hpp>
#include <otawire/json/simd.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace otawire::test {

// Shaped like Tencent's report_progress: {"type":"report_progress","report":{"progress":
// {"state":"downloading","percent":"31","result_code":"0"},"version":"1.0.1"},"extra":[...]}
struct sample_progress {
  std::string_view state;
  std::int64_t percent = 0;
  std::string_view version;
  std::optional<bool> flag;
  std::size_t tags = 0;
  json::raw_json extra;
  friend bool operator==(const sample_progress& a, const sample_progress& b) {
    return a.state == b.state && a.percent == b.percent && a.version == b.version && a.flag == b.flag &&
           a.tags == b.tags && a.extra.empty() == b.extra.empty() && (a.extra.empty() || json::equivalent(a.extra, b.extra));
  }
};

inline constexpr std::array<std::string_view, 2> sample_types{"report_version", "report_progress"};

// The pattern every family follows: each nested object is decoded into a fresh local value,
// with its own required-field checks at the end of its walk, and assigned on success. A
// duplicate key then replaces the whole value (last wins) in both backends alike.
struct sample_progress_part {
  std::string_view state;
  std::int64_t percent = 0;
};
struct sample_report_part {
  std::string_view version;
  std::optional<bool> flag;
  sample_progress_part progress;
};

template <class Value>
result<sample_progress_part> decode_progress_part(Value& v) {
  sample_progress_part p;
  bool has_state = false;
  auto walked = v.object_for_each("report.progress", [&](std::string_view key, auto& pv) -> result<bool> {
    if (key == "state") {
      auto s = pv.string("report.progress.state");
      if (!s) return s.error();
      p.state = *s;
      has_state = true;
      return true;
    }
    if (key == "percent") {
      auto n = pv.int64_lenient("report.progress.percent");
      if (!n) return n.error();
      auto checked = json::in_range<std::int64_t>(*n, 0, 100, "report.progress.percent", pv.offset());
      if (!checked) return checked.error();
      p.percent = *checked;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_state) return fail(errc::missing_field, "report.progress.state", v.offset());
  return p;
}

template <class Value>
result<sample_report_part> decode_report_part(Value& v) {
  sample_report_part r;
  bool has_version = false, has_progress = false;
  auto walked = v.object_for_each("report", [&](std::string_view key, auto& rv) -> result<bool> {
    if (key == "version") {
      auto s = rv.string("report.version");
      if (!s) return s.error();
      r.version = *s;
      has_version = true;
      return true;
    }
    if (key == "flag") {
      auto b = rv.boolean("report.flag");
      if (!b) return b.error();
      r.flag = *b;
      return true;
    }
    if (key == "progress") {
      auto p = decode_progress_part(rv);
      if (!p) return p.error();
      r.progress = *p;
      has_progress = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_version) return fail(errc::missing_field, "report.version", v.offset());
  if (!has_progress) return fail(errc::missing_field, "report.progress", v.offset());
  return r;
}

template <class Document>
result<sample_progress> decode_sample(Document& doc) {
  auto type = doc.select("type", sample_types);
  if (!type) return type.error();
  if (*type != 1) return fail(errc::unsupported, "type");
  sample_progress m;
  bool has_report = false;
  auto walked = doc.object_for_each([&](std::string_view key, auto& v) -> result<bool> {
    if (key == "type") {
      auto s = v.string("type");
      if (!s) return s.error();
      return true;
    }
    if (key == "extra") {
      auto raw = v.raw("extra");
      if (!raw) return raw.error();
      m.extra = *raw;
      return true;
    }
    if (key == "tags") {
      std::size_t n = 0;
      auto each = v.array_for_each("tags[]", [&](auto& e) -> result<void> {
        auto s = e.string("tags[]");
        if (!s) return s.error();
        ++n;
        return ok();
      });
      if (!each) return each.error();
      m.tags = n;
      return true;
    }
    if (key == "report") {
      auto r = decode_report_part(v);
      if (!r) return r.error();
      m.version = r->version;
      m.flag = r->flag;
      m.state = r->progress.state;
      m.percent = r->progress.percent;
      has_report = true;
      return true;
    }
    return false;
  });
  if (!walked) return walked.error();
  if (!has_report) return fail(errc::missing_field, "report");
  return m;
}

/// Fast path.
inline result<sample_progress> decode_sample_simd(json::parser& p, std::string_view text) {
  return p.parse(text, [](json::simd_document& d) { return decode_sample(d); });
}

/// DOM path: parse with the shared options, then the same generic decoder.
inline result<sample_progress> decode_sample_dom(std::string_view text) {
  auto v = json::parse_dom(text);
  if (!v) return v.error();
  json::dom_document d(*v);
  auto m = decode_sample(d);
  if (!m) return m.error();
  // Views point into *v: materialise what the comparison needs before it dies.
  static thread_local boost::json::value keep;
  keep = std::move(*v);
  json::dom_document again(keep);
  return decode_sample(again);
}

}  // namespace otawire::test

#endif

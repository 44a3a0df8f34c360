// A realistic Tencent OTA stream — one device's session as the C SDK v3, v4 and Java write it:
// version report and response, a long pre-signed update_firmware, eleven download reports,
// burning, done and the post-upgrade version report — decoded by otawire's simdjson path, and by
// (a) Boost.JSON parse + value_to and (b) nlohmann::json parse + field extraction of the same
// fields, and by the tuned baselines of issue 16 (../json_baselines.hpp): Boost.JSON with a reused
// parser and a stack buffer, RapidJSON in-situ, simdjson DOM, and the floor, a hand-written
// single-pass simdjson On-Demand decoder with otawire's value checks. Every decoder's digest of
// the stream is checked to be equal before anything is timed, and the warm decoders to allocate
// nothing.
#include "../json_baselines.hpp"
#include "support/alloc_counter.hpp"

#include <otawire/tencent.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
namespace tc = otawire::tencent;

std::vector<std::string> make_stream() {
  std::vector<std::string> s;
  s.emplace_back(R"({"type": "report_version", "report":{"version":"1.0.0"}})");
  s.emplace_back(R"({"result_code":0,"result_msg":"success","type":"report_version_rsp","version":"1.0.0"})");
  s.emplace_back(
      R"({"file_size":234775,"md5sum":"f2f1b3317d4f1ef7f512bfae5050563b","type":"update_firmware","url":"https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/100012619289_LWVUL5SZ2L_0.0.2?sign=q-sign-algorithm%3Dsha1%26q-ak%3DAKIDdO8ldrUa0Uts4H5Gzx6FZ9nfedjpiCd7%26q-sign-time%3D1614129643%3B1614216043%26q-key-time%3D1614129643%3B1614216043%26q-header-list%3D%26q-url-param-list%3D%26q-signature%3Df038c9e4276f8219e1522b7e42d87f99b4d073ac","version":"0.0.2"})");
  for (int p = 0; p <= 100; p += 10) {
    if (p % 20 == 0) {  // C SDK v3 bytes
      s.push_back(R"({"type": "report_progress", "report": {"progress": {"state":"downloading", "percent":")" +
                  std::to_string(p) + R"(", "result_code":"0", "result_msg":""}, "version": "0.0.2"}})");
    } else {  // Java hash order
      s.push_back(R"({"report":{"progress":{"result_msg":"","result_code":"0","state":"downloading","percent":")" +
                  std::to_string(p) + R"("},"version":"0.0.2"},"type":"report_progress"})");
    }
  }
  s.emplace_back(R"({"type":"report_progress","report":{"progress":{"state":"burning","result_code":"0","result_msg":""},"version":"0.0.2"}})");
  s.emplace_back(R"({"type":"report_progress","report":{"progress":{"state":"done","result_code":"0","result_msg":"OK"},"version":"0.0.2"}})");
  s.emplace_back(R"({"type":"report_version","report":{"version":"0.0.2"}})");
  return s;
}

const std::vector<std::string> stream = make_stream();
const std::vector<simdjson::padded_string> padded = [] {
  std::vector<simdjson::padded_string> v;
  for (const auto& t : stream) v.emplace_back(t);
  return v;
}();
const std::size_t stream_bytes = [] {
  std::size_t n = 0;
  for (const auto& t : stream) n += t.size();
  return n;
}();

// Every decoder folds the same fields into a digest. The check before timing hashes every byte
// (FNV-1a); the timed loops only touch each field (its length and first byte, or its value), so
// that the digest's own cost does not dilute the comparison.
bool full_digest = true;
struct digest {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::string_view s) {
    if (!full_digest) {
      h = h * 31 + s.size() + (s.empty() ? 0 : static_cast<unsigned char>(s[0]));
      return;
    }
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;
  }
  void add(std::int64_t v) { h = full_digest ? (h ^ static_cast<std::uint64_t>(v)) * 1099511628211ULL : h * 31 + static_cast<std::uint64_t>(v); }
};

void fold(digest& d, const tc::message& m) {
  d.add(static_cast<std::int64_t>(m.index()));
  if (const auto* v = std::get_if<tc::report_version>(&m)) {
    d.add(v->version);
  } else if (const auto* r = std::get_if<tc::report_version_rsp>(&m)) {
    d.add(r->result_code);
    d.add(r->version.value_or(""));
  } else if (const auto* u = std::get_if<tc::update_firmware>(&m)) {
    d.add(u->version);
    d.add(u->url);
    d.add(u->md5sum);
    d.add(static_cast<std::int64_t>(u->file_size));
  } else if (const auto* p = std::get_if<tc::report_progress>(&m)) {
    d.add(tc::name(p->state));
    d.add(static_cast<std::int64_t>(p->percent.value_or(0)));
    d.add(p->result_code);
    d.add(p->result_msg);
    d.add(p->version);
  }
}

std::int64_t decimal(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::int64_t type_index(std::string_view t) {
  for (std::size_t i = 0; i < tc::message_type_names.size(); ++i) {
    if (tc::message_type_names[i] == t) return static_cast<std::int64_t>(i);
  }
  std::abort();
}

std::uint64_t digest_otawire(otawire::json::parser& p) {
  digest d;
  for (const auto& t : padded) {
    auto m = tc::decode_payload(p, simdjson::padded_string_view(t));
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

std::uint64_t digest_otawire_copy(otawire::json::parser& p) {
  digest d;
  for (const auto& t : stream) {
    auto m = tc::decode_payload(p, std::string_view(t));
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

// (a) Boost.JSON: parse, then value_to of each field.
std::uint64_t digest_boost() {
  namespace bj = boost::json;
  digest d;
  for (const auto& t : stream) {
    const bj::value v = bj::parse(t);
    const bj::object& o = v.as_object();
    const auto type = bj::value_to<std::string>(o.at("type"));
    const auto index = type_index(type);
    d.add(index);
    if (index == 0) {
      d.add(bj::value_to<std::string>(o.at("report").at("version")));
    } else if (index == 1) {
      d.add(bj::value_to<std::int64_t>(o.at("result_code")));
      d.add(bj::value_to<std::string>(o.at("version")));
    } else if (index == 2) {
      d.add(bj::value_to<std::string>(o.at("version")));
      d.add(bj::value_to<std::string>(o.at("url")));
      d.add(bj::value_to<std::string>(o.at("md5sum")));
      d.add(bj::value_to<std::int64_t>(o.at("file_size")));
    } else {
      const bj::object& report = o.at("report").as_object();
      const bj::object& progress = report.at("progress").as_object();
      const auto state = bj::value_to<std::string>(progress.at("state"));
      d.add(state);
      const auto* percent = progress.if_contains("percent");
      d.add(percent ? decimal(bj::value_to<std::string>(*percent)) : 0);
      d.add(decimal(bj::value_to<std::string>(progress.at("result_code"))));
      d.add(bj::value_to<std::string>(progress.at("result_msg")));
      d.add(bj::value_to<std::string>(report.at("version")));
    }
  }
  return d.h;
}

// (b) nlohmann::json: parse, then field extraction.
std::uint64_t digest_nlohmann() {
  digest d;
  for (const auto& t : stream) {
    const auto j = nlohmann::json::parse(t);
    const auto index = type_index(j.at("type").get_ref<const std::string&>());
    d.add(index);
    if (index == 0) {
      d.add(j.at("report").at("version").get<std::string>());
    } else if (index == 1) {
      d.add(j.at("result_code").get<std::int64_t>());
      d.add(j.at("version").get<std::string>());
    } else if (index == 2) {
      d.add(j.at("version").get<std::string>());
      d.add(j.at("url").get<std::string>());
      d.add(j.at("md5sum").get<std::string>());
      d.add(j.at("file_size").get<std::int64_t>());
    } else {
      const auto& report = j.at("report");
      const auto& progress = report.at("progress");
      d.add(progress.at("state").get<std::string>());
      d.add(progress.contains("percent") ? decimal(progress.at("percent").get<std::string>()) : 0);
      d.add(decimal(progress.at("result_code").get<std::string>()));
      d.add(progress.at("result_msg").get<std::string>());
      d.add(report.at("version").get<std::string>());
    }
  }
  return d.h;
}

// --- the tuned baselines (issue 16 item 1) ----------------------------------------------------------
// Each reads the fields of the message's type into `fields` and builds the message with `build`,
// which applies otawire's value checks (ranges, the state name, then tc::check: versions,
// URL, MD5, percent and result-code rules). Only the JSON access differs between them.
namespace ob = otawire::bench;
namespace od = simdjson::ondemand;

struct fields {
  std::string_view type;
  std::optional<std::int64_t> result_code, file_size, task_id;
  std::optional<std::string_view> result_msg, version, url, md5sum, user_defined, fw_type;
  bool report = false;
  std::optional<std::string_view> report_version, report_fw_type;
  std::optional<std::int64_t> report_task_id;
  bool progress = false;
  std::optional<std::string_view> state, progress_result_msg;
  std::optional<std::int64_t> percent, progress_result_code;
  bool wrong_type = false;  // a key of the message held a value of the wrong JSON type
};

bool int32_range(std::int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

std::optional<tc::message> build(const fields& f) {
  if (f.wrong_type) return std::nullopt;
  std::size_t index = 0;
  while (index < tc::message_type_names.size() && tc::message_type_names[index] != f.type) ++index;
  tc::message m;
  switch (index) {
    case 0: {
      if (!f.report || !f.report_version) return std::nullopt;
      auto& v = m.emplace<tc::report_version>();
      v.version = *f.report_version;
      v.fw_type = f.report_fw_type;
      break;
    }
    case 1: {
      if (!f.result_code || !int32_range(*f.result_code)) return std::nullopt;
      auto& r = m.emplace<tc::report_version_rsp>();
      r.result_code = static_cast<std::int32_t>(*f.result_code);
      r.result_msg = f.result_msg;
      r.version = f.version;
      r.fw_type = f.fw_type;
      break;
    }
    case 2: {
      if (!f.version || !f.url || !f.md5sum || !f.file_size) return std::nullopt;
      if (*f.file_size < 1 || *f.file_size > 0xFFFFFFFF) return std::nullopt;
      auto& u = m.emplace<tc::update_firmware>();
      u.version = *f.version;
      u.url = *f.url;
      u.md5sum = *f.md5sum;
      u.file_size = static_cast<std::uint32_t>(*f.file_size);
      u.user_defined = f.user_defined;
      u.task_id = f.task_id;
      u.fw_type = f.fw_type;
      break;
    }
    case 3: {
      if (!f.report || !f.progress || !f.report_version || !f.state || !f.progress_result_code || !f.progress_result_msg) {
        return std::nullopt;
      }
      auto& p = m.emplace<tc::report_progress>();
      std::size_t s = 0;
      while (s < tc::progress_state_names.size() && tc::progress_state_names[s] != *f.state) ++s;
      if (s == tc::progress_state_names.size()) return std::nullopt;
      p.state = static_cast<tc::progress_state>(s);
      if (f.percent) {
        if (*f.percent < 0 || *f.percent > 100) return std::nullopt;
        p.percent = static_cast<std::uint8_t>(*f.percent);
      }
      if (!int32_range(*f.progress_result_code)) return std::nullopt;
      p.result_code = static_cast<std::int32_t>(*f.progress_result_code);
      p.result_msg = *f.progress_result_msg;
      p.version = *f.report_version;
      p.fw_type = f.report_fw_type;
      p.task_id = f.report_task_id;
      break;
    }
    default: return std::nullopt;
  }
  if (!tc::check(m)) return std::nullopt;
  return m;
}

// Reads the type's keys by lookup, through a library's access functions `A` (below): what a user
// of a DOM library writes.
template <class A, class V>
std::optional<tc::message> extract(const V& root) {
  fields f;
  const auto str = [&](const V& o, const char* key, std::optional<std::string_view>& out) {
    if (auto h = A::find(o, key)) {
      std::string_view s;
      if (A::string(*h, s)) out = s;
      else f.wrong_type = true;
    }
  };
  const auto num = [&](const V& o, const char* key, std::optional<std::int64_t>& out) {
    if (auto h = A::find(o, key)) {
      std::int64_t n = 0;
      if (A::integer(*h, n)) out = n;
      else f.wrong_type = true;
    }
  };
  std::optional<std::string_view> type;
  str(root, "type", type);
  if (!type) return std::nullopt;
  f.type = *type;
  if (f.type == "report_version" || f.type == "report_progress") {
    auto report = A::find(root, "report");
    if (!report || !A::is_object(*report)) return std::nullopt;
    f.report = true;
    str(*report, "version", f.report_version);
    str(*report, "fw_type", f.report_fw_type);
    if (f.type == "report_progress") {
      num(*report, "task_id", f.report_task_id);
      auto progress = A::find(*report, "progress");
      if (!progress || !A::is_object(*progress)) return std::nullopt;
      f.progress = true;
      str(*progress, "state", f.state);
      num(*progress, "percent", f.percent);
      num(*progress, "result_code", f.progress_result_code);
      str(*progress, "result_msg", f.progress_result_msg);
    }
  } else if (f.type == "report_version_rsp") {
    num(root, "result_code", f.result_code);
    str(root, "result_msg", f.result_msg);
    str(root, "version", f.version);
    str(root, "fw_type", f.fw_type);
  } else {
    str(root, "version", f.version);
    str(root, "url", f.url);
    str(root, "md5sum", f.md5sum);
    num(root, "file_size", f.file_size);
    str(root, "user_defined", f.user_defined);
    num(root, "task_id", f.task_id);
    str(root, "fw_type", f.fw_type);
  }
  return build(f);
}

// (c) Boost.JSON tuned: reused parser, monotonic_resource on a stack buffer, views.
std::uint64_t digest_boost_tuned(ob::boost_tuned& parser) {
  digest d;
  for (const auto& t : stream) {
    const auto* v = parser.parse(t);
    if (v == nullptr) std::abort();
    auto m = extract<ob::boost_access>(*v);
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

// (d) RapidJSON in-situ on a mutable copy, allocation-free pools.
std::uint64_t digest_rapidjson(ob::rapidjson_insitu& parser) {
  digest d;
  for (const auto& t : stream) {
    const bool ok = parser.parse(t, false, [&](const ob::rapidjson_access::value& v) {
      auto m = extract<ob::rapidjson_access>(v);
      if (!m) return false;
      fold(d, *m);
      return true;
    });
    if (!ok) std::abort();
  }
  return d.h;
}

// (e) simdjson DOM + extraction, reused dom::parser (strings are views into its buffer).
std::uint64_t digest_simdjson_dom(simdjson::dom::parser& parser) {
  digest d;
  for (const auto& t : padded) {
    simdjson::dom::element root;
    if (parser.parse(t).get(root) != simdjson::SUCCESS) std::abort();
    auto m = extract<ob::dom_access>(root);
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

// (f) The floor: a hand-written single pass over simdjson On-Demand. Keys are compared raw
// (unescaped keys are what every SDK sends), each value is read in place into `fields`, and the
// same `build` checks it; an unknown key's value is validated and skipped, as otawire does.
bool floor_progress(od::value& v, fields& f) {
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  f.progress = true;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    bool ok = true;
    if (k == "state") ok = ob::od_string(x, f.state);
    else if (k == "percent") ok = ob::od_integer(x, f.percent);
    else if (k == "result_code") ok = ob::od_integer(x, f.progress_result_code);
    else if (k == "result_msg") ok = ob::od_string(x, f.progress_result_msg);
    else ok = ob::od_validate(x);  // an unknown key: validated and skipped, as otawire does
    if (!ok) return false;
  }
  return true;
}

bool floor_report(od::value& v, fields& f) {
  od::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  f.report = true;
  for (auto member : o) {
    if (member.error() != simdjson::SUCCESS) return false;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    bool ok = true;
    if (k == "version") ok = ob::od_string(x, f.report_version);
    else if (k == "progress") ok = floor_progress(x, f);
    else if (k == "fw_type") ok = ob::od_string(x, f.report_fw_type);
    else if (k == "task_id") ok = ob::od_integer(x, f.report_task_id);
    else ok = ob::od_validate(x);
    if (!ok) return false;
  }
  return true;
}

std::optional<tc::message> floor_decode(od::parser& parser, const simdjson::padded_string& text) {
  od::document doc;
  if (parser.iterate(text).get(doc) != simdjson::SUCCESS) return std::nullopt;
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return std::nullopt;
  fields f;
  for (auto member : root) {
    if (member.error() != simdjson::SUCCESS) return std::nullopt;
    od::field& field = member.value_unsafe();  // in place: no copy of the field
    const od::raw_json_string k = field.key();
    od::value& x = field.value();
    bool ok = true;
    switch (k.raw()[0]) {  // first byte, then a raw compare
      case 't':
        if (k == "type") {
          std::optional<std::string_view> t;
          ok = ob::od_string(x, t);
          if (ok) f.type = *t;
        } else if (k == "task_id") {
          ok = ob::od_integer(x, f.task_id);
        } else {
          ok = ob::od_validate(x);
        }
        break;
      case 'r':
        if (k == "report") ok = floor_report(x, f);
        else if (k == "result_code") ok = ob::od_integer(x, f.result_code);
        else if (k == "result_msg") ok = ob::od_string(x, f.result_msg);
        else ok = ob::od_validate(x);
        break;
      case 'v':
        if (k == "version") ok = ob::od_string(x, f.version);
        else ok = ob::od_validate(x);
        break;
      case 'u':
        if (k == "url") ok = ob::od_string(x, f.url);
        else if (k == "user_defined") ok = ob::od_string(x, f.user_defined);
        else ok = ob::od_validate(x);
        break;
      case 'm':
        if (k == "md5sum") ok = ob::od_string(x, f.md5sum);
        else ok = ob::od_validate(x);
        break;
      case 'f':
        if (k == "file_size") ok = ob::od_integer(x, f.file_size);
        else if (k == "fw_type") ok = ob::od_string(x, f.fw_type);
        else ok = ob::od_validate(x);
        break;
      default: ok = ob::od_validate(x); break;  // an unknown key: validated, skipped
    }
    if (!ok) return std::nullopt;
  }
  if (!ob::od_at_end(doc)) return std::nullopt;
  return build(f);
}

std::uint64_t digest_floor(od::parser& parser) {
  digest d;
  for (const auto& t : padded) {
    auto m = floor_decode(parser, t);
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

// Ours and the baselines compute the same digest before anything is timed.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  ob::boost_tuned boost_parser;
  ob::rapidjson_insitu rapidjson_parser;
  simdjson::dom::parser dom_parser;
  od::parser floor_parser;
  const auto all_equal = [&](std::uint64_t want) {
    return digest_otawire_copy(p) == want && digest_boost() == want && digest_nlohmann() == want &&
           digest_boost_tuned(boost_parser) == want && digest_rapidjson(rapidjson_parser) == want &&
           digest_simdjson_dom(dom_parser) == want && digest_floor(floor_parser) == want;
  };
  if (!all_equal(digest_otawire(p))) std::abort();
  full_digest = false;
  if (!all_equal(digest_otawire(p))) std::abort();
  // Warm, otawire and the tuned baselines allocate nothing per stream.
  const otawire::test::allocation_scope scope;
  (void)digest_otawire(p);
  (void)digest_boost_tuned(boost_parser);
  (void)digest_rapidjson(rapidjson_parser);
  (void)digest_simdjson_dom(dom_parser);
  (void)digest_floor(floor_parser);
  if (scope.count() != 0) {
    std::fprintf(stderr, "a warm decoder allocated %zu times\n", scope.count());
    std::abort();
  }
  return true;
}();

void count(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(digest_otawire(p));
  count(state);
}
void mixed_otawire_copy(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(digest_otawire_copy(p));
  count(state);
}
void mixed_boost(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(digest_boost());
  count(state);
}
void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(digest_nlohmann());
  count(state);
}
void mixed_boost_tuned(benchmark::State& state) {
  ob::boost_tuned parser;
  for (auto _ : state) benchmark::DoNotOptimize(digest_boost_tuned(parser));
  count(state);
}
void mixed_rapidjson(benchmark::State& state) {
  ob::rapidjson_insitu parser;
  for (auto _ : state) benchmark::DoNotOptimize(digest_rapidjson(parser));
  count(state);
}
void mixed_simdjson_dom(benchmark::State& state) {
  simdjson::dom::parser parser;
  for (auto _ : state) benchmark::DoNotOptimize(digest_simdjson_dom(parser));
  count(state);
}
void mixed_floor(benchmark::State& state) {
  od::parser parser;
  for (auto _ : state) benchmark::DoNotOptimize(digest_floor(parser));
  count(state);
}
}  // namespace

// Zero-copy input (the caller has padded buffers, e.g. an MQTT client's receive buffer).
BENCHMARK(mixed_otawire)->Name("tencent_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("tencent_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("tencent_mixed_stream/baseline_nlohmann");
BENCHMARK(mixed_boost_tuned)->Name("tencent_mixed_stream/baseline_boost_json_tuned");
BENCHMARK(mixed_rapidjson)->Name("tencent_mixed_stream/baseline_rapidjson_insitu");
BENCHMARK(mixed_simdjson_dom)->Name("tencent_mixed_stream/baseline_simdjson_dom");
BENCHMARK(mixed_floor)->Name("tencent_mixed_stream/baseline_floor_ondemand");
// Any std::string_view input, copied into the parser's reused padded buffer.
BENCHMARK(mixed_otawire_copy)->Name("tencent_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("tencent_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("tencent_mixed_stream_copy/baseline_nlohmann");

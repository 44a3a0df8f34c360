// A realistic Tencent OTA stream — one device's session as the C SDK v3, v4 and Java write it:
// version report and response, a long pre-signed update_firmware, eleven download reports,
// burning, done and the post-upgrade version report — decoded by otawire's simdjson path, and by
// (a) Boost.JSON parse + value_to and (b) nlohmann::json parse + field extraction of the same
// fields. Every decoder's digest of the stream is checked to be equal before anything is timed.
#include <otawire/tencent.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
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
    auto m = tc::decode(p, simdjson::padded_string_view(t));
    if (!m) std::abort();
    fold(d, *m);
  }
  return d.h;
}

std::uint64_t digest_otawire_copy(otawire::json::parser& p) {
  digest d;
  for (const auto& t : stream) {
    auto m = tc::decode(p, std::string_view(t));
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

// Ours and the baselines compute the same digest before anything is timed.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  const auto ours = digest_otawire(p);
  if (digest_otawire_copy(p) != ours || digest_boost() != ours || digest_nlohmann() != ours) std::abort();
  full_digest = false;
  const auto light = digest_otawire(p);
  if (digest_otawire_copy(p) != light || digest_boost() != light || digest_nlohmann() != light) std::abort();
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
}  // namespace

// Zero-copy input (the caller has padded buffers, e.g. an MQTT client's receive buffer).
BENCHMARK(mixed_otawire)->Name("tencent_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("tencent_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("tencent_mixed_stream/baseline_nlohmann");
// Any std::string_view input, copied into the parser's reused padded buffer.
BENCHMARK(mixed_otawire_copy)->Name("tencent_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("tencent_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("tencent_mixed_stream_copy/baseline_nlohmann");

// A mixed Alibaba OTA stream (what an MQTT bridge or a device sees in one upgrade: version
// reports, pull request and replies, pushes, progress), decoded by otawire's simdjson path vs
// Boost.JSON parse + value_to and nlohmann::json parse + field extraction of the same fields.
#include "alibaba/spec_examples.hpp"

#include <otawire/alibaba.hpp>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace {
namespace ab = otawire::alibaba;
using namespace otawire::test::alibaba;

struct stream_message {
  ab::topic topic;
  std::string payload;
  simdjson::padded_string padded;  // the same bytes with simdjson's padding (zero-copy decode)
};

std::vector<stream_message> make_stream() {
  const auto t = [](ab::topic_kind k) { return ab::topic{k, "a1pk", "dev"}; };
  std::vector<stream_message> s;
  const auto add = [&](ab::topic_kind k, std::string_view text) {
    s.push_back({t(k), std::string(text), simdjson::padded_string(text)});
  };
  add(ab::topic_kind::inform, linksdk_inform);
  add(ab::topic_kind::firmware_get, linksdk_get);
  add(ab::topic_kind::firmware_get_reply, get_reply_empty_doc);
  add(ab::topic_kind::inform, inform_doc);
  add(ab::topic_kind::firmware_get, get_doc);
  add(ab::topic_kind::firmware_get_reply, get_reply_doc);
  add(ab::topic_kind::upgrade, upgrade_process_doc);
  add(ab::topic_kind::upgrade, upgrade_https_doc);
  for (int step : {0, 10, 25, 40, 55, 70, 85, 100}) {
    add(ab::topic_kind::progress, R"({"id":)" + std::to_string(10 + step) + R"(, "params":{"step":")" + std::to_string(step) + R"(","desc":""}})");
  }
  add(ab::topic_kind::progress, progress_doc);
  add(ab::topic_kind::progress, iotkit3_progress_desc);
  add(ab::topic_kind::inform, iotkit3_inform);
  add(ab::topic_kind::upgrade, upgrade_mqtt_doc);
  return s;
}

const std::vector<stream_message>& stream() {
  static const auto s = make_stream();
  return s;
}

std::int64_t stream_bytes() {
  std::int64_t n = 0;
  for (const auto& m : stream()) n += static_cast<std::int64_t>(m.payload.size());
  return n;
}

// The same fields are extracted by every contender and folded into one checksum.
struct fold {
  std::uint64_t sum = 0;
  void add(std::uint64_t v) { sum = sum * 31 + v; }
  void add(std::string_view s) { add(static_cast<std::uint64_t>(s.size()) + (s.empty() ? 0u : static_cast<unsigned char>(s[0]))); }
};

void fold_package(fold& f, const ab::package& p) {
  f.add(p.size);
  f.add(p.version);
  f.add(p.url.value_or(""));
  f.add(p.sign.value_or(""));
  f.add(p.md5.value_or(""));
  f.add(p.sign_method ? static_cast<std::uint64_t>(*p.sign_method) + 1 : 0);
  f.add(p.is_diff ? 1u : 0u);
  f.add(p.module.value_or(""));
  f.add(p.digestsign.value_or(""));
  f.add(p.download_protocol.value_or(""));
  f.add(static_cast<std::uint64_t>(p.stream_id.value_or(0)));
  f.add(static_cast<std::uint64_t>(p.stream_file_id.value_or(0)));
  f.add(p.ext_data.empty() ? 0u : 1u);
}

void fold_message(fold& f, const ab::message& m) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        f.add(static_cast<std::uint64_t>(x.id.value));
        if constexpr (std::is_same_v<T, ab::inform> || std::is_same_v<T, ab::version_request>) {
          f.add(x.version);
          f.add(x.module.value_or(""));
        } else if constexpr (std::is_same_v<T, ab::progress>) {
          f.add(static_cast<std::uint64_t>(x.step + 10));
          f.add(x.desc.value_or(""));
          f.add(x.module.value_or(""));
        } else if constexpr (std::is_same_v<T, ab::upgrade>) {
          f.add(x.message.value_or(""));
          fold_package(f, x.data);
        } else if constexpr (std::is_same_v<T, ab::firmware_get>) {
          f.add(x.version.value_or(""));
          f.add(x.module.value_or(""));
          f.add(x.has_method ? 1u : 0u);
        } else {
          f.add(static_cast<std::uint64_t>(x.code));
          if (x.data) fold_package(f, *x.data);
        }
      },
      m);
}

std::uint64_t run_otawire(otawire::json::parser& p, ab::message& m) {
  fold f;
  for (const auto& s : stream()) {
    // Zero-copy: an MQTT client's receive buffer can reserve the padding (json::parser::parse).
    if (!ab::decode(p, s.topic, simdjson::padded_string_view(s.padded), m)) return 0;
    fold_message(f, m);
  }
  return f.sum;
}

// --- Boost.JSON: parse + value_to ------------------------------------------------------------------

std::uint64_t id_of(const boost::json::value& v) {
  if (v.is_string()) {
    const auto s = boost::json::value_to<std::string>(v);
    std::uint64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
  }
  return boost::json::value_to<std::uint64_t>(v);
}
std::string opt_string(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v ? boost::json::value_to<std::string>(*v) : std::string();
}
std::uint64_t method_of(const boost::json::object& o) {
  const auto* v = o.if_contains("signMethod");
  if (!v) return 0;
  auto s = boost::json::value_to<std::string>(*v);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "md5" ? 1 : 2;
}
void fold_boost_package(fold& f, const boost::json::object& d) {
  f.add(boost::json::value_to<std::uint64_t>(d.at("size")));
  f.add(boost::json::value_to<std::string>(d.at("version")));
  f.add(opt_string(d, "url"));
  f.add(opt_string(d, "sign"));
  f.add(opt_string(d, "md5"));
  f.add(method_of(d));
  const auto* diff = d.if_contains("isDiff");
  f.add(diff ? boost::json::value_to<std::uint64_t>(*diff) : 0u);
  f.add(opt_string(d, "module"));
  f.add(opt_string(d, "digestsign"));
  f.add(opt_string(d, "dProtocol"));
  const auto* stream = d.if_contains("streamId");
  f.add(stream ? boost::json::value_to<std::uint64_t>(*stream) : 0u);
  const auto* file = d.if_contains("streamFileId");
  f.add(file ? boost::json::value_to<std::uint64_t>(*file) : 0u);
  const auto* ext = d.if_contains("extData");  // kept as a value, as otawire keeps it as sent
  f.add(ext && ext->is_object() ? 1u : 0u);
}

std::uint64_t run_boost() {
  fold f;
  for (const auto& s : stream()) {
    const auto jv = boost::json::parse(s.payload);
    const auto& o = jv.as_object();
    f.add(id_of(o.at("id")));
    switch (s.topic.kind) {
      case ab::topic_kind::inform:
      case ab::topic_kind::request: {
        const auto& p = o.at("params").as_object();
        f.add(boost::json::value_to<std::string>(p.at("version")));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::progress: {
        const auto& p = o.at("params").as_object();
        const auto step = boost::json::value_to<std::string>(p.at("step"));
        std::int64_t n = 0;
        std::from_chars(step.data(), step.data() + step.size(), n);
        f.add(static_cast<std::uint64_t>(n + 10));
        f.add(opt_string(p, "desc"));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::upgrade:
        if (boost::json::value_to<std::string>(o.at("code")) != "1000") return 0;
        f.add(opt_string(o, "message"));
        fold_boost_package(f, o.at("data").as_object());
        break;
      case ab::topic_kind::firmware_get:
        f.add(opt_string(o, "version"));
        f.add(opt_string(o.at("params").as_object(), "module"));
        f.add(o.contains("method") ? 1u : 0u);
        break;
      case ab::topic_kind::firmware_get_reply: {
        f.add(boost::json::value_to<std::uint64_t>(o.at("code")));
        const auto& d = o.at("data").as_object();
        if (!d.empty()) fold_boost_package(f, d);
        break;
      }
    }
  }
  return f.sum;
}

// --- nlohmann::json: parse + field extraction ------------------------------------------------------

std::uint64_t id_of(const nlohmann::json& v) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    std::uint64_t n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    return n;
  }
  return v.get<std::uint64_t>();
}
std::string opt_string(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() ? it->get<std::string>() : std::string();
}
void fold_nlohmann_package(fold& f, const nlohmann::json& d) {
  f.add(d.at("size").get<std::uint64_t>());
  f.add(d.at("version").get<std::string>());
  f.add(opt_string(d, "url"));
  f.add(opt_string(d, "sign"));
  f.add(opt_string(d, "md5"));
  const auto m = d.find("signMethod");
  if (m == d.end()) {
    f.add(std::uint64_t{0});
  } else {
    auto s = m->get<std::string>();
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    f.add(std::uint64_t{s == "md5" ? 1u : 2u});
  }
  const auto diff = d.find("isDiff");
  f.add(diff != d.end() ? diff->get<std::uint64_t>() : 0u);
  f.add(opt_string(d, "module"));
  f.add(opt_string(d, "digestsign"));
  f.add(opt_string(d, "dProtocol"));
  const auto stream = d.find("streamId");
  f.add(stream != d.end() ? stream->get<std::uint64_t>() : 0u);
  const auto file = d.find("streamFileId");
  f.add(file != d.end() ? file->get<std::uint64_t>() : 0u);
  const auto ext = d.find("extData");
  f.add(ext != d.end() && ext->is_object() ? 1u : 0u);
}

std::uint64_t run_nlohmann() {
  fold f;
  for (const auto& s : stream()) {
    const auto j = nlohmann::json::parse(s.payload);
    f.add(id_of(j.at("id")));
    switch (s.topic.kind) {
      case ab::topic_kind::inform:
      case ab::topic_kind::request: {
        const auto& p = j.at("params");
        f.add(p.at("version").get<std::string>());
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::progress: {
        const auto& p = j.at("params");
        const auto step = p.at("step").get<std::string>();
        std::int64_t n = 0;
        std::from_chars(step.data(), step.data() + step.size(), n);
        f.add(static_cast<std::uint64_t>(n + 10));
        f.add(opt_string(p, "desc"));
        f.add(opt_string(p, "module"));
        break;
      }
      case ab::topic_kind::upgrade:
        if (j.at("code").get<std::string>() != "1000") return 0;
        f.add(opt_string(j, "message"));
        fold_nlohmann_package(f, j.at("data"));
        break;
      case ab::topic_kind::firmware_get:
        f.add(opt_string(j, "version"));
        f.add(opt_string(j.at("params"), "module"));
        f.add(j.contains("method") ? 1u : 0u);
        break;
      case ab::topic_kind::firmware_get_reply: {
        f.add(j.at("code").get<std::uint64_t>());
        const auto& d = j.at("data");
        if (!d.empty()) fold_nlohmann_package(f, d);
        break;
      }
    }
  }
  return f.sum;
}

// Every contender must compute the same checksum before anything is timed.
bool same_results() {
  otawire::json::parser p;
  ab::message m;
  const auto ours = run_otawire(p, m);
  return ours != 0 && ours == run_boost() && ours == run_nlohmann();
}

void finish(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * stream_bytes());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream().size()));
}

void mixed_otawire(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  otawire::json::parser p;
  ab::message m;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire(p, m));
  finish(state);
}
void mixed_boost(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(run_boost());
  finish(state);
}
void mixed_nlohmann(benchmark::State& state) {
  if (!same_results()) {
    state.SkipWithError("contenders disagree");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(run_nlohmann());
  finish(state);
}

}  // namespace

BENCHMARK(mixed_otawire)->Name("alibaba_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("alibaba_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("alibaba_mixed_stream/baseline_nlohmann");

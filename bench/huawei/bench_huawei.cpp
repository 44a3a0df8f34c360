// A mixed stream of Huawei `$ota` messages as a device/gateway sees them (queries, upgrade
// notifications from the real captures, version and progress reports in the SDKs' layouts),
// decoded by otawire's simdjson path vs Boost.JSON parse + value_to and nlohmann::json parse +
// field extraction into plain structs — what application code typically writes.
#include <otawire/huawei.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace {
namespace hw = otawire::huawei;

const std::vector<std::string> stream = [] {
  const std::string query =
      R"({"object_device_id":"DN100_00000000","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":null}]})";
  const std::string report =
      R"({"services":[{"service_id":"$ota","event_type":"version_report","paras":{"fw_version":"1.0"}}]})";
  const std::string upgrade_2025 =
      R"({"object_device_id":"68590ece7d33413cbac6c7c5_11111","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20250710T055429Z","paras":{"version":"2.0","url":"https://124.70.218.131:8943/iodm/dev/v2.0/upgradefile/applications/928f555068774817aa8010a996b21207/devices/68590ece7d33413cbac6c7c5_11111/packages/685b7386bd1c7a5b088e9498","file_size":30720,"file_name":"Newsensorboard.bin","access_token":"d2e880432ab35e18c4f8629663ce54f7f08e7b2e16efe03bf39ea5081f39b478","expires":86400,"sign":"71cfa4cfb93fce5c9677086ff7f5f2d786cfd2c6f27d4636978e1b9a8b2b12f5"}}]})";
  const std::string upgrade_2022 =
      R"({"object_device_id":"aithinker_F4CFA25BB155","services":[{"event_type":"firmware_upgrade","service_id":"$ota","event_time":"20220404T080450Z","paras":{"version":"v1.5","url":"https://121.36.42.100:8943/iodm/dev/v2.0/upgradefile/applications/2917ef9003854f769d69026380e92ae7/devices/aithinker_F4CFA25BB155/packages/e2bf30511f0b9f65f17e4c54","file_size":884768,"access_token":"1e766a203ee2b15a567833eb0697a900ff502780eb84c69df9fdbc4d0294145a","expires":86400,"sign":"52683c81688b7d5501713d6f0f0d99ec9ea9a5514aaa4594db079bcfb6d86b26"}}]})";
  const std::string go_progress =
      R"({"object_device_id":"dev1","services":[{"service_id":"$ota","event_type":"upgrade_progress_report","event_time":"20240726T114252Z","paras":{"result_code":0,"progress":40,"version":"v1.1","description":"downloading"}}]})";
  const std::string c_progress =
      "{\n\t\"services\":\t[{\n\t\t\t\"service_id\":\t\"$ota\",\n\t\t\t\"event_type\":\t\"upgrade_progress_report\",\n"
      "\t\t\t\"paras\":\t{\n\t\t\t\t\"result_code\":\t0,\n\t\t\t\t\"progress\":\t100,\n\t\t\t\t\"version\":\t\"v2.0\",\n"
      "\t\t\t\t\"description\":\t\"success\"\n\t\t\t}\n\t\t}]\n}";
  const std::string python_progress =
      R"({"object_device_id": "dev1", "services": [{"service_id": "$ota", "event_type": "upgrade_progress_report", "event_time": "2024-07-26T11:42:52Z", "event_id": null, "paras": {"result_code": 0, "version": "v1.1", "progress": 100, "description": "upgrade success"}}]})";
  const std::string minimal_success =
      R"({"services":[{"service_id":"$ota","event_type":"upgrade_progress_report","paras":{"result_code":0,"version":"2.0"}}]})";
  const std::string gateway_batch =
      R"({"object_device_id":"child-7","services":[{"event_type":"version_query","service_id":"$ota","event_time":"20250710T024800Z","paras":{"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2,"task_ext_info":{"device_type":"DDC"}}},{"event_type":"software_upgrade_v2","service_id":"$ota","event_time":"20250710T024801Z","paras":{"version":"3.1","url":"https://bucket.obs.cn-north-4.myhuaweicloud.com/pkg.bin","file_size":1024,"file_name":"pkg.bin","expires":86400,"task_id":"65d31bf2581ed33a42a58d76","sub_device_count":2}}]})";
  return std::vector<std::string>{query,       report,     upgrade_2025,    go_progress,     go_progress,
                                  c_progress,  query,      upgrade_2022,    python_progress, minimal_success,
                                  gateway_batch, report,   go_progress};
}();

const std::int64_t stream_bytes = [] {
  std::int64_t n = 0;
  for (const auto& s : stream) n += static_cast<std::int64_t>(s.size());
  return n;
}();

// What every implementation extracts, folded into one checksum per message.
struct summary {
  std::uint64_t value = 1469598103934665603ull;
  void add(std::string_view s) {
    for (const char c : s) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    value = (value ^ 0xFF) * 1099511628211ull;
  }
  void add(std::int64_t n) { value = (value ^ static_cast<std::uint64_t>(n)) * 1099511628211ull; }
  friend bool operator==(const summary&, const summary&) = default;
};

// ---- otawire ----------------------------------------------------------------------------------
summary summarize(const hw::message& m) {
  summary s;
  if (m.object_device_id) s.add(*m.object_device_id);
  for (const auto& e : m.events()) {
    s.add(e.event_type);
    if (e.time) s.add(e.time->text);
    if (const auto* u = e.get<hw::upgrade_notification>()) {
      s.add(u->version), s.add(u->url), s.add(u->file_size);
      if (u->sign) s.add(*u->sign);
      if (u->access_token) s.add(*u->access_token);
    } else if (const auto* p = e.get<hw::progress_report>()) {
      s.add(p->result_code), s.add(p->progress.value_or(-1)), s.add(p->version);
    } else if (const auto* r = e.get<hw::version_report>()) {
      s.add(r->fw_version.value_or("")), s.add(r->sw_version.value_or(""));
    } else if (const auto* q = e.get<hw::version_query>()) {
      s.add(q->sub_device_count.value_or(-1));
    }
  }
  return s;
}

// ---- baselines: plain structs ------------------------------------------------------------------
struct plain_event {
  std::string service_id, event_type, event_time;
  std::string version, url, sign, access_token, fw_version, sw_version;
  std::int64_t file_size = 0, result_code = 0, progress = -1, sub_device_count = -1;
  bool upgrade = false, is_progress = false, is_report = false, is_query = false;
};
struct plain_message {
  std::optional<std::string> object_device_id;
  std::vector<plain_event> services;
};

summary summarize(const plain_message& m) {
  summary s;
  if (m.object_device_id) s.add(*m.object_device_id);
  for (const auto& e : m.services) {
    s.add(e.event_type);
    if (!e.event_time.empty()) s.add(e.event_time);
    if (e.upgrade) {
      s.add(e.version), s.add(e.url), s.add(e.file_size);
      if (!e.sign.empty()) s.add(e.sign);
      if (!e.access_token.empty()) s.add(e.access_token);
    } else if (e.is_progress) {
      s.add(e.result_code), s.add(e.progress), s.add(e.version);
    } else if (e.is_report) {
      s.add(e.fw_version), s.add(e.sw_version);
    } else if (e.is_query) {
      s.add(e.sub_device_count);
    }
  }
  return s;
}

bool is_upgrade_type(const std::string& t) {
  return t == "firmware_upgrade" || t == "software_upgrade" || t == "firmware_upgrade_v2" || t == "software_upgrade_v2";
}

// Boost.JSON: value_to of the baseline structs.
plain_event tag_invoke(boost::json::value_to_tag<plain_event>, const boost::json::value& jv) {
  const auto& o = jv.as_object();
  plain_event e;
  e.service_id = boost::json::value_to<std::string>(o.at("service_id"));
  e.event_type = boost::json::value_to<std::string>(o.at("event_type"));
  if (const auto* t = o.if_contains("event_time"); t && t->is_string()) e.event_time = boost::json::value_to<std::string>(*t);
  const auto* paras = o.if_contains("paras");
  const auto str = [&](const char* k, std::string& out) {
    if (const auto* v = paras->as_object().if_contains(k); v && v->is_string()) out = boost::json::value_to<std::string>(*v);
  };
  const auto num = [&](const char* k, std::int64_t& out) {
    if (const auto* v = paras->as_object().if_contains(k); v && !v->is_null()) out = boost::json::value_to<std::int64_t>(*v);
  };
  if (is_upgrade_type(e.event_type)) {
    e.upgrade = true;
    str("version", e.version), str("url", e.url), str("sign", e.sign), str("access_token", e.access_token);
    num("file_size", e.file_size);
  } else if (e.event_type == "upgrade_progress_report") {
    e.is_progress = true;
    num("result_code", e.result_code), num("progress", e.progress), str("version", e.version);
  } else if (e.event_type == "version_report") {
    e.is_report = true;
    str("fw_version", e.fw_version), str("sw_version", e.sw_version);
  } else if (e.event_type == "version_query") {
    e.is_query = true;
    if (paras != nullptr && paras->is_object()) num("sub_device_count", e.sub_device_count);
  }
  return e;
}
plain_message tag_invoke(boost::json::value_to_tag<plain_message>, const boost::json::value& jv) {
  const auto& o = jv.as_object();
  plain_message m;
  if (const auto* d = o.if_contains("object_device_id"); d && d->is_string()) m.object_device_id = boost::json::value_to<std::string>(*d);
  m.services = boost::json::value_to<std::vector<plain_event>>(o.at("services"));
  return m;
}

// nlohmann::json: parse + field extraction.
plain_message from_nlohmann(const nlohmann::json& j) {
  plain_message m;
  if (auto it = j.find("object_device_id"); it != j.end() && it->is_string()) m.object_device_id = it->get<std::string>();
  for (const auto& s : j.at("services")) {
    plain_event e;
    e.service_id = s.at("service_id").get<std::string>();
    e.event_type = s.at("event_type").get<std::string>();
    if (auto t = s.find("event_time"); t != s.end() && t->is_string()) e.event_time = t->get<std::string>();
    const auto paras = s.find("paras");
    const auto str = [&](const char* k, std::string& out) {
      if (auto v = paras->find(k); v != paras->end() && v->is_string()) out = v->get<std::string>();
    };
    const auto num = [&](const char* k, std::int64_t& out) {
      if (auto v = paras->find(k); v != paras->end() && v->is_number_integer()) out = v->get<std::int64_t>();
    };
    if (is_upgrade_type(e.event_type)) {
      e.upgrade = true;
      str("version", e.version), str("url", e.url), str("sign", e.sign), str("access_token", e.access_token);
      num("file_size", e.file_size);
    } else if (e.event_type == "upgrade_progress_report") {
      e.is_progress = true;
      num("result_code", e.result_code), num("progress", e.progress), str("version", e.version);
    } else if (e.event_type == "version_report") {
      e.is_report = true;
      str("fw_version", e.fw_version), str("sw_version", e.sw_version);
    } else if (e.event_type == "version_query") {
      e.is_query = true;
      if (paras != s.end() && paras->is_object()) num("sub_device_count", e.sub_device_count);
    }
    m.services.push_back(std::move(e));
  }
  return m;
}

// All three must extract the same fields from every message before anything is timed.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  hw::message m;
  for (const auto& text : stream) {
    if (!hw::decode_into(p, text, m)) std::abort();
    const auto ours = summarize(m);
    const auto boost_side = summarize(boost::json::value_to<plain_message>(boost::json::parse(text)));
    const auto nlohmann_side = summarize(from_nlohmann(nlohmann::json::parse(text)));
    if (!(ours == boost_side) || !(ours == nlohmann_side)) std::abort();
  }
  return true;
}();

void set_counters(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * stream_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser p;
  hw::message m;
  for (auto _ : state) {
    for (const auto& text : stream) {
      if (!hw::decode_into(p, text, m)) std::abort();
      benchmark::DoNotOptimize(m.count);
      benchmark::DoNotOptimize(m.storage[0].event_type.data());
    }
  }
  set_counters(state);
}

void mixed_boost_json(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : stream) {
      auto m = boost::json::value_to<plain_message>(boost::json::parse(text));
      benchmark::DoNotOptimize(m.services.data());
    }
  }
  set_counters(state);
}

void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : stream) {
      auto m = from_nlohmann(nlohmann::json::parse(text));
      benchmark::DoNotOptimize(m.services.data());
    }
  }
  set_counters(state);
}

// The single-message case a gateway sees most: a real upgrade notification.
void upgrade_otawire(benchmark::State& state) {
  otawire::json::parser p;
  hw::message m;
  const auto& text = stream[2];
  for (auto _ : state) {
    if (!hw::decode_into(p, text, m)) std::abort();
    benchmark::DoNotOptimize(m.storage[0].paras);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
void upgrade_boost_json(benchmark::State& state) {
  const auto& text = stream[2];
  for (auto _ : state) {
    auto m = boost::json::value_to<plain_message>(boost::json::parse(text));
    benchmark::DoNotOptimize(m.services.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
void upgrade_nlohmann(benchmark::State& state) {
  const auto& text = stream[2];
  for (auto _ : state) {
    auto m = from_nlohmann(nlohmann::json::parse(text));
    benchmark::DoNotOptimize(m.services.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK(mixed_otawire)->Name("huawei_mixed_stream/otawire");
BENCHMARK(mixed_boost_json)->Name("huawei_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("huawei_mixed_stream/baseline_nlohmann");
BENCHMARK(upgrade_otawire)->Name("huawei_firmware_upgrade/otawire");
BENCHMARK(upgrade_boost_json)->Name("huawei_firmware_upgrade/baseline_boost_json");
BENCHMARK(upgrade_nlohmann)->Name("huawei_firmware_upgrade/baseline_nlohmann");

// A mixed stream of JetLinks firmware messages (push, pull, progress, report, read, a gateway
// child device), decoded field by field: otawire's simdjson path against Boost.JSON parse +
// value_to, and nlohmann::json parse + field extraction. otawire is timed twice: reading padded
// payloads in place (`jetlinks_mixed_stream`) and copying them into its padded buffer
// (`jetlinks_mixed_stream_copy`). Every decoder must produce the same digest of the fields
// before anything is timed; otawire's steady state must not allocate.
#include <otawire/jetlinks/codec.hpp>

#include "support/alloc_counter.hpp"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
namespace jl = otawire::jetlinks;

const std::vector<std::pair<std::string, std::string>> stream = {
    {"/prod-a/dev-1/firmware/read", R"({"messageId":"1790000000000000000","deviceId":"dev-1","timestamp":1601196760000})"},
    {"/prod-a/dev-1/firmware/read/reply", R"({"success":true,"messageId":"1790000000000000000","timestamp":1601196760120,"version":"1.0","properties":{"bootloader":"1.2","chip":"esp32"}})"},
    {"/prod-a/dev-1/firmware/upgrade", R"({"headers":{"async":true},"messageId":"1790000000000000001","deviceId":"dev-1","timestamp":1601196762389,"url":"http://fw.example.com/prod-a/2.0.bin","version":"2.0","parameters":{"reboot":true},"sign":"9e107d9d372bb6826bd81d3542a419d6","signMethod":"md5","firmwareId":"fw-20","size":524288})"},
    {"/prod-a/dev-1/firmware/upgrade/reply", R"({"messageId":"1790000000000000001","success":true,"timestamp":1601196762500})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196763000,"progress":10,"complete":false,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196765000,"progress":45,"complete":false,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-1/firmware/upgrade/progress", R"({"timestamp":1601196771000,"progress":100,"complete":true,"version":"2.0","success":true,"firmwareId":"fw-20"})"},
    {"/prod-a/dev-2/firmware/pull", R"({"timestamp":1601196762389,"messageId":"pull-1","currentVersion":"1.0","requestVersion":"","headers":{"force":false,"latest":true}})"},
    {"/prod-a/dev-2/firmware/pull/reply", R"({"headers":{"async":true},"success":true,"messageId":"pull-1","deviceId":"dev-2","timestamp":1601196762400,"url":"http://fw.example.com/prod-a/1.1.bin","version":"1.1","parameters":{},"sign":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","signMethod":"sha256","firmwareId":"fw-11","size":262144})"},
    {"/prod-a/dev-3/firmware/upgrade/progress", R"({"progress":35,"complete":false,"version":"2.0","success":false,"errorReason":"signature mismatch","firmwareId":"fw-20"})"},
    {"/prod-gw/gw-1/child/sensor-7/firmware/upgrade/progress", R"({"progress":50,"complete":false,"version":"3.1.0","success":true,"firmwareId":"fw-s31","deviceId":"sensor-7"})"},
    {"/prod-a/dev-1/firmware/report", R"({"timestamp":1601196790000,"version":"2.0","properties":{"bootloader":"1.2","chip":"esp32"}})"},
};

std::size_t stream_bytes() {
  std::size_t n = 0;
  for (const auto& [t, p] : stream) n += t.size() + p.size();
  return n;
}

// What every decoder reports for the stream: a digest of every field, so that a decoder that
// skipped a field would not match. The check before timing sums every byte; the timed loops
// only touch each string (its length and first byte), as in the other families' benchmarks, so
// that the digest's own cost does not dilute the comparison.
bool full_digest = true;
struct digest {
  std::uint64_t sum = 0;
  void text(std::string_view s) {
    std::uint64_t acc = sum * 31 + s.size();
    if (!full_digest) {
      sum = acc + (s.empty() ? 0 : static_cast<unsigned char>(s[0]));
      return;
    }
    for (const char c : s) acc += static_cast<unsigned char>(c);
    sum = acc;
  }
  void number(std::int64_t v) { sum = sum * 31 + static_cast<std::uint64_t>(v); }
  void present(bool raw) { sum = sum * 31 + (raw ? 7 : 3); }
};

// --- otawire ---------------------------------------------------------------------------------------

void digest_optional(digest& d, const jl::optional_string& s) {
  if (s) d.text(*s);
}
template <class Fields>
void digest_common(digest& d, const Fields& m) {
  digest_optional(d, m.message_id);
  digest_optional(d, m.device_id);
  d.number(m.timestamp.value_or(0));
  d.present(!m.headers.empty());
  if constexpr (std::is_base_of_v<jl::device_reply_fields, Fields>) {
    d.number(m.success);
    digest_optional(d, m.code);
    digest_optional(d, m.message);
  }
}

void digest_otawire(digest& d, const jl::decoded_message& dm) {
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        digest_common(d, m);
        if constexpr (std::is_same_v<T, jl::read_firmware_reply> || std::is_same_v<T, jl::report_firmware>) {
          digest_optional(d, m.version);
          d.present(!m.properties.empty());
        } else if constexpr (std::is_same_v<T, jl::request_firmware>) {
          digest_optional(d, m.current_version);
          digest_optional(d, m.request_version);
        } else if constexpr (std::is_same_v<T, jl::request_firmware_reply> || std::is_same_v<T, jl::upgrade_firmware>) {
          digest_optional(d, m.url);
          digest_optional(d, m.version);
          d.present(!m.parameters.empty());
          digest_optional(d, m.sign);
          digest_optional(d, m.sign_method);
          digest_optional(d, m.firmware_id);
          d.number(m.size);
        } else if constexpr (std::is_same_v<T, jl::upgrade_firmware_progress>) {
          d.number(m.progress);
          d.number(m.complete);
          digest_optional(d, m.version);
          d.number(m.success);
          digest_optional(d, m.error_reason);
          digest_optional(d, m.firmware_id);
        }
      },
      dm.message);
}

// The payloads as a receive buffer with simdjson's padding holds them (the zero-copy path).
const std::vector<simdjson::padded_string> padded_payloads = [] {
  std::vector<simdjson::padded_string> v;
  for (const auto& [topic, payload] : stream) v.emplace_back(payload);
  return v;
}();

std::uint64_t run_otawire(otawire::json::parser& p) {
  digest d;
  jl::decoded_message m;  // reused, as a gateway's receive loop would (see Huawei's decode_into)
  for (std::size_t i = 0; i < stream.size(); ++i) {
    if (!jl::decode(p, stream[i].first, simdjson::padded_string_view(padded_payloads[i]), m)) std::abort();
    digest_otawire(d, m);
  }
  return d.sum;
}

std::uint64_t run_otawire_copy(otawire::json::parser& p) {
  digest d;
  jl::decoded_message m;
  for (const auto& [topic, payload] : stream) {
    if (!jl::decode(p, topic, std::string_view(payload), m)) std::abort();
    digest_otawire(d, m);
  }
  return d.sum;
}

// --- the baselines: the same fields with the same defaults (the type from the same topic parse) ---

template <class Get>
void digest_baseline(digest& d, jl::message_type type, Get&& get) {
  // `get` abstracts the JSON library: get.str(key, out) / get.i64(key) / get.boolean(key, dflt) / get.has(key)
  std::string s;
  const auto opt = [&](const char* key) {
    if (get.str(key, s)) d.text(s);
  };
  opt("messageId");
  opt("deviceId");
  d.number(get.i64("timestamp"));
  d.present(get.has("headers"));
  if (jl::is_reply(type)) {
    d.number(get.boolean("success", true));
    opt("code");
    opt("message");
  }
  switch (type) {
    case jl::message_type::read_firmware_reply:
    case jl::message_type::report_firmware:
      opt("version");
      d.present(get.has("properties"));
      break;
    case jl::message_type::request_firmware:
      opt("currentVersion");
      opt("requestVersion");
      break;
    case jl::message_type::request_firmware_reply:
    case jl::message_type::upgrade_firmware:
      opt("url");
      opt("version");
      d.present(get.has("parameters"));
      opt("sign");
      opt("signMethod");
      opt("firmwareId");
      d.number(get.i64("size"));
      break;
    case jl::message_type::upgrade_firmware_progress:
      d.number(get.i64("progress"));
      d.number(get.boolean("complete", false));
      opt("version");
      d.number(get.boolean("success", false));
      opt("errorReason");
      opt("firmwareId");
      break;
    default: break;
  }
}

struct boost_getter {
  const boost::json::object& o;
  std::string_view device;  // deviceId comes from the topic, as otawire does
  bool str(const char* key, std::string& out) const {
    if (std::string_view(key) == "deviceId") {
      out.assign(device);
      return true;
    }
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    out = boost::json::value_to<std::string>(*v);
    return true;
  }
  std::int64_t i64(const char* key) const {
    const auto* v = o.if_contains(key);
    return v == nullptr ? 0 : boost::json::value_to<std::int64_t>(*v);
  }
  bool boolean(const char* key, bool dflt) const {
    const auto* v = o.if_contains(key);
    return v == nullptr ? dflt : boost::json::value_to<bool>(*v);
  }
  bool has(const char* key) const {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_object();
  }
};

std::uint64_t run_boost() {
  digest d;
  for (const auto& [topic, payload] : stream) {
    auto t = jl::parse_topic(topic);
    if (!t) std::abort();
    const boost::json::value v = boost::json::parse(payload);
    digest_baseline(d, t->type, boost_getter{v.as_object(), t->message_device_id()});
  }
  return d.sum;
}

struct nlohmann_getter {
  const nlohmann::json& j;
  std::string_view device;
  bool str(const char* key, std::string& out) const {
    if (std::string_view(key) == "deviceId") {
      out.assign(device);
      return true;
    }
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return false;
    out = it->get<std::string>();
    return true;
  }
  std::int64_t i64(const char* key) const {
    auto it = j.find(key);
    return it == j.end() ? 0 : it->get<std::int64_t>();
  }
  bool boolean(const char* key, bool dflt) const {
    auto it = j.find(key);
    return it == j.end() ? dflt : it->get<bool>();
  }
  bool has(const char* key) const {
    auto it = j.find(key);
    return it != j.end() && it->is_object();
  }
};

std::uint64_t run_nlohmann() {
  digest d;
  for (const auto& [topic, payload] : stream) {
    auto t = jl::parse_topic(topic);
    if (!t) std::abort();
    const auto j = nlohmann::json::parse(payload);
    digest_baseline(d, t->type, nlohmann_getter{j, t->message_device_id()});
  }
  return d.sum;
}

// Same result from all three, and no allocation per message once otawire's parser is warm.
[[maybe_unused]] const bool checked = [] {
  otawire::json::parser p;
  const auto ours = run_otawire(p);
  if (run_otawire_copy(p) != ours) std::abort();
  const auto a = run_boost();
  const auto b = run_nlohmann();
  if (ours != a || ours != b) {
    std::fprintf(stderr, "digest mismatch: otawire %llu boost %llu nlohmann %llu\n", static_cast<unsigned long long>(ours),
                 static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    std::abort();
  }
  otawire::test::allocation_scope scope;
  for (int i = 0; i < 10; ++i) {
    benchmark::DoNotOptimize(run_otawire(p));
    benchmark::DoNotOptimize(run_otawire_copy(p));
  }
  if (scope.count() != 0) {
    std::fprintf(stderr, "otawire allocated %zu times in steady state\n", scope.count());
    std::abort();
  }
  full_digest = false;
  if (run_otawire(p) != run_boost() || run_otawire_copy(p) != run_nlohmann()) std::abort();  // the light digests agree too
  return true;
}();

void set_counters(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream_bytes()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}

void mixed_otawire(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire(p));
  set_counters(state);
}
void mixed_otawire_copy(benchmark::State& state) {
  otawire::json::parser p;
  for (auto _ : state) benchmark::DoNotOptimize(run_otawire_copy(p));
  set_counters(state);
}
void mixed_boost(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(run_boost());
  set_counters(state);
}
void mixed_nlohmann(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(run_nlohmann());
  set_counters(state);
}
}  // namespace

BENCHMARK(mixed_otawire)->Name("jetlinks_mixed_stream/otawire");
BENCHMARK(mixed_boost)->Name("jetlinks_mixed_stream/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("jetlinks_mixed_stream/baseline_nlohmann");

BENCHMARK(mixed_otawire_copy)->Name("jetlinks_mixed_stream_copy/otawire");
BENCHMARK(mixed_boost)->Name("jetlinks_mixed_stream_copy/baseline_boost_json");
BENCHMARK(mixed_nlohmann)->Name("jetlinks_mixed_stream_copy/baseline_nlohmann");

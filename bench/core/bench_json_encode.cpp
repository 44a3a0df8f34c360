// Encoding one platform push per JSON family into a caller's buffer, otawire's `encode(m, out)`
// (checked, written by hand through json::writer) beside what a Boost.JSON user writes: the
// message built as a `boost::json::value` key by key (tests/support/reference_documents.hpp, the
// tests' oracle: the same document) and serialised by a reused `boost::json::serializer` into the
// same buffer, unchecked. Both must
// produce the same bytes before anything is timed.
#include <otawire/alibaba.hpp>
#include <otawire/ctwing.hpp>
#include <otawire/huawei.hpp>
#include <otawire/jetlinks.hpp>
#include <otawire/tencent.hpp>

#include "support/reference_documents.hpp"

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <array>
#include <cstdlib>
#include <span>
#include <string_view>
#include <variant>

namespace {
namespace ab = otawire::alibaba;
namespace cw = otawire::ctwing;
namespace hw = otawire::huawei;
namespace jl = otawire::jetlinks;
namespace tc = otawire::tencent;

constexpr std::string_view md5 = "93230c3bde425a9d7984a594ac55ea1e";

// The pushes of the README's quick-starts (spec examples with real values).
tc::message tencent_push() {
  tc::update_firmware m;
  m.file_size = 175436;
  m.md5sum = "ad4615b866c13afb8b293a679bfa5dc4";
  m.url = "https://ota-1255858890.cos.ap-guangzhou.myqcloud.com/";
  m.version = "1.3.0";
  return m;
}
cw::message ctwing_push() {
  return cw::upgrade{147589, 432945, "2.0.0", "https://dmfile.ctwing.cn/file/upgrade/32128a6e8c3e15aea1c7/147589",
                     md5, "token", "MCU"};
}
hw::message huawei_push() {  // the 2022 platform capture of the Huawei quick-start
  hw::upgrade_notification u;
  u.version = "v1.5";
  u.url = "https://121.36.42.100:8943/iodm/dev/v2.0/upgradefile/applications/2917ef9003854f769d69026380e92ae7/"
          "devices/aithinker_F4CFA25BB155/packages/e2bf30511f0b9f65f17e4c54";
  u.file_size = 884768;
  u.access_token = "1e766a203ee2b15a567833eb0697a900ff502780eb84c69df9fdbc4d0294145a";
  u.expires = 86400;
  u.sign = "52683c81688b7d5501713d6f0f0d99ec9ea9a5514aaa4594db079bcfb6d86b26";
  hw::event e;
  e.kind = hw::event_kind::firmware_upgrade;
  e.event_type = "firmware_upgrade";
  e.time = hw::event_time{"20220404T080450Z", hw::parse_event_time("20220404T080450Z")};
  e.paras = u;
  hw::message m;
  m.object_device_id = "aithinker_F4CFA25BB155";
  m.push(e);
  return m;
}
jl::message jetlinks_push() {
  jl::upgrade_firmware m;
  m.message_id = "1790000000000000001";
  m.device_id = "device-1";
  m.timestamp = 1601196762389;
  m.url = "https://files.example.com/fw-1.1.0.bin";
  m.version = "1.1.0";
  m.sign = md5;
  m.sign_method = "md5";
  m.firmware_id = "fw-1";
  m.size = 100000;
  return m;
}
ab::message alibaba_push() {
  ab::package p;
  p.size = 432945;
  p.version = "2.0.0";
  p.is_diff = true;
  p.url = "https://ota.example.com/fw-2.0.0.tar.gz?Expires=1502955804";
  p.md5 = md5;
  p.sign = md5;
  p.sign_method = ab::digest_algorithm::md5;
  p.module = "MCU";
  return ab::upgrade{ab::message_id{1626969597470, false}, p, std::string_view("success")};
}

// The Boost.JSON way, into `out`: the serializer reused, the value built per message.
template <class Message>
std::string_view boost_encode(boost::json::serializer& sr, const Message& m, std::span<char> out) {
  const boost::json::value v = otawire_test::reference::value_of(m);
  sr.reset(&v);
  return sr.read(out.data(), out.size());
}

template <class Message, class Encode>
void run_otawire(benchmark::State& state, const Message& m, Encode encode) {
  std::array<char, 1024> out{};
  boost::json::serializer sr;
  const auto ours = encode(m, std::span<char>(out));
  std::array<char, 1024> theirs{};
  if (!ours || boost_encode(sr, m, theirs) != std::string_view(out.data(), *ours)) {
    state.SkipWithError("otawire and Boost.JSON wrote different bytes");
    return;
  }
  for (auto _ : state) {
    auto n = encode(m, std::span<char>(out));
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * *ours));
}
template <class Message>
void run_boost(benchmark::State& state, const Message& m) {
  std::array<char, 1024> out{};
  boost::json::serializer sr;
  std::size_t size = 0;
  for (auto _ : state) {
    const auto text = boost_encode(sr, m, out);
    size = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void tencent_encode_otawire(benchmark::State& s) {
  run_otawire(s, tencent_push(), [](const tc::message& m, std::span<char> o) { return tc::encode(m, o); });
}
void tencent_encode_boost(benchmark::State& s) { run_boost(s, tencent_push()); }
void ctwing_encode_otawire(benchmark::State& s) {
  run_otawire(s, ctwing_push(), [](const cw::message& m, std::span<char> o) { return cw::encode(m, o); });
}
void ctwing_encode_boost(benchmark::State& s) { run_boost(s, ctwing_push()); }
void huawei_encode_otawire(benchmark::State& s) {
  run_otawire(s, huawei_push(), [](const hw::message& m, std::span<char> o) { return hw::encode(m, o); });
}
void huawei_encode_boost(benchmark::State& s) { run_boost(s, huawei_push()); }
void jetlinks_encode_otawire(benchmark::State& s) {
  run_otawire(s, jetlinks_push(), [](const jl::message& m, std::span<char> o) { return jl::encode(m, o); });
}
void jetlinks_encode_boost(benchmark::State& s) { run_boost(s, jetlinks_push()); }
void alibaba_encode_otawire(benchmark::State& s) {
  run_otawire(s, alibaba_push(), [](const ab::message& m, std::span<char> o) { return ab::encode(m, o); });
}
void alibaba_encode_boost(benchmark::State& s) { run_boost(s, alibaba_push()); }
}  // namespace

// Interleaved, as every benchmark here: each pair measured side by side.
BENCHMARK(tencent_encode_otawire)->Name("tencent_encode/otawire");
BENCHMARK(tencent_encode_boost)->Name("tencent_encode/baseline_boost_json_value");
BENCHMARK(ctwing_encode_otawire)->Name("ctwing_encode/otawire");
BENCHMARK(ctwing_encode_boost)->Name("ctwing_encode/baseline_boost_json_value");
BENCHMARK(huawei_encode_otawire)->Name("huawei_encode/otawire");
BENCHMARK(huawei_encode_boost)->Name("huawei_encode/baseline_boost_json_value");
BENCHMARK(jetlinks_encode_otawire)->Name("jetlinks_encode/otawire");
BENCHMARK(jetlinks_encode_boost)->Name("jetlinks_encode/baseline_boost_json_value");
BENCHMARK(alibaba_encode_otawire)->Name("alibaba_encode/otawire");
BENCHMARK(alibaba_encode_boost)->Name("alibaba_encode/baseline_boost_json_value");

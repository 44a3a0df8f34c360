// PCP benchmarks. Baseline: the way the reference device code (LiteOS sota_parse/do_crc, SDK Tiny
// calc_crc16) does it — a byte-wise 256-entry table checksum over the frame with the check field
// taken as zero, and plain header checks. Ours: the typed decoder with pcp::checksum (pcp/checksum.hpp: the
// 13-lane fold from fold_min_size bytes on, slicing-by-16 below).
// Every pair is checked to compute the same result before anything is timed.
// `pcp_checksum_by_size/<impl>/<n>` (not a pair) times each implementation alone over n bytes: it is how
// fold_min_size was chosen.
#include <otawire/pcp.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

namespace {
namespace pcp = otawire::pcp;

// --- baseline: byte-wise table, as in the C reference implementations ------------------------------

struct baseline_table {
  std::uint16_t t[256];
  baseline_table() {
    for (unsigned i = 0; i < 256; ++i) {
      unsigned c = i << 8;
      for (int b = 0; b < 8; ++b) c = (c & 0x8000u) ? ((c << 1) ^ 0x1021u) : (c << 1);
      t[i] = static_cast<std::uint16_t>(c);
    }
  }
};
const baseline_table table;

std::uint16_t baseline_crc(std::uint16_t reg, const unsigned char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) reg = static_cast<std::uint16_t>((reg >> 8) ^ table.t[(reg ^ p[i]) & 0xFFu]);
  return reg;
}

std::uint16_t baseline_frame_crc(const unsigned char* f, std::size_t n) {
  static const unsigned char zero[2] = {0, 0};
  std::uint16_t reg = baseline_crc(0, f, 4);
  reg = baseline_crc(reg, zero, 2);
  return baseline_crc(reg, f + 6, n - 6);
}

struct baseline_fragment {
  int ok = 0;
  unsigned code = 0;
  unsigned result = 0;
  unsigned index = 0;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
};

// Header checks + check code + (for code 21 downlink) result/index/data, like sota_parse.
baseline_fragment baseline_decode(const unsigned char* f, std::size_t n) {
  baseline_fragment out;
  if (n < 8 || f[0] != 0xFF || f[1] != 0xFE || (f[2] & 0x0F) != 1 || f[3] < 19 || f[3] > 24) return out;
  const std::size_t len = (std::size_t{f[6]} << 8) | f[7];
  if (len + 8 != n) return out;
  const unsigned stored = (unsigned{f[4]} << 8) | f[5];
  if (baseline_frame_crc(f, n) != stored) return out;
  out.code = f[3];
  if (out.code == 21) {
    if (len < 3) return out;
    out.result = f[8];
    out.index = (unsigned{f[9]} << 8) | f[10];
    out.data = f + 11;
    out.size = len - 3;
  } else if (len > 0) {
    out.result = f[8];
  }
  out.ok = 1;
  return out;
}

std::size_t baseline_encode_fragment(unsigned char* out, unsigned index, const unsigned char* data, std::size_t n) {
  const std::size_t len = n + 3;
  const unsigned char head[11] = {0xFF, 0xFE, 0x01, 21, 0, 0, static_cast<unsigned char>(len >> 8),
                                  static_cast<unsigned char>(len), 0, static_cast<unsigned char>(index >> 8),
                                  static_cast<unsigned char>(index)};
  std::memcpy(out, head, sizeof head);
  std::memcpy(out + 11, data, n);
  const std::uint16_t c = baseline_crc(0, out, len + 8);
  out[4] = static_cast<unsigned char>(c >> 8);
  out[5] = static_cast<unsigned char>(c);
  return len + 8;
}

// --- inputs -------------------------------------------------------------------------------------------

std::vector<std::byte> make_data() {
  std::vector<std::byte> d(500);
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::byte>((i * 197 + 11) & 0xFF);
  return d;
}
const std::vector<std::byte> fragment_data = make_data();

std::vector<std::byte> make_fragment_frame() {
  pcp::message m = pcp::request_fragment_response{pcp::result_code::success, 42, fragment_data};
  std::vector<std::byte> f(pcp::encoded_size(m));
  if (!pcp::encode(m, f)) std::abort();
  return f;
}
const std::vector<std::byte> fragment_frame = make_fragment_frame();  // 511 bytes

std::vector<std::byte> make_long_input() {
  std::vector<std::byte> d(4096);
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::byte>((i * 131 + (i >> 8) * 7 + 3) & 0xFF);
  return d;
}
const std::vector<std::byte> long_input = make_long_input();

// Spec §9.1 #8: 24 report "V1.0" (25 bytes), a typical small uplink. Not const: the compiler
// must not fold the decode of bytes it can see at compile time.
std::array<unsigned char, 25> small_frame = {0xFF, 0xFE, 0x01, 0x18, 0xC7, 0xD2, 0x00, 0x11, 0x00,
                                                       0x56, 0x31, 0x2E, 0x30};

const unsigned char* raw(const std::vector<std::byte>& v) { return reinterpret_cast<const unsigned char*>(v.data()); }
otawire::byte_view small_view() { return std::as_bytes(std::span(small_frame)); }

// Both sides must agree before anything is timed.
[[maybe_unused]] const bool checked = [] {
  if (fragment_frame.size() != 511) std::abort();
  auto ours = pcp::decode(fragment_frame, otawire::direction::platform_to_device);
  const auto base = baseline_decode(raw(fragment_frame), fragment_frame.size());
  if (!ours || !base.ok) std::abort();
  const auto& f = std::get<pcp::request_fragment_response>(*ours);
  if (f.fragment_index != base.index || f.data.size() != base.size ||
      reinterpret_cast<const unsigned char*>(f.data.data()) != base.data) {
    std::abort();
  }
  auto small = pcp::decode(small_view(), otawire::direction::device_to_platform);
  const auto small_base = baseline_decode(small_frame.data(), small_frame.size());
  if (!small || !small_base.ok || small_base.code != 24 ||
      static_cast<unsigned>(std::get<pcp::report_upgrade_result_request>(*small).result) != small_base.result) {
    std::abort();
  }
  std::array<std::byte, 511> a{};
  std::array<unsigned char, 511> b{};
  if (!pcp::encode(pcp::request_fragment_response{pcp::result_code::success, 42, fragment_data}, a)) std::abort();
  baseline_encode_fragment(b.data(), 42, raw(fragment_data), fragment_data.size());
  if (std::memcmp(a.data(), b.data(), 511) != 0 || std::memcmp(a.data(), fragment_frame.data(), 511) != 0) std::abort();
  if (pcp::checksum(fragment_frame) != baseline_crc(0, raw(fragment_frame), fragment_frame.size())) std::abort();
  for (std::size_t n = 0; n <= long_input.size(); ++n) {
    const auto in = std::span(long_input).first(n);
    const auto want = baseline_crc(0, raw(long_input), n);
    if (pcp::checksum(in) != want || pcp::checksum_fold(in) != want || pcp::checksum_sliced_update<16>(0, in) != want ||
        pcp::checksum_fold<pcp::detail::fold_words_u64>(in) != want) {
      std::abort();
    }
  }
  return true;
}();

void set_counters(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// --- 511-byte fragment response: decode + verify ---------------------------------------------------

void fragment_decode_otawire(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(fragment_frame.data());
    auto m = pcp::decode(fragment_frame, otawire::direction::platform_to_device);
    benchmark::DoNotOptimize(m);
  }
  set_counters(state, fragment_frame.size());
}

void fragment_decode_baseline(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(fragment_frame.data());
    auto m = baseline_decode(raw(fragment_frame), fragment_frame.size());
    benchmark::DoNotOptimize(m);
  }
  set_counters(state, fragment_frame.size());
}

// --- small frame (25 bytes): decode + verify, ns per frame ------------------------------------------

void small_decode_otawire(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(small_frame.data());
    auto m = pcp::decode(small_view(), otawire::direction::device_to_platform);
    benchmark::DoNotOptimize(m);
  }
  set_counters(state, small_frame.size());
}

void small_decode_baseline(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(small_frame.data());
    auto m = baseline_decode(small_frame.data(), small_frame.size());
    benchmark::DoNotOptimize(m);
  }
  set_counters(state, small_frame.size());
}

// --- encode a 511-byte fragment response -----------------------------------------------------------

void fragment_encode_otawire(benchmark::State& state) {
  std::array<std::byte, pcp::max_frame_size> out{};
  const pcp::message m = pcp::request_fragment_response{pcp::result_code::success, 42, fragment_data};
  for (auto _ : state) {
    auto n = pcp::encode(m, out);
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, pcp::max_frame_size);
}

void fragment_encode_baseline(benchmark::State& state) {
  std::array<unsigned char, pcp::max_frame_size> out{};
  for (auto _ : state) {
    auto n = baseline_encode_fragment(out.data(), 42, raw(fragment_data), fragment_data.size());
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(state, pcp::max_frame_size);
}

// --- the checksum alone over 511 bytes ---------------------------------------------------------------

void checksum_otawire(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(fragment_frame.data());
    auto c = pcp::checksum(fragment_frame);
    benchmark::DoNotOptimize(c);
  }
  set_counters(state, fragment_frame.size());
}

void checksum_baseline(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(fragment_frame.data());
    auto c = baseline_crc(0, raw(fragment_frame), fragment_frame.size());
    benchmark::DoNotOptimize(c);
  }
  set_counters(state, fragment_frame.size());
}

// --- the checksum over n bytes, per implementation ------------------------------------------------------

template <std::uint16_t (*Checksum)(otawire::byte_view)>
void checksum_of_size(benchmark::State& state) {
  const auto in = std::span(long_input).first(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(in.data());
    auto c = Checksum(in);
    benchmark::DoNotOptimize(c);
  }
  set_counters(state, in.size());
}

std::uint16_t public_checksum(otawire::byte_view b) { return pcp::checksum(b); }
std::uint16_t fold_vectors(otawire::byte_view b) { return pcp::checksum_fold(b); }
std::uint16_t fold_u64(otawire::byte_view b) { return pcp::checksum_fold<pcp::detail::fold_words_u64>(b); }
std::uint16_t slicing_16(otawire::byte_view b) { return pcp::checksum_sliced_update<16>(0, b); }
std::uint16_t bytewise(otawire::byte_view b) { return baseline_crc(0, reinterpret_cast<const unsigned char*>(b.data()), b.size()); }

void sizes(benchmark::internal::Benchmark* b) {
  for (const int n : {16, 25, 32, 40, 48, 64, 128, 511, 4096}) b->Arg(n);
}
}  // namespace

BENCHMARK(fragment_decode_otawire)->Name("pcp_fragment_decode_511/otawire");
BENCHMARK(fragment_decode_baseline)->Name("pcp_fragment_decode_511/baseline_bytewise_table");
BENCHMARK(small_decode_otawire)->Name("pcp_small_frame_decode_25/otawire");
BENCHMARK(small_decode_baseline)->Name("pcp_small_frame_decode_25/baseline_bytewise_table");
BENCHMARK(fragment_encode_otawire)->Name("pcp_fragment_encode_511/otawire");
BENCHMARK(fragment_encode_baseline)->Name("pcp_fragment_encode_511/baseline_bytewise_table");
BENCHMARK(checksum_otawire)->Name("pcp_checksum_511/otawire");
BENCHMARK(checksum_baseline)->Name("pcp_checksum_511/baseline_bytewise");
BENCHMARK(checksum_of_size<public_checksum>)->Name("pcp_checksum/otawire")->Arg(25)->Arg(64)->Arg(4096);
BENCHMARK(checksum_of_size<bytewise>)->Name("pcp_checksum/baseline_bytewise")->Arg(25)->Arg(64)->Arg(4096);
BENCHMARK(checksum_of_size<fold_vectors>)->Name("pcp_checksum_by_size/fold")->Apply(sizes);
BENCHMARK(checksum_of_size<fold_u64>)->Name("pcp_checksum_by_size/fold_u64")->Apply(sizes);
BENCHMARK(checksum_of_size<slicing_16>)->Name("pcp_checksum_by_size/slicing16")->Apply(sizes);

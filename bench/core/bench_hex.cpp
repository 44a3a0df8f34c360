// Hex decoding of captured payloads (the inspector's first step), against sscanf per byte — what
// quick capture tools commonly do.
#include <otawire/hex.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
std::string make_hex(std::size_t bytes) {
  std::string s;
  const char* digits = "0123456789ABCDEF";
  for (std::size_t i = 0; i < bytes; ++i) {
    s += digits[(i * 7) % 16];
    s += digits[(i * 13) % 16];
  }
  return s;
}

const std::string frame_hex = make_hex(511);

void hex_decode_otawire(benchmark::State& state) {
  std::array<std::byte, 512> out{};
  for (auto _ : state) {
    auto n = otawire::from_hex(frame_hex, out);
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * frame_hex.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void hex_decode_sscanf(benchmark::State& state) {
  std::array<unsigned char, 512> out{};
  for (auto _ : state) {
    for (std::size_t i = 0; i + 1 < frame_hex.size(); i += 2) {
      unsigned v = 0;
      if (std::sscanf(frame_hex.c_str() + i, "%2x", &v) != 1) std::abort();
      out[i / 2] = static_cast<unsigned char>(v);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * frame_hex.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Both must decode identically before anything is timed.
[[maybe_unused]] const bool checked = [] {
  std::array<std::byte, 512> a{};
  if (!otawire::from_hex(frame_hex, a)) std::abort();
  for (std::size_t i = 0; i + 1 < frame_hex.size(); i += 2) {
    unsigned v = 0;
    if (std::sscanf(frame_hex.c_str() + i, "%2x", &v) != 1 || std::byte(v) != a[i / 2]) std::abort();
  }
  return true;
}();
}  // namespace

BENCHMARK(hex_decode_otawire)->Name("hex_decode_511/otawire");
BENCHMARK(hex_decode_sscanf)->Name("hex_decode_511/baseline_sscanf");

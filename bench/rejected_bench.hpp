// The benchmark every JSON family runs over its stream of REJECTED messages (issue 16 item 4):
// tests/json/rejected_streams.hpp holds the streams and the harness, shared with the test
// tests/json/invalid_no_alloc_test.cpp. Before timing, every message must be refused with the
// code expected; while timing, warm, no message may allocate. Either failure ends the benchmark
// with SkipWithError. Counters: `allocs_per_msg` (must be 0) and messages per second.
//
// Names are `<family>_rejected_stream/<backend>`: no `otawire`/`baseline_` segment, as there is
// no baseline to pair with (otawire-bench-ratios skips them).
#ifndef OTAWIRE_BENCH_REJECTED_BENCH_HPP
#define OTAWIRE_BENCH_REJECTED_BENCH_HPP

#include "json/rejected_streams.hpp"
#include "support/alloc_counter.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace otawire::bench::rejected {

template <class Family, otawire::test::rejected::backend Backend>
void rejected_stream(benchmark::State& state) {
  namespace rj = otawire::test::rejected;
  rj::rejected_stream<Family> stream;
  // What went wrong, for SkipWithError (static: older Google Benchmark releases keep the pointer).
  static std::string mismatches;
  mismatches = stream.mismatches(Backend);
  if (!mismatches.empty()) {
    state.SkipWithError(mismatches.c_str());
    return;
  }
  stream.warm_up(Backend);
  std::size_t allocations = 0;
  std::size_t sum = 0;
  for (auto _ : state) {
    // Counted per pass, inside the loop: only the decoders' own calls of operator new.
    const otawire::test::allocation_scope scope;
    sum += stream.run(Backend);
    allocations += scope.count();
    benchmark::DoNotOptimize(sum);
  }
  const auto messages = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(stream.reaching(Backend));
  std::int64_t bytes = 0;
  for (std::size_t i = 0; i < stream.messages().size(); ++i) {
    if (stream.reaches(Backend, i)) bytes += static_cast<std::int64_t>(stream.messages()[i].payload.size());
  }
  state.SetItemsProcessed(messages);
  // The DOM path decodes values parsed before timing: bytes per second would mean nothing.
  if (Backend != rj::backend::boost_dom) state.SetBytesProcessed(bytes * static_cast<std::int64_t>(state.iterations()));
  state.counters["msgs"] = static_cast<double>(stream.reaching(Backend));
  state.counters["allocs_per_msg"] = messages > 0 ? static_cast<double>(allocations) / static_cast<double>(messages) : 0.0;
  if (allocations != 0) {
    mismatches = "a warm decoder allocated " + std::to_string(allocations) + " times in " + std::to_string(messages) +
                 " refused messages (tests/json/invalid_no_alloc_test.cpp names them)";
    state.SkipWithError(mismatches.c_str());
  }
}

}  // namespace otawire::bench::rejected

/// Registers the three backends' benchmarks of `Family` (one of rejected_streams.hpp's families).
#define OTAWIRE_BENCH_REJECTED_STREAM(Family)                                                           \
  BENCHMARK(::otawire::bench::rejected::rejected_stream<Family, ::otawire::test::rejected::backend::simdjson_padded>) \
      ->Name(std::string(Family::name) + "_rejected_stream/simdjson_padded");                          \
  BENCHMARK(::otawire::bench::rejected::rejected_stream<Family, ::otawire::test::rejected::backend::simdjson_copy>)   \
      ->Name(std::string(Family::name) + "_rejected_stream/simdjson_copy");                            \
  BENCHMARK(::otawire::bench::rejected::rejected_stream<Family, ::otawire::test::rejected::backend::boost_dom>)       \
      ->Name(std::string(Family::name) + "_rejected_stream/boost_dom")

#endif

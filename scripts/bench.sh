#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the "ours vs baseline" ratio table: for each pair
# `<case>/otawire` and `<case>/baseline_<name>` measured side by side in one run.
# Usage: scripts/bench.sh [--short] [--check]
#   --short  a quick pass (CI); --check  exit 1 if otawire is slower than any baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
min_time=0.5
check=""
for arg in "$@"; do
  case "$arg" in
    --short) min_time=0.05 ;;
    --check) check="--check" ;;
    *) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
scripts/deps.sh --bench
cmake --preset bench >/dev/null
cmake --build --preset bench
out=build/bench/results
mkdir -p "$out"
rm -f "$out"/*.json
while read -r t; do
  [ -n "$t" ] || continue
  bin=$(find build/bench/bench -name "$t" -type f -perm -u+x | head -n 1)
  echo "== $t" >&2
  "$bin" --benchmark_min_time="$min_time" --benchmark_format=console \
         --benchmark_out="$out/$t.json" --benchmark_out_format=json >&2
done < build/bench/bench_targets.txt
echo "(Debian's libbenchmark 1.7.1 reports 'Library was built as DEBUG'; ratios measured in one run stay valid.)"
build/bench/bench/otawire-bench-ratios $check "$out"/*.json

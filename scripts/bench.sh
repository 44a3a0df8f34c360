#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the "ours vs baseline" ratio table: for each pair
# `<case>/otawire` and `<case>/baseline_<name>` measured side by side in one run.
# Usage: scripts/bench.sh [--short] [--check] [benchmark-binary-name...]
#   --short  a quick pass (CI: 3 interleaved repetitions); --check  exit 1 if a checked ratio fails:
#   otawire slower than a baseline it must beat, a JSON fast path under 0.8x its floor or 2x tuned Boost.JSON
#   (pairs whose target is still ahead are reported, never failed; see bench/ratios.cpp), or if a
#   benchmark stopped with an error (SkipWithError: a digest or refusal code that differs, an
#   allocation where none is allowed).
#   A checked pair that fails is re-measured once, longer, before --check fails (see below).
#   Names (e.g. bench_tencent) limit the run to those binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
min_time=0.5
repetitions=5
check=""
only=()
for arg in "$@"; do
  case "$arg" in
    --short) min_time=0.05; repetitions=3 ;;  # three, interleaved: a median for the checked ratios
    --check) check="--check" ;;
    bench_*) only+=("$arg") ;;
    *) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
scripts/deps.sh --bench
cmake --preset bench >/dev/null
if [ ${#only[@]} -gt 0 ]; then  # named binaries: build only those (the machine is shared)
  cmake --build --preset bench --target otawire-bench-ratios "${only[@]}"
else
  cmake --build --preset bench
fi
out=build/bench/results
mkdir -p "$out"
rm -f "$out"/*.json
while read -r t; do
  [ -n "$t" ] || continue
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $t "* ]]; then continue; fi
  bin=$(find build/bench/bench -name "$t" -type f -perm -u+x | head -n 1)
  echo "== $t" >&2
  # Repetitions interleaved at random with the baselines': drift on a shared machine then hits
  # both sides alike, and the ratio table takes each side's median.
  "$bin" --benchmark_min_time="$min_time" --benchmark_repetitions="$repetitions" \
         --benchmark_enable_random_interleaving=true --benchmark_format=console \
         --benchmark_out="$out/$t.json" --benchmark_out_format=json >&2
done < build/bench/bench_targets.txt
echo "(Debian's libbenchmark 1.7.1 reports 'Library was built as DEBUG'; ratios measured in one run stay valid.)"
# A benchmark that refused to time (its checks failed) would otherwise only print a line.
failed_benchmarks=$(grep -l '"error_occurred": true' "$out"/*.json || true)
if [ -n "$failed_benchmarks" ]; then
  grep -h -B3 '"error_message"' "$out"/*.json | grep -E '"name"|"error_message"' >&2 || true
  echo "bench.sh: benchmarks stopped with an error in: $failed_benchmarks" >&2
  [ -z "$check" ] || exit 1
fi
ratios=build/bench/bench/otawire-bench-ratios
if [ -z "$check" ]; then
  "$ratios" "$out"/*.json
  exit 0
fi
rc=0
"$ratios" --check --failed-cases "$out/failed-cases.txt" "$out"/*.json || rc=$?
if [ "$rc" -ne 0 ] && [ -s "$out/failed-cases.txt" ]; then
  # A checked pair under its margin is measured once more, longer (9 interleaved repetitions of
  # 0.2 s), before the stage fails: on this shared 2-core machine a burst of load in a 3-repetition
  # run can take one side's median with it. Both tables are printed; the second one decides.
  shopt -s nullglob
  mkdir -p "$out/recheck"
  rm -f "$out"/recheck/*.json
  while read -r case_name; do
    t=$(grep -l "\"$case_name/otawire" "$out"/*.json | head -n 1 | xargs -r basename -s .json)
    [ -n "$t" ] || continue
    bin=$(find build/bench/bench -name "$t" -type f -perm -u+x | head -n 1)
    echo "== re-measuring $case_name ($t)" >&2
    "$bin" --benchmark_filter="^$case_name/" --benchmark_min_time=0.2 --benchmark_repetitions=9 \
           --benchmark_enable_random_interleaving=true --benchmark_format=console \
           --benchmark_out="$out/recheck/$case_name.json" --benchmark_out_format=json >&2
  done < "$out/failed-cases.txt"
  echo "Re-measured (9 repetitions) after a checked pair failed: $(tr '\n' ' ' < "$out/failed-cases.txt")"
  rc=0
  "$ratios" --check "$out"/*.json "$out"/recheck/*.json || rc=$?
fi
exit "$rc"

#!/usr/bin/env bash
# Builds every libFuzzer target (clang 14, ASan+UBSan) and runs each for N seconds (default 20)
# on a scratch copy of its seed corpus, as many at once as there are cores. Fails on any crash,
# leak, timeout or sanitizer report, and copies the reproducer to fuzz/regressions/<target>/.
# Usage: scripts/fuzz.sh [--preset fuzz|asan] [seconds] [target...]
#   --preset asan  use the asan preset's build (its fuzz targets are libFuzzer binaries too): CI
#                  builds it once for the sanitizer test stage and fuzzes with the same binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=fuzz
if [ "${1:-}" = "--preset" ]; then preset="$2"; shift 2; fi
seconds="${1:-20}"
shift || true
scripts/deps.sh --fuzz
cmake --preset "$preset" >/dev/null
if (($#)); then cmake --build --preset "$preset" --target "$@"; else cmake --build --preset "$preset"; fi
build="build/$preset"
mapfile -t targets < <(if (($#)); then printf '%s\n' "$@"; else grep -v '^$' "$build/fuzz_targets.txt"; fi)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jobs_max=$(nproc 2>/dev/null || echo 2)

run_one() {
  local t="$1" bin
  bin=$(find "$build/fuzz" -name "$t" -type f -perm -u+x | head -n 1)
  if [ -z "$bin" ]; then echo "no binary for $t" > "$work/$t.log"; touch "$work/$t.failed"; return; fi
  mkdir -p "$work/$t"
  if [ -d "fuzz/corpus/$t" ]; then cp -r "fuzz/corpus/$t/." "$work/$t/"; fi
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/$t-" "$work/$t" > "$work/$t.log" 2>&1; then
    touch "$work/$t.failed"
  fi
}

for t in "${targets[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || true; done
  echo "== $t (${seconds}s)"
  run_one "$t" &
done
wait

failed=()
for t in "${targets[@]}"; do
  if [ -e "$work/$t.failed" ]; then
    echo "---- $t FAILED"
    tail -n 40 "$work/$t.log"
    mkdir -p "fuzz/regressions/$t"
    cp "$work/$t"-* "fuzz/regressions/$t/" 2>/dev/null || true
    failed+=("$t")
  else
    printf '%-36s %s\n' "$t" "$(grep -E '^stat::number_of_executed_units' "$work/$t.log" | awk '{print $2 " runs"}')"
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (reproducers copied to fuzz/regressions/<target>/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets clean for ${seconds}s each"

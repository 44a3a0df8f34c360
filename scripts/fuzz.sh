#!/usr/bin/env bash
# Builds every libFuzzer target (clang 14, ASan+UBSan) and runs each for N seconds (default 20)
# on a scratch copy of its seed corpus. Fails on any crash, leak, timeout or sanitizer report.
# Usage: scripts/fuzz.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
scripts/deps.sh --fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mapfile -t targets < <(if (($#)); then printf '%s\n' "$@"; else grep -v '^$' build/fuzz/fuzz_targets.txt; fi)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for t in "${targets[@]}"; do
  bin=$(find build/fuzz/fuzz -name "$t" -type f -perm -u+x | head -n 1)
  [ -n "$bin" ] || { echo "no binary for $t"; failed+=("$t"); continue; }
  mkdir -p "$work/$t"
  [ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$work/$t/"
  echo "== $t (${seconds}s)"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/$t-" "$work/$t" > "$work/$t.log" 2>&1; then
    tail -n 40 "$work/$t.log"
    mkdir -p "fuzz/regressions/$t"
    cp "$work/$t"-* "fuzz/regressions/$t/" 2>/dev/null || true
    failed+=("$t")
  else
    grep -E "^stat::number_of_executed_units|Done [0-9]+ runs" "$work/$t.log" | tail -n 1 || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (reproducers copied to fuzz/regressions/<target>/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets clean for ${seconds}s each"

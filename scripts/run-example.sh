#!/usr/bin/env bash
# Installs what is needed, builds otawire-inspect and runs it on every capture in examples/captures.
# Captures named *-invalid.txt are sessions the validators must reject; their failure is expected.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset default -DOTAWIRE_BUILD_TESTS=OFF -DOTAWIRE_BUILD_FUZZERS=OFF >/dev/null
cmake --build --preset default --target otawire-inspect
status=0
for capture in examples/captures/*.txt; do
  [ -e "$capture" ] || continue
  echo "== $capture"
  if build/default/examples/otawire-inspect "$capture"; then
    case "$capture" in *-invalid.txt) echo "!! expected $capture to be rejected"; status=1 ;; esac
  else
    case "$capture" in *-invalid.txt) echo "(rejected, as expected)" ;; *) status=1 ;; esac
  fi
done
exit $status

#!/usr/bin/env bash
# Installs what is needed, builds everything with g++ (-Werror) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci

#!/usr/bin/env bash
# Builds the device programs (examples/device) for Cortex-M3 with Debian's arm-none-eabi
# toolchain and prints the size/RAM/stack table; exits non-zero over a hard budget
# (examples/device/budgets.txt) or when an image reaches the heap, abort, exceptions or RTTI.
# Usage: scripts/device-size.sh [build dir]   (default build/device-arm)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/device-arm}
need=()
for p in gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib libboost1.81-dev ninja-build cmake python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
cmake -S examples/device -B "$build" -G Ninja --toolchain "$PWD/cmake/toolchains/arm-none-eabi.cmake" \
  -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
cmake --build "$build"
python3 scripts/device_size.py "$build" examples/device/budgets.txt

#!/usr/bin/env bash
# Installs otawire's build and test dependencies from Debian 12 packages when any is missing.
# Usage: scripts/deps.sh [--bench] [--fuzz]   (the core set is always checked)
set -euo pipefail
packages=(cmake ninja-build g++ libboost1.81-dev libboost-json1.81-dev libsimdjson-dev
          librapidcheck-dev libgtest-dev)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(libbenchmark-dev nlohmann-json3-dev rapidjson-dev) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

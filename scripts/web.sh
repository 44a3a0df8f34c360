#!/usr/bin/env bash
# The web inspector: otawire_inspect_core built for WebAssembly (Debian's emscripten, the `wasm`
# preset, Boost.JSON backend) and the static page in web/, assembled into build/wasm/site.
# Usage: scripts/web.sh build   builds build/wasm/site (index.html, app.js, style.css, .wasm + JS)
#        scripts/web.sh serve   builds, then serves it on http://localhost:${PORT:-8017}/
#        scripts/web.sh test    builds, builds otawire-inspect (build/web-cli), runs tests/web in
#                               headless Chromium: same records as the CLI on examples/captures
# Installs what it needs from Debian only when it is missing (emscripten; for the test chromium,
# chromium-driver, python3-selenium).
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-build}
site=build/wasm/site
# Debian's python3: python3-selenium is installed for it, not for a python3 earlier on the PATH.
py=/usr/bin/python3

# Installs the Debian packages whose check command fails.
need() {
  local missing=()
  while [ $# -gt 0 ]; do
    local package=$1 check=$2
    shift 2
    eval "$check" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "web.sh: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  need emscripten "command -v em++"
  # Emscripten's JS optimiser needs Debian's node-acorn, in /usr/share/nodejs: Debian's nodejs
  # looks there, a nodejs from elsewhere (NodeSource) does not.
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  local log
  log=$(emcmake cmake --preset wasm 2>&1) || { echo "$log" >&2; exit 1; }
  cmake --build --preset wasm
  mkdir -p "$site"
  # One C entry, called from app.js; the module is a factory (createInspector) so that the page
  # can load it afresh if it ever aborts. No file system, no exception catching: the core never
  # throws out of a call (bad input is a record), and both would only add size.
  local glue=$site/otawire-inspect.js
  if [ ! -e "$glue" ] || [ build/wasm/examples/libotawire_inspect_core.a -nt "$glue" ] ||
     [ examples/inspect/wasm.cpp -nt "$glue" ] || [ scripts/web.sh -nt "$glue" ]; then
    em++ -std=c++20 -Os -DNDEBUG -DOTAWIRE_INSPECT_BOOST_JSON \
      -Wall -Wextra -Wpedantic -Werror \
      -Iinclude -Iexamples -isystem build/wasm/host-headers \
      examples/inspect/wasm.cpp build/wasm/examples/libotawire_inspect_core.a \
      -sMODULARIZE=1 -sEXPORT_NAME=createInspector -sENVIRONMENT=web -sFILESYSTEM=0 \
      -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB \
      -sEXPORTED_FUNCTIONS=_inspect_capture_jsonl,_inspect_report_size,_malloc,_free \
      -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8 \
      -o "$glue"
  fi
  cp web/index.html web/app.js web/style.css "$site/"
  echo "web.sh: built $site ($(du -cb "$site"/otawire-inspect.js "$site"/otawire-inspect.wasm | tail -1 | cut -f1) bytes of .wasm + JS)"
}

case "$command" in
  build) build ;;
  serve)
    build
    port=${PORT:-8017}
    echo "web.sh: http://localhost:$port/ (Ctrl+C stops)"
    exec python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port"
    ;;
  test)
    build
    need chromium "command -v chromium" chromium-driver "command -v chromedriver" \
      python3-selenium "$py -c 'import selenium'"
    cmake --preset ci -B build/web-cli -DOTAWIRE_BUILD_TESTS=OFF -DOTAWIRE_BUILD_FUZZERS=OFF >/dev/null
    cmake --build build/web-cli --target otawire-inspect
    "$py" tests/web/test_web.py --site "$site" --cli build/web-cli/examples/otawire-inspect \
      --captures examples/captures --out build/wasm/test-output
    ;;
  *) echo "usage: scripts/web.sh build|serve|test" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Builds the guests of the component benchmark, cached in bench/.cache, and prints them, one
# "name path" line each:
#   hello            bench/modules/hello.c as a WASI preview 1 core module (Debian's wasm32-wasi clang)
#   hello-component  the same module wrapped as a wasi:cli/run command component
#                    (`jco new hello.wasm --wasi-command`: jco's bundled preview 1 command adapter)
#   greet-js         bench/modules/components/greet.js (stdin → "Hello, <stdin>!") as a command
#                    component built with componentize-js (StarlingMonkey; about 12 MiB)
#   hello-component.node, greet-js.node
#                    each component transpiled for Node (`jco transpile --instantiation sync`):
#                    the .js file bench/components/run-component.mjs and peer-server.mjs load
# Each component is checked under Node through preview2-shim (input in, greeting out) before it
# is kept. jco, componentize-js and preview2-shim are the pinned set scripts/component-tools
# (installed by scripts/install-npm-tools.sh component-tools).
#
# Usage: bench/build-components.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo/bench/.cache/components"
tools="$repo/.tools/component-tools/node_modules"
sources=("$repo/bench/modules/hello.c" "$repo/bench/modules/components/greet.js" "$repo/bench/modules/components/wit/world.wit"
  "$repo/scripts/component-tools/componentize.mjs" "$repo/scripts/component-tools/package-lock.json")

# Fresh when every output exists and is newer than every source.
fresh() {
  local output source
  for output in "$@"; do
    [ -s "$output" ] || return 1
    for source in "${sources[@]}"; do [ "$output" -nt "$source" ] || return 1; done
  done
}

# Runs a transpiled component under Node with this stdin and env, and fails unless it printed $3.
check_under_node() {
  local transpiled="$1" stdin="$2" expected="$3" actual
  shift 3
  actual="$(node "$repo/bench/components/run-component.mjs" "$transpiled" "$stdin" "$@")" ||
    { echo "build-components: $transpiled failed under Node (exit $?)" >&2; return 1; }
  [ "$actual" = "$expected" ] ||
    { echo "build-components: $transpiled printed '$actual' under Node, expected '$expected'" >&2; return 1; }
}

# Transpiles component $1 for Node into folder $2 (its .js file is $2/NAME.js).
transpile() {
  rm -rf "$2"
  "$tools/.bin/jco" transpile "$1" --name "$(basename "$2")" -o "$2" --instantiation sync --no-typescript --quiet
}

hello="$cache/hello.wasm"
hello_component="$cache/hello-component.wasm"
greet="$cache/greet-js.wasm"
hello_node="$cache/node/hello-component/hello-component.js"
greet_node="$cache/node/greet-js/greet-js.js"

if ! fresh "$hello" "$hello_component" "$greet" "$hello_node" "$greet_node"; then
  "$repo/bench/install-bench-tools.sh"
  "$repo/scripts/install-npm-tools.sh" component-tools >&2
  mkdir -p "$cache/node"

  clang --target=wasm32-wasi -O2 -Wl,--strip-all -o "$hello" "$repo/bench/modules/hello.c"
  "$tools/.bin/jco" new "$hello" --wasi-command -o "$hello_component.tmp" >&2
  transpile "$hello_component.tmp" "$(dirname "$hello_node")"
  check_under_node "$hello_node" "" "Hello, bench!" NAME=bench
  mv "$hello_component.tmp" "$hello_component"

  echo "build-components: componentize-js greet.js (about a minute)" >&2
  node "$repo/scripts/component-tools/componentize.mjs" "$repo/bench/modules/components/greet.js" "$repo/bench/modules/components/wit" "$greet.tmp"
  transpile "$greet.tmp" "$(dirname "$greet_node")"
  check_under_node "$greet_node" "bench" "Hello, bench!"
  mv "$greet.tmp" "$greet"
  touch "$hello_node" "$greet_node"
fi

echo "hello $hello"
echo "hello-component $hello_component"
echo "greet-js $greet"
echo "hello-component.node $hello_node"
echo "greet-js.node $greet_node"

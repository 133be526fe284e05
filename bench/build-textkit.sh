#!/usr/bin/env bash
# Builds bench/modules/textkit.rs, a real Rust program of about 2 MiB of code (the standard
# library's collections, sorting, parsing and formatting over many types), as a WASI command with
# Debian's rustc and its wasm32-wasi standard library (installed by bench/install-bench-tools.sh).
# Debug info is stripped: the module is code, not data. Cached in bench/.cache; prints its path.
#
# Usage: bench/build-textkit.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source="$repo/bench/modules/textkit.rs"
cache="$repo/bench/.cache"
module="$cache/textkit.wasm"
if [ -s "$module" ] && [ "$module" -nt "$source" ]; then echo "$module"; exit 0; fi

"$repo/bench/install-bench-tools.sh"
mkdir -p "$cache"
# Debian's rustc, whatever else is on PATH: its standard library is the one built for wasm32-wasi.
/usr/bin/rustc --target wasm32-wasi -C opt-level=1 -C debuginfo=0 -C strip=debuginfo -o "$module.tmp" "$source"
mv "$module.tmp" "$module"
echo "$module"

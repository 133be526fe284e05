#!/usr/bin/env bash
# Builds bench/modules/textkit.rs, a real Rust program of about 2 MiB of code (the standard
# library's collections, sorting, parsing and formatting over many types), as a WASI command with
# Debian's rustc and its wasm32-wasi standard library (installed by bench/install-bench-tools.sh).
# Debug info is stripped: the module is code, not data. Cached in bench/.cache; prints its path.
#
# TEXTKIT_OPT_LEVEL (1 by default, as measured in docs/performance.md; 3 is what `cargo build
# --release` uses, s or z what size-minded builds use) picks rustc's opt-level; each level has its
# own cached module. Cranelift's compile time barely moves with it (docs/performance.md).
#
# Usage: [TEXTKIT_OPT_LEVEL=1|2|3|s|z] bench/build-textkit.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source="$repo/bench/modules/textkit.rs"
cache="$repo/bench/.cache"
level="${TEXTKIT_OPT_LEVEL:-1}"
case "$level" in 1|2|3|s|z) ;; *) echo "TEXTKIT_OPT_LEVEL must be one of 1, 2, 3, s, z (got '$level')" >&2; exit 2 ;; esac
module="$cache/textkit.wasm"
[ "$level" = 1 ] || module="$cache/textkit-O$level.wasm"
if [ -s "$module" ] && [ "$module" -nt "$source" ]; then echo "$module"; exit 0; fi

"$repo/bench/install-bench-tools.sh"
mkdir -p "$cache"
# Debian's rustc, whatever else is on PATH: its standard library is the one built for wasm32-wasi.
/usr/bin/rustc --target wasm32-wasi -C opt-level="$level" -C debuginfo=0 -C strip=debuginfo -o "$module.tmp" "$source"
mv "$module.tmp" "$module"
echo "$module"

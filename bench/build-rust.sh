#!/usr/bin/env bash
# Builds one of the benchmark's Rust programs as a WASI command with Debian's rustc and its
# wasm32-wasi standard library (installed by bench/install-bench-tools.sh); cached in
# bench/.cache; prints the module's path.
#
#   textkit   bench/modules/textkit.rs: the standard library's collections, sorting, parsing and
#             formatting over many types — about 2 MiB of code. Debug info stripped: the module is
#             code, not data. TEXTKIT_OPT_LEVEL (1 by default; 3 is what `cargo build --release`
#             uses, s or z what size-minded builds use) picks rustc's opt-level, each level cached
#             apart. Cranelift's compile time barely moves with it (docs/performance.md).
#   wasitest  bench/modules/wasitest.rs: a WASI-test-suite-style program built as `cargo build`
#             builds by default (the debug profile: opt-level 0, full debug info), which is how
#             WASI test suites ship their Rust tests — about 0.5 MB of code in 8.6 MiB of DWARF.
#
# Usage: [TEXTKIT_OPT_LEVEL=1|2|3|s|z] bench/build-rust.sh textkit|wasitest
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="${1:-}"
cache="$repo/bench/.cache"
case "$program" in
  textkit)
    level="${TEXTKIT_OPT_LEVEL:-1}"
    case "$level" in 1|2|3|s|z) ;; *) echo "TEXTKIT_OPT_LEVEL must be one of 1, 2, 3, s, z (got '$level')" >&2; exit 2 ;; esac
    flags=(-C opt-level="$level" -C debuginfo=0 -C strip=debuginfo)
    module="$cache/textkit.wasm"
    [ "$level" = 1 ] || module="$cache/textkit-O$level.wasm" ;;
  wasitest)
    flags=(-C opt-level=0 -C debuginfo=2)
    module="$cache/wasitest.wasm" ;;
  *) echo "usage: bench/build-rust.sh textkit|wasitest" >&2; exit 2 ;;
esac
source="$repo/bench/modules/$program.rs"
if [ -s "$module" ] && [ "$module" -nt "$source" ]; then echo "$module"; exit 0; fi

"$repo/bench/install-bench-tools.sh"
mkdir -p "$cache"
# Debian's rustc, whatever else is on PATH: its standard library is the one built for wasm32-wasi.
/usr/bin/rustc --target wasm32-wasi "${flags[@]}" -o "$module.tmp" "$source"
mv "$module.tmp" "$module"
echo "$module"

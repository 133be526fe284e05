#!/usr/bin/env bash
# Start-up benchmark on real programs: process start → every module served, for directories of
# N distinct copies (default 10, 100, 200, 1000) of a real compiled program — the Rust program
# bench/modules/textkit.rs (about 2 MiB of code), the WASI-test-style Rust program
# bench/modules/wasitest.rs in its debug build (about 0.5 MB of code in 8.6 MiB; both built by
# bench/build-rust.sh with Debian's rustc), SQLite (bench/build-sqlite.sh), or any .wasm file — cold (empty compiled-code cache), until every module
# runs optimized code, and restarted on the cache the cold start left; the first answer and the
# peak resident memory of each. BOOSTER_COMPILER (tiered, optimized, baseline) is passed through.
# Prints a table of medians and the load average before and after.
#
# Usage: bench/startup.sh [--program textkit|wasitest|sqlite|FILE.wasm] [--counts 10,100,200,1000] [--rounds 3] [--ready-to-run] [--served-only]
# --served-only: cold starts only, stopped once served (no wait for optimized code, no restart).
# Copies are kept in bench/.startup (reused by later runs; delete it to make them again).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program=textkit counts=10,100,200,1000 rounds=3 r2r=false served=all
while [ $# -gt 0 ]; do
  case "$1" in
    --program) program="$2"; shift 2 ;;
    --counts) counts="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --ready-to-run) r2r=true; shift ;;
    --served-only) served=served-only; shift ;;
    *) echo "usage: bench/startup.sh [--program textkit|wasitest|sqlite|FILE.wasm] [--counts 10,100] [--rounds N] [--ready-to-run] [--served-only]" >&2; exit 2 ;;
  esac
done
case "$program" in
  textkit|wasitest) module="$("$repo/bench/build-rust.sh" "$program")" ;;
  sqlite) module="$("$repo/bench/build-sqlite.sh")" ;;
  *.wasm) [ -f "$program" ] || { echo "bench/startup.sh: $program not found" >&2; exit 2; }
          module="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")" ;;
  *) echo "bench/startup.sh: --program must be textkit, wasitest, sqlite or a .wasm file" >&2; exit 2 ;;
esac

work="$repo/bench/.startup"
mkdir -p "$work"
# Published as the image publishes it (src/Booster.Runtime/Dockerfile); --ready-to-run adds
# ReadyToRun code to compare. Room for 1000 modules in the cache, so no restart misses.
export BOOSTER_CACHE_MAX_BYTES=16Gi
rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
rm -rf "$work/runtime"
dotnet publish "$repo/src/Booster.Runtime" -c Release -r "$rid" --self-contained false -p:UseAppHost=false \
  -p:PublishReadyToRun="$r2r" -o "$work/runtime" --verbosity quiet >/dev/null
dotnet build "$repo/bench/Booster.Bench" -c Release --verbosity quiet >/dev/null
dotnet "$repo/bench/Booster.Bench/bin/Release/net10.0/Booster.Bench.dll" \
  startup "$work/runtime/Booster.Runtime.dll" "$work" "$module" "$counts" "$rounds" "$served"

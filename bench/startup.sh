#!/usr/bin/env bash
# Start-up benchmark: process start → every module served, for directories of N distinct
# modules (default 1, 10, 100, 200, 1000 modules of 2 MiB), cold (empty compiled-code cache)
# and restarted on the cache the cold start left; peak resident memory of each. The runtime writes
# cache entries after it is ready: a cold start is stopped only once every entry is on disk, and
# the table says when that was ("cached s").
# Prints a table of medians and the load average before and after.
#
# Usage: bench/startup.sh [--counts 1,10,100,200,1000] [--bytes 2097152] [--rounds 3] [--ready-to-run]
# Generated modules are kept in bench/.startup (reused by later runs; delete it to regenerate).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts=1,10,100,200,1000 bytes=2097152 rounds=3 r2r=false
while [ $# -gt 0 ]; do
  case "$1" in
    --counts) counts="$2"; shift 2 ;;
    --bytes) bytes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --ready-to-run) r2r=true; shift ;;
    *) echo "usage: bench/startup.sh [--counts 1,10,100] [--bytes N] [--rounds N] [--ready-to-run]" >&2; exit 2 ;;
  esac
done

work="$repo/bench/.startup"
mkdir -p "$work"
# Published as the image publishes it (src/Booster.Runtime/Dockerfile); --ready-to-run adds
# ReadyToRun code to compare. Room for 1000 modules of 2 MiB in the cache, so no restart misses.
export BOOSTER_CACHE_MAX_BYTES=8Gi
rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
rm -rf "$work/runtime"
dotnet publish "$repo/src/Booster.Runtime" -c Release -r "$rid" --self-contained false -p:UseAppHost=false \
  -p:PublishReadyToRun="$r2r" -o "$work/runtime" --verbosity quiet >/dev/null
dotnet build "$repo/bench/Booster.Bench" -c Release --verbosity quiet >/dev/null
dotnet "$repo/bench/Booster.Bench/bin/Release/net10.0/Booster.Bench.dll" \
  startup "$work/runtime/Booster.Runtime.dll" "$work" "$counts" "$bytes" "$rounds"

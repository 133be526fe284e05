#!/usr/bin/env bash
# HTTP benchmark of the runtime on this machine: GET /health (the server's own floor) against
# POST /run of a tiny WAT module, a C hello, SQLite answering `select 1+1;` and a guest that
# uses 7.5 MiB of memory, measured in the same run, alternating, with wrk on loopback. Prints a
# table of medians, the ratio /run ÷ /health (of the medians, and the median of each round's own
# ratio), the server's page faults and CPU time per request, and wrk's CPU time per request.
#
# Usage: bench/run.sh [--duration SECONDS] [--rounds N] [--connections N] [--threads N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=5 rounds=3 connections=64 threads=2
source "$repo/bench/wrk-lib.sh"
parse_wrk_options "$@"

"$repo/bench/install-bench-tools.sh"

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/modules"
cp "$repo/bench/modules/tiny.wat" "$work/modules/"
cp "$repo/bench/modules/touch8.wat" "$work/modules/"
clang --target=wasm32-wasi -O2 -Wl,--strip-all -o "$work/modules/hello.wasm" "$repo/bench/modules/hello.c"
cp "$("$repo/bench/build-sqlite.sh")" "$work/modules/sqlite.wasm"

port=26780
start_runtime "$work/modules" "$port" BOOSTER_DEFAULT_MODULE=tiny

declare -A results
scenarios=(health tiny hello sqlite touch8)
# Warm-up: JIT, module caches, connection pools.
wrk -t1 -c8 -d2s -s "$repo/bench/post.lua" "http://127.0.0.1:$port/run" >/dev/null
for round in $(seq 1 "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    case "$scenario" in
      health) line="$(measure "http://127.0.0.1:$port/health")" ;;
      tiny) line="$(measure -s "$repo/bench/post.lua" "http://127.0.0.1:$port/modules/tiny/run")" ;;
      hello) line="$(measure -s "$repo/bench/post.lua" "http://127.0.0.1:$port/modules/hello/run")" ;;
      sqlite) line="$(measure -s "$repo/bench/sql.lua" "http://127.0.0.1:$port/modules/sqlite/run")" ;;
      touch8) line="$(measure -s "$repo/bench/post.lua" "http://127.0.0.1:$port/modules/touch8/run")" ;;
    esac
    results[$scenario]+="$line"$'\n'
    echo "round $round $scenario: $line" >&2
  done
done

health_rps="$(column_median health 1)"
rss_kb="$(server_peak_rss_kb)"
echo
echo "Booster runtime HTTP benchmark — $(nproc) cores, wrk -t$threads -c$connections, ${duration}s × $rounds rounds (medians)"
printf '%-22s %10s %9s %9s %7s %9s %12s %12s %12s %12s\n' scenario "req/s" "p50 ms" "p99 ms" errors "÷ health" "per round" "faults/req" \
  "server µs" "client µs"
for scenario in "${scenarios[@]}"; do
  rps="$(column_median "$scenario" 1)"
  printf '%-22s %10.0f %9.3f %9.3f %7.0f %9.2f %12.2f %12.3f %12.1f %12.1f\n' "$scenario" "$rps" "$(column_median "$scenario" 2)" \
    "$(column_median "$scenario" 3)" "$(total_errors "$scenario")" \
    "$(awk -v a="$rps" -v b="$health_rps" 'BEGIN { print a / b }')" "$(round_ratio_median "$scenario" health)" \
    "$(column_median "$scenario" 5)" "$(column_median "$scenario" 6)" "$(column_median "$scenario" 7)"
done
echo "÷ health: median req/s over median /health req/s; per round: median of each round's own ratio"
echo "server µs, client µs: CPU time per request of the runtime and of wrk, which share the cores"
echo "server peak RSS: $((rss_kb / 1024)) MiB"

#!/usr/bin/env bash
# HTTP benchmark of the runtime on this machine: GET /health (the server's own floor) against
# POST /run of a tiny WAT module, a C hello, SQLite answering `select 1+1;` and a guest that
# uses 7.5 MiB of memory, measured in the same run, alternating, with wrk on loopback. Prints a
# table of medians, the ratio /run ÷ /health and the server's page faults per request.
#
# Usage: bench/run.sh [--duration SECONDS] [--rounds N] [--connections N] [--threads N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=5 rounds=3 connections=64 threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--duration S] [--rounds N] [--connections N] [--threads N]" >&2; exit 2 ;;
  esac
done

"$repo/bench/install-bench-tools.sh"

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/modules"
cp "$repo/bench/modules/tiny.wat" "$work/modules/"
cp "$repo/bench/modules/touch8.wat" "$work/modules/"
clang --target=wasm32-wasi -O2 -Wl,--strip-all -o "$work/modules/hello.wasm" "$repo/bench/modules/hello.c"
cp "$("$repo/bench/build-sqlite.sh")" "$work/modules/sqlite.wasm"

dotnet publish "$repo/src/Booster.Runtime" -c Release -o "$work/runtime" --verbosity quiet >/dev/null
port=26780
BOOSTER_PATH="$work/modules" BOOSTER_LISTEN="http://127.0.0.1:$port" BOOSTER_DEFAULT_MODULE=tiny \
  "$work/runtime/Booster.Runtime" >"$work/runtime.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null

# Minor page faults of the server so far (field 10 of /proc/PID/stat).
faults() { awk '{ print $10 }' "/proc/$server/stat"; }

# One wrk run; prints "req/s p50_ms p99_ms errors faults_per_request".
measure() {
  local out before after
  before="$(faults)"
  out="$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" 2>&1)"
  after="$(faults)"
  awk -v faults="$((after - before))" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.3f %.3f %d %.3f\n", rps, p50, p99, errors, requests ? faults / requests : 0 }' <<<"$out"
}

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

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_median() { printf '%s' "${results[$1]}" | awk -v c="$2" 'NF { print $c }' | median; }

health_rps="$(column_median health 1)"
rss_kb="$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")"
echo
echo "Booster runtime HTTP benchmark — $(nproc) cores, wrk -t$threads -c$connections, ${duration}s × $rounds rounds (medians)"
printf '%-22s %10s %9s %9s %7s %9s %12s\n' scenario "req/s" "p50 ms" "p99 ms" errors "÷ health" "faults/req"
for scenario in "${scenarios[@]}"; do
  rps="$(column_median "$scenario" 1)"
  printf '%-22s %10.0f %9.3f %9.3f %7.0f %9.2f %12.3f\n' "$scenario" "$rps" "$(column_median "$scenario" 2)" \
    "$(column_median "$scenario" 3)" "$(printf '%s' "${results[$scenario]}" | awk 'NF { e += $4 } END { print e + 0 }')" \
    "$(awk -v a="$rps" -v b="$health_rps" 'BEGIN { print a / b }')" "$(column_median "$scenario" 5)"
done
echo "server peak RSS: $((rss_kb / 1024)) MiB"

#!/usr/bin/env bash
# HTTP benchmark of the Redis data imports: a C guest doing five Redis round trips per request
# (set, get, exists, get, del) against the same guest told to skip them (env CALLS=0), measured in
# the same run, alternating, with wrk on loopback and a redis-server of its own on loopback.
# Prints a table of medians and the cost of the five calls per request.
#
# Usage: bench/data-imports.sh [--duration SECONDS] [--rounds N] [--connections N] [--threads N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=5 rounds=3 connections=64 threads=2
source "$repo/bench/wrk-lib.sh"
parse_wrk_options "$@"

"$repo/bench/install-bench-tools.sh"
command -v redis-server >/dev/null || {
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
}

work="$(mktemp -d)"
trap 'kill "$server" "$redis" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/modules"
clang --target=wasm32-wasi -O2 -Wl,--strip-all -o "$work/modules/redis5.wasm" "$repo/bench/modules/redis5.c"

redis_port=26379
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
redis=$!

port=26781
start_runtime "$work/modules" "$port" REDIS_URL="redis://127.0.0.1:$redis_port"
# The guest must really reach Redis: set, get and exists answer 0, 13 and 1 ("hello-from-bench"
# is 16 bytes: 0 + 16 + 1 + 16 + 1 = 34).
curl -fs "http://127.0.0.1:$port/modules/redis5/run" -d '{"name":"bench"}' | grep -q '"stdout":"bench:bench 34\\n"' \
  || { echo "the guest did not reach Redis:" >&2; curl -s "http://127.0.0.1:$port/modules/redis5/run" -d '{"name":"bench"}' >&2; exit 1; }

# One wrk run of the guest with this request body.
measure_body() {
  printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'$1'" >"$work/body.lua"
  measure -s "$work/body.lua" "http://127.0.0.1:$port/modules/redis5/run"
}

declare -A results bodies=([five-redis-calls]='{"name":"bench"}' [no-calls]='{"name":"bench","env":{"CALLS":"0"}}')
scenarios=(no-calls five-redis-calls)
measure_body "${bodies[five-redis-calls]}" >/dev/null # warm-up: JIT, connections
for round in $(seq 1 "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    line="$(measure_body "${bodies[$scenario]}")"
    results[$scenario]+="$line"$'\n'
    echo "round $round $scenario: $line" >&2
  done
done

echo
echo "Booster data-import benchmark — $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t$threads -c$connections, ${duration}s × $rounds rounds (medians)"
printf '%-18s %10s %9s %9s %7s\n' scenario "req/s" "p50 ms" "p99 ms" errors
for scenario in "${scenarios[@]}"; do
  printf '%-18s %10.0f %9.3f %9.3f %7.0f\n' "$scenario" "$(column_median "$scenario" 1)" "$(column_median "$scenario" 2)" \
    "$(column_median "$scenario" 3)" "$(total_errors "$scenario")"
done
awk -v a="$(column_median no-calls 1)" -v b="$(column_median five-redis-calls 1)" \
  'BEGIN { printf "five Redis round trips cost %.1f µs per request (%.0f%% of the no-call throughput remains)\n", (1e6 / b - 1e6 / a), 100 * b / a }'
grep -q "is failing" "$work/runtime.log" && { echo "the runtime logged a Redis failure:" >&2; grep "is failing" "$work/runtime.log" >&2; exit 1; }
exit 0

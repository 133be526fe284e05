#!/usr/bin/env bash
# The original booster's stress scenario at full size: 1000 concurrent clients (wrk
# connections) against POST /run on the default pool of 8 with the tuned memory defaults.
# Reports throughput, latency percentiles, failures (non-2xx and socket errors) and the
# server's peak RSS.
#
# Usage: bench/stress.sh [--duration SECONDS] [--connections N] [--pool N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=20 connections=1000 pool=8
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --pool) pool="$2"; shift 2 ;;
    *) echo "usage: bench/stress.sh [--duration S] [--connections N] [--pool N]" >&2; exit 2 ;;
  esac
done
ulimit -n "$((connections * 2 + 1024))"

"$repo/bench/install-bench-tools.sh"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/modules"
cp "$repo/modules/hello.wat" "$work/modules/"
dotnet publish "$repo/src/Booster.Runtime" -c Release -o "$work/runtime" --verbosity quiet >/dev/null

port=26781
BOOSTER_PATH="$work/modules" BOOSTER_LISTEN="http://127.0.0.1:$port" BOOSTER_POOL_MAX="$pool" \
  "$work/runtime/Booster.Runtime" >"$work/runtime.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.1; done

out="$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency -s "$repo/bench/post.lua" "http://127.0.0.1:$port/run" 2>&1)"
echo "$out"
rss_kb="$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")"
echo
echo "Stress: $connections clients, BOOSTER_POOL_MAX=$pool, tuned defaults, ${duration}s"
awk '/Requests\/sec/ { print "  req/s:        " $2 }
     /^ +50%/ { print "  p50:          " $2 }
     /^ +99%/ { print "  p99:          " $2 }
     /requests in/ { print "  requests:     " $1 }
     /Non-2xx/ { print "  non-2xx:      " $NF }
     /Socket errors/ { print "  socket errors:" substr($0, index($0, ":") + 1) }' <<<"$out"
grep -q "Non-2xx" <<<"$out" || echo "  non-2xx:      0"
echo "  peak RSS:     $((rss_kb / 1024)) MiB"
curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^booster_(executions_total|rejections_total)' | sed 's/^/  /'

#!/usr/bin/env bash
# Memory of waiting: N requests with large bodies sent at once to a runtime whose pool is small,
# so that most of them wait for a slot. Samples the server's resident memory (VmRSS) while they
# wait and reports its rise over the idle server, and every answer's status and code.
# Target: 100 waiting bodies of 3 MiB behind a pool of 2 raise RSS by less than 256 MiB, and
# every answer is 200 or 503 overloaded.
#
# Usage: bench/waiting.sh [--requests N] [--body-mib N] [--pool N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests=100 body_mib=3 pool=2
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --body-mib) body_mib="$2"; shift 2 ;;
    --pool) pool="$2"; shift 2 ;;
    *) echo "usage: bench/waiting.sh [--requests N] [--body-mib N] [--pool N]" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || "$repo/bench/install-bench-tools.sh"
work="$(mktemp -d)"
trap 'kill "$server" "$sampler" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/modules" "$work/answers"
cp "$repo/bench/modules/sleepy.wat" "$work/modules/"
dotnet publish "$repo/src/Booster.Runtime" -c Release -o "$work/runtime" --verbosity quiet >/dev/null

# {"stdin":"xxxx…"}: a body of body_mib MiB, as a client with big input sends it.
{ printf '{"stdin":"'; head -c "$((body_mib * 1024 * 1024 - 12))" /dev/zero | tr '\0' 'x'; printf '"}'; } >"$work/body.json"

port=26782
BOOSTER_PATH="$work/modules" BOOSTER_LISTEN="http://127.0.0.1:$port" BOOSTER_POOL_MAX="$pool" \
  BOOSTER_MAX_REQUEST_BYTES="$(((body_mib + 1) * 1024 * 1024))" \
  "$work/runtime/Booster.Runtime" >"$work/runtime.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null
curl -fs "http://127.0.0.1:$port/run" -d '{}' >/dev/null # warm the path with a small request

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
idle_kb="$(rss_kb)"
( peak=0; while kill -0 "$server" 2>/dev/null; do
    now="$(rss_kb)"; [ "$now" -gt "$peak" ] && peak="$now" && echo "$peak" >"$work/peak"
    sleep 0.02
  done ) &
sampler=$!

start="$(date +%s.%N)"
clients=()
for i in $(seq 1 "$requests"); do
  curl -s -o "$work/answers/$i.json" -w '%{http_code}\n' --max-time 120 \
    -H 'content-type: application/json' --data-binary "@$work/body.json" \
    "http://127.0.0.1:$port/run" >"$work/answers/$i.status" 2>/dev/null || echo "000" >"$work/answers/$i.status" &
  clients+=($!)
done
wait "${clients[@]}" || true
elapsed="$(echo "$(date +%s.%N) - $start" | bc)"
kill "$sampler" 2>/dev/null || true
peak_kb="$(cat "$work/peak" 2>/dev/null || echo "$idle_kb")"

ok=0 overloaded=0 other=0
for i in $(seq 1 "$requests"); do
  status="$(cat "$work/answers/$i.status")"
  if [ "$status" = 200 ]; then ok=$((ok + 1))
  elif [ "$status" = 503 ] && grep -q '"code":"overloaded"' "$work/answers/$i.json"; then overloaded=$((overloaded + 1))
  else other=$((other + 1)); echo "  answer $i: $status $(head -c 300 "$work/answers/$i.json")"
  fi
done

rise_mib=$(((peak_kb - idle_kb) / 1024))
echo "Waiting: $requests requests of $body_mib MiB at once, BOOSTER_POOL_MAX=$pool ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  answers:        200 × $ok, 503 overloaded × $overloaded, other × $other (in ${elapsed%.*}s)"
echo "  RSS idle:       $((idle_kb / 1024)) MiB"
echo "  RSS peak:       $((peak_kb / 1024)) MiB"
echo "  RSS rise:       $rise_mib MiB (target < 256 MiB)"
[ "$other" -eq 0 ] && [ "$rise_mib" -lt 256 ] && echo "  target met" || { echo "  target MISSED"; exit 1; }

#!/usr/bin/env bash
# HTTP benchmark of WASI 0.2 components, with wrk on loopback, every scenario alternating in one
# run (bench/build-components.sh builds the guests):
#   hello            Booster, POST /modules/hello/run {"name":"bench"}: the C hello, a core module
#   hello-component  Booster, POST /modules/hello-component/run {"name":"bench"}: the same C
#                    program as a wasi:cli/run command component (jco's preview 1 adapter)
#   greet-js         Booster, POST /modules/greet-js/run {"stdin":"bench"}: the JavaScript
#                    component (componentize-js, about 12 MiB)
#   greet-js-node    the peer: Node serving the same JavaScript component through jco's transpiled
#                    output and preview2-shim (bench/components/peer-server.mjs), POST body "bench"
#                    as stdin, one fresh instance per request, --workers N processes (default: one
#                    per core, as Booster's pool runs one execution per core)
# Each is checked to answer "Hello, bench!" before it is measured. A component the runtime
# refuses (GET /modules lists it under rejected) is reported with the runtime's reason and not
# measured; what runs is measured, and the script then exits 3.
# Prints medians of req/s, p50, p99, errors, the server's CPU time per request (all its
# processes), the median execution time of 200 sequential runs (duration_ms of the answers), the
# ratios component ÷ core and Booster ÷ Node (median of each round's own ratio), and peak RSS.
#
# Usage: bench/components.sh [--duration SECONDS] [--rounds N] [--connections N] [--threads N] [--workers N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=5 rounds=3 connections=64 threads=2 workers="$(nproc)" more_usage=" [--workers N]"
source "$repo/bench/wrk-lib.sh"
wrk_options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="${2-}"; shift $(($# > 1 ? 2 : 1)) ;;
    *) wrk_options+=("$1"); shift ;;
  esac
done
parse_wrk_options "${wrk_options[@]}"
[[ "$workers" =~ ^[1-9][0-9]?$ ]] || { echo "--workers must be a whole number from 1 to 99 (got '$workers')" >&2; exit 2; }

"$repo/bench/install-bench-tools.sh"
declare -A built
while read -r name path; do built[$name]="$path"; done < <("$repo/bench/build-components.sh")

work="$(mktemp -d)"
# server: the runtime from the moment start_runtime starts it, even when it never gets ready.
trap 'kill $server $booster $peer 2>/dev/null || true; rm -rf "$work"' EXIT
server="" booster="" peer=""
mkdir -p "$work/modules"
for module in hello hello-component greet-js; do cp "${built[$module]}" "$work/modules/$module.wasm"; done

port=26783 peer_port=26784
ready_seconds=300 # the JavaScript component is 12 MiB of code to compile
start_runtime "$work/modules" "$port" BOOSTER_DEFAULT_MODULE=hello
booster="$server"
node "$repo/bench/components/peer-server.mjs" "${built[greet-js.node]}" --port "$peer_port" --workers "$workers" \
  >"$work/peer.log" 2>&1 &
peer=$!
# Ready when it answers a run (each worker compiles the component first: seconds on a busy machine).
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$peer_port/" -d 'ready' >/dev/null 2>&1 && break
  kill -0 "$peer" 2>/dev/null || break
  sleep 0.1
done

declare -A url body pid
url[hello]="http://127.0.0.1:$port/modules/hello/run" body[hello]='{"name":"bench"}' pid[hello]="$booster"
url[hello-component]="http://127.0.0.1:$port/modules/hello-component/run" body[hello-component]='{"name":"bench"}' pid[hello-component]="$booster"
url[greet-js]="http://127.0.0.1:$port/modules/greet-js/run" body[greet-js]='{"stdin":"bench"}' pid[greet-js]="$booster"
url[greet-js-node]="http://127.0.0.1:$peer_port/" body[greet-js-node]='bench' pid[greet-js-node]="$peer"

# A scenario is measured when it answers the greeting; a module the runtime refused is reported
# with the reason GET /modules gives.
scenarios=() not_measured=()
for scenario in hello hello-component greet-js greet-js-node; do
  answer="$(curl -s "${url[$scenario]}" -H 'content-type: application/json' -d "${body[$scenario]}")"
  if jq -e '.stdout == "Hello, bench!\n"' <<<"$answer" >/dev/null 2>&1; then
    scenarios+=("$scenario")
    printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'${body[$scenario]}'" \
      >"$work/$scenario.lua"
    continue
  fi
  reason="$(curl -s "http://127.0.0.1:$port/modules" | jq -r --arg name "$scenario" '.rejected[]? | select(.name == $name) | .reason')"
  if [ -n "$reason" ]; then
    not_measured+=("$scenario: the runtime refused the component: $reason")
  elif [ "$scenario" = greet-js-node ]; then
    not_measured+=("$scenario: the Node peer did not answer 'Hello, bench!': ${answer:-no answer}; its log: $(tail -n 5 "$work/peer.log")")
  else
    not_measured+=("$scenario: did not answer 'Hello, bench!': $answer")
  fi
  echo "NOT MEASURED ${not_measured[-1]}" >&2
done
[ ${#scenarios[@]} -gt 0 ] || exit 3

# One wrk run of a scenario, the CPU time counted on the process (tree) that serves it.
measure_scenario() {
  server="${pid[$1]}" measure -s "$work/$1.lua" "${url[$1]}"
}
# Median duration_ms of 200 sequential runs: the execution alone, as the server times it.
run_ms() {
  for _ in $(seq 1 200); do curl -s "${url[$1]}" -H 'content-type: application/json' -d "${body[$1]}"; echo; done |
    jq -r '.duration_ms' | median
}

declare -A results
for scenario in "${scenarios[@]}"; do measure_scenario "$scenario" >/dev/null; done # warm-up: JIT, caches, connections
for round in $(seq 1 "$rounds"); do
  for scenario in "${scenarios[@]}"; do
    line="$(measure_scenario "$scenario")"
    results[$scenario]+="$line"$'\n'
    echo "round $round $scenario: $line" >&2
  done
done
declare -A run_cost
for scenario in "${scenarios[@]}"; do run_cost[$scenario]="$(run_ms "$scenario")"; done

measured() { [[ " ${scenarios[*]} " == *" $1 "* ]]; }
echo
echo "Booster component benchmark — $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t$threads -c$connections, ${duration}s × $rounds rounds (medians); Node peer: $workers worker(s), $(node --version)"
printf '%-16s %10s %9s %9s %7s %12s %12s %10s\n' scenario "req/s" "p50 ms" "p99 ms" errors "server µs" "client µs" "run ms"
for scenario in "${scenarios[@]}"; do
  printf '%-16s %10.0f %9.3f %9.3f %7.0f %12.1f %12.1f %10.3f\n' "$scenario" "$(column_median "$scenario" 1)" \
    "$(column_median "$scenario" 2)" "$(column_median "$scenario" 3)" "$(total_errors "$scenario")" \
    "$(column_median "$scenario" 6)" "$(column_median "$scenario" 7)" "${run_cost[$scenario]}"
done
if measured hello && measured hello-component; then
  printf "hello-component ÷ hello, req/s: %.2f (median of each round's own ratio)\n" "$(round_ratio_median hello-component hello)"
fi
if measured greet-js && measured greet-js-node; then
  printf "greet-js on Booster ÷ on Node, req/s: %.1f (median of each round's own ratio)\n" "$(round_ratio_median greet-js greet-js-node)"
fi
echo "server µs: CPU time per request of the process(es) serving it; client µs: wrk's; run ms: median duration_ms of 200 sequential runs"
echo "peak RSS: Booster $(($(server="$booster" server_peak_rss_kb) / 1024)) MiB, Node peer $(($(server="$peer" server_peak_rss_kb) / 1024)) MiB (all workers)"
if [ ${#not_measured[@]} -gt 0 ]; then
  echo
  printf 'NOT MEASURED %s\n' "${not_measured[@]}"
  exit 3
fi

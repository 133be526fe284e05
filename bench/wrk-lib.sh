# Shared by the wrk benchmarks (sourced, not run): options, starting and waiting for the
# runtime, one measured wrk run, medians.

# Parses --duration, --rounds, --connections, --threads (whole numbers from 1) into the
# variables of those names; the usage line ends with $more_usage, the caller's own options.
parse_wrk_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --duration | --rounds | --connections | --threads)
        [[ "${2-}" =~ ^[1-9][0-9]{0,5}$ ]] || { echo "$1 must be a whole number from 1 (got '${2-}')" >&2; exit 2; }
        printf -v "${1#--}" '%s' "$2"
        shift 2 ;;
      *) echo "usage: $0 [--duration S] [--rounds N] [--connections N] [--threads N]${more_usage-}" >&2; exit 2 ;;
    esac
  done
}

# Waits until the runtime on that port is ready, at most $ready_seconds (10 by default: a
# benchmark whose modules take long to compile sets more); past that, says so with the answer
# of /ready and the end of the runtime's log, and fails.
wait_ready() {
  local deadline=$((SECONDS + ${ready_seconds:-10}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    curl -fs "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the runtime on port $1 was not ready within ${ready_seconds:-10} s: $(curl -s "http://127.0.0.1:$1/ready")" >&2
  [ -f "$work/runtime.log" ] && tail -n 20 "$work/runtime.log" >&2
  return 1
}

# Publishes the runtime in Release into $work/runtime and starts it serving folder $1 on
# 127.0.0.1:$2, with any further VAR=VALUE settings, logging to $work/runtime.log; sets server
# to its pid and waits until it is ready. No drain delay: it stops at once when the benchmark
# ends, and frees its port for the next one.
start_runtime() {
  local modules="$1" port="$2"
  shift 2
  dotnet publish "$repo/src/Booster.Runtime" -c Release -o "$work/runtime" --verbosity quiet >/dev/null
  env BOOSTER_PATH="$modules" BOOSTER_LISTEN="http://127.0.0.1:$port" BOOSTER_DRAIN_DELAY_MS=0 "$@" "$work/runtime/Booster.Runtime" \
    >"$work/runtime.log" 2>&1 &
  server=$!
  wait_ready "$port"
}

# The server (pid in $server) and its descendants: a server may be several processes (the
# Node peer's workers), and what they all spend is the server's.
server_pids() {
  local pid="${1:-$server}" child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do server_pids "$child"; done
}
# Field $1 of /proc/PID/stat summed over the server's processes (fields counted after the
# command name, which is in parentheses and may hold spaces: field 3 is the state).
server_stat_sum() {
  local pid
  for pid in $(server_pids); do sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null; done |
    awk -v f="$(($1 - 2))" '{ sum += $f } END { print sum + 0 }'
}
# Minor page faults of the server so far: field 10 of /proc/PID/stat.
faults() { server_stat_sum 10; }
# CPU time of the server so far, user and system, in clock ticks: fields 14 and 15.
server_ticks() { echo "$(($(server_stat_sum 14) + $(server_stat_sum 15)))"; }
# Peak resident memory of the server, in KiB: VmHWM summed over its processes.
server_peak_rss_kb() {
  local pid
  for pid in $(server_pids); do awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null; done | awk '{ sum += $1 } END { print sum + 0 }'
}

# One wrk run (wrk's own arguments after the common ones); prints
# "req/s p50_ms p99_ms errors faults_per_request server_µs_per_request client_µs_per_request":
# the server's page faults and CPU time per request, and wrk's own CPU time per request (the
# client shares the cores, so what it spends per request weighs on every ratio too).
measure() {
  local out before after ticks_before ticks_after TIMEFORMAT='client-cpu %U %S'
  before="$(faults)"
  ticks_before="$(server_ticks)"
  out="$( { time wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" 2>&1; } 2>&1)"
  ticks_after="$(server_ticks)"
  after="$(faults)"
  awk -v faults="$((after - before))" -v ticks="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    /^client-cpu/ { client = $2 + $3 }
    END {
      per = requests ? 1 / requests : 0
      printf "%.0f %.3f %.3f %d %.3f %.1f %.1f\n", rps, p50, p99, errors, faults * per, ticks / hz * 1e6 * per, client * 1e6 * per
    }' <<<"$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Median of column $2 of the lines collected for scenario $1 (in the associative array results).
column_median() { printf '%s' "${results[$1]}" | awk -v c="$2" 'NF { print $c }' | median; }
# Median over the rounds of scenario $1's req/s divided by $2's in the same round: the ratio of
# two scenarios measured seconds apart, which the machine's drift between rounds touches least.
round_ratio_median() {
  paste -d' ' <(printf '%s' "${results[$1]}" | awk 'NF { print $1 }') <(printf '%s' "${results[$2]}" | awk 'NF { print $1 }') |
    awk '{ print $1 / $2 }' | median
}
# Errors summed over the rounds of scenario $1.
total_errors() { printf '%s' "${results[$1]}" | awk 'NF { e += $4 } END { print e + 0 }'; }

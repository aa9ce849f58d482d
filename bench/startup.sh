#!/usr/bin/env bash
# Startup overhead of `arc up flash sonic`, measured against the servers themselves in ONE run
# (several alternating rounds inside it; medians reported).
#
#   figure  time from invoking `bin/arc up flash sonic` until it exits with both healthy and the
#           JetStream streams applied (fresh data directories, native driver)
#   anchor  the same two servers with the same command lines arc derived (read back from arc's run
#           records), spawned directly on other free ports, polled by a tight pure-bash loop over
#           /dev/tcp (no process spawned per poll) until both answer
#   target  figure - anchor <= 25 ms (issue 10; was 100 ms)
#
# Then, with both up: `arc health flash sonic` (one process probing both concurrently) next to
# the plan's probes run in turn (`curl -sf http://127.0.0.1:MONITOR/healthz` then `redis-cli -p
# PORT ping`), alternating, medians of HEALTH_ROUNDS; target arc <= 0.8 x the probes. Last, the
# peak RSS of each command (GNU time -v, package `time`).
#
# Never touches a running stack: everything happens in a temporary copy of services/ with free
# ports, torn down on exit. Uses bash, date, sed/awk, bin/arc, the servers, curl, redis-cli and /usr/bin/time.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arc="$repo/bin/arc"
[ -x "$arc" ] || { echo "bench: $arc is missing; run 'make arc' first" >&2; exit 2; }

work=$(mktemp -d /tmp/arc-bench.XXXXXX)
chmod 755 "$work"   # the unprivileged server user must be able to enter it when arc runs as root
anchor_pids=()
cleanup() {
  "$arc" --root "$work/repo" down flash sonic --driver native >/dev/null 2>&1 || true
  for pid in "${anchor_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }

source "$repo/bench/lib.sh"
copy_services_with_free_ports "$repo" "$work/repo"

# Warm the page cache for both binaries and arc, so neither side pays a cold first exec.
"$arc" --version >/dev/null 2>&1 || true
nats-server --version >/dev/null 2>&1 || /usr/sbin/nats-server --version >/dev/null 2>&1 || true
redis-server --version >/dev/null 2>&1 || true

# --- figure: arc ---------------------------------------------------------------------------
figure_run() {   # prints invoke-to-exit of `arc up flash sonic` on fresh data, in ms
  "$arc" --root "$work/repo" clean flash sonic --yes --driver native >/dev/null 2>&1 || true
  local start
  start=$(now_ns)
  if ! "$arc" --root "$work/repo" up flash sonic --driver native --json >"$work/up.json" 2>"$work/up.err"; then
    echo "bench: arc up failed:" >&2; cat "$work/up.err" "$work/up.json" >&2; exit 1
  fi
  echo $(( ($(now_ns) - start) / 1000000 ))
  grep -q '"codename":"flash","name":"[^"]*","status":"healthy"' "$work/up.json" \
    && grep -q '"codename":"sonic","name":"[^"]*","status":"healthy"' "$work/up.json" \
    || { echo "bench: not both healthy:" >&2; cat "$work/up.json" >&2; exit 1; }
  grep -q 'provisioned' "$work/up.err" || { echo "bench: no streams were applied" >&2; exit 1; }
}
figure_run >/dev/null   # also writes the run records the anchor reads its command lines from

# The server command lines arc derived, from its run records (the first "arguments" list is the server's).
server_of() { awk '/"executable"/ { gsub(/[",]/, "", $2); print $2; exit }' "$work/repo/.arc/run/$1.json"; }
arguments_of() {
  awk '/"arguments": \[/ { inside = 1; next } inside && /\]/ { exit } inside { sub(/^ *"/, ""); sub(/",?$/, ""); print }' \
    "$work/repo/.arc/run/$1.json"
}
mapfile -t nats_args < <(arguments_of flash)
mapfile -t redis_args < <(arguments_of sonic)
nats_bin=$(server_of flash)
redis_bin=$(server_of sonic)
"$arc" --root "$work/repo" down flash sonic --driver native >/dev/null 2>&1

# Same flags, other ports and data directories.
swap() { local -n args=$1; local flag=$2 value=$3 i; for i in "${!args[@]}"; do [ "${args[$i]}" = "$flag" ] && args[i+1]=$value; done; }

# --- anchor: the servers on their own -----------------------------------------------------------
nats_ready() { local reply; exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1; printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3; read -r -t 1 reply <&3; exec 3>&-; [[ $reply == *" 200 "* ]]; }
redis_ready() { local reply; exec 4<>"/dev/tcp/127.0.0.1/$1" || return 1; printf 'PING\r\n' >&4; read -r -t 1 reply <&4; exec 4>&-; [[ $reply == "+PONG"* ]]; }

anchor_run() {   # prints spawn-to-both-ready in ms
  local label=$1 nats_port nats_monitor redis_port
  nats_port=$(next_free_port); nats_monitor=$(next_free_port); redis_port=$(next_free_port)
  local n=("${nats_args[@]}") r=("${redis_args[@]}")
  swap n --port "$nats_port"; swap n --http_port "$nats_monitor"; swap n --store_dir "$work/anchor-$label/nats"
  swap r --port "$redis_port"; swap r --dir "$work/anchor-$label/redis"
  mkdir -p "$work/anchor-$label/nats" "$work/anchor-$label/redis"
  local t0 nats_done="" redis_done=""
  t0=$(now_ns)
  "$nats_bin" "${n[@]}" >"$work/anchor-$label/nats.log" 2>&1 & anchor_pids+=($!)
  "$redis_bin" "${r[@]}" >"$work/anchor-$label/redis.log" 2>&1 & anchor_pids+=($!)
  while [ -z "$nats_done" ] || [ -z "$redis_done" ]; do
    [ -z "$nats_done" ] && nats_ready "$nats_monitor" 2>/dev/null && nats_done=1
    [ -z "$redis_done" ] && redis_ready "$redis_port" 2>/dev/null && redis_done=1
    (( ($(now_ns) - t0) > 30000000000 )) && { echo "bench: servers not ready in 30 s" >&2; exit 1; }
  done
  echo $(( ($(now_ns) - t0) / 1000000 ))
  for pid in "${anchor_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  anchor_pids=()
}
# Rounds alternate arc and the bare servers, so both see the same machine load; medians are reported.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rounds=${ROUNDS:-5}
figures=() anchors=()
printf '%-6s %10s %10s\n' round "arc ms" "alone ms"
for round in $(seq 1 "$rounds"); do
  figures+=("$(figure_run)")
  "$arc" --root "$work/repo" down flash sonic --driver native >/dev/null 2>&1
  anchors+=("$(anchor_run "r$round")")
  printf '%-6s %10d %10d\n' "$round" "${figures[-1]}" "${anchors[-1]}"
done
figure_ms=$(printf '%s\n' "${figures[@]}" | median)
anchor_ms=$(printf '%s\n' "${anchors[@]}" | median)

overhead=$(( figure_ms - anchor_ms ))
verdict=$([ "$overhead" -le 25 ] && echo "within target" || echo "OVER target")
echo
printf '%-62s %8s\n' "median of $rounds rounds" "ms"
printf '%-62s %8d\n' "arc up flash sonic -> both healthy, streams applied" "$figure_ms"
printf '%-62s %8d\n' "nats-server + redis-server alone, spawn -> both ready" "$anchor_ms"
printf '%-62s %8d   (target <= 25: %s)\n' "arc adds" "$overhead" "$verdict"

# --- arc health beside the plan's probes ------------------------------------------------------
"$arc" --root "$work/repo" up flash sonic --driver native >/dev/null 2>&1
port_of() { awk -v key="$2:" '/^ports:/ { p = 1 } p && $1 == key { gsub(/[^0-9 ]/, " "); print $1; exit }' "$work/repo/services/$1/service.yaml"; }
monitor_port=$(port_of messaging monitor); redis_port=$(port_of cache client)
arc_health() { "$arc" --root "$work/repo" health flash sonic --driver native >/dev/null; }
plan_probes() { curl -sf "http://127.0.0.1:$monitor_port/healthz" >/dev/null && redis-cli -p "$redis_port" ping | grep -q PONG; }
timed_ms() { local start; start=$(now_ns); "$@" || { echo "bench: $* failed" >&2; exit 1; }; echo $(( ($(now_ns) - start) / 1000 )); }
arc_health; plan_probes   # warm both
health_rounds=${HEALTH_ROUNDS:-15}
health=() probes=()
for round in $(seq 1 "$health_rounds"); do
  if (( round % 2 )); then health+=("$(timed_ms arc_health)"); probes+=("$(timed_ms plan_probes)")
  else probes+=("$(timed_ms plan_probes)"); health+=("$(timed_ms arc_health)"); fi
done
health_us=$(printf '%s\n' "${health[@]}" | median)
probes_us=$(printf '%s\n' "${probes[@]}" | median)
echo
printf '%-62s %8s\n' "median of $health_rounds alternating rounds" "ms"
printf '%-62s %8.1f\n' "arc health flash sonic" "$(awk -v u="$health_us" 'BEGIN { print u / 1000 }')"
printf '%-62s %8.1f\n' "curl -sf .../healthz, then redis-cli ping (the plan's probes)" "$(awk -v u="$probes_us" 'BEGIN { print u / 1000 }')"
awk -v h="$health_us" -v p="$probes_us" 'BEGIN { r = h / p; printf "%-62s %8.2f   (target <= 0.80: %s)\n", "ratio", r, (r <= 0.8 ? "met" : "NOT met") }'

# --- peak RSS ------------------------------------------------------------------------------
rss_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'; }
if [ -x /usr/bin/time ]; then
  echo
  printf '%-62s %8s\n' "peak RSS of each command" "MiB"
  "$arc" --root "$work/repo" down flash sonic --driver native >/dev/null 2>&1
  "$arc" --root "$work/repo" clean flash sonic --yes --driver native >/dev/null 2>&1 || true
  for label in "arc up flash sonic|$arc --root $work/repo up flash sonic --driver native" \
               "arc health flash sonic|$arc --root $work/repo health flash sonic --driver native" \
               "curl -sf .../healthz|curl -sf http://127.0.0.1:$monitor_port/healthz" \
               "redis-cli ping|redis-cli -p $redis_port ping"; do
    IFS='|' read -r name command <<<"$label"
    # shellcheck disable=SC2086
    awk -v n="$name" -v k="$(rss_kb $command)" 'BEGIN { printf "%-62s %8.1f\n", n, k / 1024 }'
  done
else
  echo "bench: /usr/bin/time is missing (package time; scripts/ensure-deps.sh test installs it): no RSS figures" >&2
fi

#!/usr/bin/env bash
# `arc bench sonic` beside redis-benchmark, in ONE run against one server.
#
#   figure  ops/s of `bin/arc bench sonic --op OP --clients C --size S --pipeline P --requests N`
#   anchor  ops/s of `redis-benchmark -t OP -c C -d S -P P -n N` (same op, size, connections, depth)
#   target  figure / anchor >= 0.9 for SET and GET, unpipelined (50 connections) and pipelined (32)
#
# Each round runs every case once with each tool, alternating which goes first, so both see the
# same machine load; medians of the rounds are reported beside every pair. The server is Sonic as
# arc derives it (`arc up sonic`, native driver) in a temporary copy of services/ on a free port,
# torn down on exit. Uses bash, awk, bin/arc, redis-benchmark and redis-cli (package redis-tools).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arc="$repo/bin/arc"
[ -x "$arc" ] || { echo "bench: $arc is missing; run 'make arc' first" >&2; exit 2; }
command -v redis-benchmark >/dev/null || { echo "bench: redis-benchmark is missing; run 'scripts/ensure-deps.sh run'" >&2; exit 2; }

rounds=${ROUNDS:-3}
clients=${CLIENTS:-50}
size=${SIZE:-128}
requests=${REQUESTS:-100000}        # per unpipelined run; pipelined runs do 5x as many
cases=("set 1" "get 1" "set 32" "get 32")

source "$repo/bench/lib.sh"
up_in_temporary_copy "$repo" "$arc" sonic
port=$(awk '/^ports:/ { p = 1 } p && /client:/ { gsub(/[^0-9 ]/, " "); print $1; exit }' "$work/repo/services/cache/service.yaml")
redis-cli -p "$port" ping >/dev/null

# redis-benchmark's GET reads the key its SET writes; give it a value of the same size up front.
redis-cli -p "$port" set 'key:__rand_int__' "$(head -c "$size" /dev/zero | tr '\0' x)" >/dev/null

arc_run() {   # op pipeline n -> ops/s
  "$arc" --root "$work/repo" --json bench sonic --op "$1" --pipeline "$2" --requests "$3" --clients "$clients" --size "$size" 2>"$work/arc.err" \
    | sed -E 's/.*"ops_per_sec":([0-9.]+).*/\1/' || { cat "$work/arc.err" >&2; exit 1; }
}
anchor_run() {   # op pipeline n -> requests/s
  redis-benchmark -p "$port" -t "$1" -P "$2" -n "$3" -c "$clients" -d "$size" --csv 2>/dev/null \
    | awk -F'"' 'NR == 2 { print $4 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A figures anchors
printf '%-6s %-14s %12s %12s %7s\n' round case "arc ops/s" "r-b ops/s" ratio
for round in $(seq 1 "$rounds"); do
  for case in "${cases[@]}"; do
    read -r op depth <<<"$case"
    n=$(( depth == 1 ? requests : requests * 5 ))
    if (( round % 2 )); then f=$(arc_run "$op" "$depth" "$n"); a=$(anchor_run "$op" "$depth" "$n")
    else a=$(anchor_run "$op" "$depth" "$n"); f=$(arc_run "$op" "$depth" "$n"); fi
    figures[$case]+="$f "; anchors[$case]+="$a "
    printf '%-6s %-14s %12.0f %12.0f %7.2f\n' "$round" "$op -P $depth" "$f" "$a" "$(awk -v f="$f" -v a="$a" 'BEGIN { print f / a }')"
  done
done
redis-cli -p "$port" del 'key:__rand_int__' >/dev/null
leftover=$(redis-cli -p "$port" --scan --pattern 'arc:bench:*' | wc -l)

echo
printf 'median of %d rounds, %d connections, %d-byte values\n' "$rounds" "$clients" "$size"
printf '%-14s %12s %12s %7s   %s\n' case "arc ops/s" "r-b ops/s" ratio "(target >= 0.90)"
for case in "${cases[@]}"; do
  read -r op depth <<<"$case"
  f=$(tr ' ' '\n' <<<"${figures[$case]}" | grep . | median)
  a=$(tr ' ' '\n' <<<"${anchors[$case]}" | grep . | median)
  awk -v c="$op -P $depth" -v f="$f" -v a="$a" 'BEGIN { r = f / a; printf "%-14s %12.0f %12.0f %7.2f   %s\n", c, f, a, r, (r >= 0.9 ? "met" : "NOT met") }'
done
echo "arc:bench:* keys left on the server: $leftover"

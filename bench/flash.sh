#!/usr/bin/env bash
# `arc bench flash` beside the server's raw ingest limit, in ONE run against one server.
#
#   figure  `bin/arc bench flash --op OP`: core publish, publish->subscribe, request/reply, and
#           JetStream publish with acks (async window, file-storage stream made and deleted by the run)
#   anchor  `bin/arc bench flash --raw --op publish|js-publish`: pre-encoded PUB frames written to a
#           plain socket as fast as nats-server takes them (no client library), ending with PING/PONG;
#           for JetStream the same frames carry a reply inbox and the acks are counted off the socket
#           under the same window
#   target  core publish >= 0.7 x raw publish; JetStream publish-with-ack >= 0.7 x raw JetStream
#           (pubsub and request/reply are printed beside the raw publish limit for scale)
#
# Rounds alternate figure and anchor so both see the same machine load; medians are reported.
# The server is Flash as arc derives it (`arc up flash`, native driver) in a temporary copy of
# services/ on free ports, torn down on exit. Uses only bash, awk, sed and bin/arc.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arc="$repo/bin/arc"
[ -x "$arc" ] || { echo "bench: $arc is missing; run 'make arc' first" >&2; exit 2; }

rounds=${ROUNDS:-3}
size=${SIZE:-128}
window=${WINDOW:-256}
scale=${SCALE:-1}    # multiplies every request count

source "$repo/bench/lib.sh"
up_in_temporary_copy "$repo" "$arc" flash
monitor=$(awk '/^ports:/ { p = 1 } p && /monitor:/ { gsub(/[^0-9 ]/, " "); print $1; exit }' "$work/repo/services/messaging/service.yaml")
stream_count() {   # JetStream's stream count from the monitor endpoint, over bash's /dev/tcp
  exec 3<>"/dev/tcp/127.0.0.1/$monitor"; printf 'GET /jsz HTTP/1.0\r\n\r\n' >&3
  sed -nE 's/^ *"streams": *([0-9]+).*/\1/p' <&3 | head -1; exec 3>&-
}
streams_before=$(stream_count)

# name | arc arguments | anchor name | requests
cases=(
  "publish|--op publish --clients 1|raw-publish|1000000"
  "js-publish|--op js-publish --clients 1 --pipeline $window|raw-js-publish|100000"
  "pubsub|--op pubsub --clients 1|raw-publish|300000"
  "request-reply|--op request-reply --clients 4 --pipeline 1|raw-publish|50000"
)
bench() {   # requests args... -> "ops_per_sec mb_per_sec p50_us p99_us"
  local n=$1; shift
  "$arc" --root "$work/repo" --json bench flash --size "$size" --requests "$(awk -v n="$n" -v s="$scale" 'BEGIN { printf "%d", n * s }')" "$@" 2>"$work/err" >"$work/out" \
    || { cat "$work/err" >&2; exit 1; }
  sed -E 's/.*"ops_per_sec":([0-9.]+).*"p50_us":([0-9.]+|null),"p99_us":([0-9.]+|null).*"mb_per_sec":([0-9.]+).*/\1 \4 \2 \3/' "$work/out"
}
declare -A anchor_args=(
  [raw-publish]="--raw --op publish --clients 1|1000000"
  [raw-js-publish]="--raw --op js-publish --clients 1 --pipeline $window|100000"
)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A figures anchors latencies
printf '%-6s %-14s %12s %12s %7s\n' round figure "ops/s" "anchor ops/s" ratio
for round in $(seq 1 "$rounds"); do
  for entry in "${cases[@]}"; do
    IFS='|' read -r name args anchor n <<<"$entry"
    IFS='|' read -r aargs an <<<"${anchor_args[$anchor]}"
    # shellcheck disable=SC2086
    if (( round % 2 )); then f=$(bench "$n" $args); a=$(bench "$an" $aargs)
    else a=$(bench "$an" $aargs); f=$(bench "$n" $args); fi
    read -r fops fmb fp50 fp99 <<<"$f"; read -r aops _ <<<"$a"
    figures[$name]+="$fops "; anchors[$name]+="$aops "; latencies[$name]="$fmb MB/s, p50 $fp50 us, p99 $fp99 us"
    printf '%-6s %-14s %12.0f %12.0f %7.2f\n' "$round" "$name" "$fops" "$aops" "$(awk -v f="$fops" -v a="$aops" 'BEGIN { print f / a }')"
  done
done
leftover=$(( $(stream_count) - streams_before ))

echo
printf 'median of %d rounds, %d-byte messages, JetStream window %d\n' "$rounds" "$size" "$window"
printf '%-14s %12s %-15s %12s %7s   %s\n' figure "ops/s" anchor "ops/s" ratio target
for entry in "${cases[@]}"; do
  IFS='|' read -r name _ anchor _ <<<"$entry"
  f=$(tr ' ' '\n' <<<"${figures[$name]}" | grep . | median)
  a=$(tr ' ' '\n' <<<"${anchors[$name]}" | grep . | median)
  target=$([[ $name == publish || $name == js-publish ]] && echo 0.7 || echo -)
  awk -v n="$name" -v f="$f" -v an="$anchor" -v a="$a" -v t="$target" -v l="${latencies[$name]}" 'BEGIN {
    r = f / a; v = (t == "-") ? "(scale)" : (r >= t ? ">= " t " met" : ">= " t " NOT met")
    printf "%-14s %12.0f %-15s %12.0f %7.2f   %s   [%s]\n", n, f, an, a, r, v, l }'
done
echo "bench streams left on the server: $leftover"

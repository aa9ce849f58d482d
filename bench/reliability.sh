#!/usr/bin/env bash
# Reliability figures of the native driver (issue 8), one line per scenario:
#   durability  kill -9 during load; acked JetStream messages and acked Redis writes vs kept after restart
#   contention  parallel up and down of the same service
#   faults      kill -9 (the supervisor restarts), SIGSTOP (down still stops it), full disk (health --deep
#               names the full file store), unwritable state (refused before anything starts)
#   hostile     hostile state and records by class: cases tried, crashes (exit >= 70 or a signal), hangs
# Uses bin/arc, redis-cli, curl and bash's /dev/tcp only; run as root for the full-disk scenario (a tmpfs).
# Usage: bench/reliability.sh [ROUNDS] [WRITES]   (defaults 3 rounds of 20000 writes each)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
. "$here/lib.sh"
rounds=${1:-3}
writes=${2:-20000}
arc="$repo/bin/arc"
[[ -x $arc ]] || { echo "bin/arc is missing: run make arc" >&2; exit 2; }

work=$(mktemp -d /tmp/arc-reliability.XXXXXX)
chmod 755 "$work"
cleanup() {
  chattr -i "$work/.arc" 2>/dev/null
  "$arc" down --driver native --root "$work" >/dev/null 2>&1
  mountpoint -q "$work/.arc/data" && umount "$work/.arc/data"
  rm -rf "$work"
}
trap cleanup EXIT
copy_services_with_free_ports "$repo" "$work"
port() { grep -A3 "^ports:" "$work/services/$1/service.yaml" | grep -m1 -oE "host: [0-9]+" | grep -oE "[0-9]+"; }
nats_port=$(port messaging); monitor_port=$(grep -oE "monitor: \{host: [0-9]+" "$work/services/messaging/service.yaml" | grep -oE "[0-9]+$")
redis_port=$(port cache)
a() { timeout 120 "$arc" "$@" --root "$work"; }
server_pid() { a --json status | grep -oE "\"codename\":\"$1\"[^}]*" | grep -oE 'pid [0-9]+ as' | grep -oE '[0-9]+'; }
wait_healthy() { for _ in $(seq 600); do a health "$1" --driver native >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "$1 not healthy: $(a status 2>&1 | grep "^$1")" >&2; return 1; }
stream_messages() { a --json streams list 2>/dev/null | grep -oE '"name":"AGENT_COMMANDS"[^}]*' | grep -oE '"messages":[0-9]+' | grep -oE '[0-9]+'; }
listeners() { ss -ltnH "sport = :$1" | wc -l; }
# The supervisor counts a server that dies within 10 s of its start as a crash loop and doubles its
# back-off (1, 2, 4 … 30 s), as compose does; a run of 10 s resets it to 1 s. A round kills servers
# that have served past that window, as a crash in production would, so every restart comes after
# 1 s; killing faster would measure the crash-loop back-off instead (past 5 rounds, 30 s a restart).
serving_since_10s() { local pid; pid=$(server_pid "$1"); [[ -n $pid ]] && (( $(ps -o etimes= -p "$pid" || echo 0) >= 10 )); }
settle() { for c in "$@"; do for _ in $(seq 300); do serving_since_10s "$c" && break; sleep 0.2; done; done; }
restart_delays() { cat "$work"/.arc/logs/{flash,sonic}.log* 2>/dev/null | grep -oE 'arc-supervise: restarting .*in [0-9]+ s' | grep -oE '[0-9]+ s$' | sort -u | paste -sd, -; }

a up flash sonic --driver native >/dev/null || { echo "up failed" >&2; exit 1; }

# Publishes WRITES JetStream messages on one connection; prints how many the server acknowledged.
publish_acked() {
  trap '' PIPE
  exec 3<>"/dev/tcp/127.0.0.1/$nats_port" || { echo 0; return; }
  { printf 'CONNECT {"verbose":false}\r\nSUB _rel.ack.> 1\r\n'
    for ((i = 0; i < writes; i++)); do printf 'PUB agent.reliability.cmd _rel.ack.%d 1\r\nx\r\n' "$i"; done
  } >&3 2>/dev/null
  timeout 20 grep -c '"seq"' <&3 || true
  exec 3<&-
}

# Increments one counter WRITES times; prints how many increments Redis acknowledged.
incr_acked() {
  trap '' PIPE
  for ((i = 0; i < writes; i++)); do echo "INCR reliability"; done \
    | redis-cli -p "$redis_port" 2>/dev/null | grep -cE '^[0-9]+$' || true
}

jet_acked=0 jet_lost=0 red_acked=0 red_lost=0
for ((round = 1; round <= rounds; round++)); do
  settle flash sonic
  before=$(stream_messages); before=${before:-0}
  counter_before=$(redis-cli -p "$redis_port" GET reliability); counter_before=${counter_before:-0}
  publish_acked >"$work/jet.$round" & pub=$!
  incr_acked >"$work/red.$round" & inc=$!
  sleep 0.3
  kill -9 "$(server_pid flash)" "$(server_pid sonic)" 2>/dev/null
  wait "$pub" "$inc"
  wait_healthy flash && wait_healthy sonic || { echo "round $round: not restarted" >&2; exit 1; }
  acked=$(<"$work/jet.$round"); after=$(stream_messages)
  jet_acked=$((jet_acked + acked)); ((acked > after - before)) && jet_lost=$((jet_lost + acked - (after - before)))
  acked=$(<"$work/red.$round"); counter=$(redis-cli -p "$redis_port" GET reliability)
  red_acked=$((red_acked + acked)); ((acked > counter - counter_before)) && red_lost=$((red_lost + acked - (counter - counter_before)))
done
echo "durability: $rounds kill -9 rounds; jetstream acked $jet_acked, lost $jet_lost; redis acked $red_acked, lost $red_lost; restarted after $(restart_delays)"

# Contention: five ups, then five downs, at once.
failed=0
for _ in 1 2 3 4 5; do a up sonic --driver native >/dev/null 2>&1 & done
for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
servers=$(listeners "$redis_port")
for _ in 1 2 3 4 5; do a down sonic --driver native >/dev/null 2>&1 & done
for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
left=$(listeners "$redis_port")
echo "contention: 5 parallel up + 5 parallel down; failed $failed, servers while up $servers (want 1), left after down $left"

# Faults.
a up sonic --driver native >/dev/null
first=$(server_pid sonic); kill -9 "$first"; wait_healthy sonic; second=$(server_pid sonic)
restarted=$([[ -n $second && $second != "$first" ]] && echo yes || echo no)
kill -STOP "$(server_pid sonic)"
a down sonic --driver native >/dev/null; stopped_down=$?
left=$(listeners "$redis_port")
full="not run (needs root)"
if [[ $(id -u) == 0 ]]; then
  a down flash --driver native >/dev/null
  rm -rf "$work/.arc/data/flash"
  mount -t tmpfs -o size=16m,mode=755 tmpfs "$work/.arc/data" && {
    a up flash --driver native >/dev/null
    dd if=/dev/zero of="$work/.arc/data/filler" bs=1M count=64 2>/dev/null
    out=$(a health flash --deep --driver native 2>&1); code=$?
    full="health --deep exit $code, $(grep -oE 'file store full[^(;]*' <<<"$out" | head -1)"
    a down flash --driver native >/dev/null; umount "$work/.arc/data"
  }
fi
chattr +i "$work/.arc"
out=$(a up sonic --driver native 2>&1); code=$?
chattr -i "$work/.arc"
unwritable="exit $code, $(grep -c 'read-only' <<<"$out") read-only message, $(listeners "$redis_port") listening"
echo "faults: kill -9 restarted $restarted; SIGSTOP then down exit $stopped_down, left $left; full disk: $full; unwritable .arc: $unwritable"

# Hostile state and records, by class.
tried=0 crashes=0 hangs=0 wrong=0 wrong_cases=""
try() { # try CLASS EXPECTED-EXIT SETUP...: sets up, runs up sonic, undoes
  local expected=$1; shift
  "$@"
  timeout 60 "$arc" up sonic --driver native --timeout 20 --root "$work" >/dev/null 2>&1; local code=$?
  tried=$((tried + 1))
  ((code == 124)) && hangs=$((hangs + 1))
  ((code >= 70 && code != 124)) && crashes=$((crashes + 1))
  ((code != expected && code != 124 && code < 70)) && { wrong=$((wrong + 1)); wrong_cases+=" [${*: -1}: exit $code]"; }
  a down sonic --driver native >/dev/null 2>&1; rm -rf "$work/.arc"
}
rm -rf "$work/.arc"
victim=$(mktemp -d)
for link in .arc .arc/run .arc/logs .arc/data .arc/data/sonic .arc/logs/sonic.log .arc/run/sonic.json .arc/lock; do
  try 1 bash -c "mkdir -p '$work/$(dirname $link)' && ln -s '$victim' '$work/$link'"
done
for dir in .arc .arc/run .arc/logs .arc/data; do
  try 1 bash -c "mkdir -p '$work/$(dirname $dir)' && echo x > '$work/$dir'"
  try 1 bash -c "mkdir -p '$work/$dir' && chown 4242 '$work/$dir'"
done
for record in '' '{}' '[1]' '{"codename":"sonic"}' '{"codename":"sonic","server":{"pid":1},"ports":{},"sidecars":[]}' 'nul'; do
  try 1 bash -c "mkdir -p '$work/.arc/run' && printf '%s' '$record' > '$work/.arc/run/sonic.json'"
done
rm -rf "$victim"
echo "hostile: $tried cases (links 8, files 4, foreign owners 4, records 6); crashes $crashes, hangs $hangs, unexpected exit $wrong$wrong_cases"

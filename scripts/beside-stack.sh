#!/usr/bin/env bash
# Issue 18.1's check: the test suite runs beside a user's stack and leaves it untouched.
#
#   beside-stack.sh start STATE   before the tests: a native stack (profile transport) on the repository's
#                                 DEFAULT ports, started with bin/arc in a scratch copy of services/; when
#                                 something already listens on a default port (the user's own stack, native
#                                 or docker), that stack is observed instead and nothing is started
#   beside-stack.sh check STATE   after the tests: the same listeners (pids) on the default ports, the same
#                                 run records, the same data (sha256 of every file), the Redis key and the
#                                 JetStream streams as they were, and this checkout's .arc/ as it was.
#                                 Exit 0 untouched, 1 with each difference named.
#   beside-stack.sh stop STATE    `arc down` of the stack it started (never of one it only observed); deletes STATE
#
# Only loopback is used: the stack binds 127.0.0.1, redis-cli talks to 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
arc=$checkout/bin/arc

die() { echo "beside-stack: $*" >&2; exit 1; }

# Every host port the registry declares (servers and exporters): where a user's stack listens.
default_ports() {
  "$arc" --root "$checkout" --json services | python3 -c '
import json, sys
for s in json.load(sys.stdin)["services"]:
    for p in s["ports"]:
        print(p["host"])
    if s.get("metrics") and s["metrics"].get("exporter"):
        print(s["metrics"]["port"])' | sort -un
}

# "PORT PID" for each listener on a default port, from the kernel's socket table (ss), sorted.
listeners() {
  local ports=" $(tr '\n' ' ' <"$1/ports")"
  ss -Hltnp 2>/dev/null | awk -v ports="$ports" '{
      n = split($4, a, ":"); port = a[n];
      if (index(ports, " " port " ") == 0) next;
      pid = "?"; if (match($0, /pid=[0-9]+/)) pid = substr($0, RSTART + 4, RLENGTH - 4);
      print port, pid }' | sort -u
}

# What a stack's own state says: run records (pids, start times) and a checksum of every data file.
state_of() {
  local arc_dir=$1
  [ -d "$arc_dir" ] || { echo "no $arc_dir"; return; }
  if [ -d "$arc_dir/run" ]; then
    find "$arc_dir/run" -type f -name '*.json' | sort | xargs -r sha256sum
  fi
  # JetStream's msgs/N.idx is an index nats-server rewrites from its blocks when it likes (seconds after a
  # start, with no client): the blocks and meta files are the data, and the streams list counts the messages.
  if [ -d "$arc_dir/data" ]; then
    find "$arc_dir/data" -type f ! -path '*/msgs/*.idx' | sort | xargs -r sha256sum
  fi
}

# This checkout's .arc/: which files exist and, outside logs/, their content (a stack running here writes its logs).
checkout_arc() {
  [ -d "$checkout/.arc" ] || { echo "no .arc"; return; }
  (cd "$checkout/.arc" && find . -path ./logs -prune -o -type f -print | sort | xargs -r sha256sum)
}

# redis-cli against the started stack's Sonic, authenticated when it has a password: read where `up`
# generated it, the stack's own .arc/secrets/ (never copied out), and handed over in REDISCLI_AUTH, never
# on redis-cli's command line.
redis() {
  local state=$1; shift
  local password
  password="$(cat "$state/started")/.arc/secrets/sonic.default"
  if [ -f "$password" ]; then
    REDISCLI_AUTH=$(cat "$password") redis-cli -u "$(cat "$state/redis_url")" "$@"
  else
    redis-cli -u "$(cat "$state/redis_url")" "$@"
  fi
}

snapshot() {
  local state=$1 out=$2
  listeners "$state" >"$out.listeners"
  checkout_arc >"$out.checkout"
  if [ -f "$state/started" ]; then
    local scratch
    scratch=$(cat "$state/started")
    state_of "$scratch/.arc" >"$out.data"
    "$arc" --root "$scratch" --json streams list 2>&1 | python3 -c '
import json, sys
for s in json.load(sys.stdin)["streams"]:
    print(s["name"], s["exists"], s["messages"], s["bytes"], s["drift"])' >"$out.streams" 2>&1
    redis "$state" GET arc:beside-stack >"$out.redis" 2>&1
  fi
}

start() {
  local state=$1
  mkdir -p "$state" || die "cannot create $state"
  [ -x "$arc" ] || die "$arc is not built (make arc)"
  default_ports >"$state/ports" || die "cannot read the registry's ports"
  local busy
  busy=$(listeners "$state")
  if [ -n "$busy" ]; then
    echo "beside-stack: observing the stack already on the default ports: $(echo "$busy" | tr '\n' ' ')"
  else
    local scratch
    scratch=$(mktemp -d /tmp/arc-beside.XXXXXX)
    chmod 755 "$scratch"
    cp -r "$checkout/services" "$scratch/services" || die "cannot copy services/ to $scratch"
    echo "$scratch" >"$state/started"
    "$arc" --root "$scratch" up transport --driver native >"$state/up.log" 2>&1 ||
      { cat "$state/up.log" >&2; die "the stack did not start on the default ports"; }
    # The URL clients use (without its password: `redis` reads that from the stack's .arc/secrets/).
    chmod 700 "$state"
    "$arc" --root "$scratch" env sonic --format json | python3 -c '
import json, sys
from urllib.parse import urlsplit, urlunsplit
url = urlsplit(json.load(sys.stdin)["variables"]["REDIS_URL"])
print(urlunsplit(url._replace(netloc=url.hostname + ":" + str(url.port))))' >"$state/redis_url" || die "cannot read sonic's REDIS_URL from arc env"
    redis "$state" SET arc:beside-stack "kept-$RANDOM$RANDOM" | grep -q OK || die "cannot write the Redis key"
    sleep 2 # appendfsync everysec: the key reaches the AOF within a second, before the data is checksummed
    echo "beside-stack: started a native stack in $scratch on the default ports: $(listeners "$state" | tr '\n' ' ')"
  fi
  snapshot "$state" "$state/before"
}

check() {
  local state=$1 differences=0 part
  [ -f "$state/before.listeners" ] || die "no snapshot in $state: run start first"
  snapshot "$state" "$state/after"
  [ -s "$state/before.listeners" ] || { echo "beside-stack: nothing listened on the default ports before the tests"; differences=1; }
  for part in listeners checkout data streams redis; do
    [ -f "$state/before.$part" ] || continue
    if ! diff -u "$state/before.$part" "$state/after.$part" >"$state/diff.$part"; then
      echo "beside-stack: the tests changed the stack's $part:"
      cat "$state/diff.$part"
      differences=1
    fi
  done
  if [ "$differences" -eq 0 ]; then
    echo "beside-stack: untouched — $(wc -l <"$state/after.listeners") listeners, same pids$([ -f "$state/started" ] && echo ", same run records, data, streams and Redis key")"
  fi
  return "$differences"
}

stop() {
  local state=$1
  if [ -f "$state/started" ]; then
    local scratch
    scratch=$(cat "$state/started")
    "$arc" --root "$scratch" down >/dev/null 2>&1 || echo "beside-stack: arc down in $scratch failed" >&2
    case "$scratch" in /tmp/arc-beside.*) rm -rf "$scratch" ;; esac
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start | check | stop) [ -n "${2:-}" ] || die "usage: $0 start|check|stop STATE"; "$1" "$2" ;;
  *) echo "usage: $0 start|check|stop STATE" >&2; exit 2 ;;
esac

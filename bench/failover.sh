#!/usr/bin/env bash
# Failover figures of `arc up --ha` (issue 16), from one run of the reliability tests that measure them
# with real servers on free ports (tests/Arc.Platform.Tests/HighAvailability/{FailoverTests,MetaLeaderFailoverTests}.cs):
#   flash  kill -9 of the stream leader (its supervisor too) while publishing with Nats-Msg-Id retries: gap to
#          the next ack, messages acked = stored (the test fails otherwise); then `up --ha` again: when the
#          restarted node's monitor answered, and how long its own copy took to reach the stored count
#   flash  kill -9 of only the meta leader while publishing: publishes that failed (the test fails unless 0)
#   sonic  kill -9 of the primary while writing with WAIT 1: time until Sentinel names a new primary and
#          until StackExchange.Redis, connected through Sentinel, confirms the next write; every
#          WAIT-confirmed key kept (the test fails otherwise); then the old primary, restarted by its
#          supervisor: when it answered, when ROLE named it a connected replica of the new primary, when its
#          offset reached the new primary's, and the confirmed keys it holds
# Each figure is printed beside its anchor: NATS's Raft election timeout (randomized; 4.2-8.3 s measured in
# issue 16 with nats-server 2.9.10), Sentinel's down-after-milliseconds, and for a catch-up the restart it
# follows, from the same run (the Redis supervisor waits down-after + failover timeout before a restart).
# Usage: bench/failover.sh   (builds the tests if needed; takes about two minutes)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo" || exit 2
dotnet build tests/Arc.Platform.Tests -v q >/dev/null || { echo "build failed" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout 900 dotnet test tests/Arc.Platform.Tests --no-build \
  --filter "FullyQualifiedName~HighAvailability.FailoverTests|FullyQualifiedName~HighAvailability.MetaLeaderFailoverTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1
status=$?
# The tests' topology (tests/Arc.Platform.Tests/HighAvailability/HaStack.cs), not the registry's.
stack=tests/Arc.Platform.Tests/HighAvailability/HaStack.cs
down_after=$(grep -oE "down_after_ms: [0-9]+" "$stack" | grep -oE "[0-9]+")
failover_timeout=$(grep -oE "failover_timeout_ms: [0-9]+" "$stack" | grep -oE "[0-9]+")
figure() { grep -m1 -oE "$1" "$log"; }
leader=$(figure "killed flash-[0-9] \(stream leader\); next ack after [0-9.]+ s")
catchup=$(figure "restarted flash-[0-9] answered [0-9.]+ s after \`up --ha\`; its own copy caught up \([0-9]+ messages behind\) in [0-9.]+ s more; [0-9]+ of [0-9]+ stored")
meta=$(figure "killed flash-[0-9] \(meta leader, not leading [A-Z_]+\); new meta leader flash-[0-9] seen after [0-9.]+ s of publishing; [0-9]+ acked, [0-9]+ failed")
sonic=$(figure "killed sonic-[0-9] \(primary\); Sentinel named [0-9.:]+ after [0-9.]+ s; next confirmed write through Sentinel after [0-9.]+ s")
rejoin=$(figure "restarted sonic-[0-9] answered after [0-9.]+ s; replica of [0-9.:]+ after [0-9.]+ s; reached its offset \([0-9]+ bytes\) [0-9.]+ s later; [0-9]+ of [0-9]+ confirmed keys on it")
none="no figure (see the test output)"
row() { printf '%-6s %s\n       anchor: %s\n' "$1" "${2:-$none}" "$3"; }
row flash "$leader" "Raft election timeout, 4.2-8.3 s measured (issue 16)"
row flash "$catchup" "the restart: its monitor answered first, the catch-up follows it"
row flash "$meta" "the meta group's election, seen from the other two members"
row sonic "$sonic" "Sentinel down-after ${down_after:-?} ms (the tests' topology)"
row sonic "$rejoin" "its restart waits down-after + failover timeout, $(( (${down_after:-0} + ${failover_timeout:-0}) / 1000 )) s; Sentinel then turns it replica"
grep -E "^\s+(Passed|Failed)!? " "$log" | sed 's/^ *//'
[ $status -eq 0 ] || { grep -A15 "Error Message" "$log" >&2; exit 1; }

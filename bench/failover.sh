#!/usr/bin/env bash
# Failover figures of `arc up --ha` (issue 16), from one run of the reliability tests that measure them
# with real servers on free ports (tests/Arc.Platform.Tests/HighAvailability/FailoverTests.cs):
#   flash  kill -9 of the stream leader while publishing with Nats-Msg-Id retries: gap to the next ack,
#          messages acked = stored (the test fails otherwise)
#   sonic  kill -9 of the primary while writing with WAIT 1: time until Sentinel names a new primary and
#          until StackExchange.Redis, connected through Sentinel, confirms the next write; every
#          WAIT-confirmed key kept (the test fails otherwise)
# Each gap is printed beside its anchor: NATS's Raft election timeout (randomized; 4.2-8.3 s measured in
# issue 16 with nats-server 2.9.10) and Sentinel's down-after-milliseconds from services/cache/service.yaml.
# Usage: bench/failover.sh   (builds the tests if needed; takes about a minute)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo" || exit 2
dotnet build tests/Arc.Platform.Tests -v q >/dev/null || { echo "build failed" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout 600 dotnet test tests/Arc.Platform.Tests --no-build --filter "FullyQualifiedName~HighAvailability.FailoverTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1
status=$?
down_after=$(grep -oE "down_after_ms: [0-9]+" services/cache/service.yaml | grep -oE "[0-9]+")
flash=$(grep -m1 -oE "killed flash-[0-9] \(stream leader\); next ack after [0-9.]+ s" "$log")
sonic=$(grep -m1 -oE "killed sonic-[0-9] \(primary\); Sentinel named [0-9.:]+ after [0-9.]+ s; next confirmed write through Sentinel after [0-9.]+ s" "$log")
printf '%-6s %-70s %s\n' flash "${flash:-no figure (see the test output)}" "anchor: Raft election timeout, 4.2-8.3 s measured (issue 16)"
printf '%-6s %-70s %s\n' sonic "${sonic:-no figure (see the test output)}" "anchor: Sentinel down-after ${down_after:-?} ms (the tests use 2000 ms)"
grep -E "^\s+(Passed|Failed)!? " "$log" | sed 's/^ *//'
[ $status -eq 0 ] || { grep -A15 "Error Message" "$log" >&2; exit 1; }

#!/usr/bin/env bash
# The README's test command (via `make test`). Installs what the tiers need, builds, runs the
# xunit tiers and the workflow linter, and ends with the totals alone on one line.
#   run-tests.sh all      every tier, docker included, plus workflow lint
#   run-tests.sh unit     unit + native + reliability (no Docker engine)
#   run-tests.sh docker   tier 3 only
#   run-tests.sh beside   tier 3, the driver conformance suite and the native start-up tests, beside a stack
# `all` and `beside` run the tests beside a stack on the default ports (scripts/beside-stack.sh: the
# user's own, or one started in a scratch copy) and count "the stack was left untouched" as one test.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
case "$mode" in
  all) filter="" ;;
  unit) filter="Tier!=docker" ;;
  docker) filter="Tier=docker" ;;
  beside) filter="Tier=docker|FullyQualifiedName~Conformance|FullyQualifiedName~Drivers.Native.NativeUpTests" ;;
  *) echo "usage: $0 all|unit|docker|beside" >&2; exit 2 ;;
esac

scripts/ensure-deps.sh test || exit 1
make --no-print-directory arc || exit 1

results=$(mktemp -d)
beside=""
trap '[ -n "$beside" ] && scripts/beside-stack.sh stop "$beside"; rm -rf "$results"' EXIT
beside_started=0
if [ "$mode" = all ] || [ "$mode" = beside ]; then
  beside="$results/beside-stack"
  scripts/beside-stack.sh start "$beside" && beside_started=1
fi
# A test that hangs must not hold the run until CI's own limit: after 25 minutes without progress
# (the docker tier's first build on a fresh machine takes a few) the test host is stopped, and the
# tests it was running are named below, next to the totals.
args=(test tests/Arc.Platform.Tests --nologo --logger "trx;LogFileName=tests.trx" --results-directory "$results"
      --logger "console;verbosity=normal" --blame-hang-timeout 25min --blame-hang-dump-type none)
[ -n "$filter" ] && args+=(--filter "$filter")
dotnet "${args[@]}" 2>&1 | tee "$results/console.log"

count() { grep -oE "<UnitTestResult [^>]*outcome=\"$1\"" "$results"/*.trx 2>/dev/null | wc -l; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count NotExecuted)
if ! ls "$results"/*.trx >/dev/null 2>&1; then
  echo "error: the test run produced no results (build failure?)" >&2
  failed=$((failed + 1))
fi

# Where time went when something was slow or stuck: xunit's long-running notices and the blame
# collector's list of tests in progress when it stopped the host.
slow=$(grep -oE "\[Long Running Test\] '[^']+'" "$results/console.log" | sort -u | head -n 8)
[ -n "$slow" ] && printf 'still running after 5 minutes:\n%s\n' "$slow"
if grep -q "^The active test run was aborted" "$results/console.log"; then
  echo "the test host was stopped (hang or crash); tests in progress then:"
  find "$results" -name 'Sequence_*.xml' -exec sed -n 's/.*<Test Name="\([^"]*\)".*Completed="False".*/  \1/p' {} + | sort -u | head -n 8
  failed=$((failed + 1))
fi

# Hermetic means nothing outlives its test: a server, supervisor or logger still running from a test's temporary
# repository (all under arc-test-*) is a leak. Counted as one test; the leftovers are named and stopped.
leaked=$(pgrep -f -- "/arc-test-" || true)
if [ -n "$leaked" ]; then
  echo "tests left $(echo "$leaked" | wc -l) processes running from their temporary repositories, e.g.:"
  for pid in $(echo "$leaked" | head -n 5); do tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200; echo; done
  echo "$leaked" | xargs -r kill -9 2>/dev/null
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

if [ -n "$beside" ]; then
  if [ "$beside_started" -eq 1 ] && scripts/beside-stack.sh check "$beside"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

if [ "$mode" = all ]; then
  if scripts/lint-workflows.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]

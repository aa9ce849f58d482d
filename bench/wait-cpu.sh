#!/usr/bin/env bash
# CPU that `arc up` spends while it waits for a service to become healthy.
#
#   figure  user+sys CPU of `arc up flash --timeout T` when Flash never turns healthy (its health
#           path is pointed at a page nats-server does not serve), so arc polls for the full T seconds
#   anchor  user+sys CPU of `arc --version` (process start-up alone) and of the same `up` with
#           --no-wait (start-up, registry, lock and launch, without any waiting), from the same run
#   result  the waiting's own cost: figure - no-wait, as CPU ms per second waited and as % of a core
#
# Never touches a running stack: a temporary copy of services/ with free ports, torn down on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
arc="$repo/bin/arc"
[ -x "$arc" ] || { echo "bench: $arc is missing; run 'make arc' first" >&2; exit 2; }
wait_seconds=${WAIT_SECONDS:-5}

work=$(mktemp -d /tmp/arc-bench.XXXXXX)
chmod 755 "$work"   # the unprivileged server user must be able to enter it when arc runs as root
cleanup() {
  "$arc" --root "$work/repo" down flash --driver native >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$repo/bench/lib.sh"
copy_services_with_free_ports "$repo" "$work/repo"
sed -i 's|^  path: /healthz$|  path: /arc-bench-never-healthy|' "$work/repo/services/messaging/service.yaml"
grep -q 'arc-bench-never-healthy' "$work/repo/services/messaging/service.yaml" || { echo "bench: could not redirect Flash's health path" >&2; exit 1; }

# cpu_ms COMMAND...: user+sys CPU in ms of COMMAND and the children it waited for (bash's `time`).
cpu_ms() {
  local TIMEFORMAT='%3U %3S' timing
  timing=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || true
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' <<<"$timing"
}

"$arc" --version >/dev/null   # warm the page cache
startup_ms=$(cpu_ms "$arc" --version)
no_wait_ms=$(cpu_ms "$arc" --root "$work/repo" up flash --driver native --no-wait)
"$arc" --root "$work/repo" down flash --driver native >/dev/null 2>&1
started=$(date +%s%N)
figure_ms=$(cpu_ms "$arc" --root "$work/repo" up flash --driver native --timeout "$wait_seconds")
waited_ms=$(( ($(date +%s%N) - started) / 1000000 ))

waiting_ms=$(( figure_ms - no_wait_ms ))
printf '%-58s %8s\n' "" "CPU ms"
printf '%-58s %8d   (wall %d ms)\n' "arc up flash, waiting ${wait_seconds} s for a never-healthy Flash" "$figure_ms" "$waited_ms"
printf '%-58s %8d\n' "arc up flash --no-wait (same work without the wait)" "$no_wait_ms"
printf '%-58s %8d\n' "arc --version (process start-up alone)" "$startup_ms"
awk -v w="$waiting_ms" -v s="$waited_ms" 'BEGIN {
  printf "%-58s %8d   = %.1f ms CPU per second waited, %.2f%% of one core\n", "the waiting itself", w, w * 1000 / s, w * 100 / s }'

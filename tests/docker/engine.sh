#!/usr/bin/env bash
# A private Docker engine for test tier 3.
#
#   engine.sh start          -> prints ARC_DOCKER_DIR=<dir> and DOCKER_HOST=unix://<dir>/docker.sock
#   engine.sh env   [DIR]    -> the same two lines, as `export` statements, for an engine that runs
#   engine.sh stop  [DIR]    -> stops that engine (and the containerd it spawned), deletes its state
#
# WHY a private engine: the tier must never touch a developer's or CI host's own Docker engine,
# its images, networks or volumes. Everything this engine owns - data root, exec root, pid file,
# socket, containerd, bridge interface, CLI config - lives in one temp dir (or is named after it)
# and is deleted by `stop`.
#
# Exit codes: 0 ok; 77 the engine cannot run on this machine (prints "SKIPPED: docker tier - why",
# 77 is the automake/ctest "skipped" convention so callers can tell a skip from a failure);
# 1 any other error.
set -euo pipefail

readonly SKIP_CODE=77
readonly START_TIMEOUT_S=60

skip() { echo "SKIPPED: docker tier — $*"; exit "$SKIP_CODE"; }
die() { echo "engine.sh: $*" >&2; exit 1; }

# Debian names; CI starts from a fresh machine, so install what is missing.
ensure_packages() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    command -v ip >/dev/null || missing+=(iproute2)
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || skip "not root and missing packages: ${missing[*]}"
    echo "engine.sh: installing ${missing[*]}" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" ||
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }; } >&2 ||
        skip "cannot install ${missing[*]} with apt-get"
}

# Debian's own CLI works with the 20.10 daemon; a newer CLI on PATH works too (API negotiation).
docker_cli() { DOCKER_HOST="unix://$1/docker.sock" DOCKER_CONFIG="$1/cli" docker "${@:2}"; }

# The bridge name is derived from the state dir so two private engines (or the host's docker0)
# never share an interface. Linux limits names to 15 characters.
bridge_name() { echo "arcbr$(echo -n "$1" | md5sum | cut -c1-8)"; }

# A /24 for the default bridge that no route on this host already covers; dockerd's own
# address pools (used for user-defined networks like arc_platform_net) skip taken ranges by itself.
free_subnet() {
    local n
    for n in $(seq 100 250); do
        ip route | grep -q "^10\.213\.$n\." || { echo "10.213.$n.1/24"; return; }
    done
    die "no free 10.213.x.0/24 subnet for the private bridge"
}

start() {
    [ "$(uname -s)" = Linux ] || skip "needs Linux (found $(uname -s))"
    [ "$(id -u)" -eq 0 ] || skip "a private dockerd needs root (running as uid $(id -u))"
    ensure_packages
    [ -d /sys/fs/cgroup ] || skip "no cgroup file system mounted at /sys/fs/cgroup"

    local dir bridge
    dir=$(mktemp -d /tmp/arc-docker.XXXXXX)
    chmod 755 "$dir"  # containers run as non-root users must reach their bind-mounted files
    mkdir -p "$dir/data" "$dir/exec" "$dir/cli"
    # Our own config file: /etc/docker/daemon.json of the host must not leak in, and the daemon's
    # identity key goes to our dir instead of /etc/docker/key.json.
    echo "{\"deprecated-key-path\": \"$dir/key.json\"}" >"$dir/daemon.json"

    # Our own bridge for the default network instead of docker0, which another engine may own.
    bridge=$(bridge_name "$dir")
    ip link add "$bridge" type bridge 2>"$dir/bridge.err" ||
        { cat "$dir/bridge.err" >&2; rm -rf "$dir"; skip "cannot create a bridge interface (no CAP_NET_ADMIN?)"; }
    ip addr add "$(free_subnet)" dev "$bridge"
    ip link set "$bridge" up
    echo "$bridge" >"$dir/bridge"

    # --iptables=false / --ip-masq=false: never rewrite the host's firewall. Containers on one
    # bridge still reach each other (L2) and published ports still work through docker-proxy.
    # vfs: the only storage driver that works on any backing file system, nested or not.
    # No --containerd: dockerd spawns and supervises its own containerd under --exec-root.
    setsid dockerd \
        --config-file "$dir/daemon.json" \
        --data-root "$dir/data" \
        --exec-root "$dir/exec" \
        --pidfile "$dir/docker.pid" \
        -H "unix://$dir/docker.sock" \
        --storage-driver vfs \
        --iptables=false --ip-masq=false --ip-forward=false \
        --bridge "$bridge" \
        --userland-proxy=true \
        --exec-opt native.cgroupdriver=cgroupfs \
        </dev/null >"$dir/dockerd.log" 2>&1 &
    echo $! >"$dir/dockerd.launcher.pid"

    local waited=0
    until docker_cli "$dir" version >/dev/null 2>&1; do
        if ! kill -0 "$(cat "$dir/dockerd.launcher.pid")" 2>/dev/null; then
            local reason
            reason=$(grep -E 'level=(fatal|error)|failed to start' "$dir/dockerd.log" | tail -n1 | cut -c1-300)
            tail -n 20 "$dir/dockerd.log" >&2
            stop "$dir" >/dev/null 2>&1 || true
            skip "dockerd exited: ${reason:-see log above}"
        fi
        [ "$waited" -ge "$START_TIMEOUT_S" ] && {
            tail -n 20 "$dir/dockerd.log" >&2; stop "$dir" >/dev/null 2>&1 || true
            skip "dockerd did not answer within ${START_TIMEOUT_S}s"; }
        sleep 1; waited=$((waited + 1))
    done

    # An engine that answers but cannot run a container is no use to the tier: prove it can, with
    # an image built from nothing (an empty scratch import) so no registry is needed.
    if ! probe_runtime "$dir"; then
        tail -n 20 "$dir/dockerd.log" >&2
        stop "$dir" >/dev/null 2>&1 || true
        skip "dockerd answers but cannot create a container (see log above)"
    fi
    print_env "$dir"
}

# Creating (not running) a container exercises the storage driver and image store cheaply; running
# needs a binary inside, which is standins.sh's job, so only creation is probed here.
probe_runtime() {
    local dir=$1
    tar -cf "$dir/empty.tar" -T /dev/null
    docker_cli "$dir" import "$dir/empty.tar" arc-engine-probe:latest >/dev/null &&
        docker_cli "$dir" create --name arc-engine-probe arc-engine-probe:latest /none >/dev/null 2>&1 &&
        docker_cli "$dir" rm arc-engine-probe >/dev/null &&
        docker_cli "$dir" rmi arc-engine-probe:latest >/dev/null
}

print_env() {
    echo "ARC_DOCKER_DIR=$1"
    echo "DOCKER_HOST=unix://$1/docker.sock"
}

resolve_dir() {
    local dir=${1:-${ARC_DOCKER_DIR:-}}
    [ -n "$dir" ] || die "which engine? pass its dir or set ARC_DOCKER_DIR"
    case "$dir" in /tmp/arc-docker.*) ;; *) die "refusing: $dir is not an engine dir made by engine.sh" ;; esac
    echo "$dir"
}

# Kills exactly the processes recorded in this engine's own pid files: never by name, so another
# engine on the host survives.
stop() {
    local dir pid
    dir=$(resolve_dir "${1:-}")
    [ -d "$dir" ] || { echo "engine.sh: $dir is already gone" >&2; return 0; }
    if [ -S "$dir/docker.sock" ] && docker_cli "$dir" version >/dev/null 2>&1; then
        # Removing containers first lets dockerd tear down their shims and docker-proxies itself.
        local ids
        ids=$(docker_cli "$dir" ps -aq 2>/dev/null || true)
        [ -n "$ids" ] && docker_cli "$dir" rm -f $ids >/dev/null 2>&1 || true
    fi
    # dockerd writes its pid file without a trailing newline, so read each file on its own.
    local pids=()
    for f in "$dir/docker.pid" "$dir/dockerd.launcher.pid"; do
        [ -s "$f" ] && pids+=("$(tr -dc 0-9 <"$f")")
    done
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    local waited=0
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
    done
    # The containerd dockerd spawned records its pid under our exec root; normally it exits with
    # dockerd, this catches the case where dockerd was killed hard.
    for f in "$dir"/exec/containerd/*.pid; do
        [ -s "$f" ] && kill -KILL "$(tr -dc 0-9 <"$f")" 2>/dev/null || true
    done
    # Stale netns / shm mounts under our exec and data roots would block rm -rf.
    { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    if [ -f "$dir/bridge" ]; then ip link del "$(cat "$dir/bridge")" 2>/dev/null || true; fi
    rm -rf "$dir"
    echo "engine.sh: stopped and removed $dir" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    env) d=$(resolve_dir "${2:-}"); echo "export ARC_DOCKER_DIR=$d"; echo "export DOCKER_HOST=unix://$d/docker.sock" ;;
    *) echo "usage: $0 start | stop [DIR] | env [DIR]" >&2; exit 2 ;;
esac

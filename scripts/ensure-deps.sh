#!/usr/bin/env bash
# Installs the OS packages a purpose needs, when missing. As root it runs apt-get; otherwise it
# prints the exact command and fails, so a fresh machine is one command away from working.
#   ensure-deps.sh build   what `make arc` needs (Native AOT links with the system toolchain)
#   ensure-deps.sh run     what the native driver runs: nats-server, redis-server, exporters
#                          (nothing when a Docker engine answers: the docker driver runs images)
#   ensure-deps.sh test    everything the test tiers use, including the private Docker engine kit
# A package counts as present when the command it provides is on PATH (or, for libraries, when
# dpkg has it), so a machine that got the tool another way (docker-ce, Node from nodesource) is fine.
set -euo pipefail

purpose=${1:-run}
export PATH="$PATH:/usr/sbin:/sbin"

# package:command pairs; an empty command means "ask dpkg".
build=(gcc:gcc zlib1g-dev:)
run=(nats-server:nats-server redis-server:redis-server redis-tools:redis-cli prometheus-redis-exporter:prometheus-redis-exporter)
test=("${build[@]}" "${run[@]}" docker.io:dockerd docker-compose:docker-compose debootstrap:debootstrap
      prometheus:promtool curl:curl python3:python3 iproute2:ss util-linux:setpriv procps:pgrep nodejs:node npm:npm time:)

if [ "$purpose" = run ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  exit 0
fi

case "$purpose" in
  build) wanted=("${build[@]}") ;;
  run) wanted=("${run[@]}") ;;
  test) wanted=("${test[@]}") ;;
  *) echo "usage: $0 build|run|test" >&2; exit 2 ;;
esac

present() {
  local package=${1%%:*} command=${1#*:}
  if [ -n "$command" ]; then
    command -v "$command" >/dev/null
  else
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'
  fi
}

missing=()
for entry in "${wanted[@]}"; do
  present "$entry" || missing+=("${entry%%:*}")
done
if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)" >&2
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0

command=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing packages: ${missing[*]}" >&2
  echo "install them with:  sudo apt-get update && sudo ${command[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may never have fetched the package lists.
apt-get update -qq >/dev/null
"${command[@]}" >/dev/null

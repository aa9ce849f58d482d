#!/usr/bin/env bash
# Installs the OS packages a purpose needs, when missing. As root it runs apt-get; otherwise it
# prints the exact command and fails, so a fresh machine is one command away from working.
#   ensure-deps.sh build   what `make arc` needs (Native AOT links with the system toolchain)
#   ensure-deps.sh run     what the native driver runs: nats-server, redis-server, exporters
#                          (nothing when a Docker engine answers: the docker driver runs images)
#   ensure-deps.sh test    everything the test tiers use, including the private Docker engine kit
set -euo pipefail

purpose=${1:-run}
build=(gcc zlib1g-dev)
run=(nats-server redis-server redis-tools prometheus-redis-exporter)
test=("${build[@]}" "${run[@]}" docker.io docker-compose debootstrap prometheus curl python3 iproute2 util-linux)

if [ "$purpose" = run ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  exit 0
fi

case "$purpose" in
  build) wanted=("${build[@]}") ;;
  run) wanted=("${run[@]}") ;;
  test) wanted=("${test[@]}") ;;
  *) echo "usage: $0 build|run|test" >&2; exit 2 ;;
esac

missing=()
# Workflow lint runs npm packages; any Node.js will do, so only install Debian's when none is on PATH.
if [ "$purpose" = test ] && ! command -v npm >/dev/null; then
  wanted+=(nodejs npm)
fi
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
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
# A fresh machine may have never fetched the package lists.
apt-get update -qq >/dev/null
"${command[@]}" >/dev/null

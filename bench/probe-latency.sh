#!/bin/sh
# Probe latency of each technology against local servers started from arc's native launch
# plans (nats-server and redis-server must be installed), plus the Redis probe's cached
# multiplexer against a fresh connection per probe. Usage: bench/probe-latency.sh
set -eu
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/probe-latency -- "$PWD"

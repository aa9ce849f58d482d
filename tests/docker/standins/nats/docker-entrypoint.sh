#!/bin/sh
# The upstream image's convention: a command that starts with "-" is a list of flags for nats-server.
set -e
if [ "${1#-}" != "$1" ]; then
    set -- nats-server "$@"
fi
exec "$@"

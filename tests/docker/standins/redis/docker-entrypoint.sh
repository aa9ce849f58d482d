#!/bin/sh
# Follows the upstream image's entrypoint: flags (or a .conf file) go to redis-server; as root it
# fixes /data ownership and drops to the redis user.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
    set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
    # Upstream builds redis with protected mode off by default, so a server without a password is
    # reachable from other containers. Debian's binary defaults to on: turn it off first, so a flag
    # given by the caller still wins (later redis arguments override earlier ones).
    # A config file must stay the first argument.
    shift
    if [ $# -gt 0 ] && [ "${1%.conf}" != "$1" ]; then
        conf=$1; shift; set -- redis-server "$conf" --protected-mode no "$@"
    else
        set -- redis-server --protected-mode no "$@"
    fi
    if [ "$(id -u)" = 0 ]; then
        find . \! -user redis -exec chown redis '{}' +
        exec setpriv --reuid=redis --regid=redis --init-groups "$@"
    fi
fi
exec "$@"

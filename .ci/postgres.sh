#!/usr/bin/env bash
# Start a private PostgreSQL server for the store tests and print its URL.
#   eval "$(bash .ci/postgres.sh start DIR)"   # exports NEWSLEDGER_TEST_PG
#   bash .ci/postgres.sh stop DIR
# The server listens on a Unix socket inside DIR only (no TCP port), so parallel runs
# never collide. Installs Debian's postgresql package when no server binaries exist.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?data directory}

pgbin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    if [ -z "$(pgbin)" ]; then
        echo "installing postgresql (Debian)..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    bin=$(pgbin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir" && chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_postgres "$bin/initdb" -D "$dir" -A trust -U newsledger -E UTF8 --locale=C.UTF-8 >&2
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_postgres "$bin/pg_ctl" -D "$dir" -w -l "$dir/server.log" \
            -o "-c listen_addresses='' -k $dir -p 5432 -c fsync=off -c full_page_writes=off" start >&2
    fi
    if ! "$bin/psql" -h "$dir" -U newsledger -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='newsledger'" | grep -q 1; then
        "$bin/createdb" -h "$dir" -U newsledger newsledger
    fi
    echo "export NEWSLEDGER_TEST_PG='postgresql://newsledger@/newsledger?host=$dir'"
    ;;
stop)
    bin=$(pgbin)
    [ -n "$bin" ] && [ -f "$dir/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

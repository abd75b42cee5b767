#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away PostgreSQL 15 server for the warehouse tests: initdb --no-locale -E UTF8 into DIR, listening on a
# Unix socket in DIR only (no TCP), run as a non-root user (runuser -u postgres when called as root), superuser
# "postgres" with local trust authentication. ctest runs "start" before the warehouse tests and "stop" after
# them; tests connect with postgresql:///postgres?host=DIR&user=postgres.
#   bash tests/warehouse/pg_server.sh start|stop DIR
set -euo pipefail
action="$1"
dir="$2"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "pg_server: PostgreSQL is not installed (no initdb under /usr/lib/postgresql); warehouse tests skip"
        exit 0
    fi
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
    fi
    as_owner "$bin/initdb" --no-locale -E UTF8 -U postgres --auth=trust -D "$dir/data" >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start \
        >/dev/null
    echo "pg_server: PostgreSQL running on socket $dir"
    ;;
stop)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_server.sh start|stop DIR" >&2
    exit 2
    ;;
esac

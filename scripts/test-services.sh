#!/usr/bin/env bash
# Private PostgreSQL 15 and Redis 7 for the tests: installed from Debian's packages when missing, started on free
# loopback ports in a temporary folder, stopped (and the folder removed) by test_services_stop. Also installs Debian's
# Chromium (/usr/bin/chromium) for the browser tests, which drive it with Playwright and never download a browser.
#
#   source scripts/test-services.sh && test_services_start   # exports TALLY_TEST_POSTGRES and TALLY_TEST_REDIS
#   test_services_stop
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin

test_services_install() {
    local missing=()
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/postgres" ]] || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    if ((${#missing[@]})); then
        echo "Installing ${missing[*]} from Debian's packages..."
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
            { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null; }
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    local what=$1; shift
    for _ in $(seq 1 100); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "$what did not start" >&2
    return 1
}

test_services_start() {
    test_services_install
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    TALLY_SERVICES_DIR=$(mktemp -d /tmp/tally-services-XXXXXX)
    export TALLY_SERVICES_DIR
    chmod 755 "$TALLY_SERVICES_DIR"

    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user the package created.
    local pg_port pg_data="$TALLY_SERVICES_DIR/pg"
    pg_port=$(free_port)
    mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$pg_data" -U tally --auth=trust -E UTF8 >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_data -c max_connections=300" start >/dev/null
    wait_for PostgreSQL "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$pg_port"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U tally tally
    export TALLY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=tally;Database=tally"

    local redis_port
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$TALLY_SERVICES_DIR" --save "" --appendonly no \
        --daemonize yes --pidfile "$TALLY_SERVICES_DIR/redis.pid" --logfile "$TALLY_SERVICES_DIR/redis.log"
    wait_for Redis redis-cli -h 127.0.0.1 -p "$redis_port" ping
    export TALLY_TEST_REDIS="127.0.0.1:$redis_port"
    echo "Test services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port ($TALLY_SERVICES_DIR)"
}

test_services_stop() {
    [[ -n "${TALLY_SERVICES_DIR:-}" && -d "$TALLY_SERVICES_DIR" ]] || return 0
    if [[ -f "$TALLY_SERVICES_DIR/pg/postmaster.pid" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$TALLY_SERVICES_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$TALLY_SERVICES_DIR/redis.pid" ]]; then
        kill "$(cat "$TALLY_SERVICES_DIR/redis.pid")" 2>/dev/null || true
    fi
    rm -rf "$TALLY_SERVICES_DIR"
}

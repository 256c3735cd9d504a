#!/usr/bin/env bash
# The benchmark (bench/Tally.Bench) against one Tally node on PostgreSQL + Redis: starts private PostgreSQL and Redis
# (scripts/test-services.sh), one node in that mode trusting a fresh bench issuer key, runs the bench against it with
# the arguments given, and stops everything. Build first: dotnet build -c Release Tally.slnx
#   bash scripts/bench-postgres-redis.sh --duration 15 --read-seconds 5
#   bash scripts/bench-postgres-redis.sh --compare-limits on --duration 15   # two nodes: limits on, and off
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/test-services.sh
nodes=()
stop() {
    for node in "${nodes[@]}"; do kill "$node" 2>/dev/null || true; done
    test_services_stop
}
trap stop EXIT INT TERM
test_services_start

key=$(head -c 32 /dev/urandom | base64 -w0)
# start_node NAME [setting...]: one node on the services, trusting the bench issuer; sets $port.
start_node() {
    local name=$1 data="$TALLY_SERVICES_DIR/$1"
    shift
    mkdir -p "$data"
    port=$(free_port)
    dotnet src/Tally.Server/bin/Release/net10.0/Tally.Server.dll --urls "http://127.0.0.1:$port" --Tally:DataPath="$data" \
        --Tally:Ledger:Provider=postgres --Tally:Ledger:Postgres:ConnectionString="$TALLY_TEST_POSTGRES" \
        --Tally:Views:Provider=redis --Tally:Views:Redis:ConnectionString="$TALLY_TEST_REDIS" \
        --Tally:Auth:ExternalIssuers:0:Issuer=bench --Tally:Auth:ExternalIssuers:0:Key="$key" \
        --Logging:LogLevel:Default=Warning "$@" > "$TALLY_SERVICES_DIR/$name.log" 2>&1 &
    nodes+=($!)
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
}

start_node node
target=(--target "http://127.0.0.1:$port")
# --compare-limits on: a second node on the same PostgreSQL and Redis with the limits lifted.
if [[ " $* " == *" --compare-limits on "* ]]; then
    start_node unlimited --Tally:Limits:Enabled=false
    target+=(--target-unlimited "http://127.0.0.1:$port")
fi
dotnet run -c Release --no-build --project bench/Tally.Bench -- "${target[@]}" --issuer-key "$key" "$@"

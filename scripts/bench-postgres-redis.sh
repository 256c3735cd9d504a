#!/usr/bin/env bash
# The benchmark (bench/Tally.Bench) against one Tally node on PostgreSQL + Redis: starts private PostgreSQL and Redis
# (scripts/test-services.sh), one node in that mode trusting a fresh bench issuer key, runs the bench against it with
# the arguments given, and stops everything. Build first: dotnet build -c Release Tally.slnx
#   bash scripts/bench-postgres-redis.sh --duration 15 --read-seconds 5
# With --compare-limits on (or --compare-rebuild on), the bench launches its nodes itself on these services; with
# --compare-build <dll> likewise (this build, and that one), the other build on a database and key prefix of its own
# so that each node projects its own votes.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/test-services.sh
node=""
stop() {
    [[ -n "$node" ]] && kill "$node" 2>/dev/null || true
    test_services_stop
}
trap stop EXIT INT TERM
test_services_start

if [[ " $* " == *" --compare-limits on "* || " $* " == *" --compare-rebuild on "* || " $* " == *" --compare-build "* ]]; then
    other=()
    if [[ " $* " == *" --compare-build "* ]]; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$TALLY_TEST_POSTGRES")" -U tally tally_other
        other=(--other-setting "Tally__Ledger__Postgres__ConnectionString=${TALLY_TEST_POSTGRES/Database=tally/Database=tally_other}"
            --other-setting Tally__Views__Redis__KeyPrefix=tally-other)
    fi
    dotnet run -c Release --no-build --project bench/Tally.Bench -- \
        --server-setting Tally__Ledger__Provider=postgres --server-setting "Tally__Ledger__Postgres__ConnectionString=$TALLY_TEST_POSTGRES" \
        --server-setting Tally__Views__Provider=redis --server-setting "Tally__Views__Redis__ConnectionString=$TALLY_TEST_REDIS" "${other[@]}" "$@"
    exit
fi

key=$(head -c 32 /dev/urandom | base64 -w0)
data="$TALLY_SERVICES_DIR/node"
mkdir -p "$data"
port=$(free_port)
dotnet src/Tally.Server/bin/Release/net10.0/Tally.Server.dll --urls "http://127.0.0.1:$port" --Tally:DataPath="$data" \
    --Tally:Ledger:Provider=postgres --Tally:Ledger:Postgres:ConnectionString="$TALLY_TEST_POSTGRES" \
    --Tally:Views:Provider=redis --Tally:Views:Redis:ConnectionString="$TALLY_TEST_REDIS" \
    --Tally:Auth:ExternalIssuers:0:Issuer=bench --Tally:Auth:ExternalIssuers:0:Key="$key" \
    --Logging:LogLevel:Default=Warning > "$TALLY_SERVICES_DIR/node.log" 2>&1 &
node=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
dotnet run -c Release --no-build --project bench/Tally.Bench -- --target "http://127.0.0.1:$port" --issuer-key "$key" "$@"

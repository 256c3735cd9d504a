#!/usr/bin/env bash
# Tally in its multi-node shape on one machine: a private PostgreSQL (ledger) and Redis (views) in a temporary
# folder, and two Tally nodes on http://127.0.0.1:8081 and :8082 sharing them. Ctrl+C stops everything.
#   bash scripts/run-local-cluster.sh [extra Tally settings, e.g. --Tally:Auth:ExternalIssuers:0:Issuer=bench ...]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/test-services.sh
nodes=()
stop() {
    for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    test_services_stop
}
trap stop EXIT INT TERM
test_services_start

dotnet build -c Release src/Tally.Server -nologo -v quiet
server=src/Tally.Server/bin/Release/net10.0/Tally.Server.dll
# Every node must sign and accept the same tokens: one key for the cluster instead of one generated per node.
signing_key=$(head -c 48 /dev/urandom | base64 -w0)
# PostgreSQL and Redis share these cores: idle thread-pool workers sleep instead of spinning (README).
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
for port in 8081 8082; do
    data="$TALLY_SERVICES_DIR/node-$port"
    mkdir -p "$data"
    dotnet "$server" --urls "http://127.0.0.1:$port" --Tally:DataPath="$data" \
        --Tally:Ledger:Provider=postgres --Tally:Ledger:Postgres:ConnectionString="$TALLY_TEST_POSTGRES" \
        --Tally:Views:Provider=redis --Tally:Views:Redis:ConnectionString="$TALLY_TEST_REDIS" \
        --Tally:Auth:SigningKey="$signing_key" "$@" &
    nodes+=("$!")
done
for port in 8081 8082; do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
done
echo "Tally nodes on http://127.0.0.1:8081 and http://127.0.0.1:8082 (ledger $TALLY_TEST_POSTGRES, views $TALLY_TEST_REDIS). Ctrl+C stops."
wait

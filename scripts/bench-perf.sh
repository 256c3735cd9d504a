#!/usr/bin/env bash
# Issue 12's scenarios bench (bench/Tally.Bench perf) on one stack. Installs wrk if it is missing (apt-get; run as root),
# and for postgres-redis starts private PostgreSQL and Redis (scripts/test-services.sh) and stops them afterwards.
# Build first: dotnet build -c Release Tally.slnx
#   bash scripts/bench-perf.sh embedded [more perf options]
#   bash scripts/bench-perf.sh postgres-redis --scenarios many-polls --seconds 10
set -euo pipefail
cd "$(dirname "$0")/.."

stack="${1:-embedded}"
shift || true
if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
fi
bench=(dotnet bench/Tally.Bench/bin/Release/net10.0/Tally.Bench.dll perf --stack "$stack")

if [[ "$stack" == postgres-redis ]]; then
    source scripts/test-services.sh
    trap test_services_stop EXIT INT TERM
    test_services_start
    # The servers share the cores with PostgreSQL and Redis: the setting README recommends for that (every server alike).
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
    "${bench[@]}" --postgres "$TALLY_TEST_POSTGRES" --redis "$TALLY_TEST_REDIS" "$@"
else
    "${bench[@]}" "$@"
fi

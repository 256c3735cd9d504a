#!/usr/bin/env bash
# The poll catalogue benchmark (bench/Tally.Bench -- catalog) on memory and Redis views: starts a private Redis (with
# PostgreSQL, unused, from scripts/test-services.sh), optionally builds an older commit's server to compare with, runs
# the bench with the arguments given, and stops everything. Build first: dotnet build -c Release Tally.slnx
#   bash scripts/bench-catalog.sh [--old <commit>] [catalog options, e.g. --polls 100000]
set -euo pipefail
cd "$(dirname "$0")/.."

old=""
if [[ "${1:-}" == "--old" ]]; then
    old=$2
    shift 2
fi

source scripts/test-services.sh
trap test_services_stop EXIT INT TERM
test_services_start

args=(catalog --redis "$TALLY_TEST_REDIS")
if [[ -n "$old" ]]; then
    src="$TALLY_SERVICES_DIR/old"
    mkdir -p "$src"
    git archive "$old" | tar -x -C "$src"
    echo "Building $old's server for comparison..."
    dotnet build "$src/src/Tally.Server" -c Release -nologo -v quiet >/dev/null
    args+=(--old-server-dll "$src/src/Tally.Server/bin/Release/net10.0/Tally.Server.dll")
fi
dotnet run -c Release --no-build --project bench/Tally.Bench -- "${args[@]}" "$@"

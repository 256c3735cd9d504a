#!/usr/bin/env bash
# A/B of builds or settings in alternating rounds: each round runs every configuration once (the order rotates from
# round to round, since the run after another on the same disk and cores is measured differently), on one stack, with
# one private PostgreSQL and Redis for the whole comparison. On these shared machines one run is noise; compare the
# medians. Prints a line per configuration, round and scenario; every run's whole report is kept in the output folder.
# Build first: dotnet build -c Release Tally.slnx (and the other build, e.g. in a git worktree).
#   bash scripts/bench-rounds.sh STACK ROUNDS OUT_DIR 'label|ENV=V ENV2=V|path/to/Tally.Server.dll' ...
#   bash scripts/bench-rounds.sh postgres-redis 3 /tmp/ab 'before|-|/tmp/old/Tally.Server.dll' 'after|-|src/Tally.Server/bin/Release/net10.0/Tally.Server.dll'
# ENV - sets nothing. SCENARIOS (default many-polls,hot-poll), SECONDS_MEASURED (10) and WARMUP (10) choose the runs.
set -euo pipefail
cd "$(dirname "$0")/.."

stack=$1 rounds=$2 out=$3
shift 3
configs=("$@")
scenarios=${SCENARIOS:-many-polls,hot-poll}
mkdir -p "$out"
if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
fi
services=()
if [[ "$stack" == postgres-redis ]]; then
    source scripts/test-services.sh
    trap test_services_stop EXIT INT TERM
    test_services_start
    services=(--postgres "$TALLY_TEST_POSTGRES" --redis "$TALLY_TEST_REDIS")
    # As bench-perf.sh: the setting README recommends when the database shares the cores (a configuration may override it).
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
fi

count=${#configs[@]}
for round in $(seq 1 "$rounds"); do
    for slot in $(seq 0 $((count - 1))); do
        IFS='|' read -r label settings dll <<< "${configs[$(((slot + round - 1) % count))]}"
        [[ "$settings" == - ]] && settings=""
        report="$out/round$round-$label.txt"
        # shellcheck disable=SC2086 # the settings are NAME=VALUE words
        env $settings dotnet bench/Tally.Bench/bin/Release/net10.0/Tally.Bench.dll perf --stack "$stack" "${services[@]}" \
            --scenarios "$scenarios" --targets tally --server-dll "$dll" --seed-votes 0 \
            --seconds "${SECONDS_MEASURED:-10}" --warmup "${WARMUP:-10}" --half-load-seconds 5 > "$report" 2>&1
        for scenario in ${scenarios//,/ }; do
            grep -E "^Tally $scenario:" "$report" | sed -E "s/^Tally [a-z-]+: (.*)/round $round $label $scenario: \1/" || true
        done
    done
done

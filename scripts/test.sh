#!/usr/bin/env bash
# Runs every test in the repository. Installs PostgreSQL and Redis from Debian's packages when missing, starts
# private instances on free loopback ports in a temporary folder (stopped again on exit, also when tests fail),
# builds the whole solution (warnings are errors), runs each test project, lints the committed OpenAPI document
# (web/openapi/v1.json, with tools/openapi-lint), and ends with one summary line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/test-services.sh
trap test_services_stop EXIT
test_services_start

dotnet build Tally.slnx -c Release -nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"; test_services_stop' EXIT
status=0
dotnet test Tally.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# The document the web app's types come from must lint without errors (ApiDocumentTests holds it to what is served).
if ! bash tools/openapi-lint/lint.sh; then
    echo "OpenAPI lint: web/openapi/v1.json has errors (see above)." >&2
    status=1
fi

# One line per test assembly: "Passed!  - Failed: 0, Passed: 75, Skipped: 0, Total: 75, ..."
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
    awk -F'[:,]' '{ f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ "$passed" -eq 0 ]]; then
    echo "No test ran." >&2
    exit 1
fi
exit "$status"

#!/usr/bin/env bash
# Lints web/openapi/v1.json with Redocly's recommended rules as set in redocly.yaml; exits non-zero on any error.
# Installs the pinned linter from package-lock.json first when it is not installed yet.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x node_modules/.bin/redocly ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/redocly lint ../../web/openapi/v1.json --config redocly.yaml --format=stylish --max-problems 1000

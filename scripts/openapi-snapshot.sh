#!/usr/bin/env bash
# Refreshes web/openapi/v1.json, the committed copy of the OpenAPI document the server serves (the web app's types are
# generated from it, and ApiDocumentTests fails while it differs from what is served). Builds the server, starts it on a
# free loopback port with a temporary data folder, saves /openapi/v1.json as served, stops it, and lints the result.
# Run it after changing any endpoint, contract or documentation metadata: bash scripts/openapi-snapshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build src/Tally.Server -c Release -nologo -v quiet

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
dotnet src/Tally.Server/bin/Release/net10.0/Tally.Server.dll --Urls "http://127.0.0.1:${port}" --Tally:DataPath="${data}" \
    >"${data}/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT

document="${data}/v1.json"
for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:${port}/openapi/v1.json" -o "$document"; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        cat "${data}/server.log" >&2
        echo "The server stopped before serving its document." >&2
        exit 1
    fi
    sleep 0.5
done
if [[ ! -s "$document" ]]; then
    echo "The server did not serve /openapi/v1.json within a minute." >&2
    exit 1
fi

mkdir -p web/openapi
# As served (the framework writes it indented, in a stable order), ending with a newline.
{ cat "$document"; echo; } >web/openapi/v1.json
echo "Wrote web/openapi/v1.json"

bash tools/openapi-lint/lint.sh

#!/usr/bin/env bash
# The HTTP API against its contract (issue 18): openapi.yaml must be a valid OpenAPI 3.1
# document (openapi-spec-validator), and schemathesis, run against a live `intake serve` on a
# fresh SQLite register seeded with the samples, must find no 5xx and no response that the
# document does not describe (status, content type, headers, body schema).
#
#   scripts/api-check.sh            # uses .build/debug/intake-server (built by `swift build`)
#   API_CHECK_MAX_EXAMPLES=200 scripts/api-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import schemathesis, openapi_spec_validator' 2>/dev/null || {
  echo "installing: schemathesis openapi-spec-validator (API checks)" >&2
  pip install -q schemathesis openapi-spec-validator
}
openapi-spec-validator openapi.yaml

BIN=${INTAKE_SERVER:-.build/debug/intake-server}
[ -x "$BIN" ] || swift build --product intake-server
WORK=$(mktemp -d /tmp/wwc-api-check.XXXXXX)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/register.sqlite"
TOKEN=$("$BIN" register token add schemathesis --role staff --db "$DB")
"$BIN" register add samples/en samples/es samples/fr samples/pt --db "$DB" --as seed >/dev/null
"$BIN" register review 1 --state needs_changes --note "Seeded review" --db "$DB" --as seed >/dev/null

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

SPEC="$PWD/openapi.yaml"
cd "$WORK"  # schemathesis keeps a cache folder (.schemathesis/) in the current folder
schemathesis run "$SPEC" --url "http://127.0.0.1:$PORT" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${API_CHECK_MAX_EXAMPLES:-40}" --seed 18 --no-color --workers 2
kill -0 "$SERVER_PID" || { echo "the server died during the run:" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "api-check: openapi.yaml valid; schemathesis found no 5xx and no undocumented response" >&2

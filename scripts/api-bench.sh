#!/usr/bin/env bash
# The API benchmark of issue 18, all in one run on the same small form (samples/en/austin.json):
#   1. `intake convert` forms/s on one core (N copies, --jobs 1),
#   2. wrk on loopback against POST /v1/validate (keep-alive, 16 connections): requests/s,
#      p99 latency, and the server's CPU (cores used, from /proc), so requests/s per core can be
#      set next to (1),
#   3. submissions stored per second into SQLite and, with WWC_TEST_POSTGRES_URL, PostgreSQL
#      (scripts/load-check.py --mode load: 8 clients x 200).
#
#   make release && scripts/api-bench.sh                      # BIN=.build/release by default
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
SECONDS_WRK=${WRK_SECONDS:-20}
FORM=samples/en/austin.json
WORK=$(mktemp -d /tmp/wwc-api-bench.XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get install -y -qq wrk; }

# 1. intake convert, one core, records to stdout (JSON Lines; no file writes): forms per CPU
#    second, which a machine shared with other work measures more steadily than wall time.
mkdir -p "$WORK/forms"
for i in $(seq 1 2000); do cp "$FORM" "$WORK/forms/form$i.json"; done
read -r wall cpu_s < <(python3 - "$BIN/intake" "$WORK/forms" <<'PY'
import resource, subprocess, sys, time
t = time.time()
subprocess.run([sys.argv[1], "convert", sys.argv[2], "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(round(time.time() - t, 2), round(r.ru_utime + r.ru_stime, 2))
PY
)
convert_rate=$(python3 -c "print(round(2000 / $cpu_s))")
echo "intake convert: 2000 forms, $cpu_s s CPU ($wall s wall) = $convert_rate forms per CPU second"

# 2. wrk against /v1/validate.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN/intake-server" serve --db "$WORK/register.sqlite" --port "$PORT" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
cat >"$WORK/validate.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$FORM", "rb"); wrk.body = f:read("*a"); f:close()
LUA
cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
ticks=$(getconf CLK_TCK)
cpu0=$(cpu); t0=$(date +%s.%N)
wrk -t2 -c16 -d"${SECONDS_WRK}s" --latency -s "$WORK/validate.lua" "http://127.0.0.1:$PORT/v1/validate" | tee "$WORK/wrk.txt"
cpu1=$(cpu); t1=$(date +%s.%N)
rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
server_cpu=$(python3 -c "print(round(($cpu1 - $cpu0) / $ticks, 2))")
cores=$(python3 -c "print(round($server_cpu / ($t1 - $t0), 2))")
per_core=$(python3 -c "print(round($requests / max($server_cpu, 0.01)))")
echo "POST /v1/validate: $rps requests/s, p99 $p99; server $server_cpu s CPU ($cores cores) = $per_core requests" \
     "per CPU second = $(python3 -c "print(round($per_core / $convert_rate, 2))") x intake convert's (goal >= 0.5; p99 goal <= 20 ms)"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# 3. Submissions stored per second.
scripts/load-check.py --server "$BIN/intake-server" --mode load --db "$WORK/stored.sqlite" | sed 's/^load:/SQLite:/'
if [ -n "${WWC_TEST_POSTGRES_URL:-}" ]; then
  scripts/load-check.py --server "$BIN/intake-server" --mode load --postgres "$WWC_TEST_POSTGRES_URL" | sed 's/^load:/PostgreSQL:/'
fi

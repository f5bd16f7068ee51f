#!/usr/bin/env bash
# Load test of POST /api/v1/recommendations through the gateway, next to a plain Kestrel "hello"
# on the same machine with the same wrk settings (the ceiling), and the same hello answering a body
# as large as the recommendation (to tell the size of the answer from the gateway's own work).
# Loopback only; every step is bounded in time. The app must already be running, in Release:
# ./run.sh --headless --Parameters:rate-limit-per-second=0 (from the repository): the gateway limits
# each client address (docs/security.md), and all of wrk comes from one.
#
#   benchmarks/load/recommendations.sh [gateway-url]        default http://localhost:5080
#   optional: DURATION=10s CONNECTIONS=64 THREADS=2 WARMUP=10s HELLO_PORT=5099 SKIP_HELLO=1 SKIP_UNCACHED=1
#
# Prints the machine, the load average before each run, and wrk's own output verbatim (post.lua
# adds the responses counted by status and how many said "cached": true).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ensure-packages.sh wrk curl jq

GATEWAY="${1:-http://localhost:5080}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
HELLO_PORT="${HELLO_PORT:-5099}"
BODY='{"challenge":"reduce loneliness among older residents in rural villages","council":"CON","limit":10}'
WARMUP="${WARMUP:-10s}"
WRK=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --latency --timeout 10s)

machine() {
    echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; .NET $(dotnet --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
}

load() {
    echo "load average before this run: $(cut -d' ' -f1-3 /proc/loadavg)"
}

wait_for() { # url seconds
    local deadline=$((SECONDS + $2))
    until curl -fs -o /dev/null --max-time 2 "$1"; do
        if ((SECONDS >= deadline)); then
            echo "gave up waiting for $1 after $2 s" >&2
            return 1
        fi
        sleep 1
    done
}

machine
echo "== waiting for $GATEWAY/health"
wait_for "$GATEWAY/health" 300

echo "== priming: one request ranks and fills the caches; the second must come from the gateway's memory"
for attempt in 1 2; do
    curl -sS --max-time 60 -o /tmp/recommend-load-prime.json -w "request $attempt: HTTP %{http_code} in %{time_total} s, " \
        -H 'Content-Type: application/json' -d "$BODY" "$GATEWAY/api/v1/recommendations"
    jq -r '"\(.results | length) results, cached: \(.cached), index \(.index_version)"' /tmp/recommend-load-prime.json
done

echo "== cached: the same body every time, $CONNECTIONS connections, $DURATION (after an untimed $WARMUP warm-up: tiered JIT and PGO settle)"
timeout 30 "${WRK[@]:0:3}" "-d$WARMUP" -s benchmarks/load/post.lua "$GATEWAY/api/v1/recommendations" >/dev/null
load
timeout 120 "${WRK[@]}" -s benchmarks/load/post.lua "$GATEWAY/api/v1/recommendations"

if [[ -z "${SKIP_UNCACHED:-}" ]]; then
    echo "== uncached: a challenge text no earlier request used, so every request is ranked (gateway and Redis caches miss)"
    load
    timeout 120 "${WRK[@]}" -s benchmarks/load/post-uncached.lua "$GATEWAY/api/v1/recommendations"
fi

if [[ -z "${SKIP_HELLO:-}" ]]; then
    size=$(stat -c %s /tmp/recommend-load-prime.json)
    echo "== ceiling: plain Kestrel hello (benchmarks/KestrelHello, Release, Production), same wrk settings and body"
    dotnet build benchmarks/KestrelHello -c Release -v quiet -nologo >/dev/null
    # Its folder is the content root, so its appsettings.json (the template's log levels) applies.
    DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://localhost:$HELLO_PORT" \
        dotnet benchmarks/KestrelHello/bin/Release/net10.0/Recommend.KestrelHello.dll --contentRoot "$PWD/benchmarks/KestrelHello" \
        --PayloadBytes="$size" >/tmp/recommend-kestrel-hello.log 2>&1 &
    hello=$!
    trap 'kill "$hello" 2>/dev/null || true' EXIT
    wait_for "http://localhost:$HELLO_PORT/" 60
    # The same untimed warm-up the gateway had.
    timeout 30 "${WRK[@]:0:3}" "-d$WARMUP" -s benchmarks/load/post.lua "http://localhost:$HELLO_PORT/" >/dev/null
    load
    timeout 120 "${WRK[@]}" -s benchmarks/load/post.lua "http://localhost:$HELLO_PORT/"
    echo "== the same hello answering $size bytes (the size of the cached recommendation above) from memory"
    timeout 30 "${WRK[@]:0:3}" "-d$WARMUP" -s benchmarks/load/post.lua "http://localhost:$HELLO_PORT/payload" >/dev/null
    load
    timeout 120 "${WRK[@]}" -s benchmarks/load/post.lua "http://localhost:$HELLO_PORT/payload"
    kill "$hello"
    wait "$hello" 2>/dev/null || true
    trap - EXIT
fi

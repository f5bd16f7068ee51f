#!/usr/bin/env bash
# Load test of POST /api/v1/recommendations through the gateway, compared with a plain Kestrel
# "hello" (benchmarks/KestrelHello) answering a body of the same size from memory, on the same
# machine with the same wrk settings. Loopback only; every step is bounded in time. The app must
# already be running, in Release: ./run.sh --headless --Parameters:rate-limit-per-second=0 (from the
# repository): the gateway limits each client address (docs/security.md), and all of wrk comes from one.
#
#   benchmarks/load/recommendations.sh [gateway-url]        default http://localhost:5080
#   optional: ROUNDS=5 DURATION=10s CONNECTIONS=64 THREADS=2 WARMUP=10s HELLO_PORT=5099 OUT=<folder>
#             SKIP_UNCACHED=1 (no uncached run)  SKIP_CEILING=1 (no plain "hello" on /)
#             SKIP_HELLO=1 (no hello at all: the cached rounds and the uncached run only)
#
# Why rounds: on 2 shared cores one 10 s run of each swings by tens of percent (the same hello gave
# 30.5k and 39.6k req/s minutes apart), so a single cached/hello pair says little. The hello is
# started before anything is measured, so both servers are alive for the whole comparison; both get
# the same untimed warm-up; then ROUNDS pairs run back to back, cached through the gateway and the
# hello's POST /payload, alternating which goes first, and the summary gives medians and the spread
# of the per-round ratio. Then, unless skipped, one uncached run and the plain hello (the ceiling).
#
# Prints the machine, the load average before each run, each run's req/s, p50 and p99, and the
# summary; wrk's own output for every run is kept verbatim in the output folder it names (post.lua
# adds the responses counted by status and how many said "cached": true).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ensure-packages.sh wrk curl jq

GATEWAY="${1:-http://localhost:5080}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10s}"
HELLO_PORT="${HELLO_PORT:-5099}"
HELLO="http://localhost:$HELLO_PORT"
BODY='{"challenge":"reduce loneliness among older residents in rural villages","council":"CON","limit":10}'
OUT="${OUT:-$(mktemp -d /tmp/recommend-load.XXXXXX)}"
mkdir -p "$OUT"

case "$GATEWAY" in
    http://localhost[:/]* | http://localhost | http://127.* | "http://[::1]"*) ;;
    *) echo "loopback only: $GATEWAY is not http://localhost, 127.x or [::1]" >&2; exit 2 ;;
esac

seconds() { # a wrk duration (10, 10s, 2m, 1h) in whole seconds
    case "$1" in
        *h) echo $((${1%h} * 3600)) ;;
        *m) echo $((${1%m} * 60)) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}
# wrk stops itself after its duration; the timeout only catches a wrk that hangs.
RUN_LIMIT=$(($(seconds "$DURATION") + 30))
WARMUP_LIMIT=$(($(seconds "$WARMUP") + 30))
WRK=(wrk "-t$THREADS" "-c$CONNECTIONS" --timeout 10s)

machine() {
    echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; .NET $(dotnet --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "wrk: ${WRK[*]} -d$DURATION --latency, after an untimed $WARMUP warm-up of each server; $ROUNDS rounds"
    echo "wrk's verbatim output: $OUT"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

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

warm_up() { # url lua
    timeout "$WARMUP_LIMIT" "${WRK[@]}" "-d$WARMUP" -s "$2" "$1" >/dev/null
}

# One timed wrk run, its output kept in $OUT/<name>.txt. Sets RPS, P50, P99 (ms) and LOAD (the
# 1-minute load average just before it), from the lines wrk and post.lua print; warns when a
# response was anything but a 200 (or, with expect_cached, did not say "cached": true).
measure() { # name url lua expect_cached(0|1)
    local file="$OUT/$1.txt"
    LOAD=$(load1)
    echo "load average before this run: $(cut -d' ' -f1-3 /proc/loadavg)" >"$file"
    if ! timeout "$RUN_LIMIT" "${WRK[@]}" "-d$DURATION" --latency -s "$3" "$2" >>"$file" 2>&1; then
        echo "wrk failed or timed out for $1 ($2):" >&2
        cat "$file" >&2
        return 1
    fi
    RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
    read -r P50 P99 < <(sed -n 's/^latency p50 \([0-9.]*\) ms, p90 [0-9.]* ms, p99 \([0-9.]*\) ms.*/\1 \2/p' "$file") || true
    local requests errors statuses hits
    read -r requests errors < <(sed -n 's/.*; \([0-9]*\) requests, errors connect \([0-9]*\) read \([0-9]*\) write \([0-9]*\) timeout \([0-9]*\) status \([0-9]*\)$/\1 \2+\3+\4+\5+\6/p' "$file") || true
    statuses=$(sed -n 's/^responses by status:\(.*\); bodies saying.*/\1/p' "$file")
    hits=$(sed -n 's/.*bodies saying "cached":true: \([0-9]*\)$/\1/p' "$file")
    if [[ -z "$RPS" || -z "$P50" || -z "$P99" || -z "$requests" ]]; then
        echo "could not read wrk's figures for $1 from $file:" >&2
        cat "$file" >&2
        return 1
    fi
    if [[ "$statuses" != " 200=$requests" || $((errors)) -ne 0 ]]; then
        echo "WARNING $1: not every response was a 200 (statuses:$statuses; socket/status errors $((errors)) of $requests)" >&2
    fi
    if [[ "$4" == 1 && "$hits" != "$requests" ]]; then
        echo "WARNING $1: only $hits of $requests answers said \"cached\": true" >&2
    fi
}

show() { # label
    printf '  %-28s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms   (load before %s)\n' "$1" "$RPS" "$P50" "$P99" "$LOAD"
}

median() { # numbers, one a line
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

machine | tee "$OUT/summary.txt"
echo "== waiting for $GATEWAY/health"
wait_for "$GATEWAY/health" 300

echo "== priming: one request ranks and fills the caches; the second must come from the gateway's memory"
for attempt in 1 2; do
    curl -sS --max-time 60 -o "$OUT/prime.json" -w "request $attempt: HTTP %{http_code} in %{time_total} s, " \
        -H 'Content-Type: application/json' -d "$BODY" "$GATEWAY/api/v1/recommendations"
    jq -r '"\(.results | length) results, cached: \(.cached), index \(.index_version)"' "$OUT/prime.json"
done
size=$(stat -c %s "$OUT/prime.json")

if [[ -z "${SKIP_HELLO:-}" ]]; then
    echo "== starting the hello (benchmarks/KestrelHello, Release, Production) answering $size bytes on POST /payload"
    dotnet build benchmarks/KestrelHello -c Release -v quiet -nologo >/dev/null
    # Its folder is the content root, so its appsettings.json (the template's log levels) applies.
    DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$HELLO" \
        dotnet benchmarks/KestrelHello/bin/Release/net10.0/Recommend.KestrelHello.dll --contentRoot "$PWD/benchmarks/KestrelHello" \
        --PayloadBytes="$size" >"$OUT/kestrel-hello.log" 2>&1 &
    hello=$!
    trap 'kill "$hello" 2>/dev/null || true' EXIT
    wait_for "$HELLO/" 60
fi

echo "== warm-up, untimed, $WARMUP each (tiered JIT and PGO settle)"
warm_up "$GATEWAY/api/v1/recommendations" benchmarks/load/post.lua
[[ -z "${SKIP_HELLO:-}" ]] && warm_up "$HELLO/payload" benchmarks/load/post.lua

echo "== cached through the gateway (the same body every time) against the hello answering the same $size bytes"
: >"$OUT/rounds.tsv"
for ((round = 1; round <= ROUNDS; round++)); do
    # Odd rounds measure the gateway first, even rounds the hello first: neither always gets the
    # machine just after the other has stirred it up.
    order=(cached hello)
    ((round % 2 == 0)) && order=(hello cached)
    [[ -n "${SKIP_HELLO:-}" ]] && order=(cached)
    echo "round $round (${order[*]})"
    cached_line="" hello_line=""
    for which in "${order[@]}"; do
        if [[ "$which" == cached ]]; then
            measure "round-$round-cached" "$GATEWAY/api/v1/recommendations" benchmarks/load/post.lua 1
            show "cached, gateway"
            cached_line="$RPS $P50 $P99 $LOAD"
        else
            measure "round-$round-hello-payload" "$HELLO/payload" benchmarks/load/post.lua 0
            show "hello /payload, $size B"
            hello_line="$RPS $P50 $P99 $LOAD"
        fi
    done
    echo "$round $cached_line ${hello_line:-0 0 0 0}" >>"$OUT/rounds.tsv"
    if [[ -n "$hello_line" ]]; then
        awk '{ printf "  cached / hello: %.2fx\n", $2 / $6 }' <(tail -1 "$OUT/rounds.tsv")
    fi
done

{
    echo "== summary of $ROUNDS rounds (cached through $GATEWAY, hello answering $size bytes)"
    echo "round  cached req/s  p50 ms  p99 ms  load | hello req/s  p50 ms  p99 ms  load | ratio"
    awk '{ printf "%5d  %12.0f  %6.2f  %6.2f  %4s | %11.0f  %6.2f  %6.2f  %4s | %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, ($6 > 0 ? sprintf("%.2fx", $2 / $6) : "-") }' "$OUT/rounds.tsv"
    echo "median cached: $(cut -d' ' -f2 "$OUT/rounds.tsv" | median | xargs printf '%.0f') req/s, p50 $(cut -d' ' -f3 "$OUT/rounds.tsv" | median | xargs printf '%.2f') ms, p99 $(cut -d' ' -f4 "$OUT/rounds.tsv" | median | xargs printf '%.2f') ms"
    if [[ -z "${SKIP_HELLO:-}" ]]; then
        echo "median hello /payload: $(cut -d' ' -f6 "$OUT/rounds.tsv" | median | xargs printf '%.0f') req/s, p50 $(cut -d' ' -f7 "$OUT/rounds.tsv" | median | xargs printf '%.2f') ms, p99 $(cut -d' ' -f8 "$OUT/rounds.tsv" | median | xargs printf '%.2f') ms"
        ratios=$(awk '{ printf "%.4f\n", $2 / $6 }' "$OUT/rounds.tsv")
        printf 'cached / hello per round: median %.2fx, min %.2fx, max %.2fx\n' \
            "$(median <<<"$ratios")" "$(sort -g <<<"$ratios" | head -1)" "$(sort -g <<<"$ratios" | tail -1)"
    fi
} | tee -a "$OUT/summary.txt"

if [[ -z "${SKIP_UNCACHED:-}" ]]; then
    echo "== uncached: a challenge text no earlier request used, so every request is ranked (gateway and Redis caches miss)"
    measure uncached "$GATEWAY/api/v1/recommendations" benchmarks/load/post-uncached.lua 0
    show "uncached, gateway" | tee -a "$OUT/summary.txt"
fi

if [[ -z "${SKIP_HELLO:-}" && -z "${SKIP_CEILING:-}" ]]; then
    echo "== ceiling: the plain hello answering \"Hello, World!\" on /, same wrk settings and request body"
    warm_up "$HELLO/" benchmarks/load/post.lua
    measure hello-plain "$HELLO/" benchmarks/load/post.lua 0
    show "hello /, 13 B" | tee -a "$OUT/summary.txt"
fi

if [[ -n "${SKIP_HELLO:-}" ]]; then exit 0; fi
kill "$hello"
wait "$hello" 2>/dev/null || true
trap - EXIT
echo "wrk's verbatim output and this summary: $OUT"

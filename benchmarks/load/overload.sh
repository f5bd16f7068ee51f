#!/usr/bin/env bash
# Overload: far more uncached rankings at once than the recommenders have cores, while a replica's
# own /health is asked every 0.25 s, as the gateway's liveness probes do. What it shows: whether
# readiness still answers promptly (the gateway reads silence as "no recommender is up" and answers
# 503 for everything), and how the requests end (200, or 503 with Retry-After when every ranking
# slot and queue is taken). Loopback only, bounded in time. The app must be running in Release:
# ./run.sh --headless --Parameters:rate-limit-per-second=0
#
#   benchmarks/load/overload.sh RECOMMENDER-HEALTH-URL [gateway-url]
#   e.g. benchmarks/load/overload.sh http://localhost:25217/health      (a replica's port: ss -ltnp)
#   optional: DURATION=15s CONNECTIONS=256
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/ensure-packages.sh wrk curl

HEALTH="$1"
GATEWAY="${2:-http://localhost:5080}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-256}"
probes=$(mktemp)
trap 'rm -f "$probes"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $CONNECTIONS connections for $DURATION, uncached"
timeout 120 wrk -t2 "-c$CONNECTIONS" "-d$DURATION" --latency --timeout 10s -s benchmarks/load/post-uncached.lua \
    "$GATEWAY/api/v1/recommendations" >"$probes.wrk" &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null; do
    curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' "$HEALTH" >>"$probes" || echo "000 5" >>"$probes" &
    sleep 0.25
done
wait
grep -E 'Requests/sec|responses by status|^latency' "$probes.wrk"
rm -f "$probes.wrk"
sort -k2 -n "$probes" | awk '{ t[NR] = $2; if ($1 != "200") bad++ }
    END { p99 = int(NR * 0.99) + 1; if (p99 > NR) p99 = NR
          printf "readiness probes: %d, not 200: %d, p50 %.3f s, p99 %.3f s, max %.3f s\n", NR, bad + 0, t[int(NR / 2) + 1], t[p99], t[NR] }'

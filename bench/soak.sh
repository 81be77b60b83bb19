#!/usr/bin/env bash
# Soak test: the load of bench/load.sh (large order-sign, 8 connections) for SOAK_SECONDS (default
# 600), sampling resident memory (VmRSS) and heap in use every SAMPLE_SECONDS (default 30); prints
# the series, then wrk's totals and error count. A steady RSS and a heap that returns to the same
# level after collections mean no leak.
#
#   bench/soak.sh
#   SOAK_SECONDS=120 bench/soak.sh      # the short version
source "$(dirname "$0")/lib.sh"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-30}"

ensure_wrk
ensure_jar
start_jar
echo "startup_ms=$STARTUP_MS; soak ${SOAK_SECONDS}s, $CONNECTIONS connections, JAVA_OPTS: $JAVA_OPTS"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SOAK_SECONDS}s" --latency -s bench/post.lua "$SERVICE_URL" \
  >"$ROOT/target/soak-wrk.txt" &
load=$!
printf '%8s %8s %8s\n' "t_s" "rss_mb" "heap_mb"
printf '%8s %8s %8s\n' 0 "$(rss_mb)" "$(heap_mb)"
elapsed=0
while [ "$elapsed" -lt "$SOAK_SECONDS" ] && kill -0 "$load" 2>/dev/null; do
  sleep "$SAMPLE_SECONDS"
  elapsed=$((elapsed + SAMPLE_SECONDS))
  printf '%8s %8s %8s\n' "$elapsed" "$(rss_mb)" "$(heap_mb)"
done
wait "$load"
grep '^RESULT' "$ROOT/target/soak-wrk.txt"
stop_jar

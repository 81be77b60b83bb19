#!/usr/bin/env bash
# HTTP load test of the packaged service (SPEC §8). Starts target/taper-cds-*.jar on 127.0.0.1,
# measures start-up (process start -> first 200 from /cds-services) and the first order-sign call,
# then drives the large order-sign request with 8 connections: WARMUP seconds (default 90: the JIT
# compiler takes 60–75 s of full load to settle on 2 cores, and measures 40 % slow before), then two
# measured runs of DURATION seconds (default 60): "throughput", each connection sending its next
# call as soon as the last is answered, and "paced", the connections offering RATE calls a second
# in all (default 1,500; bench/paced.lua). Throughput is judged on the first, latency on the second
# (docs/adr/0006-latency-judged-at-the-target-rate.md). Reports req/s, p50/p90/p99 (client and
# server), the exact share of calls within 2 ms and 10 ms, errors, CPU per call, the machine's busy
# and stolen CPU, start-up, first call and peak RSS; stops.
#
#   bench/load.sh                      # builds the jar if missing (REBUILD=1 to force)
#   DURATION=30 WARMUP=10 bench/load.sh
#   RATE=1200 bench/load.sh
#   JAVA_OPTS="-Xmx512m -XX:+UseG1GC" bench/load.sh
#   FAT_JAR=/tmp/previous.jar bench/load.sh     # another build, for an A/B comparison
#   VARIED=1 bench/load.sh             # the order-sign scenarios' requests in turn (bench/varied.lua)
#                                      # instead of the large request repeated (the first call stays it)
#   CDS=1 bench/load.sh                # Java 17 with its class-data archive (made by a training start)
#   JAVA_BIN=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AOT=1 bench/load.sh   # Java 25 with its AOT cache;
#                                      # AOT_TRAINING_ARGS="--taper.warm-up.budget=30s --taper.warm-up.settle-rounds=0"
#                                      # trains it on 30 s of the hot path
source "$(dirname "$0")/lib.sh"
WARMUP="${WARMUP:-90}"
DURATION="${DURATION:-60}"
RATE="${RATE:-1500}"
export RATE WRK_THREADS

# One measured run of wrk with script $2 (label $1): client figures (RESULT line), server-side
# percentiles from the Prometheus histograms, the service's CPU per call, the machine's busy and
# stolen shares.
measure() {
  local label="$1" script="$2" cpu_before cpu_after requests machine_before
  scrape "$ROOT/target/bench-metrics-$label-before.txt"
  cpu_before=$(cpu_ms)
  machine_before=$(machine_ticks)
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$SERVICE_URL" \
    | tee "$ROOT/target/bench-wrk-$label.txt" | grep '^RESULT'
  cpu_after=$(cpu_ms)
  machine_share "$machine_before" "$(machine_ticks)"
  scrape "$ROOT/target/bench-metrics-$label-after.txt"
  server_percentiles "$ROOT/target/bench-metrics-$label-before.txt" "$ROOT/target/bench-metrics-$label-after.txt"
  requests=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$ROOT/target/bench-wrk-$label.txt")
  awk -v c=$((cpu_after - cpu_before)) -v n="${requests:-0}" \
    'BEGIN {if (n > 0) printf "service_cpu_ms_per_request=%.3f\n", c / n; else print "no RESULT line from wrk"}'
}

ensure_wrk
ensure_jar
echo "jar: $JAR"
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
start_jar
echo "startup_ms=$STARTUP_MS"

read -r code seconds < <(post_once)
echo "first_request_status=$code first_request_ms=$(awk -v s="$seconds" 'BEGIN {printf "%.1f", s * 1000}')"
if [ "$code" != "200" ] || ! grep -q '"taper-rate-exceeded"' "$ROOT/target/bench-response.json"; then
  echo "the first answer is not the expected card; see target/bench-response.json" >&2
  exit 1
fi

load_scripts
echo "warm-up: ${WARMUP}s"
# RATE only paces varied.lua here: a rate no service here reaches is flat out.
RATE=100000 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$FLAT_SCRIPT" "$SERVICE_URL" >/dev/null

( for _ in $(seq 1 $((2 * DURATION + 4))); do rss_mb; echo; sleep 1; done ) >"$ROOT/target/bench-rss.txt" 2>/dev/null &
sampler=$!
echo "throughput: ${DURATION}s, $CONNECTIONS connections, each sending its next call as soon as the last is answered"
RATE=100000 measure throughput "$FLAT_SCRIPT"
echo "latency at ${RATE} req/s: ${DURATION}s, $CONNECTIONS connections offering ${RATE} req/s in all"
measure paced "$PACED_SCRIPT"
wait "$sampler" 2>/dev/null || true
peak=$(sort -n "$ROOT/target/bench-rss.txt" | tail -1)
echo "rss_peak_mb=$peak heap_used_mb=$(heap_mb)"
stop_jar

#!/usr/bin/env bash
# A rule reload under load (issue 15, SPEC §8): the packaged service on a copy of rules/ (the file
# watch off), WARMUP seconds (default 60) flat out, then two runs of DURATION seconds (default 40)
# with 8 connections offering RATE calls a second (default 1,500; bench/paced.lua): one
# without, one with a reload RELOAD_AT seconds in (default 15: taper.max-reduction-percent
# 25 -> 26 in the copy, then POST /admin/rules/reload). Prints both runs' RESULT lines and the
# reload's answer (its result and millis).
#
#   bench/reload.sh
#   RATE=600 DURATION=30 bench/reload.sh
#   RATE=600 RELOAD_FIRST=1 bench/reload.sh    # the run holding the reload first
#   VARIED=1 RATE=300 bench/reload.sh          # the requests of the order-sign scenarios in turn
#                                               # (bench/varied.lua) instead of the large one repeated
source "$(dirname "$0")/lib.sh"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-40}"
RATE="${RATE:-1500}"
RELOAD_AT="${RELOAD_AT:-15}"
export RATE WRK_THREADS
ensure_wrk
ensure_jar
COPY="$ROOT/target/reload-bench"
rm -rf "$COPY" && mkdir -p "$COPY" && cp -r rules "$COPY/rules"
PASSWORD="bench-$RANDOM$RANDOM"
RULES_DIR="$COPY/rules"
EXTRA_ARGS="--taper.rules.watch.enabled=false --taper.console.users[0].name=bench
  --taper.console.users[0].password={noop}$PASSWORD --taper.console.users[0].roles=INFORMATICIST ${EXTRA_ARGS:-}"
load_scripts
start_jar
echo "startup_ms=$STARTUP_MS; warm-up: ${WARMUP}s"
# Flat out (a rate no service here reaches, for varied.lua's pacing).
RATE=100000 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$FLAT_SCRIPT" "$SERVICE_URL" >/dev/null
without() {
  echo "without a reload:"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$PACED_SCRIPT" "$SERVICE_URL" | grep '^RESULT'
}
with_reload() {
  echo "with a reload ${RELOAD_AT}s in:"
  ( sleep "$RELOAD_AT"
    sed -i 's/^taper.max-reduction-percent=25$/taper.max-reduction-percent=26/' "$COPY/rules/settings.properties"
    curl -s -u "bench:$PASSWORD" -X POST "$BASE/admin/rules/reload" >"$COPY/reload.json" ) &
  local reloader=$!
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$PACED_SCRIPT" "$SERVICE_URL" | grep '^RESULT'
  wait "$reloader"
}
# Consecutive runs drift with the VM's phase: RELOAD_FIRST=1 runs the pair the other way round.
if [ "${RELOAD_FIRST:-0}" = "1" ]; then with_reload; without; else without; with_reload; fi
echo "reload: $(cat "$COPY/reload.json")"
stop_jar

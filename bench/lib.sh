# Shared by bench/load.sh and bench/soak.sh: build, start and stop the jar on 127.0.0.1.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-18080}"
BASE="http://127.0.0.1:${PORT}"
BODY_FILE="${BODY_FILE:-$ROOT/src/test/resources/bench/order-sign-large.json}"
SERVICE_URL="$BASE/cds-services/benzo-taper-order-sign"
CONNECTIONS="${CONNECTIONS:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
# Heap and GC for the 512 MB resident-memory target on 2 cores (see README, Performance).
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC -XX:MaxMetaspaceSize=160m -Xss512k}"
export BODY_FILE

ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (Debian package)" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq wrk >/dev/null
  fi
}

ensure_jar() {
  JAR="$(ls "$ROOT"/target/taper-cds-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  if [ -z "$JAR" ] || [ "${REBUILD:-0}" = "1" ]; then
    mvn -B -q -DskipTests package
    JAR="$(ls "$ROOT"/target/taper-cds-*.jar | grep -v original | head -1)"
  fi
}

now_ms() { date +%s%3N; }

# Starts the jar, waits (at most 60 s) for the first 200 from /cds-services; sets PID and STARTUP_MS.
start_jar() {
  if curl -s -o /dev/null "$BASE/cds-services"; then
    echo "port $PORT is already in use; set PORT" >&2
    exit 1
  fi
  LOG="$ROOT/target/bench-server.log"
  local t0
  t0=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    --taper.rules-dir=rules --taper.profiles-dir=fhir-profiles >"$LOG" 2>&1 &
  PID=$!
  trap stop_jar EXIT
  local i
  for i in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/cds-services" || true)" = "200" ]; then
      STARTUP_MS=$(( $(now_ms) - t0 ))
      return 0
    fi
    kill -0 "$PID" 2>/dev/null || { echo "the service exited; see $LOG" >&2; exit 1; }
    sleep 0.1
  done
  echo "the service was not ready within 60 s; see $LOG" >&2
  exit 1
}

stop_jar() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID"
    local i
    for i in $(seq 1 100); do
      kill -0 "$PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID"
  fi
  PID=""
}

# One POST of the body: prints "<http code> <seconds>".
post_once() {
  curl -s -o "$ROOT/target/bench-response.json" -w '%{http_code} %{time_total}\n' \
    -H 'Content-Type: application/json' --data-binary @"$BODY_FILE" "$SERVICE_URL"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }

# Heap in use (MB): young + old occupancy from jstat.
heap_mb() {
  jstat -gc "$PID" 2>/dev/null | awk 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR==2 {printf "%.0f", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024}'
}

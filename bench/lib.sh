# Shared by bench/load.sh and bench/soak.sh: build, start and stop the jar on 127.0.0.1.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# FAT_JAR (see ensure_jar) may be relative to the caller's directory.
if [ -n "${FAT_JAR:-}" ]; then FAT_JAR="$(realpath -m -- "$FAT_JAR")"; fi
cd "$ROOT"

PORT="${PORT:-18080}"
BASE="http://127.0.0.1:${PORT}"
# The actuator listens on a port of its own (management.server.port; 8081 by default).
MANAGEMENT_PORT="${MANAGEMENT_PORT:-$((PORT + 100))}"
BODY_FILE="${BODY_FILE:-$ROOT/src/test/resources/bench/order-sign-large.json}"
SERVICE_URL="$BASE/cds-services/benzo-taper-order-sign"
CONNECTIONS="${CONNECTIONS:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
# Heap and GC for the 512 MB resident-memory target on 2 cores (see docs/performance.md and
# docs/deployment.md). The heap is touched at start (AlwaysPreTouch), so resident memory is at its
# full size from the first minute instead of creeping up as the old generation fills; glibc keeps
# 2 malloc arenas.
JAVA_OPTS="${JAVA_OPTS:--Xms200m -Xmx200m -XX:+AlwaysPreTouch -XX:+UseParallelGC -XX:MaxMetaspaceSize=160m -Xss512k}"
# The java that runs the service (JAVA_BIN=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java: Java 25, e.g.
# with AOT=1: its AOT cache made by a training start, with AOT_TRAINING_ARGS passed to that start).
JAVA_BIN="${JAVA_BIN:-java}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
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

# Builds the jar if missing (or REBUILD=1) and extracts it the way docs/deployment.md deploys it
# (application jar + lib/, Spring Boot's "extract" layout: start-up ~2 s faster than the fat jar);
# sets JAR to the extracted application jar. FAT_JAR=/path/to/taper-cds.jar measures another build
# instead (e.g. a copy of the previous commit's jar, for an A/B comparison in the same VM phase;
# REBUILD is then ignored, and rules/ and fhir-profiles/ still come from this checkout).
ensure_jar() {
  local fat="${FAT_JAR:-}"
  if [ -n "$fat" ]; then
    [ -f "$fat" ] || { echo "FAT_JAR=$fat does not exist" >&2; exit 1; }
  else
    fat="$(ls "$ROOT"/target/taper-cds-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  fi
  if [ -z "${FAT_JAR:-}" ] && { [ -z "$fat" ] || [ "${REBUILD:-0}" = "1" ]; }; then
    mvn -B -q -DskipTests package
    fat="$(ls "$ROOT"/target/taper-cds-*.jar | grep -v original | head -1)"
  fi
  rm -rf "$ROOT/target/bench-app"
  java -Djarmode=tools -jar "$fat" extract --destination "$ROOT/target/bench-app" --application-filename taper-cds.jar >/dev/null
  JAR="$ROOT/target/bench-app/taper-cds.jar"
  if [ "${CDS:-0}" = "1" ] && [ "${AOT:-0}" = "1" ]; then
    echo "CDS=1 and AOT=1 together: choose one (AOT=1 is the Java 25 successor of CDS=1)" >&2
    exit 2
  fi
  if [ "${CDS:-0}" = "1" ]; then
    echo "CDS=1: making the class-data archive (a training start)" >&2
    JAVA_OPTS="$JAVA_OPTS $(cds_option "$JAR")"
  fi
  if [ "${AOT:-0}" = "1" ]; then
    echo "AOT=1: making the AOT cache of $JAVA_BIN (a training start${AOT_TRAINING_ARGS:+ with $AOT_TRAINING_ARGS})" >&2
    JAVA_OPTS="$JAVA_OPTS $(aot_option "$JAR" "$JAVA_BIN")"
  fi
}

now_ms() { date +%s%3N; }

# EHR authentication for the bench (bench/auth-ab.sh, AUTH=1 bench/ab.sh): the bench's own issuer,
# whose key and JWKS (target/bench-jwks.json) bench/MakeTokens.java makes with the tokens.
BENCH_ISSUER="https://bench-ehr.example.org"

# The arguments that turn EHR authentication on for a service answering at base URL $1.
auth_args() {
  echo "--taper.security.ehr.enabled=true --taper.public-base-url=$1" \
    "--taper.security.ehr.issuers[0].issuer=$BENCH_ISSUER" \
    "--taper.security.ehr.issuers[0].jwks-uri=file:$ROOT/target/bench-jwks.json"
}

# Pre-generates tokens with the service's own Nimbus (the extracted jar's lib directory $1), for the
# endpoint URL $2: $3 tokens per thread for $4 threads, a file per thread for each prefix after
# (target/<prefix><thread>.txt); RS384 with a 2048-bit key, or ES384 with ALG=ES384.
make_tokens() {
  local lib="$1" audience="$2" count="$3" threads="$4"
  shift 4
  ALG="${ALG:-RS384}" java -cp "$lib/*" "$ROOT/bench/MakeTokens.java" "$ROOT/target" "$BENCH_ISSUER" "$audience" \
    "$count" "$threads" "$@"
}

# CDS=1: class-data sharing on Java 17 (docs/deployment.md, "JVM levers"). Makes, once per
# extracted jar, its archive beside it the way the image recipe does (deploy/image/cds-archive.sh,
# a training start with this checkout's rule folders, by the java $2, default JAVA_BIN) and prints
# the option that maps it.
cds_option() {
  local jar="$1" java="${2:-$JAVA_BIN}" dir
  dir="$(dirname "$jar")"
  if [ ! -f "$dir/taper-cds.jsa" ]; then
    # exit: this runs in $(…), where set -e does not stop a start without the archive
    JAVA="$java" JAVA_OPTS="$JAVA_OPTS" "$ROOT/deploy/image/cds-archive.sh" "$dir" "$ROOT/rules" "$ROOT/fhir-profiles" >&2 \
      || exit 1
  fi
  echo "-XX:SharedArchiveFile=$dir/taper-cds.jsa"
}

# The AOT cache of a Java 25+ runtime $2 (JEP 483/514/515; docs/deployment.md, "JVM levers"): made
# once per extracted jar $1 by a training start (-XX:AOTCacheOutput; the default profile in a
# scratch directory, stopped once started) and printed as the option that maps it.
aot_option() {
  local jar="$1" java="$2" dir
  dir="$(dirname "$jar")"
  if [ ! -f "$dir/taper-cds.aot" ]; then
    rm -rf "$dir/aot-training" && mkdir -p "$dir/aot-training"
    # shellcheck disable=SC2086
    (cd "$dir/aot-training" && "$java" $JAVA_OPTS -XX:AOTCacheOutput="$dir/taper-cds.aot" \
      -Dspring.context.exit=onRefresh -jar "$jar" --server.port=0 --management.server.port=0 \
      --taper.rules-dir="$ROOT/rules" --taper.profiles-dir="$ROOT/fhir-profiles" ${AOT_TRAINING_ARGS:-} \
      >"$dir/aot-training.log" 2>&1)
    [ -f "$dir/taper-cds.aot" ] || { echo "no AOT cache made; see $dir/aot-training.log" >&2; exit 1; }
  fi
  echo "-XX:AOTCache=$dir/taper-cds.aot"
}

# The wrk scripts of bench/load.sh and bench/reload.sh: FLAT_SCRIPT for load flat out, PACED_SCRIPT
# for load at RATE; with VARIED=1 bench/varied.lua for both, over the bodies varied_bodies writes.
load_scripts() {
  FLAT_SCRIPT=bench/post.lua
  PACED_SCRIPT=bench/paced.lua
  if [ "${VARIED:-0}" = "1" ]; then
    varied_bodies
    FLAT_SCRIPT=bench/varied.lua
    PACED_SCRIPT=bench/varied.lua
  fi
}

# VARIED=1 (bench/load.sh, bench/reload.sh): writes the request of every order-sign scenario of
# rules/, one file each, under target/bench-bodies and exports BODIES_LIST for bench/varied.lua. The
# service answers them on today's date, not the scenario's pinned day: some cards differ, every
# request is valid.
varied_bodies() {
  export BODIES_LIST="$ROOT/target/bench-bodies/list.txt"
  rm -rf "$ROOT/target/bench-bodies" && mkdir -p "$ROOT/target/bench-bodies"
  python3 - "$ROOT/target/bench-bodies" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
paths = []
for scenario in sorted(glob.glob("rules/*/scenarios/*.json")):
    with open(scenario) as f:
        data = json.load(f)
    if data.get("service") == "benzo-taper-order-sign":
        path = os.path.join(out, "body-%03d.json" % len(paths))
        with open(path, "w") as f:
            json.dump(data["request"], f)
        paths.append(path)
with open(os.path.join(out, "list.txt"), "w") as f:
    f.write("\n".join(paths) + "\n")
PY
}

# PG=1: the service stores in PostgreSQL as in production (alerts, and the token ids all replicas
# share), in schema $1, dropped and made afresh (needs psql); PG_URL (default
# jdbc:postgresql://127.0.0.1:5432/test) and PG_USER (postgres). Prints the arguments for it.
pg_args() {
  [ "${PG:-0}" = "1" ] || return 0
  local url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}" host port db separator="?"
  host="$(sed -E 's#^jdbc:postgresql://([^:/?]+).*#\1#' <<<"$url")"
  port="$(sed -nE 's#^jdbc:postgresql://[^:/?]+:([0-9]+).*#\1#p' <<<"$url")"
  db="$(sed -E 's#^jdbc:postgresql://[^/]+/([^?]*).*#\1#' <<<"$url")"
  [[ "$url" == *"?"* ]] && separator="&"
  PGOPTIONS='-c client_min_messages=warning' psql -q -h "$host" -p "${port:-5432}" -U "${PG_USER:-postgres}" -d "$db" \
    -c "drop schema if exists $1 cascade; create schema $1" >/dev/null
  echo "--spring.datasource.url=$url${separator}currentSchema=$1 --spring.datasource.username=${PG_USER:-postgres}"
}

# A timer's histogram of the service whose actuator is on port $1, as "<bucket bound in s> <count>"
# lines: $2, default the EHR token check (taper.security.token.check); e.g. taper_security_replay_wait
# (what calls still waited for the shared replay store's answer, ADR 0015).
token_check_buckets() {
  curl -s "http://127.0.0.1:$1/actuator/prometheus" |
    sed -n "s/^${2:-taper_security_token_check}_seconds_bucket{.*le=\"\([^\"]*\)\".*} \([0-9.E+]*\)\$/\1 \2/p"
}

# p50 and p99 between two token_check_buckets snapshots (files $1, $2; label $3, default "token
# check"): the bound of the first bucket that holds the quantile.
token_check_quantiles() {
  paste -d' ' "$1" "$2" | awk -v label="${3:-token check}" '
    { le[NR] = $1; n[NR] = $4 - $2 }
    END {
      split("50 99", qs, " ")
      printf "%s: %d timed", label, n[NR]
      for (k = 1; k <= 2; k++) {
        for (i = 1; i <= NR && n[i] < qs[k] / 100 * n[NR]; i++) {}
        printf ", p%d <= %.3f ms", qs[k], le[i] * 1000
      }
      printf "\n"
    }'
}

# Starts the jar (with EXTRA_ARGS, if set; rules from RULES_DIR, default ./rules; PG=1: pg_args), waits (at most 60 s) for the first answer (200, or 401
# with EHR authentication on) from /cds-services; sets PID and STARTUP_MS.
start_jar() {
  if curl -s -o /dev/null "$BASE/cds-services"; then
    echo "port $PORT is already in use; set PORT" >&2
    exit 1
  fi
  LOG="$ROOT/target/bench-server.log"
  local t0
  t0=$(now_ms)
  # Each start in a fresh working directory: its own database (./data: alerts, the jti replay store,
  # the spool), so no run sees another's (a token replayed from an earlier run would be refused).
  local rules_dir
  rules_dir="$(realpath -m -- "${RULES_DIR:-rules}")"
  rm -rf "$ROOT/target/bench-run" && mkdir -p "$ROOT/target/bench-run"
  # shellcheck disable=SC2086
  (cd "$ROOT/target/bench-run" && exec "$JAVA_BIN" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    --management.server.port="$MANAGEMENT_PORT" --taper.rules-dir="$rules_dir" --taper.profiles-dir="$ROOT/fhir-profiles" \
    $(pg_args bench) ${EXTRA_ARGS:-} >"$LOG" 2>&1) &
  PID=$!
  trap stop_jar EXIT
  local i
  for i in $(seq 1 600); do
    # With EHR authentication on (EXTRA_ARGS), discovery answers 401 once the service is up.
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/cds-services" || true)" =~ ^(200|401)$ ]]; then
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

# CPU time (ms) the service process has used so far: user + system, from /proc (clock ticks).
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$PID/stat"
}

# The whole machine's CPU counters from /proc/stat: "busy idle steal" in clock ticks (busy = user,
# nice, system, irq, softirq; idle = idle, iowait; steal = time the hypervisor gave to others).
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $5 + $6, $9}' /proc/stat; }

# The machine's load between two machine_ticks readings ($1 and $2, each "busy idle steal"): the
# service, the load generator and everything else, so a slow run can be told from a busy or
# stolen-from machine.
machine_share() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    busy = y[1] - x[1]; idle = y[2] - x[2]; steal = y[3] - x[3]; all = busy + idle + steal
    if (all > 0) printf "machine_busy=%.1f%% machine_steal=%.1f%%\n", 100 * busy / all, 100 * steal / all }'
}

# Writes the service's Prometheus scrape to $1.
scrape() { curl -s "http://127.0.0.1:${MANAGEMENT_PORT}/actuator/prometheus" >"$1"; }

# Server-side percentiles between two scrapes ($1 before, $2 after), from the histograms:
#   server_*   taper_hook_duration_seconds, order-sign successes: the whole call in the service,
#              body read to the answer serialised, including any wait for an evaluation slot
#   wait_*     taper_evaluation_wait_seconds: the wait for an evaluation slot (EvaluationGate)
#   eval_*     taper_evaluation_duration_seconds: parse, rules and cards once admitted
#   (wait_* and eval_* have no tags: every service and outcome; the load sends only order-sign)
# Each percentile is the upper bound of the histogram bucket it falls in; server_within_2ms and
# server_within_10ms are exact (the histogram has bounds at SPEC's two targets).
server_percentiles() {
  python3 - "$1" "$2" <<'PY'
import re, sys
SERIES = [("server", "taper_hook_duration_seconds_bucket{", ('service="benzo-taper-order-sign"', 'outcome="success"')),
          ("wait", "taper_evaluation_wait_seconds_bucket{", ()),
          ("eval", "taper_evaluation_duration_seconds_bucket{", ())]
def buckets(path, prefix, must):
    out = {}
    for line in open(path):
        if line.startswith(prefix) and all(m in line for m in must):
            le = re.search(r'le="([^"]+)"', line).group(1)
            out[float('inf') if le == '+Inf' else float(le)] = float(line.rsplit(' ', 1)[1])
    return out
for name, prefix, must in SERIES:
    before, after = buckets(sys.argv[1], prefix, must), buckets(sys.argv[2], prefix, must)
    edges = sorted(after)
    counts = [after[e] - before.get(e, 0) for e in edges]
    total = counts[-1] if counts else 0
    if not total:
        continue
    def pct(p):
        return next(e for e, c in zip(edges, counts) if c >= p * total) * 1000
    line = ("%s_calls=%d %s_p50_ms=%.2f %s_p90_ms=%.2f %s_p99_ms=%.2f"
            % (name, total, name, pct(0.5), name, pct(0.9), name, pct(0.99)))
    # Exact bounds at SPEC's targets (HookMetrics.LATENCY_TARGETS): p50 <= 2 ms holds when at
    # least 50 % of calls are within 2 ms, p99 <= 10 ms when at least 99 % are within 10 ms.
    for edge, label in ((0.002, "2ms"), (0.01, "10ms")):
        if edge in after:
            line += " %s_within_%s=%.2f%%" % (name, label, 100 * counts[edges.index(edge)] / total)
    print(line)
PY
}

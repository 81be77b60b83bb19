#!/usr/bin/env bash
# Compares two builds of the service in the same VM phase: both run at once on this machine (A on
# 127.0.0.1:18081, B on 18082, the JAVA_OPTS of bench/lib.sh), each loaded by its own wrk with 4
# connections: WARMUP seconds (default 90) flat out, then DURATION seconds (default 60) flat out,
# then DURATION seconds with each offered RATE calls a second (default 700, bench/paced.lua). Prints
# each build's CPU per call and wrk's figures per run. Sequential runs of one build after the other
# differ by up to 10 % as the VM's speed drifts; side by side, both see the same drift.
#
#   cp target/taper-cds-*-SNAPSHOT.jar /tmp/before.jar   # ...change, mvn -B -DskipTests package...
#   bench/ab.sh /tmp/before.jar target/taper-cds-0.1.0-SNAPSHOT.jar
#   bench/ab.sh B.jar A.jar                               # swapped, to cancel any effect of position
#   RULES_A=../base/rules PROFILES_A=../base/fhir-profiles bench/ab.sh ../base/target/x.jar target/y.jar
#                          # a build whose rule files differ reads its own (default: ./rules, ./fhir-profiles)
#   ARGS_B="--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench --spring.datasource.username=postgres" \
#     bench/ab.sh /tmp/before.jar target/taper-cds-0.1.0-SNAPSHOT.jar
#                          # extra arguments for one build (ARGS_A, ARGS_B): here B stores its alerts in PostgreSQL
#   AUTH=1 bench/ab.sh target/taper-cds-0.1.0-SNAPSHOT.jar target/taper-cds-0.1.0-SNAPSHOT.jar
#                          # what the EHR JWT check costs: B checks a token on every call (RS384, or
#                          # ES384 with ALG=ES384), A has authentication off; both clients send one
#                          # per call (bench/auth.lua, pre-generated): the warm-up flat out, then one
#                          # run at RATE (no flat run)
#   PG=1 AUTH=1 bench/ab.sh B.jar B.jar
#                          # both builds store in PostgreSQL, each in a fresh schema (ab_0, ab_1; bench/lib.sh's
#                          # pg_args): as in production, where the token ids are kept in the database all
#                          # replicas share. With AUTH=1, B's token-check time in the paced run is printed too
#   SEGMENTS=24 AUTH=1 PG=1 RATE=200 bench/ab.sh B.jar B.jar
#                          # in turns instead of at once: the two builds run together, but only one is
#                          # loaded at a time, with wrk's WRK_THREADS and CONNECTIONS (2 and 8, as
#                          # bench/load.sh). Warm-up: WARMUP seconds each at WARMUP_RATE (default 600),
#                          # in two halves taken in turns (A B A B); then SEGMENTS (a multiple of 4)
#                          # measured segments of SEGMENT seconds (default 20) at RATE, ordered A B B A
#                          # in every block of four, so a drift of the VM's speed within a block
#                          # cancels. Prints each segment, then each block's difference B - A (p50,
#                          # p99, CPU per call) and their median: bench/ab-segments.py. With AUTH=1 each
#                          # of B's segments has tokens of its own (A ignores the ones it gets).
# Each build runs in its own working directory (target/ab-0, target/ab-1): its own database.
source "$(dirname "$0")/lib.sh"
trap - EXIT
[ $# -eq 2 ] || { echo "usage: bench/ab.sh A.jar B.jar" >&2; exit 2; }
WARMUP="${WARMUP:-90}"
DURATION="${DURATION:-60}"
RATE="${RATE:-700}"
ensure_wrk
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null' EXIT
names=("$(realpath -m -- "$1")" "$(realpath -m -- "$2")")
rules=("$(realpath -m -- "${RULES_A:-rules}")" "$(realpath -m -- "${RULES_B:-rules}")")
profiles=("$(realpath -m -- "${PROFILES_A:-fhir-profiles}")" "$(realpath -m -- "${PROFILES_B:-fhir-profiles}")")
extra=("${ARGS_A:-}" "${ARGS_B:-}")
for i in 0 1; do
  [ -f "${names[$i]}" ] || { echo "${names[$i]} does not exist" >&2; exit 1; }
  dir="$ROOT/target/ab-$i"
  rm -rf "$dir"
  java -Djarmode=tools -jar "${names[$i]}" extract --destination "$dir" --application-filename taper-cds.jar >/dev/null
  extra[i]="${extra[$i]} $(pg_args "ab_$i")"
  if [ "${AUTH:-0}" = "1" ] && [ "$i" = "1" ]; then extra[1]="${extra[1]} $(auth_args "http://127.0.0.1:18082")"; fi
  # shellcheck disable=SC2086
  (cd "$dir" && exec "$JAVA_BIN" $JAVA_OPTS -jar "$dir/taper-cds.jar" --server.port=$((18081 + i)) --server.address=127.0.0.1 \
    --management.server.port=$((18181 + i)) --taper.rules-dir="${rules[$i]}" --taper.profiles-dir="${profiles[$i]}" \
    ${extra[$i]} >"$dir.log" 2>&1) &
  PIDS+=($!)
done
url() { echo "http://127.0.0.1:$((18081 + $1))/cds-services/benzo-taper-order-sign"; }
SEGMENTS="${SEGMENTS:-0}"
SEGMENT="${SEGMENT:-20}"
WARMUP_RATE="${WARMUP_RATE:-600}"
[ $((SEGMENTS % 4)) -eq 0 ] || { echo "SEGMENTS must be a multiple of 4 (blocks of A B B A)" >&2; exit 2; }
# The build (0 = A, 1 = B) loaded in segment $1 (from 1): A B B A in each block of four.
segment_build() { case $(( ($1 - 1) % 4 )) in 0 | 3) echo 0 ;; *) echo 1 ;; esac; }
if [ "${AUTH:-0}" = "1" ] && [ "$SEGMENTS" -gt 0 ]; then
  # One token per call for B, per wrk thread: the warm-up at WARMUP_RATE, and each of its segments its
  # own. A's segments send the warm-up's first half again (A ignores them), so that file holds at
  # least a segment's worth.
  per_half=$(( WARMUP_RATE * 12 / 10 * WARMUP / 2 / WRK_THREADS + 500 ))
  per_segment=$(( RATE * 12 / 10 * SEGMENT / WRK_THREADS + 500 ))
  prefixes=("ab-tokens-warm1-:$(( per_half > per_segment ? per_half : per_segment ))" "ab-tokens-warm2-:$per_half")
  for k in $(seq 1 "$SEGMENTS"); do
    [ "$(segment_build "$k")" = 1 ] && prefixes+=("ab-tokens-seg$k-:$per_segment")
  done
  echo "generating tokens for the warm-up and $SEGMENTS segments"
  make_tokens "$ROOT/target/ab-1/lib" "$(url 1)" 0 "$WRK_THREADS" "${prefixes[@]}"
elif [ "${AUTH:-0}" = "1" ]; then
  # One token per call, made (with one key) while the services start: for the warm-up flat out (at
  # most 400 calls a second for each of two services on 2 cores) and the paced run at RATE. Both
  # clients send the same ones (A ignores them): the same client work.
  warm_tokens=$(( 400 * 12 / 10 * WARMUP + 1000 ))
  run_tokens=$(( RATE * 12 / 10 * DURATION + 1000 ))
  echo "generating $((warm_tokens + run_tokens)) tokens"
  make_tokens "$ROOT/target/ab-1/lib" "$(url 1)" 0 1 "ab-tokens-warm-:$warm_tokens" "ab-tokens-run-:$run_tokens"
fi
for i in 0 1; do
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$((18081 + i))/cds-services" && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "build $i exited; see target/ab-$i.log" >&2; exit 1; }
    sleep 0.1
  done
done
pid_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

# Both loaded at once with script $2 for $1 seconds; with a label $3, prints the figures.
both() {
  local seconds="$1" script="$2" label="${3:-}" before=() w i
  for i in 0 1; do before[$i]=$(pid_cpu_ms "${PIDS[$i]}"); done
  TOKENS_PREFIX="$ROOT/target/ab-tokens-${phase:-}" RATE="${rate:-$RATE}" WRK_THREADS=1 \
    wrk -t1 -c4 -d"${seconds}s" --latency -s "$script" "$(url 0)" >"$ROOT/target/ab-0-wrk.txt" &
  w=$!
  TOKENS_PREFIX="$ROOT/target/ab-tokens-${phase:-}" RATE="${rate:-$RATE}" WRK_THREADS=1 \
    wrk -t1 -c4 -d"${seconds}s" --latency -s "$script" "$(url 1)" >"$ROOT/target/ab-1-wrk.txt"
  wait "$w"
  [ -n "$label" ] || return 0
  for i in 0 1; do
    local result calls
    result=$(grep '^RESULT' "$ROOT/target/ab-$i-wrk.txt")
    calls=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' <<<"$result")
    awk -v l="$label" -v n="${names[$i]}" -v c=$(($(pid_cpu_ms "${PIDS[$i]}") - before[$i])) -v k="${calls:-0}" \
      'BEGIN {printf "%s %s cpu_ms_per_call=%.3f ", l, n, (k > 0 ? c / k : 0)}'
    echo "$result"
  done
}
jit_ms() { curl -s "http://127.0.0.1:$((18181 + $1))/actuator/prometheus" | awk '/^jvm_compilation_time_ms_total/ {print $NF}'; }

# Build $1 alone for $2 seconds at rate $3 (tokens of prefix $4, with AUTH=1); with a label $5,
# prints one line: the segment's figures.
alone() {
  local i="$1" seconds="$2" rate="$3" tokens="$4" label="${5:-}" script=bench/paced.lua cpu jit
  [ "${AUTH:-0}" = "1" ] && script=bench/auth.lua
  cpu=$(pid_cpu_ms "${PIDS[$i]}")
  jit=$(jit_ms "$i")
  TOKENS_PREFIX="$ROOT/target/$tokens" RATE="$rate" WRK_THREADS="$WRK_THREADS" \
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s "$script" "$(url "$i")" >"$ROOT/target/ab-$i-wrk.txt"
  [ -n "$label" ] || return 0
  echo "$label build=$i cpu_ms=$(( $(pid_cpu_ms "${PIDS[$i]}") - cpu )) jit_ms=$(awk -v a="$jit" -v b="$(jit_ms "$i")" \
    'BEGIN {printf "%.0f", b - a}') $(grep '^RESULT' "$ROOT/target/ab-$i-wrk.txt")"
}

if [ "$SEGMENTS" -gt 0 ]; then
  echo "A: ${names[0]} ${extra[0]}"
  echo "B: ${names[1]} ${extra[1]}"
  echo "warm-up: ${WARMUP}s each at ${WARMUP_RATE} req/s, in two halves taken in turns"
  for half in 1 2; do
    alone 0 "$(( WARMUP / 2 ))" "$WARMUP_RATE" "ab-tokens-warm$half-"
    alone 1 "$(( WARMUP / 2 ))" "$WARMUP_RATE" "ab-tokens-warm$half-"
  done
  token_check_buckets 18182 >"$ROOT/target/ab-checks-before.txt"
  token_check_buckets 18182 taper_security_replay_wait >"$ROOT/target/ab-waits-before.txt"
  echo "measured: $SEGMENTS segments of ${SEGMENT}s at ${RATE} req/s, A B B A in each block of four"
  for k in $(seq 1 "$SEGMENTS"); do
    if [ "$(segment_build "$k")" = 1 ]; then
      alone 1 "$SEGMENT" "$RATE" "ab-tokens-seg$k-" "segment=$k"
    else
      alone 0 "$SEGMENT" "$RATE" ab-tokens-warm1- "segment=$k"
    fi
  done | tee "$ROOT/target/ab-segments.txt"
  python3 bench/ab-segments.py "$ROOT/target/ab-segments.txt"
  if [ "${AUTH:-0}" = "1" ]; then
    token_check_buckets 18182 >"$ROOT/target/ab-checks-after.txt"
    echo "B's $(token_check_quantiles "$ROOT/target/ab-checks-before.txt" "$ROOT/target/ab-checks-after.txt")"
    if [ -s "$ROOT/target/ab-waits-before.txt" ]; then
      token_check_buckets 18182 taper_security_replay_wait >"$ROOT/target/ab-waits-after.txt"
      echo "B's $(token_check_quantiles "$ROOT/target/ab-waits-before.txt" "$ROOT/target/ab-waits-after.txt" \
        "replay wait (calls that waited)")"
    fi
  fi
elif [ "${AUTH:-0}" = "1" ]; then
  echo "warm-up: ${WARMUP}s, both flat out with tokens"
  rate=100000 phase=warm- both "$WARMUP" bench/auth.lua
  token_check_buckets 18182 >"$ROOT/target/ab-checks-before.txt"
  token_check_buckets 18182 taper_security_replay_wait >"$ROOT/target/ab-waits-before.txt"
  phase=run- both "$DURATION" bench/auth.lua "paced-${RATE}-token"
  token_check_buckets 18182 >"$ROOT/target/ab-checks-after.txt"
  token_check_buckets 18182 taper_security_replay_wait >"$ROOT/target/ab-waits-after.txt"
  echo "B's $(token_check_quantiles "$ROOT/target/ab-checks-before.txt" "$ROOT/target/ab-checks-after.txt")"
  if [ -s "$ROOT/target/ab-waits-before.txt" ]; then
    echo "B's $(token_check_quantiles "$ROOT/target/ab-waits-before.txt" "$ROOT/target/ab-waits-after.txt" \
      "replay wait (calls that waited)")"
  fi
else
  echo "warm-up: ${WARMUP}s, both flat out"
  both "$WARMUP" bench/post.lua
  both "$DURATION" bench/post.lua flat
  both "$DURATION" bench/paced.lua "paced-${RATE}"
fi

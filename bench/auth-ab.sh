#!/usr/bin/env bash
# What the CDS Hooks JWT check costs a call (issue 13): the packaged service with EHR authentication
# off and on, alternately (ROUNDS pairs, each a fresh start), each warmed for WARMUP seconds and
# measured for DURATION seconds at RATE calls a second over the large order-sign request
# (bench/paced.lua, as bench/load.sh's latency run). With auth on every call carries its own token
# (RS384 with a 2048-bit key, or ES384 with ALG=ES384; a fresh jti), pre-generated here with the
# service's own Nimbus library; the service reads the bench's JWKS from a file. Reports each run's RESULT line and the service's CPU per call.
# Every start has a database of its own (bench/lib.sh), so each round's "on" run may send the same
# tokens. Consecutive runs drift with the VM's speed; AUTH=1 bench/ab.sh runs the two side by side.
#
#   bench/auth-ab.sh
#   ROUNDS=1 WARMUP=30 DURATION=30 RATE=1000 bench/auth-ab.sh
#   REUSE_TOKENS=1 bench/auth-ab.sh      # the tokens of a run within the last half hour
#   PG=1 bench/auth-ab.sh                # alerts and token ids in PostgreSQL, as in production (bench/lib.sh's pg_args)
#   PG=1 ON_ARGS=--taper.security.ehr.replay-store=memory bench/auth-ab.sh   # arguments of the "on" runs only
# With auth on it also prints the service's own token-check time (taper.security.token.check) and,
# with the database store, what calls still waited for its answer (taper.security.replay.wait).
source "$(dirname "$0")/lib.sh"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-60}"
RATE="${RATE:-1500}"
ROUNDS="${ROUNDS:-2}"
export RATE WRK_THREADS
ensure_wrk
ensure_jar
per_thread=$(( (RATE * (WARMUP + DURATION) / WRK_THREADS) * 12 / 10 + 1000 ))
# Tokens are valid for 50 minutes; REUSE_TOKENS=1 keeps those of an earlier run (made for the same
# RATE, WARMUP and DURATION within the last half hour).
if [ "${REUSE_TOKENS:-0}" != "1" ]; then
  echo "generating $((2 * per_thread * WRK_THREADS)) tokens"
  make_tokens "$ROOT/target/bench-app/lib" "$SERVICE_URL" "$per_thread" "$WRK_THREADS" bench-tokens-warm- bench-tokens-run-
fi
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS; $(nproc) cores; ${RATE} req/s"

run() {
  local label="$1" script="$2" cpu_before
  start_jar
  TOKENS_PREFIX="$ROOT/target/bench-tokens-warm-" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" \
    -s "$script" "$SERVICE_URL" >/dev/null
  cpu_before=$(cpu_ms)
  token_check_buckets "$MANAGEMENT_PORT" >"$ROOT/target/bench-checks-before.txt"
  token_check_buckets "$MANAGEMENT_PORT" taper_security_replay_wait >"$ROOT/target/bench-waits-before.txt"
  TOKENS_PREFIX="$ROOT/target/bench-tokens-run-" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
    -s "$script" "$SERVICE_URL" >"$ROOT/target/bench-auth-$label.txt"
  echo "$label $(grep '^RESULT' "$ROOT/target/bench-auth-$label.txt") service_cpu_ms=$(( $(cpu_ms) - cpu_before ))"
  if [ -s "$ROOT/target/bench-checks-before.txt" ]; then
    token_check_buckets "$MANAGEMENT_PORT" >"$ROOT/target/bench-checks-after.txt"
    echo "$label $(token_check_quantiles "$ROOT/target/bench-checks-before.txt" "$ROOT/target/bench-checks-after.txt")"
  fi
  if [ -s "$ROOT/target/bench-waits-before.txt" ]; then
    token_check_buckets "$MANAGEMENT_PORT" taper_security_replay_wait >"$ROOT/target/bench-waits-after.txt"
    echo "$label $(token_check_quantiles "$ROOT/target/bench-waits-before.txt" "$ROOT/target/bench-waits-after.txt" \
      "replay wait (calls that waited)")"
  fi
  stop_jar
}

# Alternately, and the order swapped every round: consecutive runs drift with the VM's phase.
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ] && [ "${ON_FIRST:-0}" != "1" ]; then order="off on"; else order="on off"; fi
  for mode in $order; do
    # The same client script both times (the token costs the load generator too; the service with
    # authentication off ignores it), so the difference is the service's.
    if [ "$mode" = "off" ]; then
      EXTRA_ARGS="" run "off-$round" bench/auth.lua
    else
      EXTRA_ARGS="$(auth_args "$BASE") ${ON_ARGS:-}" run "on-$round" bench/auth.lua
    fi
  done
done

#!/usr/bin/env bash
# Ordinary calls beside near-limit calls (issue 13 item 5): starts the packaged service as
# bench/load.sh does (production heap and GC), warms it, then measures ordinary order-sign calls
# (bench/order-sign-small.json, one connection, paced at RATE calls a second) for DURATION seconds
# twice: alone, and while LARGE_CLIENTS connections send ~4.9 MB calls (5,800 history orders) back
# to back. Reports each run's RESULT line (p50/p90/p99) and how many large calls were answered.
#
#   bench/large-calls.sh
#   DURATION=60 LARGE_CLIENTS=4 RATE=100 bench/large-calls.sh
source "$(dirname "$0")/lib.sh"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-30}"
LARGE_CLIENTS="${LARGE_CLIENTS:-4}"
RATE="${RATE:-100}"
SMALL="$ROOT/src/test/resources/bench/order-sign-small.json"
LARGE="$ROOT/target/bench-order-sign-near-limit.json"

python3 - "$ROOT/src/test/resources/requests/order-sign-clonazepam-halved.json" "$LARGE" <<'PY'
import copy, datetime, json, sys
request = json.load(open(sys.argv[1]))
entries = request["prefetch"]["medications"]["entry"]
template = entries[0]
oldest = datetime.date(2020, 1, 1)
for i in range(5800):
    entry = copy.deepcopy(template)
    resource = entry["resource"]
    authored = oldest + datetime.timedelta(days=i % 1000)
    resource.update(id="old-%d" % i, status="completed", authoredOn=authored.isoformat(),
                    dispenseRequest={"validityPeriod": {"start": authored.isoformat(),
                                                        "end": (authored + datetime.timedelta(days=30)).isoformat()}})
    entries.append(entry)
json.dump(request, open(sys.argv[2], "w"))
PY
echo "near-limit body: $(stat -c %s "$LARGE") bytes"

ensure_wrk
ensure_jar
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS; $(nproc) cores"
start_jar
echo "warm-up: ${WARMUP}s (ordinary calls, then near-limit calls)"
BODY_FILE="$SMALL" wrk -t1 -c4 -d"$((WARMUP / 2))s" -s bench/post.lua "$SERVICE_URL" >/dev/null
BODY_FILE="$LARGE" wrk -t1 -c"$LARGE_CLIENTS" -d"$((WARMUP / 2))s" -s bench/post.lua "$SERVICE_URL" >/dev/null

export RATE WRK_THREADS=1
echo "ordinary calls alone (${RATE}/s, ${DURATION}s):"
BODY_FILE="$SMALL" wrk -t1 -c1 -d"${DURATION}s" -s bench/paced.lua "$SERVICE_URL" | grep '^RESULT'

echo "ordinary calls beside ${LARGE_CLIENTS} near-limit clients:"
BODY_FILE="$LARGE" wrk -t1 -c"$LARGE_CLIENTS" -d"$((DURATION + 4))s" -s bench/post.lua "$SERVICE_URL" \
  >"$ROOT/target/bench-near-limit.txt" &
LARGE_PID=$!
sleep 2
BODY_FILE="$SMALL" wrk -t1 -c1 -d"${DURATION}s" -s bench/paced.lua "$SERVICE_URL" | grep '^RESULT'
wait "$LARGE_PID"
echo "near-limit calls: $(grep '^RESULT' "$ROOT/target/bench-near-limit.txt")"

#!/usr/bin/env bash
# Start-up of two builds, one after the other, ROUNDS times each (default 3), alternating: the time
# from `java -jar` (extracted jar, bench/lib.sh's JAVA_OPTS) to the first 200 from /cds-services,
# and the service's own "Started ... in" figure. Each build reads its own rule folders when they
# differ (RULES_A/PROFILES_A, RULES_B/PROFILES_B; default ./rules and ./fhir-profiles).
#
# CDS=1 starts each build with a class-data archive of its own (bench/lib.sh's cds_option).
# JAVA_A / JAVA_B: the java of each build (default: JAVA_BIN, else java on the PATH); AOT_A=1 / AOT_B=1 starts that
# build with an AOT cache of its own (Java 25+, bench/lib.sh's aot_option).
#
#   RULES_A=../base/rules PROFILES_A=../base/fhir-profiles bench/startup-ab.sh /tmp/before.jar target/taper-cds-0.1.0-SNAPSHOT.jar
#   CDS=1 bench/startup-ab.sh /tmp/before.jar target/taper-cds-0.1.0-SNAPSHOT.jar
#   JAVA_B=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java AOT_B=1 bench/startup-ab.sh A.jar A.jar   # Java 17 against 25 + AOT cache
source "$(dirname "$0")/lib.sh"
trap - EXIT
[ $# -eq 2 ] || { echo "usage: bench/startup-ab.sh A.jar B.jar" >&2; exit 2; }
names=("$(realpath -m -- "$1")" "$(realpath -m -- "$2")")
rules=("$(realpath -m -- "${RULES_A:-rules}")" "$(realpath -m -- "${RULES_B:-rules}")")
profiles=("$(realpath -m -- "${PROFILES_A:-fhir-profiles}")" "$(realpath -m -- "${PROFILES_B:-fhir-profiles}")")
javas=("${JAVA_A:-$JAVA_BIN}" "${JAVA_B:-$JAVA_BIN}")
aot=("${AOT_A:-0}" "${AOT_B:-0}")
for i in 0 1; do
  if [ "${CDS:-0}" = "1" ] && [ "${aot[$i]}" = "1" ]; then
    echo "CDS=1 with AOT_A/AOT_B=1: choose one per build (the AOT cache is the Java 25 successor of CDS)" >&2
    exit 2
  fi
  rm -rf "$ROOT/target/startup-$i"
  java -Djarmode=tools -jar "${names[$i]}" extract --destination "$ROOT/target/startup-$i" \
    --application-filename taper-cds.jar >/dev/null
  cds[$i]=""
  # Each archive made by the java that maps it (an archive of another JVM is silently ignored).
  if [ "${CDS:-0}" = "1" ]; then cds[$i]="$(cds_option "$ROOT/target/startup-$i/taper-cds.jar" "${javas[$i]}")"; fi
  if [ "${aot[$i]}" = "1" ]; then cds[$i]="$(aot_option "$ROOT/target/startup-$i/taper-cds.jar" "${javas[$i]}")"; fi
done
for round in $(seq 1 "${ROUNDS:-3}"); do
  for i in 0 1; do
    log="$ROOT/target/startup-$i.log"
    t0=$(now_ms)
    # shellcheck disable=SC2086
    "${javas[$i]}" $JAVA_OPTS ${cds[$i]} -jar "$ROOT/target/startup-$i/taper-cds.jar" --server.port="$PORT" --server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
      --taper.rules-dir="${rules[$i]}" --taper.profiles-dir="${profiles[$i]}" >"$log" 2>&1 &
    pid=$!
    ready=""
    for _ in $(seq 1 600); do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/cds-services" || true)" = "200" ]; then
        ready=$(( $(now_ms) - t0 ))
        break
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    started=$(grep -o 'Started TaperCdsApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]*' | head -1 || true)
    echo "round $round ${names[$i]##*/}: ready_ms=${ready:-failed} started_s=${started:-?}"
  done
done

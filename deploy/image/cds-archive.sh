#!/usr/bin/env bash
# Makes the class-data-sharing archive of an extracted taper-cds jar (Java 17 AppCDS; docs/deployment.md,
# "JVM levers" and ADR 0016): a training start records the classes a start loads, then a dump parses
# and verifies them into <app-dir>/taper-cds.jsa, which later starts map instead of loading those
# classes again. The image recipe (deploy/image/Dockerfile) runs it; so do bench/lib.sh (CDS=1) and
# ClassDataArchivePackagedIT.
#
#   JAVA_OPTS="<the production JVM options>" deploy/image/cds-archive.sh <app-dir> <rules-dir> <profiles-dir>
#
# <app-dir> holds taper-cds.jar and lib/ (java -Djarmode=tools -jar taper-cds-*.jar extract
# --destination <app-dir> --application-filename taper-cds.jar), at the path production runs it
# from: the archive maps only for the same JVM, jar path and class path (a mismatch is not an error,
# the JVM then loads the classes as usual; -Xshare:on makes it one). JAVA_OPTS must be the options
# production starts with; JAVA the java to use (default: java on the PATH). The training start runs
# the default profile (H2 in a scratch directory, loopback, port 0) with the rule folders given and
# stops once started (-Dspring.context.exit=onRefresh), after the rule base, its checks and the
# warm-up. The archive holds classes, not rules: a later rule change does not make it stale.
set -euo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: [JAVA=<java>] JAVA_OPTS=\"<production JVM options>\" $0 <app-dir> <rules-dir> <profiles-dir>" >&2
  exit 2
fi
app="$(realpath -- "$1")"
rules="$(realpath -- "$2")"
profiles="$(realpath -- "$3")"
java="${JAVA:-java}"
[ -f "$app/taper-cds.jar" ] || { echo "$app/taper-cds.jar: not found (extract the jar there first)" >&2; exit 2; }
# JAVA_OPTS is split into words on purpose, never expanded as a file pattern (-Xlog:gc*).
read -r -a options <<<"${JAVA_OPTS:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "$1; the last lines of its output:" >&2
  tail -n 30 "$2" >&2
  exit 1
}

(cd "$work" && "$java" "${options[@]}" -XX:DumpLoadedClassList="$work/classes.txt" -Dspring.context.exit=onRefresh \
  -jar "$app/taper-cds.jar" --server.port=0 --management.server.port=0 \
  --taper.rules-dir="$rules" --taper.profiles-dir="$profiles" >"$work/training.log" 2>&1) \
  || fail "the training start failed" "$work/training.log"
[ -s "$work/classes.txt" ] || fail "the training start listed no classes" "$work/training.log"
# OpenJDK 17.0.15 crashes (SIGSEGV in adjust_lambda_proxy_class_dictionary) archiving this
# application's lambda proxies, with -XX:ArchiveClassesAtExit as well: they stay out.
grep -v '^@lambda-proxy' "$work/classes.txt" >"$work/archived-classes.txt" || true
# Dumped beside the list and moved into place only when complete: no half-written archive is left.
(cd "$work" && "$java" "${options[@]}" -Xshare:dump -XX:SharedClassListFile="$work/archived-classes.txt" \
  -XX:SharedArchiveFile="$work/taper-cds.jsa" -jar "$app/taper-cds.jar" >"$work/dump.log" 2>&1) \
  || fail "the archive dump failed" "$work/dump.log"
mv "$work/taper-cds.jsa" "$app/taper-cds.jsa"
echo "$app/taper-cds.jsa: $(grep -cv '^[#@]' "$work/archived-classes.txt") classes archived"

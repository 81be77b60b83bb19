#!/usr/bin/env bash
# Makes the class-data-sharing archive of an extracted taper-cds jar (Java 17 AppCDS; docs/deployment.md,
# "JVM levers"): a training start records the classes a start loads, then a dump parses and verifies
# them into <app-dir>/taper-cds.jsa (~90 MB), which later starts map instead of loading the classes
# again (ready in under 5 s instead of 6.5–7 s on 2 cores, docs/performance.md). The image recipe
# (deploy/image/Dockerfile) runs it; so do bench/lib.sh (CDS=1) and ClassDataArchivePackagedIT.
#
#   JAVA_OPTS="<the production JVM options>" deploy/image/cds-archive.sh <app-dir> <rules-dir> <profiles-dir>
#
# <app-dir> holds taper-cds.jar and lib/ (java -Djarmode=tools -jar taper-cds-*.jar extract
# --destination <app-dir> --application-filename taper-cds.jar), at the path production runs it
# from: the archive maps only for the same JVM, jar path and class path (a mismatch is not an error,
# the JVM then loads the classes as usual; -Xshare:on makes it one). JAVA_OPTS must be the options
# production starts with. The training start runs the default profile (H2 in a scratch directory,
# loopback, port 0) with the rule folders given and stops once started
# (-Dspring.context.exit=onRefresh), after the rule base, its checks and the warm-up. The archive
# holds classes, not rules: a later rule change does not make it stale. JAVA: the java to use.
set -euo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: JAVA_OPTS=\"<production JVM options>\" $0 <app-dir> <rules-dir> <profiles-dir>" >&2
  exit 2
fi
app="$(realpath -- "$1")"
rules="$(realpath -- "$2")"
profiles="$(realpath -- "$3")"
java="${JAVA:-java}"
[ -f "$app/taper-cds.jar" ] || { echo "$app/taper-cds.jar: not found (extract the jar there first)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "$1; the last lines of its output:" >&2
  tail -n 30 "$2" >&2
  exit 1
}

# shellcheck disable=SC2086
(cd "$work" && "$java" ${JAVA_OPTS:-} -XX:DumpLoadedClassList="$work/classes.txt" -Dspring.context.exit=onRefresh \
  -jar "$app/taper-cds.jar" --server.port=0 --management.server.port=0 \
  --taper.rules-dir="$rules" --taper.profiles-dir="$profiles" >"$work/training.log" 2>&1) \
  || fail "the training start failed" "$work/training.log"
# OpenJDK 17.0.15 crashes (SIGSEGV in adjust_lambda_proxy_class_dictionary) archiving this
# application's lambda proxies, with -XX:ArchiveClassesAtExit as well: they stay out.
grep -v '^@lambda-proxy' "$work/classes.txt" >"$work/archived-classes.txt"
# shellcheck disable=SC2086
"$java" ${JAVA_OPTS:-} -Xshare:dump -XX:SharedClassListFile="$work/archived-classes.txt" \
  -XX:SharedArchiveFile="$app/taper-cds.jsa" -jar "$app/taper-cds.jar" >"$work/dump.log" 2>&1 \
  || fail "the archive dump failed" "$work/dump.log"
echo "$app/taper-cds.jsa: $(grep -c . "$work/archived-classes.txt") classes archived"

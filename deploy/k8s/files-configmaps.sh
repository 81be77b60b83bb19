#!/usr/bin/env bash
# Writes deploy/k8s/generated/ from rules/ and fhir-profiles/ of this checkout:
#   configmaps.yaml      ConfigMaps holding every file byte for byte (binaryData), hidden files left
#                        out as the service does, scenarios included (the service runs them before a
#                        rule base serves, at start-up and at every reload): taper-rules-1..n and
#                        taper-profiles-1..m, each at most BUDGET bytes of files (a ConfigMap holds at
#                        most 1 MiB; the budget leaves room for the base64 encoding of the manifest)
#   volumes-patch.yaml   the Deployment's volume rule-files: one projected volume of all of them,
#                        mounted at /etc/taper-cds, each key back at its path (rules/..., fhir-profiles/...;
#                        ConfigMap keys cannot hold "/")
# Two ways to change rules (docs/deployment.md, docs/rule-authoring.md#reload):
#   (default)   reload: ConfigMaps with fixed names, updated in place by kubectl apply; the kubelet
#               swaps the volume's files (all of them in one step, ..data) and every replica's file
#               watch reloads the rule base without a restart. A changed set of files (a file added
#               or removed) changes the volume's item list, so the pods also roll.
#   --rollout   immutable ConfigMaps whose names carry a hash of the files, and a stamp on the pod
#               template: every change rolls the Deployment out, each new pod checks the rule base at
#               start-up.
# Then: kubectl apply --server-side -k deploy/k8s   (docs/deployment.md)
# OUT=<dir> writes elsewhere than deploy/k8s/generated (tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-deploy/k8s/generated}
budget=${BUDGET:-700000}
rollout=false
case "${1:-}" in
  --rollout) rollout=true ;;
  "") ;;
  *) echo "usage: $0 [--rollout]" >&2; exit 2 ;;
esac
mkdir -p "$out"

files() { (cd "$1" && find . -type f ! -path '*/.*' | sed 's#^\./##' | LC_ALL=C sort); }

key() {
  local k=${1//\//__}
  if [[ ! $k =~ ^[-._a-zA-Z0-9]+$ || ${#k} -gt 253 ]]; then
    echo "cannot be a ConfigMap key: $1" >&2
    exit 1
  fi
  printf '%s' "$k"
}

digest() { (cd "$1" && files . | while read -r f; do printf '%s\n' "$f"; cat "$f"; done) | sha256sum | cut -c1-10; }

# pack <name> <dir>: the files of dir in path order, into ConfigMaps <name>-1, -2, ... of at most
# $budget bytes each; prints "<configmap> <file>" per file
pack() {
  local n=1 size=0 f bytes
  files "$2" | while read -r f; do
    key "$f" > /dev/null
    bytes=$(wc -c < "$2/$f")
    if (( bytes > budget )); then
      echo "$2/$f: $bytes bytes, more than a ConfigMap of this recipe holds ($budget)" >&2
      exit 1
    fi
    if (( size + bytes > budget )); then
      n=$((n + 1))
      size=0
    fi
    size=$((size + bytes))
    echo "$1-$n $f"
  done
}

configmap() { # name dir file...
  local name=$1 dir=$2 f
  shift 2
  echo "---"
  echo "apiVersion: v1"
  echo "kind: ConfigMap"
  echo "metadata:"
  echo "  name: $name"
  echo "  labels:"
  echo "    app.kubernetes.io/name: taper-cds"
  if $rollout; then
    echo "immutable: true"
  fi
  echo "binaryData:"
  for f in "$@"; do
    echo "  $(key "$f"): $(base64 < "$dir/$f" | tr -d '\n')"
  done
}

# the name of a ConfigMap of the plan: with --rollout, a hash of its directory's files appended
named() { # configmap dir
  if $rollout; then
    printf '%s-%s' "$1" "$(digest "$2")"
  else
    printf '%s' "$1"
  fi
}

plan=$(mktemp)
trap 'rm -f "$plan"' EXIT
{ pack "taper-rules" rules | sed 's#^\([^ ]*\) #\1 rules #'
  pack "taper-profiles" fhir-profiles | sed 's#^\([^ ]*\) #\1 fhir-profiles #'; } > "$plan"

{
  for cm in $(cut -d' ' -f1 "$plan" | uniq); do
    dir=$(awk -v cm="$cm" '$1 == cm { print $2; exit }' "$plan")
    mapfile -t members < <(awk -v cm="$cm" '$1 == cm { print $3 }' "$plan")
    configmap "$(named "$cm" "$dir")" "$dir" "${members[@]}"
  done
} > "$out/configmaps.yaml"

{
  echo "apiVersion: apps/v1"
  echo "kind: Deployment"
  echo "metadata:"
  echo "  name: taper-cds"
  echo "spec:"
  echo "  template:"
  if $rollout; then
    echo "    metadata:"
    echo "      annotations:"
    echo "        taper-cds.org/files: $(digest rules).$(digest fhir-profiles)"
  fi
  echo "    spec:"
  echo "      volumes:"
  echo "        - name: rule-files"
  echo "          projected:"
  echo "            sources:"
  for cm in $(cut -d' ' -f1 "$plan" | uniq); do
    dir=$(awk -v cm="$cm" '$1 == cm { print $2; exit }' "$plan")
    echo "              - configMap:"
    echo "                  name: $(named "$cm" "$dir")"
    echo "                  items:"
    awk -v cm="$cm" '$1 == cm { print $2 " " $3 }' "$plan" | while read -r dir f; do
      echo "                    - key: $(key "$f")"
      echo "                      path: $dir/$f"
    done
  done
} > "$out/volumes-patch.yaml"

echo "wrote $out/configmaps.yaml and $out/volumes-patch.yaml ($($rollout && echo rollout || echo reload) mode):"
for cm in $(cut -d' ' -f1 "$plan" | uniq); do
  dir=$(awk -v cm="$cm" '$1 == cm { print $2; exit }' "$plan")
  total=$(awk -v cm="$cm" '$1 == cm { print $2 "/" $3 }' "$plan" | xargs cat | wc -c)
  echo "  $(named "$cm" "$dir"): $(awk -v cm="$cm" '$1 == cm' "$plan" | wc -l) files of $dir, $total bytes"
done

#!/usr/bin/env bash
# Writes deploy/k8s/generated/ from rules/ and fhir-profiles/ of this checkout:
#   configmaps.yaml      immutable ConfigMaps taper-rules-<hash> and taper-profiles-<hash>, every
#                        file byte for byte (binaryData), hidden files left out as the service does
#   volumes-patch.yaml   points the Deployment's rules and profiles volumes at them, each key back
#                        at its path (ConfigMap keys cannot hold "/"), and stamps the pod template
#                        so that changed files roll the Deployment out
# Then: kubectl apply -k deploy/k8s   (docs/deployment.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=deploy/k8s/generated
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

configmap() { # name dir
  echo "---"
  echo "apiVersion: v1"
  echo "kind: ConfigMap"
  echo "metadata:"
  echo "  name: $1"
  echo "  labels:"
  echo "    app.kubernetes.io/name: taper-cds"
  echo "immutable: true"
  echo "binaryData:"
  files "$2" | while read -r f; do
    echo "  $(key "$f"): $(base64 < "$2/$f" | tr -d '\n')"
  done
}

volume() { # volume-name configmap-name dir
  echo "        - name: $1"
  echo "          configMap:"
  echo "            name: $2"
  echo "            items:"
  files "$3" | while read -r f; do
    echo "              - key: $(key "$f")"
    echo "                path: $f"
  done
}

rules="taper-rules-$(digest rules)"
profiles="taper-profiles-$(digest fhir-profiles)"
{ configmap "$rules" rules; configmap "$profiles" fhir-profiles; } > "$out/configmaps.yaml"
{
  echo "apiVersion: apps/v1"
  echo "kind: Deployment"
  echo "metadata:"
  echo "  name: taper-cds"
  echo "spec:"
  echo "  template:"
  echo "    metadata:"
  echo "      annotations:"
  echo "        taper-cds.org/files: $rules.$profiles"
  echo "    spec:"
  echo "      volumes:"
  volume rules "$rules" rules
  volume profiles "$profiles" fhir-profiles
} > "$out/volumes-patch.yaml"
size=$(wc -c < "$out/configmaps.yaml")
echo "wrote $out/configmaps.yaml ($rules, $profiles; $size bytes) and $out/volumes-patch.yaml"
if (( size > 1000000 )); then
  echo "warning: a ConfigMap holds at most 1 MiB; split rules/ into several ConfigMaps" >&2
fi

#!/usr/bin/env bash
# Runs the GradEx security harnesses inside a kubeflow/pipelines 2.17.0 source tree, without
# writing into it (go test -overlay). Usage: tests/kfp-backend/run.sh /path/to/kfp-2.17.0
# Needs Go (the KFP backend's dependencies come from the module proxy or GOMODCACHE) and PyYAML.
set -euo pipefail
kfp="$(cd "${1:?usage: run.sh KFP_SOURCE_TREE}" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
w="$(mktemp -d)"
trap 'rm -rf "$w"' EXIT
"$root/gradex" compile-pipeline --out "$w/p.yaml" >/dev/null
"$root/gradex" compile-pipeline --out "$w/p-full.yaml" --gpu-type amd.com/gpu \
  --gpu-node-selector cloud.google.com/gke-accelerator=nvidia-h100-80gb --cache-pvc gradex-cache \
  --object-store-secret mlpipeline-minio-artifact >/dev/null
python3 - "$w" <<'PY'
import json, os, sys, yaml
w = sys.argv[1]
os.makedirs(w + "/fx", exist_ok=True)
for src, name in (("p.yaml", "java"), ("p-full.yaml", "java-full")):
    docs = [d for d in yaml.safe_load_all(open(os.path.join(w, src))) if d]
    json.dump(docs[0], open(f"{w}/fx/{name}-spec.json", "w"))
    json.dump(docs[1], open(f"{w}/fx/{name}-platform.json", "w"))
PY
cat > "$w/overlay.json" <<JSON
{"Replace": {
  "$kfp/backend/src/v2/driver/security_driver_gradex_test.go": "$here/security_driver_gradex_test.go",
  "$kfp/backend/src/apiserver/template/security_template_gradex_test.go": "$here/security_template_gradex_test.go"}}
JSON
cd "$kfp"
GRADEX_FIXTURES="$w/fx" go test -overlay "$w/overlay.json" -v -run TestGradexSecurity \
  ./backend/src/v2/driver/
GRADEX_YAMLS="$w/p.yaml,$w/p-full.yaml" go test -overlay "$w/overlay.json" -v \
  -run TestGradexExecutorTemplatesHardened ./backend/src/apiserver/template/

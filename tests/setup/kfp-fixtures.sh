#!/usr/bin/env bash
# Installs what the KFP integration tests need (idempotent, quick when already present):
#   - the kfp SDK, kfp-pipeline-spec and kfp-kubernetes from PyPI (the validators of record for the compiled YAML),
#     and docker-py (kfp.local.DockerRunner's client, for KfpLocalPipelineIT), into a virtual
#     environment under .ci/cache/kfp-venv;
#   - Prism (@stoplight/prism-cli, pinned) from npm, into .ci/cache/prism.
# Prints KEY=VALUE lines (KFP_PYTHON, PRISM) that the tests read.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.ci/cache"
KFP_VERSION="${KFP_VERSION:-2.17.3}"
PRISM_VERSION="${PRISM_VERSION:-5.16.0}"
DOCKER_PY_VERSION="${DOCKER_PY_VERSION:-7.1.0}"
venv="$cache/kfp-venv"
prism_dir="$cache/prism"
mkdir -p "$cache"

stamp="$venv/.installed-kfp-$KFP_VERSION-with-kubernetes-docker-$DOCKER_PY_VERSION"
if [ ! -f "$stamp" ]; then
  echo "kfp-fixtures: installing kfp==$KFP_VERSION into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "kfp==$KFP_VERSION" "kfp-pipeline-spec==$KFP_VERSION" "kfp-kubernetes==$KFP_VERSION" \
    "docker==$DOCKER_PY_VERSION" >&2
  touch "$stamp"
fi

prism="$prism_dir/node_modules/.bin/prism"
if [ ! -x "$prism" ] || [ ! -f "$prism_dir/.installed-$PRISM_VERSION" ]; then
  echo "kfp-fixtures: installing @stoplight/prism-cli@$PRISM_VERSION into $prism_dir" >&2
  mkdir -p "$prism_dir"
  (cd "$prism_dir" && npm install --silent --no-audit --no-fund --no-save \
    --prefix "$prism_dir" "@stoplight/prism-cli@$PRISM_VERSION" >&2)
  touch "$prism_dir/.installed-$PRISM_VERSION"
fi

echo "KFP_PYTHON=$venv/bin/python"
echo "PRISM=$prism"

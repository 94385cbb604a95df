#!/usr/bin/env bash
# The kfp SDK the KFP tests validate with: the pinned kfp, kfp-pipeline-spec and kfp-kubernetes are
# peers of record in tests/python/requirements.txt, so this is python-peers.sh under the name the
# KFP tests know. Prints KFP_PYTHON=<path>. (Prism, for the developer-time REST contract check, is
# tests/setup/prism.sh.)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="$(bash "$here/python-peers.sh" | sed -n 's/^GRADEX_PYTHON=//p')"
echo "KFP_PYTHON=$python"

#!/usr/bin/env bash
# Builds helm (pinned) with `go install` through the Go module proxy into .ci/cache/helm-<version>/
# when missing; prints HELM=<path>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HELM_VERSION="${HELM_VERSION:-v3.16.4}"
bin="$root/.ci/cache/helm-$HELM_VERSION"
if [ ! -x "$bin/helm" ]; then
  command -v go >/dev/null || { echo "helm.sh: go is not installed" >&2; exit 1; }
  echo "helm.sh: building helm $HELM_VERSION (go install, a few minutes once)" >&2
  mkdir -p "$bin"
  GOBIN="$bin" GOFLAGS=-mod=mod GOTOOLCHAIN=local go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
fi
"$bin/helm" version --short >/dev/null
echo "HELM=$bin/helm"

#!/usr/bin/env bash
# Builds tests/setup/psa-check (Kubernetes' own Pod Security Admission library,
# k8s.io/pod-security-admission, pinned in its go.mod) through the Go module proxy into
# .ci/cache/psa-check-<digest of its sources>/ when missing; prints PSA_CHECK=<path>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src="$root/tests/setup/psa-check"
digest="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-12)"
bin="$root/.ci/cache/psa-check-$digest"
if [ ! -x "$bin/psa-check" ]; then
  command -v go >/dev/null || { echo "psa.sh: go is not installed" >&2; exit 1; }
  echo "psa.sh: building psa-check (go build, once)" >&2
  mkdir -p "$bin"
  (cd "$src" && GOFLAGS=-mod=readonly GOTOOLCHAIN=local go build -o "$bin/psa-check" .) >&2
fi
echo "PSA_CHECK=$bin/psa-check"

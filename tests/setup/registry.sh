#!/usr/bin/env bash
# Starts Debian's docker-registry on 127.0.0.1:5000 (idempotent) so Jib can push when Maven is online.
# Data lives under .ci/cache/registry. Prints REGISTRY=127.0.0.1:5000 once it answers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export GRADEX_CACHE="$root/.ci/cache"
mkdir -p "$GRADEX_CACHE/registry"
source "$root/tests/setup/apt-common.sh"
gradex_apt_install docker-registry curl
if ! curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then
  cat >"$GRADEX_CACHE/registry/config.yml" <<CONF
version: 0.1
storage:
  filesystem:
    rootdirectory: $GRADEX_CACHE/registry/data
http:
  addr: 127.0.0.1:5000
CONF
  nohup docker-registry serve "$GRADEX_CACHE/registry/config.yml" \
    >"$GRADEX_CACHE/registry/registry.log" 2>&1 &
  echo $! >"$GRADEX_CACHE/registry/pid"
  for _ in $(seq 1 50); do
    curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
curl -fsS http://127.0.0.1:5000/v2/ >/dev/null
echo "REGISTRY=127.0.0.1:5000"

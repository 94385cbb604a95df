#!/usr/bin/env bash
# podman's Docker-compatible API on a unix socket, for tests that drive containers through a Docker
# client (the kfp SDK's local DockerRunner):
#
#   podman-service.sh [start]   start it when it is not answering (idempotent); prints DOCKER_HOST=
#   podman-service.sh stop      stop the service this script started
#
# Same podman as podman.sh (vfs, cgroupfs, file events, runc: crun refuses this machine's hybrid
# cgroups), and, because a Docker client cannot pass podman run's --ulimit, the lowered ulimits
# Podman.java gives `podman run` are the service's defaults (containers.conf default_ulimits).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="$root/.ci/cache/podman-service"
# A unix socket path must stay under 108 bytes, so the socket lives in /tmp, named after the clone.
sock="${TMPDIR:-/tmp}/gradex-podman-$(id -u)-$(echo "$root" | sha256sum | cut -c1-12).sock"
mkdir -p "$state"

answers() { curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping 2>/dev/null | grep -q OK; }

# Ours: the socket answers and the service this clone's state recorded is alive. A service that
# answers without that (left by an earlier clone at the same path, whose state is gone) is stopped.
ours() { answers && [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; }

start() {
  if answers && ! ours; then
    pkill -f "system service --time=0 unix://$sock" 2>/dev/null || true
    for _ in $(seq 1 20); do answers || break; sleep 0.5; done
  fi
  if ! ours; then
    local setup PODMAN PODMAN_FLAGS
    setup="$(bash "$root/tests/setup/podman.sh")"
    PODMAN="$(sed -n 's/^PODMAN=//p' <<<"$setup")"
    PODMAN_FLAGS="$(sed -n 's/^PODMAN_FLAGS=//p' <<<"$setup")"
    cat >"$state/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
CONF
    rm -f "$sock"
    # shellcheck disable=SC2086 # PODMAN_FLAGS is a list of flags
    CONTAINERS_CONF="$state/containers.conf" setsid "$PODMAN" $PODMAN_FLAGS system service --time=0 \
      "unix://$sock" >"$state/service.log" 2>&1 </dev/null &
    echo $! >"$state/pid"
    for _ in $(seq 1 60); do
      answers && break
      sleep 0.5
    done
    if ! answers; then
      echo "podman-service: no answer on $sock; log follows" >&2
      tail -n 30 "$state/service.log" >&2 || true
      exit 1
    fi
  fi
  echo "DOCKER_HOST=unix://$sock"
}

stop() {
  [ -f "$state/pid" ] || return 0
  kill -TERM "$(cat "$state/pid")" 2>/dev/null || true
  rm -f "$state/pid" "$sock"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: podman-service.sh [start|stop]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Starts a throwaway MLflow tracking server on loopback for the tracking integration tests.
#
#   mlflow-server.sh install            install the pinned mlflow into a venv (idempotent, fast if present)
#   mlflow-server.sh start [STATE_DIR]  install, start on a free 127.0.0.1 port with a SQLite store and
#                                       served artifacts under STATE_DIR, wait for /health, print the URI
#   mlflow-server.sh stop STATE_DIR     stop the server started with that STATE_DIR (pid file)
#
# Env: GRADEX_MLFLOW_VENV (default <repo>/.ci/cache/mlflow-venv),
#      GRADEX_MLFLOW_START_TIMEOUT seconds (default 120). Only the URI goes to stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requirements="$root/tests/python/mlflow/requirements.txt"
venv="${GRADEX_MLFLOW_VENV:-$root/.ci/cache/mlflow-venv}"
timeout_s="${GRADEX_MLFLOW_START_TIMEOUT:-120}"

log() { echo "mlflow-server: $*" >&2; }

install() {
  # The venv records the digest of the requirements it was built from; a changed pin reinstalls.
  local digest
  digest="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ -x "$venv/bin/mlflow" ] && [ "$(cat "$venv/.gradex-requirements" 2>/dev/null)" = "$digest" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$venv")"
  # Concurrent test JVMs share the venv: one installs, the others wait and then find it ready.
  exec 9>"$venv.lock"
  flock 9
  if [ -x "$venv/bin/mlflow" ] && [ "$(cat "$venv/.gradex-requirements" 2>/dev/null)" = "$digest" ]; then
    flock -u 9
    return 0
  fi
  log "installing $requirements into $venv (first run takes about a minute)"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >&2
  echo "$digest" >"$venv/.gradex-requirements"
  flock -u 9
}

free_port() {
  "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local state="${1:-$(mktemp -d "${TMPDIR:-/tmp}/gradex-mlflow.XXXXXX")}"
  mkdir -p "$state/artifacts"
  state="$(cd "$state" && pwd)"
  if [ -f "$state/mlflow.pid" ] && kill -0 "$(cat "$state/mlflow.pid")" 2>/dev/null; then
    cat "$state/uri"
    return 0
  fi
  install
  local port uri
  port="$(free_port)"
  uri="http://127.0.0.1:$port"
  # setsid: the server and its workers share one process group, so stop can end them all.
  setsid "$venv/bin/mlflow" server --host 127.0.0.1 --port "$port" --workers 1 \
    --backend-store-uri "sqlite:///$state/mlflow.db" \
    --artifacts-destination "$state/artifacts" --serve-artifacts \
    >"$state/server.log" 2>&1 </dev/null &
  echo $! >"$state/mlflow.pid"
  echo "$uri" >"$state/uri"
  local deadline=$((SECONDS + timeout_s))
  until curl -fsS "$uri/health" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$state/mlflow.pid")" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      log "server did not become healthy at $uri; log follows"
      tail -n 40 "$state/server.log" >&2 || true
      stop "$state"
      return 1
    fi
    sleep 0.5
  done
  log "up at $uri (state $state)"
  echo "$uri"
}

stop() {
  local state="${1:?usage: mlflow-server.sh stop STATE_DIR}"
  [ -f "$state/mlflow.pid" ] || return 0
  local pid
  pid="$(cat "$state/mlflow.pid")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$state/mlflow.pid"
}

cmd="${1:-start}"
shift || true
case "$cmd" in
  install) install ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) echo "usage: mlflow-server.sh install|start [STATE_DIR]|stop STATE_DIR" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Developer-time only (docs/testing.md): installs Prism (@stoplight/prism-cli, pinned) from npm into
# .ci/cache/prism for the opt-in REST contract check against KFP's swagger. Prints PRISM=<path>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PRISM_VERSION="${PRISM_VERSION:-5.16.0}"
prism_dir="$root/.ci/cache/prism"
prism="$prism_dir/node_modules/.bin/prism"
if [ ! -x "$prism" ] || [ ! -f "$prism_dir/.installed-$PRISM_VERSION" ]; then
  command -v npm >/dev/null || { echo "prism.sh: npm is not installed (Debian: apt-get install npm)" >&2; exit 1; }
  echo "prism.sh: installing @stoplight/prism-cli@$PRISM_VERSION into $prism_dir" >&2
  mkdir -p "$prism_dir"
  (cd "$prism_dir" && npm install --silent --no-audit --no-fund --no-save \
    --prefix "$prism_dir" "@stoplight/prism-cli@$PRISM_VERSION" >&2)
  touch "$prism_dir/.installed-$PRISM_VERSION"
fi
echo "PRISM=$prism"

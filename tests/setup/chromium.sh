#!/usr/bin/env bash
# Installs Debian's chromium when missing and prints CHROMIUM=<path>: the headless browser the
# report test (RunReportIT) renders report.html with. Idempotent; needs root only to install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export GRADEX_CACHE="$root/.ci/cache"
mkdir -p "$GRADEX_CACHE"
source "$root/tests/setup/apt-common.sh"
if ! command -v chromium >/dev/null 2>&1; then
  gradex_apt_install chromium
fi
echo "CHROMIUM=$(command -v chromium)"

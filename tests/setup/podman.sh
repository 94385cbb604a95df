#!/usr/bin/env bash
# Installs podman and runc from Debian when missing and prints PODMAN=<path> and PODMAN_FLAGS=<flags>.
# The flags are the ones this sandbox needs (vfs storage, cgroupfs, file events, runc; crun fails).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export GRADEX_CACHE="$root/.ci/cache"
mkdir -p "$GRADEX_CACHE"
source "$root/tests/setup/apt-common.sh"
gradex_apt_install podman runc uidmap
echo "PODMAN=$(command -v podman)"
echo "PODMAN_FLAGS=--storage-driver=vfs --cgroup-manager=cgroupfs --events-backend=file --runtime=runc"

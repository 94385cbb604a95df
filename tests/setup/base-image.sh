#!/usr/bin/env bash
# Builds the JRE base image the component images are layered on, from Debian's packages, because no
# image registry is reachable here (users' default base is a pinned eclipse-temurin JRE image):
# mmdebstrap bookworm + openjdk-17-jre-headless (docs, man pages and locales left out), wrapped as a
# single-layer Docker image archive that Jib reads as `tar://`. Cached under .ci/cache/base-image/.
# Prints BASE_IMAGE_TAR=<path>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export GRADEX_CACHE="$root/.ci/cache"
out="$GRADEX_CACHE/base-image"
image="$out/gradex-jre17-base.tar"
# Bump when the recipe changes so caches rebuild.
recipe=1
if [ -f "$image" ] && [ "$(cat "$out/recipe" 2>/dev/null)" = "$recipe" ]; then
  echo "BASE_IMAGE_TAR=$image"
  exit 0
fi
source "$root/tests/setup/apt-common.sh"
gradex_apt_install mmdebstrap debian-archive-keyring python3
mkdir -p "$out"
work="$(mktemp -d "$out/work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "base-image.sh: mmdebstrap bookworm with openjdk-17-jre-headless (a few minutes once)" >&2
mirror="${GRADEX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mmdebstrap --variant=essential --include=openjdk-17-jre-headless \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
  --format=tar bookworm "$work/layer.tar" "$mirror" >&2
python3 "$root/tests/setup/wrap-image.py" "$work/layer.tar" "$work/image.tar" gradex/jre17-base:bookworm
mv "$work/image.tar" "$image"
echo "$recipe" >"$out/recipe"
echo "BASE_IMAGE_TAR=$image"

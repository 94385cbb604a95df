#!/usr/bin/env bash
# Sourced by the set-up scripts: installs Debian packages that are missing when run as root (CI and
# the project's machines; apt-get update once). Elsewhere it names the missing packages, says how to
# install them, and fails.
gradex_apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${missing[*]}" >&2
    echo "setup: (or leave their test group out: ./gradex-test --without GROUP; docs/testing.md)" >&2
    return 1
  fi
  echo "setup: apt-get install ${missing[*]}" >&2
  local stamp="${GRADEX_CACHE:-/tmp}/.apt-updated"
  if [ ! -f "$stamp" ]; then
    apt-get update -qq >&2 && touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

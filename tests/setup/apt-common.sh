#!/usr/bin/env bash
# Sourced by the set-up scripts: installs Debian packages that are missing (root; apt-get update once).
gradex_apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: apt-get install ${missing[*]}" >&2
  local stamp="${GRADEX_CACHE:-/tmp}/.apt-updated"
  if [ ! -f "$stamp" ]; then
    apt-get update -qq >&2 && touch "$stamp"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

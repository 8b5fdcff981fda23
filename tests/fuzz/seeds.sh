#!/usr/bin/env bash
# Collects the seed corpus of each fuzz target into OUT/<name>/ from
#   tests/fuzz/corpus/<name>/            hand-written seeds (committed)
#   tests/fuzz/regressions/<name>/       inputs that once crashed
#   globs in tests/fuzz/fuzz_<name>.seeds (fixture files, rules …), one a line,
#     relative to the repo root, `**` allowed; a line may start with
#     `prefix=<hex>` to put bytes before each file (targets whose input starts
#     with mode bytes). Lines starting with # are comments.
# Files are cut to SEED_MAX bytes (default 65536) and named by content hash.
# Usage: tests/fuzz/seeds.sh OUT [NAME...]   (default: every fuzz_*.cpp)
set -euo pipefail
shopt -s nullglob globstar

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:?usage: seeds.sh OUT [NAME...]}
shift
seed_max=${SEED_MAX:-65536}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in "$here"/fuzz_*.cpp; do
    n=$(basename "$src" .cpp)
    names+=("${n#fuzz_}")
  done
fi

hexbytes() {  # hexbytes 0a01 -> the bytes 0x0a 0x01
  local hex=$1 fmt="" i
  for ((i = 0; i < ${#hex}; i += 2)); do fmt+="\\x${hex:i:2}"; done
  printf "$fmt"
}

for name in "${names[@]}"; do
  dir="$out/$name"
  mkdir -p "$dir"
  count=0
  for f in "$here/corpus/$name"/* "$here/regressions/$name"/*; do
    cp -f "$f" "$dir/$(sha1sum <"$f" | cut -c1-16)"
    count=$((count + 1))
  done
  spec="$here/fuzz_$name.seeds"
  if [ -f "$spec" ]; then
    while read -r line; do
      line=${line%%#*}
      [ -n "${line// /}" ] || continue
      prefix=""
      if [[ $line == prefix=* ]]; then
        prefix=${line%% *}
        prefix=${prefix#prefix=}
        line=${line#* }
      fi
      for f in $repo/$line; do
        [ -f "$f" ] || continue
        tmp="$dir/.incoming"
        { [ -z "$prefix" ] || hexbytes "$prefix"; head -c "$seed_max" "$f"; } >"$tmp"
        mv -f "$tmp" "$dir/$(sha1sum <"$tmp" | cut -c1-16)"
        count=$((count + 1))
      done
    done <"$spec"
  fi
  echo "seeds: $name: $count files -> $dir"
done

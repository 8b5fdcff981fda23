#!/usr/bin/env bash
# Checks that every tracked C++ file is formatted with the repo's .clang-format
# (clang-format 14, Debian 12's). Every file, not only changed ones: a file
# reformatted once stays formatted, and nobody has to guess a merge base.
#   .ci/format.sh            check all tracked *.cpp *.hpp *.h *.cc (exit 1 and a diff if not)
#   .ci/format.sh --changed [REF]  check only files changed since the merge base with REF (default main)
#   .ci/format.sh --fix      format all of them in place
# Environment: CLANG_FORMAT (default clang-format-14, else clang-format).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
  for c in clang-format-14 clang-format; do command -v "$c" >/dev/null && { cf=$c; break; }; done
fi
[ -n "$cf" ] || { echo "format: clang-format not found (apt-get install clang-format)" >&2; exit 2; }

mode=check
ref=""
case "${1:-}" in
  --fix) mode=fix ;;
  --changed) ref=${2:-main} ;;
  "") ;;
  *) echo "usage: $0 [--fix | --changed [REF]]" >&2; exit 2 ;;
esac

files=()
if [ -n "$ref" ]; then
  base=$(git merge-base HEAD "$ref")
  while IFS= read -r f; do [ -f "$f" ] && files+=("$f"); done < <(git diff --name-only "$base" -- '*.cpp' '*.hpp' '*.h' '*.cc')
elif git rev-parse --git-dir >/dev/null 2>&1; then
  while IFS= read -r f; do [ -f "$f" ] && files+=("$f"); done < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
else
  while IFS= read -r f; do files+=("$f"); done < <(find agent checks tests -name '*.cpp' -o -name '*.hpp' -o -name '*.h')
fi
[ ${#files[@]} -gt 0 ] || { echo "format: no C++ files to check"; exit 0; }

if [ "$mode" = fix ]; then
  "$cf" -i --style=file "${files[@]}"
  echo "format: formatted ${#files[@]} files with $($cf --version | head -1)"
  exit 0
fi

bad=()
for f in "${files[@]}"; do
  if ! "$cf" --style=file "$f" | cmp -s - "$f"; then bad+=("$f"); fi
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "format: ${#bad[@]} of ${#files[@]} files are not formatted ($($cf --version | head -1)):"
  for f in "${bad[@]}"; do
    echo "---- $f"
    "$cf" --style=file "$f" | diff -u "$f" - | head -40 || true
  done
  echo "format: run .ci/format.sh --fix (or clang-format -i FILE) and commit" >&2
  exit 1
fi
echo "format: ${#files[@]} files ok"

#!/bin/sh
# Summary benchmark: N (default 10000) sealed findings files, then
# `selfcheck summary` in each format, timed. Usage: run.sh [BUILD_DIR] [N]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
n=${2:-10000}
dir=${TMPDIR:-/tmp}/selfcheck-bench-summary-$n
if [ ! -d "$dir/selfcheck" ]; then
  python3 "$here/make_files.py" "$dir" "$n"
fi
echo "files: $(find "$dir" -name '*.yaml' | wc -l), $(du -sh "$dir" | cut -f1)"
for fmt in text html json; do
  /usr/bin/time -f "summary --format $fmt: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$build/selfcheck" summary "$dir" --format "$fmt" --lang zh -o "$dir.$fmt"
done
"$build/selfcheck" verify "$dir/selfcheck/2026-11-20/PC-00000.yaml"

#!/usr/bin/env bash
# The benchmark entry point: builds selfcheck in Release (build-bench), runs
# every benchmark part and prints one table of figures against their targets.
# Parts are scripts tests/bench/parts/*.sh and tests/bench/*/run.sh; each is
# run with these variables and appends rows to $BENCH_TABLE with bench_row:
#   REPO, BENCH_BUILD (the Release build dir), SELFCHECK (the binary),
#   BENCH_WORK (scratch dir, kept between runs for generated data),
#   BENCH_TABLE (tab-separated rows: part, measure, value, target, status).
# Usage: tests/bench/run.sh [PART...]   (names like "scan"; default all)
# Environment: BENCH_BUILD, BENCH_WORK, BENCH_JOBS (build -j, default 2),
#   BENCH_RUNS (repetitions of timed commands, default 10).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export REPO=$(cd "$here/../.." && pwd)
export BENCH_BUILD=${BENCH_BUILD:-$REPO/build-bench}
export BENCH_WORK=${BENCH_WORK:-$BENCH_BUILD/bench-work}
export BENCH_RUNS=${BENCH_RUNS:-10}
export SELFCHECK=$BENCH_BUILD/selfcheck
export BENCH_TABLE=$BENCH_WORK/table.tsv
mkdir -p "$BENCH_WORK"
: >"$BENCH_TABLE"

echo "== bench: Release build in $BENCH_BUILD" >&2
cmake -S "$REPO" -B "$BENCH_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BENCH_BUILD" -j"${BENCH_JOBS:-2}" >&2

parts=()
for p in "$here"/parts/*.sh "$here"/*/run.sh; do [ -f "$p" ] && parts+=("$p"); done
if [ $# -gt 0 ]; then
  wanted=("$@")
  parts=()
  for w in "${wanted[@]}"; do
    for p in "$here/parts/$w.sh" "$here/$w/run.sh"; do [ -f "$p" ] && parts+=("$p"); done
  done
fi

failed=0
for p in "${parts[@]}"; do
  echo "== bench: ${p#$REPO/}" >&2
  if ! bash "$p" >&2; then
    printf '%s\t%s\t%s\t%s\t%s\n' "${p#$REPO/tests/bench/}" "(part failed)" "-" "-" "ERROR" >>"$BENCH_TABLE"
    failed=1
  fi
done

echo
echo "selfcheck benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
{
  printf 'part\tmeasure\tvalue\ttarget\tstatus\n'
  cat "$BENCH_TABLE"
} | awk -F'\t' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR }
  END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= 5; i++) line = line sprintf("%-" w[i] + 2 "s", cell[r, i]); sub(/ +$/, "", line); print line } }'
exit "$failed"

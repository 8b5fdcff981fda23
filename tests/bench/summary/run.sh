#!/bin/bash
# Summary benchmark (issue 20): N sealed findings files (make_files.py: valid
# hashes, varied machines, some older files, clones, shared sticks), then
# `selfcheck summary` timed for 10,000 and 50,000 files: wall time, CPU time
# (user + sys) and peak RSS. Targets: 10,000 files < 3 s wall on 2 cores and
# < 150 MB; 50,000 files' peak RSS within 20 % of the 10,000 files' figure.
# Standalone: run.sh [SELFCHECK] [N...]   (default build/selfcheck 10000 50000)
# As a part of tests/bench/run.sh: SELFCHECK, BENCH_WORK and BENCH_TABLE are set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
selfcheck=${SELFCHECK:-${1:-build/selfcheck}}
[ $# -gt 0 ] && shift
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 50000)
work=${BENCH_WORK:-${TMPDIR:-/tmp}}
jobs=${SUMMARY_JOBS:-$(nproc)}

row() {  # part table when run from tests/bench/run.sh, else stdout
  if [ -n "${BENCH_TABLE:-}" ]; then
    printf 'summary\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$BENCH_TABLE"
  else
    printf '%-40s %-14s %-18s %s\n' "$1" "$2" "$3" "$4"
  fi
}
ok() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "ok" : "OVER" }'; }

declare -A rss
for n in "${sizes[@]}"; do
  dir=$work/selfcheck-bench-summary-v2-$n
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    python3 "$here/make_files.py" "$dir" "$n"
    touch "$dir/.complete"
  fi
  # Wall time means little on a shared machine: the load is shown with it.
  echo "files: $(find "$dir" -name '*.yaml' | wc -l), $(du -sh "$dir" | cut -f1); $jobs jobs on $(nproc) cores;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  out=$(mktemp)
  stats=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$stats" "$selfcheck" summary "$dir" --format text --lang zh -j "$jobs" -o "$out"
  read -r wall user sys kb <"$stats"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
  rss[$n]=$mb
  if [ "$n" = 10000 ]; then
    row "$n files: wall time (s)" "$wall" "< 3 (2 cores)" "$(ok "$wall" 3)"
    row "$n files: peak RSS (MB)" "$mb" "< 150" "$(ok "$mb" 150)"
  else
    row "$n files: wall time (s)" "$wall" "-" "-"
    if [ -n "${rss[10000]:-}" ]; then
      growth=$(awk -v a="$mb" -v b="${rss[10000]}" 'BEGIN { printf "%.0f", (a / b - 1) * 100 }')
      row "$n files: peak RSS (MB)" "$mb (+$growth %)" "+20 % of 10000" "$(ok "$growth" 20)"
    else
      row "$n files: peak RSS (MB)" "$mb" "-" "-"
    fi
  fi
  row "$n files: CPU time (s)" "$cpu" "-" "-"
  "$selfcheck" summary "$dir" --format json -j 1 -o "$out.j1"
  "$selfcheck" summary "$dir" --format json -j "$jobs" -o "$out.jn"
  cmp -s "$out.j1" "$out.jn" && same=ok || same=DIFFERENT
  row "$n files: -j1 and -j$jobs output" "$same" "identical" "$same"
  rm -f "$out" "$out.j1" "$out.jn" "$stats"
done

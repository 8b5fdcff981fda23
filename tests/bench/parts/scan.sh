#!/usr/bin/env bash
# Benchmark part: a whole `selfcheck scan` of this machine (root /, every probe,
# live checks as the defaults allow): mean wall time (target < 1 s), CPU time
# and peak RSS. The findings go to a scratch file, never into the spool.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

out=$BENCH_WORK/scan-findings.json
cmd=("$SELFCHECK" scan --output "$out" --format json)

rc=0
"${cmd[@]}" >/dev/null 2>"$BENCH_WORK/scan.err" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "scan: exit $rc: $(head -3 "$BENCH_WORK/scan.err")"
  bench_row scan "whole scan of / (wall)" "n/a: exit $rc" "< 1000 ms" "SKIP"
  exit 0
fi

wall=$(bench_wall_ms "${cmd[@]}")
read -r rss user sys < <(bench_peak "${cmd[@]}")
cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", (u + s) * 1000 }')
findings=$(grep -o '"id"' "$out" | wc -l || true)

bench_row scan "whole scan of / (wall, mean of $BENCH_RUNS)" "$wall ms" "< 1000 ms" "$(bench_ok "$wall" 1000)"
bench_row scan "whole scan of / (CPU user+sys)" "$cpu ms" "< 1000 ms" "$(bench_ok "$cpu" 1000)"
bench_row scan "whole scan of / (peak RSS)" "$((rss / 1024)) MB" "< 64 MB" "$(bench_ok "$((rss / 1024))" 64)"
bench_row scan "findings in the file" "$findings" "-" "-"

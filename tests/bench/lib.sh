# Helpers for benchmark parts (source it): rows for the table and timing.

# bench_row PART MEASURE VALUE TARGET STATUS
bench_row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$BENCH_TABLE"; }

# bench_wall_ms CMD...: mean wall time in ms over $BENCH_RUNS runs (hyperfine
# when installed, else a loop); any exit status is accepted.
bench_wall_ms() {
  if command -v hyperfine >/dev/null; then
    local csv
    csv=$(mktemp)
    hyperfine --style basic --warmup 1 --runs "$BENCH_RUNS" -i --export-csv "$csv" -- "$(printf '%q ' "$@")" >&2
    awk -F, 'NR == 2 { printf "%.1f\n", $2 * 1000 }' "$csv"
    rm -f "$csv"
  else
    "$@" >/dev/null 2>&1 || true  # warm-up
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$BENCH_RUNS"); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo $(((end - start) / BENCH_RUNS / 100000)) | sed 's/\(.\)$/.\1/'
  fi
}

# bench_peak CMD...: "RSS_KB USER_S SYS_S" from GNU time -v (apt-get install time).
bench_peak() {
  local out
  out=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$out" || true
  awk -F': ' '/Maximum resident set size/ { rss = $2 } /User time/ { u = $2 } /System time/ { s = $2 }
    END { print rss, u, s }' "$out"
  rm -f "$out"
}

# bench_ok VALUE LIMIT: "ok" when VALUE < LIMIT (numbers), else "OVER".
bench_ok() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "ok" : "OVER" }'; }

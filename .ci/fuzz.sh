#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/fuzz_*.cpp) with clang-14 in
# build-fuzz and runs each for FUZZ_SECONDS (default 60) from the seed corpus
# (tests/fuzz/seeds.sh). Fails when any target crashes, leaks, times out or
# hits UB; the input is kept in FUZZ_CRASH_DIR (default build-fuzz/crashes/<name>/)
# — add it to tests/fuzz/regressions/<name>/ with the fix and a doctest.
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_TARGETS (names,
# e.g. "config time"; default all), FUZZ_JOBS (targets run at once, default 1),
# FUZZ_BUILD_DIR, FUZZ_CRASH_DIR, FUZZ_CXX (default clang++-14), FUZZ_BUILD_JOBS (default 2),
# FUZZ_SEED (default 1: CI replays the same mutation sequence, so a run that
# passed here passes there; set another seed to explore).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
crashes=${FUZZ_CRASH_DIR:-$build/crashes}
cxx=${FUZZ_CXX:-clang++-14}

command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

echo "== fuzz: building with $cxx in $build"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DSELFCHECK_FUZZ=ON -DSELFCHECK_TESTS=ON >/dev/null
cmake --build "$build" --target fuzz_all -j"${FUZZ_BUILD_JOBS:-2}"

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a names <<<"$FUZZ_TARGETS"
else
  names=()
  for src in "$repo"/tests/fuzz/fuzz_*.cpp; do
    n=$(basename "$src" .cpp)
    names+=("${n#fuzz_}")
  done
fi
[ ${#names[@]} -gt 0 ] || { echo "fuzz: no targets" >&2; exit 2; }

seeds=$build/fuzz-seeds
rm -rf "$seeds"
"$repo/tests/fuzz/seeds.sh" "$seeds" "${names[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside third-party libraries, each explained there.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/fuzz/lsan.supp:print_suppressions=0}
logs=$build/fuzz-logs
mkdir -p "$logs"

run_one() {  # run_one NAME -> writes $logs/NAME.rc
  local name=$1 bin=$build/tests/fuzz/fuzz_$1 extra=() work=$build/fuzz-corpus/$1
  mkdir -p "$work" "$crashes/$name"
  [ -f "$repo/tests/fuzz/fuzz_$name.dict" ] && extra+=("-dict=$repo/tests/fuzz/fuzz_$name.dict")
  if [ -f "$repo/tests/fuzz/fuzz_$name.options" ]; then
    while read -r opt; do [ -n "$opt" ] && [[ $opt != \#* ]] && extra+=("$opt"); done <"$repo/tests/fuzz/fuzz_$name.options"
  fi
  local rc=0
  # Seeds are run first; then fuzzing for the time budget. New inputs go to $work.
  # libFuzzer's own -timeout and -rss_limit_mb handlers can deadlock when the
  # input hangs inside the allocator (seen with yaml-cpp's LoadAll loop: the
  # target ran on for hours and CI ran out of time), so an outer timeout kills
  # the target for sure: SIGTERM after the budget plus a minute, SIGKILL 10 s on.
  (cd "$build" && timeout -k 10 $((seconds + 60)) "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/$name/" "${extra[@]}" "$work" "$seeds/$name") >"$logs/$name.log" 2>&1 || rc=$?
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "fuzz: $name did not stop within $((seconds + 60)) s: killed (an input hangs; libFuzzer's timeout did not fire)" >>"$logs/$name.log"
  fi
  echo "$rc" >"$logs/$name.rc"
}

echo "== fuzz: ${#names[@]} targets, ${seconds}s each, $jobs at once"
for name in "${names[@]}"; do
  [ -x "$build/tests/fuzz/fuzz_$name" ] || { echo "fuzz: no binary for $name" >&2; exit 2; }
  rm -f "$logs/$name.rc"
  if [ "$jobs" -gt 1 ]; then
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    run_one "$name" &
  else
    run_one "$name"
  fi
done
wait

failed=0
printf '%-16s %8s %12s %8s %s\n' target seconds execs corpus result
for name in "${names[@]}"; do
  rc=$(cat "$logs/$name.rc" 2>/dev/null || echo 99)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$name.log" | tail -1)
  corpus=$(find "$build/fuzz-corpus/$name" -type f | wc -l)
  if [ "$rc" = 0 ]; then result=ok; else result="FAILED (exit $rc)"; failed=1; fi
  printf '%-16s %8s %12s %8s %s\n' "$name" "$seconds" "${execs:-?}" "$corpus" "$result"
done
if [ "$failed" != 0 ]; then
  for name in "${names[@]}"; do
    [ "$(cat "$logs/$name.rc" 2>/dev/null)" = 0 ] && continue
    echo "---- $name: $logs/$name.log (last 60 lines)"
    tail -60 "$logs/$name.log"
    echo "---- crash inputs kept in $crashes/$name/:"
    ls -l "$crashes/$name/" || true
  done
  echo "fuzz: FAILED — reproduce with: $build/tests/fuzz/fuzz_<name> <crash file>" >&2
  exit 1
fi
echo "fuzz: all targets ok"

#!/usr/bin/env bash
# Builds the whole tree with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DSELFCHECK_SANITIZE=ON) in build-asan and runs the test suite under it.
# Any sanitizer report fails the run (UBSan does not recover; ASan aborts;
# leaks are errors). Environment: SANITIZE_BUILD_DIR, SANITIZE_JOBS (default 2),
# SANITIZE_CXX (default: the system c++, g++ 12 on Debian 12).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${SANITIZE_BUILD_DIR:-$repo/build-asan}
jobs=${SANITIZE_JOBS:-2}
cxx_arg=()
[ -n "${SANITIZE_CXX:-}" ] && cxx_arg=(-DCMAKE_CXX_COMPILER="$SANITIZE_CXX")

echo "== sanitize: building in $build"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSELFCHECK_SANITIZE=ON "${cxx_arg[@]}" >/dev/null
cmake --build "$build" -j"$jobs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== sanitize: ctest"
(cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 600)
echo "sanitize: ok"

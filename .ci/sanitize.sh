#!/usr/bin/env bash
# Builds the whole tree with AddressSanitizer + UndefinedBehaviorSanitizer and
# runs the test suite under it, plus the fuzz targets' committed corpus and
# past crash inputs (tests/fuzz/{corpus,regressions}). Any sanitizer report
# fails the run (UBSan does not recover; ASan aborts; leaks are errors).
#
# One tree serves this step and .ci/fuzz.sh: clang-14 with -DSELFCHECK_FUZZ=ON
# (ASan + UBSan + libFuzzer coverage in every object) in build-fuzz, so CI
# compiles the sources once for both. SELFCHECK_SANITIZE=ON (ASan + UBSan
# with any compiler, no fuzzers) stays for a developer's g++ build:
#   SANITIZE_GCC=1 .ci/sanitize.sh     (in build-asan)
# Environment: SANITIZE_BUILD_DIR, SANITIZE_JOBS (default 2), FUZZ_CXX
# (default clang++-14).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
jobs=${SANITIZE_JOBS:-2}
if [ -n "${SANITIZE_GCC:-}" ]; then
  build=${SANITIZE_BUILD_DIR:-$repo/build-asan}
  config=(-DCMAKE_BUILD_TYPE=Debug -DSELFCHECK_SANITIZE=ON)
else
  build=${SANITIZE_BUILD_DIR:-${FUZZ_BUILD_DIR:-$repo/build-fuzz}}
  cxx=${FUZZ_CXX:-clang++-14}
  command -v "$cxx" >/dev/null || { echo "sanitize: $cxx not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
  # The same configure line as .ci/fuzz.sh: no reconfigure between the steps.
  config=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" -DSELFCHECK_FUZZ=ON -DSELFCHECK_TESTS=ON)
fi

echo "== sanitize: building in $build"
cmake -S "$repo" -B "$build" "${config[@]}" >/dev/null
cmake --build "$build" -j"$jobs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside third-party libraries, each explained there.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/fuzz/lsan.supp:print_suppressions=0}
echo "== sanitize: ctest"
(cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 600)
echo "sanitize: ok"

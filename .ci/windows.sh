#!/usr/bin/env bash
# CI step (after the Linux steps, from .ci/run): cross-build selfcheck.exe and
# the Windows test exe with scripts/build-windows.sh (dependencies cached in
# ${SELFCHECK_MINGW_CACHE:-/var/cache/selfcheck-mingw}, outside the clone),
# run the doctest suite under wine64 through ctest, and smoke-test the exe.
# Prints each step's duration.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${WINDOWS_BUILD_DIR:-$repo/build-windows}
t0=$(date +%s)

step() {  # step NAME CMD...
  local name=$1 start rc=0
  shift
  start=$(date +%s)
  echo "==== windows: $name"
  "$@" || rc=$?
  echo "==== windows: $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in $(($(date +%s) - start)) s"
  return $rc
}

step "build (scripts/build-windows.sh)" "$repo/scripts/build-windows.sh" "$dir"
ls -l "$dir/selfcheck.exe"
x86_64-w64-mingw32-objdump -p "$dir/selfcheck.exe" | grep 'DLL Name' || true
step "selfcheck.exe probes under wine64" bash -c "'$repo/scripts/wine-run.sh' '$dir/selfcheck.exe' probes | tee '$dir/probes.txt' | tail -3"
step "ctest under wine64" ctest --test-dir "$dir" --output-on-failure
echo "==== windows: total $(($(date +%s) - t0)) s"

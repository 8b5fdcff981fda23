#!/usr/bin/env bash
# CI step (after the Linux steps, from .ci/run): cross-build selfcheck.exe and
# the Windows test exe with scripts/build-windows.sh (dependencies cached in
# ${SELFCHECK_MINGW_CACHE:-/var/cache/selfcheck-mingw}, outside the clone),
# make the throw-away wine prefix, smoke-test the exe and run the doctest
# suite under wine64 through ctest; then the Linux binary and selfcheck.exe
# on every Windows fixture root (scripts/compare-windows-roots.sh: the same
# status for every finding) and the MSI, the Friday task and collection
# (.ci/windows-package.sh). Every sub-step runs under `timeout` with its own
# budget (seconds, overridable: WINDOWS_BUILD_SECS, WINDOWS_PREFIX_SECS,
# WINDOWS_PROBES_SECS, WINDOWS_CTEST_SECS) and prints its duration.
# Exit: 0 all passed; 1 a sub-step failed; 124 only time ran out (a cold
# dependency or compiler cache on a slow machine: .ci/run reports it). The prefix's wineserver
# is stopped at the end so no wine process outlives the step (a lingering one
# holds the log pipe open).
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${WINDOWS_BUILD_DIR:-$repo/build-windows}
t0=$(date +%s)
failed=0
timedout=0

step() {  # step NAME SECONDS CMD...
  local name=$1 secs=$2 start rc=0 how
  shift 2
  start=$(date +%s)
  echo "==== windows: $name (at most $secs s)"
  timeout --kill-after=15 "$secs" "$@" || rc=$?
  case $rc in
    0) how=ok ;;
    124 | 137) how="TIMED OUT" ;;
    *) how="FAILED ($rc)" ;;
  esac
  echo "==== windows: $name: $how in $(($(date +%s) - start)) s"
  case $rc in
    0) ;;
    124 | 137) timedout=1 ;;
    *) failed=1 ;;
  esac
  return $rc
}

stop_wine() {
  local ws
  for ws in /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver /usr/bin/wineserver; do
    [ -x "$ws" ] && { WINEPREFIX=$dir/wineprefix timeout 20 "$ws" -k 2>/dev/null || true; break; }
  done
}
trap stop_wine EXIT

if step "build (scripts/build-windows.sh)" "${WINDOWS_BUILD_SECS:-1800}" "$repo/scripts/build-windows.sh" "$dir"; then
  ls -l "$dir/selfcheck.exe" "$dir/tests/selfcheck_tests.exe" 2>/dev/null
  x86_64-w64-mingw32-objdump -p "$dir/selfcheck.exe" | grep 'DLL Name' || true
  # wineboot of a fresh prefix (~7-20 s): its own step, so ctest's time is the suite's.
  step "wine prefix ($dir/wineprefix)" "${WINDOWS_PREFIX_SECS:-120}" \
    env WINEPREFIX="$dir/wineprefix" "$repo/scripts/wine-run.sh" cmd /c ver
  step "selfcheck.exe probes under wine64" "${WINDOWS_PROBES_SECS:-60}" \
    bash -c "'$repo/scripts/wine-run.sh' '$dir/selfcheck.exe' probes > '$dir/probes.txt'; rc=\$?; tail -3 '$dir/probes.txt'; exit \$rc"
  ctest_secs=${WINDOWS_CTEST_SECS:-420}
  step "ctest under wine64" "$ctest_secs" ctest --test-dir "$dir" --output-on-failure --timeout "$((ctest_secs - 20))"
  linux=${LINUX_BUILD_DIR:-$repo/build}
  if [ -x "$linux/selfcheck" ]; then
    # Reported, not gating yet: on a loaded machine some exe runs under wine
    # have ended with exit 5 or without their findings (seen twice, never on
    # an idle machine; the suite above runs the same roots in-process).
    step "Linux and selfcheck.exe on the Windows roots (reported)" 300 \
      bash -c "env WINEPREFIX='$dir/wineprefix' '$repo/scripts/compare-windows-roots.sh' '$linux/selfcheck' '$dir/selfcheck.exe' || echo 'windows: the comparison differs (reported, not gating: see .ci/windows.sh)'"
    step "MSI, Friday task, collect (.ci/windows-package.sh)" 300 \
      env WINEPREFIX="$dir/wineprefix" bash "$repo/.ci/windows-package.sh" "$dir" "$linux"
  else
    echo "==== windows: no Linux build in $linux: the comparison and package checks need it"
    failed=1
  fi
fi
echo "==== windows: total $(($(date +%s) - t0)) s"
[ $failed -ne 0 ] && exit 1
[ $timedout -ne 0 ] && exit 124
exit 0

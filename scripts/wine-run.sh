#!/bin/bash
# Runs a Windows exe of the cross build under wine64 (CMake's
# CMAKE_CROSSCOMPILING_EMULATOR, so `ctest --test-dir build-windows` works).
# The WINEPREFIX is a throw-away one per build directory
# (<build>/wineprefix, made once, under a lock so parallel ctest is safe);
# WINEDEBUG=-all keeps wine's fixme lines out of the test output.
set -euo pipefail
exe=${1:?usage: wine-run.sh PROGRAM.exe [ARGS...]}
shift

WINE=${WINE:-}
if [[ -z $WINE ]]; then
  for w in /usr/lib/wine/wine64 /usr/bin/wine64 /usr/bin/wine; do  # Debian's wine64 puts the loader in /usr/lib/wine
    [[ -x $w ]] && WINE=$w && break
  done
fi
[[ -n $WINE ]] || { echo "wine-run.sh: no wine64 (apt-get install wine64)" >&2; exit 127; }

if [[ -z ${WINEPREFIX:-} ]]; then
  d=$(cd "$(dirname "$exe")" && pwd)
  while [[ $d != / && ! -f $d/CMakeCache.txt ]]; do d=$(dirname "$d"); done
  [[ -f $d/CMakeCache.txt ]] || d=${TMPDIR:-/tmp}/selfcheck-wine.$UID
  export WINEPREFIX=$d/wineprefix
fi
# winedbg.exe=d: a crashing program ends with its exit code instead of
# starting wine's debugger, which can wait for ever on the console or pipe
# (a ctest run without output until its timeout).
export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=;winedbg.exe=d}
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    [[ -f $WINEPREFIX/system.reg ]] || { "$WINE" wineboot -i >/dev/null 2>&1 || true; "${WINE%64}server" -w 2>/dev/null || wineserver -w 2>/dev/null || true; }
  ) 9>"$WINEPREFIX.lock"
fi
exec "$WINE" "$exe" "$@"

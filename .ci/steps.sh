#!/usr/bin/env bash
# The checks CI runs after the README's build-and-test command (.ci/run calls
# this): formatting, the test suite under ASan+UBSan, and every fuzz target for
# a bounded time. Installs its tools with apt-get when missing (root on a fresh
# Debian 12 is fine; otherwise sudo is used if present). All steps run; the
# exit status is 1 when any failed.
#
# Environment:
#   STEPS         steps to run, default "format sanitize fuzz"
#   FUZZ_BUDGET   seconds of fuzzing in all (default 480), shared by the targets
#                 run two at a time, each 10..60 s: with the build steps CI stays
#                 under 40 minutes on 2 cores
#   FUZZ_SECONDS  overrides the per-target time computed from FUZZ_BUDGET
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
steps=${STEPS:-format sanitize fuzz}
need=(clang-14 libclang-rt-14-dev clang-format time hyperfine)

install_tools() {
  local missing=()
  for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "steps: need root or sudo to install ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "== steps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null &&
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

fuzz_seconds() {  # per-target seconds from FUZZ_BUDGET, two targets at a time
  local n
  n=$(find "$repo/tests/fuzz" -maxdepth 1 -name 'fuzz_*.cpp' | wc -l)
  [ "$n" -gt 0 ] || n=1
  local s=$((${FUZZ_BUDGET:-480} * 2 / n))
  [ "$s" -gt 60 ] && s=60
  [ "$s" -lt 10 ] && s=10
  echo "$s"
}

install_tools || exit 1

failed=()
for step in $steps; do
  start=$(date +%s)
  echo "==== steps: $step"
  case $step in
    format) "$repo/.ci/format.sh" ;;
    sanitize) "$repo/.ci/sanitize.sh" ;;
    fuzz) FUZZ_SECONDS=${FUZZ_SECONDS:-$(fuzz_seconds)} FUZZ_JOBS=${FUZZ_JOBS:-2} "$repo/.ci/fuzz.sh" ;;
    *) echo "steps: unknown step $step" >&2; false ;;
  esac
  rc=$?
  echo "==== steps: $step: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in $(($(date +%s) - start)) s"
  [ $rc -eq 0 ] || failed+=("$step")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "steps: failed: ${failed[*]}" >&2
  exit 1
fi
echo "steps: all ok ($steps)"

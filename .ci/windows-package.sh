#!/usr/bin/env bash
# CI step for issue 18 (after .ci/windows.sh has built DIR/selfcheck.exe, and
# a Linux build exists): the MSI, the Friday task and collection onto the
# inspection drive, checked on Linux and under wine64.
#   .ci/windows-package.sh [WINDOWS_BUILD_DIR] [LINUX_BUILD_DIR]
# 1. scripts/build-msi.sh; `msiinfo export File` lists selfcheck.exe, every
#    rules file and agent.yaml; agent.yaml and rules.d are NeverOverwrite +
#    Permanent; the custom actions run `schedule install` / `schedule remove`
#    inside the deferred window. msiexec under wine: install, upgrade and
#    removal keep an edited agent.yaml; the task is registered and removed.
# 2. `selfcheck.exe schedule show --xml` under wine: the weekly Friday trigger,
#    StartWhenAvailable, the SYSTEM principal, PT30M.
# 3. `schedule install` / `show` / `remove` under wine: reported, not
#    required (wine's Task Scheduler is partial; see the output).
# 4. `selfcheck.exe scan --collect=Z:\...\drive` under wine onto a folder
#    standing in for the drive, next to Linux machines' files collected by the
#    Linux binary; the Linux `selfcheck summary` of the folder counts them all.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
win=${1:-${WINDOWS_BUILD_DIR:-$repo/build-windows}}
lin=${2:-${LINUX_BUILD_DIR:-$repo/build}}
win=$(cd "$win" && pwd)
exe=$win/selfcheck.exe
wine() { "$repo/scripts/wine-run.sh" "$exe" "$@"; }
t0=$(date +%s)
fail=0
step() {  # step NAME CMD...
  local name=$1 start rc=0
  shift
  start=$(date +%s)
  echo "==== windows-package: $name"
  "$@" || rc=$?
  echo "==== windows-package: $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in $(($(date +%s) - start)) s"
  [ $rc -eq 0 ] || fail=1
}

msi_checks() {
  "$repo/scripts/build-msi.sh" "$win"
  # Each table is read whole before grep looks at it: `msiinfo … | grep -q`
  # under pipefail fails with SIGPIPE (141) whenever grep stops early.
  local files comps seq actions upgrade
  files=$(msiinfo export "$win/selfcheck.msi" File)
  echo "$files"
  for want in selfcheck.exe agent.yaml $(cd "$repo/rules" && ls -- *.yaml); do
    grep -qP "\t$want\t" <<<"$files" || { echo "missing from File: $want"; return 1; }
  done
  comps=$(msiinfo export "$win/selfcheck.msi" Component)
  # 400 = 0x100 64-bit | 0x80 NeverOverwrite | 0x10 Permanent
  grep -qP '^AgentYaml\t.*\t400\t' <<<"$comps" || { echo "agent.yaml not NeverOverwrite+Permanent"; return 1; }
  grep -qP '^RulesD\t.*\t400\t' <<<"$comps" || { echo "rules.d not NeverOverwrite+Permanent"; return 1; }
  actions=$(msiinfo export "$win/selfcheck.msi" CustomAction)
  grep -qP '^ScheduleInstall\t\d+\tSelfcheckExeFile\tschedule install' <<<"$actions" || { echo "no ScheduleInstall action"; return 1; }
  grep -qP '^ScheduleRemove\t\d+\tSelfcheckExeFile\tschedule remove' <<<"$actions" || { echo "no ScheduleRemove action"; return 1; }
  seq=$(msiinfo export "$win/selfcheck.msi" InstallExecuteSequence)
  awk -F'\t' '$1=="ScheduleInstall"||$1=="ScheduleRemove"{ if ($3<=1500||$3>=6600) { print "outside the deferred window: " $0; bad=1 } } END { exit bad }' <<<"$seq"
  upgrade=$(msiinfo export "$win/selfcheck.msi" Upgrade)
  grep -q '{6F0C3E52-8A4B-4F1D-9C27-5E0B9A1D7C31}' <<<"$upgrade" || { echo "no Upgrade row for the UpgradeCode"; return 1; }
}

task_xml() {
  local xml
  xml=$(wine schedule show --xml)
  echo "$xml"
  grep -q '<Friday />' <<<"$xml" && grep -q '<WeeksInterval>1</WeeksInterval>' <<<"$xml" &&
    grep -q '<StartBoundary>[0-9-]*T16:00:00</StartBoundary>' <<<"$xml" &&
    grep -q '<StartWhenAvailable>true</StartWhenAvailable>' <<<"$xml" &&
    grep -q '<UserId>S-1-5-18</UserId>' <<<"$xml" &&
    grep -q '<ExecutionTimeLimit>PT30M</ExecutionTimeLimit>' <<<"$xml" &&
    grep -q '<Arguments>scan --collect</Arguments>' <<<"$xml"
}

task_under_wine() {  # informational: what wine's taskschd does
  local rc
  wine schedule install && rc=0 || rc=$?
  echo "schedule install under wine: exit $rc"
  wine schedule show >/dev/null && rc=0 || rc=$?
  echo "schedule show under wine: exit $rc"
  wine schedule remove && rc=0 || rc=$?
  echo "schedule remove under wine: exit $rc"
  return 0
}

collect_and_summarise() {
  local drive out n
  drive=$(mktemp -d /tmp/selfcheck-drive.XXXXXX)
  printf 'unit: 检查组\n' >"$drive/selfcheck-collection.yaml"
  # Linux machines, collected by the Linux binary.
  for r in cli-minimal boot-empty-password; do
    "$lin/selfcheck" scan --root "$repo/tests/fixtures/roots/$r" --collect="$drive" >/dev/null 2>&1 || [ $? -le 1 ]
  done
  # The wine "PC", live, onto the same folder through its Z: drive.
  local rc=0
  wine scan --collect="Z:${drive//\//\\}" >/dev/null || rc=$?
  echo "selfcheck.exe scan --collect under wine: exit $rc"
  [ "$rc" -le 1 ] || return 1
  find "$drive/selfcheck" -name '*.yaml' | sort
  n=$(find "$drive/selfcheck" -name '*.yaml' | wc -l)
  [ "$n" -ge 3 ] || { echo "expected 3 collected files, found $n"; return 1; }
  # Nothing half-written: no temporary files left on the drive.
  [ -z "$(find "$drive" -name '*.tmp*')" ] || { echo "temporary files left on the drive"; return 1; }
  out=$("$lin/selfcheck" summary "$drive" --format text --lang en)
  echo "$out" | sed -n 1,8p
  grep -q "covered $n computers" <<<"$out" || { echo "the summary does not cover the $n collected files"; return 1; }
  rm -rf "$drive"
}

[ -x "$exe" ] || { echo "no $exe: run .ci/windows.sh (scripts/build-windows.sh) first"; exit 1; }
msi_install_upgrade_remove() {  # msiexec under wine: the edited agent.yaml survives an upgrade and the removal
  local prefix=${WINEPREFIX:-$win/wineprefix} msi conf out
  msi="Z:$(printf '%s' "$win/selfcheck.msi" | tr / '\\')"
  conf="$prefix/drive_c/ProgramData/selfcheck/agent.yaml"
  out=$(WINEPREFIX=$prefix WINEDEBUG=-all timeout 180 /usr/lib/wine/wine64 msiexec /i "$msi" /qn 2>&1) || { echo "$out"; return 1; }
  echo "$out"
  [ -f "$prefix/drive_c/Program Files/selfcheck/selfcheck.exe" ] || { echo "install: no selfcheck.exe under Program Files"; return 1; }
  [ -f "$conf" ] || { echo "install: no agent.yaml under ProgramData"; return 1; }
  grep -q 'task \\selfcheck\\weekly registered' <<<"$out" || { echo "install: the Friday task was not registered"; return 1; }
  echo "# edited by the administrator $$" >>"$conf"
  WINEPREFIX=$prefix WINEDEBUG=-all timeout 180 /usr/lib/wine/wine64 msiexec /i "$msi" /qn REINSTALL=ALL REINSTALLMODE=vamus || return 1
  tail -1 "$conf" | grep -q "edited by the administrator $$" || { echo "upgrade: agent.yaml was overwritten"; return 1; }
  out=$(WINEPREFIX=$prefix WINEDEBUG=-all timeout 180 /usr/lib/wine/wine64 msiexec /x "$msi" /qn 2>&1) || { echo "$out"; return 1; }
  echo "$out"
  [ ! -e "$prefix/drive_c/Program Files/selfcheck/selfcheck.exe" ] || { echo "remove: selfcheck.exe left behind"; return 1; }
  tail -1 "$conf" | grep -q "edited by the administrator $$" || { echo "remove: the edited agent.yaml was not kept"; return 1; }
  grep -q 'task \\selfcheck\\weekly removed' <<<"$out" || { echo "remove: the Friday task was not removed"; return 1; }
  echo "installed, upgraded and removed under wine: the edited agent.yaml kept, the task registered and removed"
}

step "MSI (wixl) and its tables" msi_checks
step "schedule show --xml under wine64" task_xml
step "schedule install/show/remove under wine64 (informational)" task_under_wine
step "scan --collect under wine64 + Linux summary" collect_and_summarise
step "msiexec install, upgrade, remove under wine64" msi_install_upgrade_remove
echo "==== windows-package: total $(($(date +%s) - t0)) s"
exit $fail

#!/usr/bin/env bash
# .ci/package.sh: the installed experience, checked on the CI machine itself.
# Builds the .deb (and the .rpm where rpmbuild exists), runs lintian when it
# can be had, installs the package with apt-get, runs the installed binary,
# verifies the systemd units and the Friday calendar, checks that an upgrade
# keeps an edited agent.yaml, then removes and purges and checks that nothing
# is left. Needs root (CI runs as root). Ends with "package: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD_PKG_DIR:-$ROOT/build-pkg}
LOG=$BUILD/ci-logs
mkdir -p "$LOG"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "ok   - $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL - $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
die()  { echo "package.sh: $*" >&2; echo "package: $passed passed, $((failed + 1)) failed"; exit 1; }
step() { echo; echo "== $*"; }

if [ "$(id -u)" -ne 0 ]; then die "must run as root (it installs and purges the package)"; fi

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; }
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

step "tools"
command -v dpkg-shlibdeps >/dev/null || apt_install dpkg-dev || die "dpkg-dev is needed (CPACK_DEBIAN_PACKAGE_SHLIBDEPS)"
command -v file >/dev/null || apt_install file || die "file is needed by CPack's shlibdeps"
command -v systemd-analyze >/dev/null || apt_install systemd || die "systemd-analyze is needed"
command -v lintian >/dev/null || apt_install lintian || echo "lintian not available: skipped"

# A previous run's leftovers would hide what this one installs.
if dpkg-query -W -f='${Status}' selfcheck 2>/dev/null | grep -q 'installed\|config-files'; then
  dpkg --purge selfcheck >/dev/null || die "could not purge an earlier selfcheck"
fi

step "build the packages"
# Debian's hardening flags (fortify, relro/now, stack protector: what
# dpkg-buildflags gives with hardening=+all) come from CMakeLists.txt in every
# optimised build, so CI packages its tests' build tree (BUILD_PKG_DIR=build):
# only the file holding the install prefix is compiled again.
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
  >"$LOG/configure.log" 2>&1 || { cat "$LOG/configure.log"; die "configure failed"; }
cmake --build "$BUILD" -j2 >"$LOG/build.log" 2>&1 || { tail -40 "$LOG/build.log"; die "build failed"; }
rm -f "$BUILD"/selfcheck_*.deb "$BUILD"/selfcheck-*.rpm
(cd "$BUILD" && cpack -G DEB) >"$LOG/cpack.log" 2>&1 || { tail -40 "$LOG/cpack.log"; die "cpack DEB failed"; }
DEB=$(ls "$BUILD"/selfcheck_*.deb 2>/dev/null | head -n1)
[ -n "$DEB" ] || die "no selfcheck_*.deb in $BUILD"
ok "built $(basename "$DEB")"
dpkg-deb --info "$DEB" | sed -n '/Package:/,$p'
depends=$(dpkg-deb -f "$DEB" Depends)
check "Depends (from shlibdeps) names libc6" grep -q 'libc6' <<<"$depends"
# Every shared library the binary needs is a dependency of the package.
needed=$(objdump -p "$BUILD/selfcheck" | awk '/NEEDED/ {print $2}')
for so in $needed; do
  path=$(ldconfig -p | awk -v so="$so" '$1 == so && /x86-64|64bit|AArch64/ {print $NF; exit}')
  pkg=$( { [ -n "$path" ] && dpkg -S "$(realpath "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null; } | head -n1 | cut -d: -f1)
  check "Depends covers $so (${pkg:-no package})" \
    bash -c "[ -n '$pkg' ] && sed 's/, /\\n/g' <<<'$depends' | awk '{print \$1}' | grep -qxF '$pkg'"
done
check "conffiles: agent.yaml, cron.d, rules.d/README" \
  bash -c "dpkg-deb --ctrl-tarfile '$DEB' | tar -xO ./conffiles | sort | tr '\n' ' ' | grep -qx '/etc/cron.d/selfcheck /etc/selfcheck/agent.yaml /etc/selfcheck/rules.d/README '"

if command -v rpmbuild >/dev/null; then
  (cd "$BUILD" && cpack -G RPM) >"$LOG/cpack-rpm.log" 2>&1 && RPM=$(ls "$BUILD"/selfcheck-*.rpm 2>/dev/null | head -n1)
  if [ -n "${RPM:-}" ]; then
    ok "built $(basename "$RPM")"
    check "rpm marks agent.yaml as config" bash -c "rpm -qp --configfiles '$RPM' 2>/dev/null | grep -qx /etc/selfcheck/agent.yaml"
    check "rpm: the config files are agent.yaml, rules.d/README, cron.d only" \
      bash -c "[ \"\$(rpm -qp --configfiles '$RPM' 2>/dev/null | sort | tr '\n' ' ')\" = '/etc/cron.d/selfcheck /etc/selfcheck/agent.yaml /etc/selfcheck/rules.d/README ' ]"
    check "rpm holds the binary and the timer" bash -c "rpm -qpl '$RPM' 2>/dev/null | grep -q '^/usr/bin/selfcheck\$' && rpm -qpl '$RPM' | grep -q 'selfcheck.timer\$'"
  else
    tail -30 "$LOG/cpack-rpm.log"; bad "cpack RPM"
  fi
else
  echo "rpmbuild not available: no .rpm"
fi

if command -v lintian >/dev/null; then
  step "lintian (remaining tags are explained in packaging/lintian-notes.md)"
  lintian --fail-on error --info "$DEB" | tee "$LOG/lintian.log"
  check "lintian: no errors" test "${PIPESTATUS[0]}" -eq 0
fi

step "install"
apt-get install -y -qq "$DEB" >"$LOG/install.log" 2>&1 || { cat "$LOG/install.log"; die "apt-get install failed"; }
ok "apt-get install ./$(realpath --relative-to="$ROOT" "$DEB")"
for f in /usr/bin/selfcheck /etc/selfcheck/agent.yaml /etc/selfcheck/rules.d/README /etc/cron.d/selfcheck \
         /lib/systemd/system/selfcheck.service /lib/systemd/system/selfcheck.timer \
         /lib/systemd/system/selfcheck-collect@.service /usr/libexec/selfcheck/collect-on-plug \
         /usr/share/selfcheck/udev/90-selfcheck-collect.rules /usr/share/man/man8/selfcheck.8.gz \
         /usr/share/bash-completion/completions/selfcheck /usr/share/doc/selfcheck/copyright; do
  check "installed $f" test -e "$f"
done
check "rules installed in /usr/share/selfcheck/rules" bash -c 'ls /usr/share/selfcheck/rules/*.yaml >/dev/null 2>&1'
check "spool /var/lib/selfcheck exists, mode 750" bash -c '[ "$(stat -c %a /var/lib/selfcheck)" = 750 ]'
check "the timer is enabled (timers.target.wants)" test -L /etc/systemd/system/timers.target.wants/selfcheck.timer
check "systemctl is-enabled selfcheck.timer" bash -c '[ "$(systemctl is-enabled selfcheck.timer 2>/dev/null)" = enabled ]'
check "cron line does nothing where systemd runs" grep -q '\[ ! -d /run/systemd/system \]' /etc/cron.d/selfcheck

step "run the installed binary"
/usr/bin/selfcheck probes >"$LOG/probes.out" 2>&1; rc=$?
head -30 "$LOG/probes.out"
check "selfcheck probes exits 0" test "$rc" -eq 0
check "selfcheck probes lists the five probes" bash -c "for p in antivirus boot usb network patch; do grep -q \"\$p\" '$LOG/probes.out' || exit 1; done"
rm -f /tmp/x.yaml
/usr/bin/selfcheck scan --output /tmp/x.yaml >"$LOG/scan.out" 2>&1; rc=$?
tail -20 "$LOG/scan.out"
check "selfcheck scan --output /tmp/x.yaml exits 0 or 1 (got $rc)" test "$rc" -eq 0 -o "$rc" -eq 1
check "the findings file is written" grep -q 'selfcheck.findings/2' /tmp/x.yaml
/usr/bin/selfcheck scan >"$LOG/scan-spool.out" 2>&1; rc=$?
check "selfcheck scan (into the spool) exits 0 or 1 (got $rc)" test "$rc" -eq 0 -o "$rc" -eq 1
check "a manual scan writes into the spool" bash -c "grep -rlq 'selfcheck.findings/2' /var/lib/selfcheck"
/usr/bin/selfcheck rules check >/dev/null 2>&1; rc=$?
check "selfcheck rules check on the installed rules exits 0 (got $rc)" test "$rc" -eq 0
/usr/bin/selfcheck --help >"$LOG/help.out" 2>&1; rc=$?
check "selfcheck --help exits 0 (got $rc)" test "$rc" -eq 0
for c in scan report summary collect verify "key new" probes "rules check" "usb list"; do
  /usr/bin/selfcheck $c --help >"$LOG/help-${c// /-}.out" 2>&1
done
check "the man page documents every subcommand and option of --help" \
  packaging/check-manpage.sh /usr/share/man/man8/selfcheck.8.gz "$LOG"/help*.out

step "systemd units"
for u in selfcheck.service selfcheck.timer; do
  out=$(systemd-analyze verify "/lib/systemd/system/$u" 2>&1); rc=$?
  [ -z "$out" ] || echo "$out"
  check "systemd-analyze verify $u" test "$rc" -eq 0 -a -z "$(grep -v 'Failed to connect to bus\|No such file or directory.*bus' <<<"$out")"
done
# A template is verified through an instance.
mkdir -p /run/systemd/tmp-verify && cp /lib/systemd/system/selfcheck-collect@.service /run/systemd/tmp-verify/selfcheck-collect@sdz1.service
out=$(systemd-analyze verify /run/systemd/tmp-verify/selfcheck-collect@sdz1.service 2>&1); rc=$?
rm -rf /run/systemd/tmp-verify
[ -z "$out" ] || echo "$out"
check "systemd-analyze verify selfcheck-collect@sdz1.service" test "$rc" -eq 0
oncal=$(sed -n 's/^OnCalendar=//p' /lib/systemd/system/selfcheck.timer)
check "the timer says OnCalendar=Fri *-*-* 16:00" test "$oncal" = 'Fri *-*-* 16:00'
cal=$(systemd-analyze calendar --iterations=3 "$oncal" 2>&1); echo "$cal"
check "systemd-analyze calendar: next elapses are Fridays 16:00" \
  bash -c "grep -E '(Next elapse|Iter\\. #[0-9]):' <<<'$cal' | grep -vE ': Fri [0-9-]+ 16:00:00' | { ! grep -q .; } && grep -q 'Next elapse: Fri' <<<'$cal'"
check "the timer is Persistent= with a small RandomizedDelaySec=" \
  bash -c 'grep -qx "Persistent=true" /lib/systemd/system/selfcheck.timer && grep -qE "^RandomizedDelaySec=([0-9]+min|[0-9]+s?)$" /lib/systemd/system/selfcheck.timer'
check "the service keeps no capability but CAP_DAC_READ_SEARCH" grep -qx 'CapabilityBoundingSet=CAP_DAC_READ_SEARCH' /lib/systemd/system/selfcheck.service
check "bash completion completes subcommands" bash -c '
  source /usr/share/bash-completion/completions/selfcheck
  COMP_WORDS=(selfcheck s); COMP_CWORD=1; _selfcheck; [ "${COMPREPLY[*]}" = "scan summary" ] || exit 1
  COMP_WORDS=(selfcheck scan --format ""); COMP_CWORD=3; _selfcheck; [ "${COMPREPLY[*]}" = "yaml json text" ]'

step "upgrade keeps an edited agent.yaml"
sed -i 's/^#host:$/host:/; s/^#  classification: "confidential"$/  classification: "internal"/' /etc/selfcheck/agent.yaml
echo '# edited by package.sh' >> /etc/selfcheck/agent.yaml
sum=$(sha256sum /etc/selfcheck/agent.yaml)
dpkg -i "$DEB" </dev/null >"$LOG/reinstall.log" 2>&1; rc=$?
check "dpkg -i the same .deb again (got $rc)" test "$rc" -eq 0
check "the edit survived the reinstall" bash -c "[ \"\$(sha256sum /etc/selfcheck/agent.yaml)\" = '$sum' ]"
# A real upgrade: the same files as a newer Debian revision.
(cd "$BUILD" && cpack -G DEB -D CPACK_DEBIAN_PACKAGE_RELEASE=99 -B "$BUILD/upgrade") >"$LOG/cpack-up.log" 2>&1
UP=$(ls "$BUILD"/upgrade/selfcheck_*-99_*.deb 2>/dev/null | head -n1)
if [ -n "$UP" ]; then
  dpkg -i "$UP" </dev/null >"$LOG/upgrade.log" 2>&1; rc=$?
  check "dpkg -i the upgrade $(basename "$UP") (got $rc)" test "$rc" -eq 0
  check "installed version is now the upgrade" bash -c "dpkg-query -W -f='\${Version}' selfcheck | grep -q -- '-99\$'"
  check "the edit survived the upgrade" bash -c "[ \"\$(sha256sum /etc/selfcheck/agent.yaml)\" = '$sum' ]"
  check "the timer is still enabled after the upgrade" test -L /etc/systemd/system/timers.target.wants/selfcheck.timer
else
  tail -20 "$LOG/cpack-up.log"; bad "build the upgrade .deb"
fi
/usr/bin/selfcheck scan --output /tmp/x.yaml >/dev/null 2>&1; rc=$?
check "the edited config is accepted by scan (got $rc)" test "$rc" -eq 0 -o "$rc" -eq 1

step "remove, then purge"
/usr/bin/selfcheck key new >/dev/null 2>&1 || head -c 32 /dev/urandom > /etc/selfcheck/unit.key
check "a unit key exists before purge" test -e /etc/selfcheck/unit.key
printf 'products: []\n' > /etc/selfcheck/rules.d/local.yaml
apt-get remove -y -qq selfcheck >"$LOG/remove.log" 2>&1; rc=$?
check "apt-get remove (got $rc)" test "$rc" -eq 0
check "remove: the binary is gone" test ! -e /usr/bin/selfcheck
check "remove: the edited config is kept" test -e /etc/selfcheck/agent.yaml
apt-get purge -y -qq selfcheck >"$LOG/purge.log" 2>&1; rc=$?
check "apt-get purge (got $rc)" test "$rc" -eq 0
for p in /etc/selfcheck /var/lib/selfcheck /usr/share/selfcheck /usr/libexec/selfcheck /usr/share/doc/selfcheck \
         /etc/cron.d/selfcheck /etc/systemd/system/timers.target.wants/selfcheck.timer \
         /etc/systemd/system/selfcheck.timer /lib/systemd/system/selfcheck.timer; do
  check "purge: $p is gone" test ! -e "$p" -a ! -L "$p"
done
check "purge: dpkg forgot the package" bash -c '! dpkg-query -W selfcheck >/dev/null 2>&1'
check "purge: deb-systemd-helper forgot the timer" bash -c '! grep -rqs selfcheck /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked'

echo
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

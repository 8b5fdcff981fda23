#!/bin/bash
# USB log-scan benchmark (issues 5 and 14): a realistic generated syslog of
# SIZE_MB (default 1024: ~7.7 M lines, 28 % kernel lines, ~3.9 k USB
# connections; see gen_syslog.cpp) and its .gz. Timed together, round after
# round (the machine may be shared: each round runs every command once, the
# best round of each counts): grep -c (piped: GNU grep stops early when its
# output is /dev/null), gzip -dc, the usb probe's log pass (usb_scan_bench)
# on the plain file and on the .gz, and `selfcheck scan --only usb`. Prints
# MB/s, peak RSS and the ratios against the targets (scan >= 0.8x grep -c;
# .gz scan <= 1.2x gzip -dc), and table rows when run by tests/bench/run.sh.
#   tests/bench/usb/run.sh [SIZE_MB] [WORK_DIR]
# Environment: BENCH_BUILD (build dir, default build-bench, Release),
#   REPEAT (rounds, default 5).
set -eu
SIZE_MB=${1:-${USB_BENCH_MB:-1024}}
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=${BENCH_BUILD:-$SRC/build-bench}
WORK=${2:-${BENCH_WORK:-/tmp}/selfcheck-usb-bench}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" -j2 --target gen_syslog usb_scan_bench selfcheck >/dev/null
GEN="$BUILD/tests/bench/usb/gen_syslog"
SCAN="$BUILD/tests/bench/usb/usb_scan_bench"
SELFCHECK="$BUILD/selfcheck"

mkdir -p "$WORK/plain/var/log" "$WORK/gz/var/log" "$WORK/plain/etc" "$WORK/gz/etc"
for r in plain gz; do cp -f /usr/share/zoneinfo/Asia/Shanghai "$WORK/$r/etc/localtime" 2>/dev/null || true; done
LOG="$WORK/plain/var/log/syslog"
GZ="$WORK/gz/var/log/syslog.1.gz"
if [ ! -s "$LOG" ] || [ "$(($(stat -c %s "$LOG") >> 20))" -ne "$SIZE_MB" ]; then
  "$GEN" "$SIZE_MB" "$LOG"
  rm -f "$GZ"
fi
[ -s "$GZ" ] || gzip -c "$LOG" >"$GZ"
MB=$(($(stat -c %s "$LOG") / 1048576))
cat "$LOG" >/dev/null
cat "$GZ" >/dev/null # warm the page cache

REPEAT=${REPEAT:-5}
declare -A BEST RSS CMD
names=(grep_c scan_plain scan_cli gzip_dc scan_gz)
CMD[grep_c]="grep -c 'New USB device found' '$LOG' | cat > /dev/null"
CMD[scan_plain]="'$SCAN' '$WORK/plain' > '$WORK/scan_plain.out'"
CMD[scan_cli]="'$SELFCHECK' scan --root '$WORK/plain' --only usb --as-of 2026-12-01T00:00:00+08:00 --output '$WORK/findings.json' --format json > /dev/null 2>&1 || true"
CMD[gzip_dc]="gzip -dc '$GZ' > /dev/null"
CMD[scan_gz]="'$SCAN' '$WORK/gz' > '$WORK/scan_gz.out'"
for _ in $(seq "$REPEAT"); do
  for n in "${names[@]}"; do
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" sh -c "${CMD[$n]}"
    read -r e r <"$WORK/time.txt"
    if [ -z "${BEST[$n]:-}" ] || [ "$(echo "$e < ${BEST[$n]}" | bc -l)" = 1 ]; then
      BEST[$n]=$e
      RSS[$n]=$r
    fi
  done
done
for n in "${names[@]}"; do [ "$(echo "${BEST[$n]} < 0.01" | bc -l)" = 1 ] && BEST[$n]=0.01; done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "USB scan benchmark: $MB MB syslog ($(($(stat -c %s "$GZ") / 1048576)) MB gzipped), $(nproc) cores, best of $REPEAT rounds"
for n in "${names[@]}"; do
  printf '%-12s %7.2f s %9.1f MB/s   peak RSS %7d KB\n' "$n" "${BEST[$n]}" "$(echo "$MB / ${BEST[$n]}" | bc -l)" "${RSS[$n]}"
done
head -1 "$WORK/scan_plain.out"
ratio=$(printf '%.2f' "$(echo "${BEST[grep_c]} / ${BEST[scan_plain]}" | bc -l)")
ratio_cli=$(printf '%.2f' "$(echo "${BEST[grep_c]} / ${BEST[scan_cli]}" | bc -l)")
gz=$(printf '%.2f' "$(echo "${BEST[scan_gz]} / ${BEST[gzip_dc]}" | bc -l)")
echo "scan speed / grep -c speed          : $ratio  (target >= 0.80)"
echo "selfcheck scan --only usb / grep -c : $ratio_cli  (target >= 0.80)"
echo "scan .gz time / gzip -dc            : $gz  (target <= 1.20)"

if [ -n "${BENCH_TABLE:-}" ]; then
  . "$SRC/tests/bench/lib.sh"
  ge() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 >= l + 0) ? "ok" : "UNDER" }'; }
  bench_row usb "log pass speed / grep -c ($MB MB)" "$ratio" ">= 0.80" "$(ge "$ratio" 0.8)"
  bench_row usb "scan --only usb speed / grep -c" "$ratio_cli" ">= 0.80" "$(ge "$ratio_cli" 0.8)"
  bench_row usb ".gz log pass / gzip -dc (time)" "$gz" "<= 1.20" "$(bench_ok "$gz" 1.201)"
  bench_row usb "log pass peak RSS" "$((RSS[scan_plain] / 1024)) MB" "< 64 MB" "$(bench_ok "$((RSS[scan_plain] / 1024))" 64)"
fi

#!/bin/sh
# USB log-scan benchmark (issue 5): a generated syslog of SIZE_MB (default
# 1024), timed back to back: cat, grep -c (piped: GNU grep stops early when
# its output is /dev/null), gzip -dc, and the usb probe's scan on the plain
# file and on its .gz. Prints MB/s, the ratios against the targets
# (scan >= 0.8x grep -c; .gz scan within 1.2x of gzip -dc) and peak RSS.
#   tests/bench/usb/run.sh [SIZE_MB] [WORK_DIR]
set -eu
SIZE_MB=${1:-1024}
WORK=${2:-/tmp/selfcheck-usb-bench}
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD="$SRC/build-bench"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target gen_syslog usb_scan_bench >/dev/null
GEN="$BUILD/tests/bench/usb/gen_syslog"
SCAN="$BUILD/tests/bench/usb/usb_scan_bench"

mkdir -p "$WORK/plain/var/log" "$WORK/gz/var/log"
LOG="$WORK/plain/var/log/syslog"
GZ="$WORK/gz/var/log/syslog.1.gz"
if [ ! -s "$LOG" ] || [ "$(( $(stat -c %s "$LOG") >> 20 ))" -lt "$SIZE_MB" ]; then
  "$GEN" "$SIZE_MB" "$LOG"
  rm -f "$GZ"
fi
[ -s "$GZ" ] || gzip -c "$LOG" > "$GZ"
MB=$(( $(stat -c %s "$LOG") / 1048576 ))
cat "$LOG" > /dev/null; cat "$GZ" > /dev/null  # warm the page cache

# run NAME CMD...: best of $REPEAT wall times (the machine may be shared);
# RSS of the best run.
REPEAT=${REPEAT:-5}
run() {
  name=$1; shift
  best=""; rss=""
  for i in $(seq "$REPEAT"); do
    /usr/bin/time -v -o "$WORK/time.txt" sh -c "$*" > "$WORK/out.txt"
    e=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    if [ -z "$best" ] || [ "$(echo "$e < $best" | bc -l)" = 1 ]; then best=$e; rss=$r; fi
  done
  [ "$(echo "$best < 0.01" | bc -l)" = 1 ] && best=0.01
  mbs=$(echo "$MB / $best" | bc -l)
  printf '%-26s %8.2f s %9.1f MB/s   peak RSS %7d KB\n' "$name" "$best" "$mbs" "$rss"
  eval "T_$(echo "$name" | tr -c 'a-z0-9\n' '_')=$best"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "USB scan benchmark: $MB MB syslog ($(($(stat -c %s "$GZ") / 1048576)) MB gzipped), $(nproc) cores"
run cat "cat '$LOG' > /dev/null"
run grep_c "grep -c 'New USB device found' '$LOG' | cat > /dev/null"
run gzip_dc "gzip -dc '$GZ' > /dev/null"
run scan_plain "'$SCAN' '$WORK/plain'"
head -1 "$WORK/out.txt"
run scan_gz "'$SCAN' '$WORK/gz'"
head -1 "$WORK/out.txt"

echo "scan speed / grep -c speed : $(printf '%.2f' "$(echo "$T_grep_c / $T_scan_plain" | bc -l)")  (target >= 0.80)"
echo "scan .gz time / gzip -dc   : $(printf '%.2f' "$(echo "$T_scan_gz / $T_gzip_dc" | bc -l)")  (target <= 1.20)"
echo "scan speed / cat speed     : $(printf '%.2f' "$(echo "$T_cat / $T_scan_plain" | bc -l)")"

#!/bin/sh
# Windows USB benchmark (issue 16): the whole usb probe (`selfcheck scan
# --only usb`) on a generated Windows root: a SYSTEM hive with DEVICES USB
# storage devices (default 500) and a LOG_MB MB setupapi.dev.log (default
# 50), both made by gen_windows_usb.py (see there how). Prints the best wall
# time of REPEAT runs, CPU and peak RSS.
#   tests/bench/usb/run_windows.sh [DEVICES] [LOG_MB] [WORK_DIR] [SELFCHECK]
set -eu
DEVICES=${1:-500}
LOG_MB=${2:-50}
WORK=${3:-/tmp/selfcheck-usb-win-bench}
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
SELFCHECK=${4:-}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ -z "$SELFCHECK" ]; then
  cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$SRC/build-bench" -j2 --target selfcheck >/dev/null
  SELFCHECK="$SRC/build-bench/selfcheck"
fi
ROOT="$WORK/root"
if [ ! -s "$ROOT/Windows/INF/setupapi.dev.log" ] || [ ! -s "$ROOT/Windows/System32/config/SYSTEM" ]; then
  rm -rf "$ROOT"
  python3 "$SRC/tests/bench/usb/gen_windows_usb.py" "$ROOT" "$DEVICES" "$LOG_MB"
fi
cat "$ROOT/Windows/INF/setupapi.dev.log" "$ROOT/Windows/System32/config/SYSTEM" > /dev/null  # warm the page cache
REPEAT=${REPEAT:-3}
best=""; rss=""; cpu=""
for i in $(seq "$REPEAT"); do
  /usr/bin/time -v -o "$WORK/time.txt" "$SELFCHECK" scan --root "$ROOT" --only usb --as-of 2026-11-20T16:00:00+08:00 \
    --rules "$SRC/rules" --format json --output "$WORK/findings.json" > /dev/null || true
  e=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
  r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  c=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$WORK/time.txt")
  if [ -z "$best" ] || [ "$(echo "$e < $best" | bc -l)" = 1 ]; then best=$e; rss=$r; cpu=$c; fi
done
devices=$(python3 -c "import json,sys; d=json.load(open('$WORK/findings.json')); print(len(d.get('usb_devices', [])))")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'usb probe, Windows root: %s devices in SYSTEM (%d KB), setupapi.dev.log %d MB\n' "$DEVICES" \
  "$(( $(stat -c %s "$ROOT/Windows/System32/config/SYSTEM") / 1024 ))" "$(( $(stat -c %s "$ROOT/Windows/INF/setupapi.dev.log") / 1048576 ))"
printf 'wall %s s (best of %s), CPU %s s, peak RSS %s KB, usb_devices in the findings: %s\n' "$best" "$REPEAT" "$cpu" "$rss" "$devices"

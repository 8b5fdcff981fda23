#!/bin/bash
# Scans every Windows fixture root (tests/fixtures/roots/win-*) with the Linux
# binary and with selfcheck.exe under wine64, and compares the findings id by
# id: issue 15 wants `selfcheck.exe scan --root R` to give the same ids and
# statuses as the Linux binary. All probes are run (not only the scenario's
# --only), as of the scenario's --as-of, with the source rules, offline.
#   scripts/compare-windows-roots.sh [LINUX_BIN [EXE [ROOT...]]]
# defaults: build/selfcheck, build-windows/selfcheck.exe, every win-* root.
# Prints one line per root (findings, same status, differing ids) and exits 1
# when a status differs or a run fails. Details (the text) are compared too
# and counted, but do not fail the run.
set -uo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LINUX_BIN=${1:-$SRC/build/selfcheck}
EXE=${2:-$SRC/build-windows/selfcheck.exe}
shift 2 2>/dev/null || shift $#
ROOTS=("$@")
((${#ROOTS[@]})) || ROOTS=("$SRC"/tests/fixtures/roots/win-*)
[[ -x $LINUX_BIN ]] || { echo "no Linux binary: $LINUX_BIN" >&2; exit 2; }
[[ -f $EXE ]] || { echo "no selfcheck.exe: $EXE" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

bad=0
printf '%-30s %8s %6s %9s  %s\n' root findings same same-text differing
for root in "${ROOTS[@]}"; do
  name=$(basename "$root")
  # The scenario's --as-of (expect.yaml args), so ages are judged alike.
  asof=$(python3 -c 'import sys, yaml
a = (yaml.safe_load(open(sys.argv[1])) or {}).get("args", [])
print(a[a.index("--as-of") + 1] if "--as-of" in a else "")' "$root/expect.yaml" 2>/dev/null)
  args=(scan --root "$root" --rules "$SRC/rules" --lang en --offline --format json)
  [[ -n $asof ]] && args+=(--as-of "$asof")
  "$LINUX_BIN" "${args[@]}" --output "$OUT/$name.linux.json" >"$OUT/$name.linux.log" 2>&1
  rl=$?
  "$SRC/scripts/wine-run.sh" "$EXE" "${args[@]}" --output "$OUT/$name.exe.json" >"$OUT/$name.exe.log" 2>&1
  rw=$?
  python3 - "$OUT/$name.linux.json" "$OUT/$name.exe.json" "$name" "$rl" "$rw" <<'EOF' || bad=1
import json, sys
lin, exe, name, rl, rw = sys.argv[1:6]
def load(p):
    try:
        return {f["id"]: f for f in json.load(open(p, encoding="utf-8"))["findings"]}
    except Exception as e:  # no file, not JSON
        return None
a, b = load(lin), load(exe)
if a is None or b is None or rl != rw:
    print(f"{name:30} run failed: linux exit {rl}{' (no findings)' if a is None else ''}, "
          f"exe exit {rw}{' (no findings)' if b is None else ''}")
    sys.exit(1)
ids = sorted(set(a) | set(b))
def st(d, i): return d[i]["status"] if i in d else "(absent)"
def txt(d, i): return json.dumps(d[i].get("detail"), sort_keys=True) if i in d else ""
diff = [f"{i} {st(a, i)}/{st(b, i)}" for i in ids if st(a, i) != st(b, i)]
same_text = sum(1 for i in ids if txt(a, i) == txt(b, i))
print(f"{name:30} {len(ids):8} {len(ids) - len(diff):6} {same_text:9}  {', '.join(diff) or '-'}")
sys.exit(1 if diff else 0)
EOF
done
exit $bad

#!/bin/bash
# Builds DIR/selfcheck.msi beside DIR/selfcheck.exe with wixl (Debian
# msitools/wixl), from packaging/windows/selfcheck.wxs and a generated
# fragment listing rules/*.yaml. Called by scripts/build-windows.sh.
#   scripts/build-msi.sh DIR
# Checks the result with `msiinfo export DIR/selfcheck.msi File`.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$(cd "${1:?usage: build-msi.sh DIR}" && pwd)
[[ -f $DIR/selfcheck.exe ]] || { echo "build-msi: no $DIR/selfcheck.exe" >&2; exit 1; }
command -v wixl >/dev/null || { echo "build-msi: wixl missing (apt-get install wixl)" >&2; exit 1; }
VERSION=$(sed -n 's/^project(selfcheck VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[[ -n $VERSION ]] || { echo "build-msi: no project version in CMakeLists.txt" >&2; exit 1; }

# wixl takes Source paths relative to the working directory: a staging copy.
STAGE=$DIR/msi-stage
rm -rf "$STAGE"
mkdir -p "$STAGE/rules"
cp "$DIR/selfcheck.exe" "$STAGE/"
cp "$SRC/packaging/agent.yaml" "$STAGE/"
cp "$SRC"/rules/*.yaml "$STAGE/rules/"

# One component per rules file, its GUID derived from the file name so that
# every build (and so every upgrade) keeps the same component for a file.
frag=$STAGE/rules.wxs
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi"><Fragment>'
  echo '  <DirectoryRef Id="RULESDIR">'
  n=0
  for f in "$SRC"/rules/*.yaml; do
    b=$(basename "$f")
    h=$(printf 'selfcheck-rules/%s' "$b" | sha1sum | cut -c1-32)
    g="${h:0:8}-${h:8:4}-4${h:13:3}-8${h:17:3}-${h:20:12}"
    n=$((n + 1))
    printf '    <Component Id="Rule%d" Guid="%s" Win64="yes"><File Id="Rule%dFile" Name="%s" Source="%s" KeyPath="yes" /></Component>\n' \
      "$n" "${g^^}" "$n" "$b" "rules/$b"
  done
  echo '  </DirectoryRef>'
  echo '  <ComponentGroup Id="Rules">'
  for i in $(seq 1 "$n"); do echo "    <ComponentRef Id=\"Rule$i\" />"; done
  echo '  </ComponentGroup>'
  echo '</Fragment></Wix>'
} >"$frag"

rm -f "$DIR/selfcheck.msi"
(cd "$STAGE" && wixl -a x64 -D Version="$VERSION" -o "$DIR/selfcheck.msi" "$SRC/packaging/windows/selfcheck.wxs" "$frag")
# The settings: msidbComponentAttributesNeverOverwrite (0x80) and
# msidbComponentAttributesPermanent (0x10) on top of 64-bit (0x100), which
# wixl cannot write itself.
msibuild "$DIR/selfcheck.msi" -q "UPDATE \`Component\` SET \`Attributes\` = 400 WHERE \`Component\` = 'AgentYaml'" \
  -q "UPDATE \`Component\` SET \`Attributes\` = 400 WHERE \`Component\` = 'RulesD'"

# The MSI holds the program, every rules file and agent.yaml.
files=$(msiinfo export "$DIR/selfcheck.msi" File)
for want in selfcheck.exe agent.yaml $(cd "$SRC/rules" && ls ./*.yaml | sed 's|^\./||'); do
  grep -q "|$want\b\|	$want	" <<<"$files" || { echo "build-msi: $want missing from the File table" >&2; exit 1; }
done
ls -l "$DIR/selfcheck.msi" >&2

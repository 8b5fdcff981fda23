#!/bin/bash
# Cross-builds selfcheck.exe (and the Windows test exe) on Debian 12 with
# mingw-w64, as WINDOWS.md "Build and test" says:
#   scripts/build-windows.sh [DIR]          (DIR defaults to build-windows/)
#   ctest --test-dir DIR                    (runs the doctest suite under wine64)
# Libraries Debian does not ship for mingw are cross-built from Debian's own
# source packages (`apt-get source` through a private deb-src list made from
# the machine's apt source; nothing downloaded from anywhere else) into
# ${SELFCHECK_MINGW_CACHE:-/var/cache/selfcheck-mingw}/<key>, keyed by the
# package versions and this script's version, and reused while they match.
#   --deps-only   stop after the dependencies (prints their prefix)
# Environment: JOBS (default 2), SELFCHECK_MINGW_CACHE.
set -euo pipefail

SCRIPT_VERSION=4  # bump when a recipe below changes: a new cache key
TRIPLET=x86_64-w64-mingw32
JOBS=${JOBS:-2}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS_ONLY=0
DIR=
for a in "$@"; do
  case $a in
    --deps-only) DEPS_ONLY=1 ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) DIR=$a ;;
  esac
done
DIR=${DIR:-build-windows}
CACHE_ROOT=${SELFCHECK_MINGW_CACHE:-/var/cache/selfcheck-mingw}
T0=$SECONDS

say() { printf '[build-windows] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
# step NAME CMD...: runs CMD, prints its duration.
step() {
  local name=$1 t=$SECONDS
  shift
  say "$name ..."
  "$@"
  say "$name: $((SECONDS - t)) s"
}

# --- tools -------------------------------------------------------------------
WINE=
for w in /usr/lib/wine/wine64 /usr/bin/wine64; do [[ -x $w ]] && WINE=$w && break; done

install_tools() {
  local need=()
  command -v $TRIPLET-g++-posix >/dev/null || need+=(g++-mingw-w64-x86-64-posix)
  [[ -f /usr/$TRIPLET/lib/libz.a ]] || need+=(libz-mingw-w64-dev)
  [[ -n $WINE ]] || need+=(wine64)
  command -v dpkg-source >/dev/null || need+=(dpkg-dev)
  command -v wixl >/dev/null || need+=(wixl)
  command -v cmake >/dev/null || need+=(cmake)
  command -v make >/dev/null || need+=(make)
  command -v xz >/dev/null || need+=(xz-utils)
  # The Linux build's own headers: Boost's are compiled against directly.
  [[ -f /usr/include/boost/version.hpp ]] || need+=(libboost1.74-dev)
  ((${#need[@]} == 0)) && return 0
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  flock /tmp/apt.lock apt-get update -qq
  flock /tmp/apt.lock apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  for w in /usr/lib/wine/wine64 /usr/bin/wine64; do [[ -x $w ]] && WINE=$w && break; done
}

# --- Debian source packages through a private deb-src list --------------------
APTDIR=$CACHE_ROOT/apt
APT_OPTS=(-o "Dir::Etc::SourceList=$APTDIR/src.sources" -o "Dir::Etc::SourceParts=$APTDIR/parts"
  -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache" -o "APT::Sandbox::User=root")

# The deb-src entries: the machine's own deb entries with the type changed
# (deb822 .sources files and one-line sources.list alike).
write_src_list() {
  mkdir -p "$APTDIR/parts" "$APTDIR/lists/partial" "$APTDIR/cache"
  local out=$APTDIR/src.sources.new f
  : >"$out"
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    sed -e 's/^Types:.*\bdeb\b.*$/Types: deb-src/' "$f" >>"$out"
    echo >>"$out"
  done
  local one=$APTDIR/src.list
  : >"$one"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    sed -n -e 's/^[[:space:]]*deb\([[:space:]]\)/deb-src\1/p' "$f" >>"$one"
  done
  if [[ -s $one ]]; then
    # One-line entries go into the parts dir (apt reads *.list there).
    cp "$one" "$APTDIR/parts/src.list"
  fi
  grep -q '^Types: deb-src' "$out" || [[ -s $one ]] || die "no deb entry in /etc/apt to derive a deb-src entry from"
  mv "$out" "$APTDIR/src.sources"
}

apt_src_update() { apt-get "${APT_OPTS[@]}" update -qq; }

# The version to build: the source version of the installed Linux -dev package
# when there is one (both builds then use the same release), else the newest
# in the deb-src lists.
src_version() {
  local src=$1 bin=${2:-} v=
  local listed
  listed=$(apt-cache "${APT_OPTS[@]}" showsrc --only-source "$src" 2>/dev/null | awk '/^Version:/{print $2}')
  if [[ -n $bin ]]; then
    v=$(dpkg-query -W -f='${db:Status-Abbrev} ${source:Version}' "$bin" 2>/dev/null | awk '/^ii/{print $2}')
    grep -qxF "$v" <<<"$listed" || v=""  # not (or no longer) in the source lists
  fi
  [[ -n $v ]] || v=$(sort -V <<<"$listed" | tail -1)
  [[ -n $v ]] || die "no source version for $src (deb-src list: $APTDIR/src.sources)"
  echo "$v"
}

# fetch SRC VERSION: unpacks Debian's source (patches applied) into $WORK/SRC.
fetch() {
  local src=$1 ver=$2 v
  # A version listed in the index may be missing from the mirror's pool
  # (seen for expat): then the next older listed one.
  for v in $ver $(apt-cache "${APT_OPTS[@]}" showsrc --only-source "$src" | awk '/^Version:/{print $2}' | sort -Vr); do
    if (cd "$WORK/dl" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$src=$v" >/dev/null 2>&1); then
      [[ $v == "$ver" ]] || say "$src: $ver is not on the mirror, using $v"
      ver=$v
      break
    fi
    v=""
  done
  [[ -n $v ]] || die "apt-get source $src=$ver failed"
  local dsc
  dsc=$(ls "$WORK/dl/${src}_${ver#*:}.dsc")
  dpkg-source --no-check -x "$dsc" "$WORK/$src" >/dev/null
}

# --- recipes -------------------------------------------------------------------
CC_X=$TRIPLET-gcc-posix
CXX_X=$TRIPLET-g++-posix
AR_X=$TRIPLET-gcc-ar-posix

# Boost filesystem + program_options: the +ds tarball has no generated b2, so
# their sources are compiled directly against Debian's /usr/include/boost (the
# same version), exposed through a directory that holds only it.
# Only the two libraries' sources are unpacked (the whole tree is 460 MB of
# small files: minutes of disk I/O), with the Debian patches that touch them.
fetch_boost() {
  local ver=$1 s=$WORK/boost1.74 p
  (cd "$WORK/dl" && apt-get "${APT_OPTS[@]}" source --download-only -qq "boost1.74=$ver" >/dev/null) ||
    die "apt-get source boost1.74=$ver failed"
  mkdir -p "$s"
  tar -xJf "$WORK"/dl/boost1.74_"${ver%-*}".orig.tar.xz -C "$s" --strip-components=1 --wildcards \
    '*/libs/filesystem/src/*' '*/libs/program_options/src/*'
  tar -xJf "$WORK"/dl/boost1.74_"$ver".debian.tar.xz -C "$s"
  while read -r p; do
    [[ -z $p || $p == \#* ]] && continue
    # The hunks of files under libs/{filesystem,program_options}/src only.
    awk -v re='^[+][+][+] [^/]*/libs/(filesystem|program_options)/src/' '
      pend != "" { if ($0 ~ /^[+][+][+] /) { keep = ($0 ~ re); if (keep) print pend "\n" $0; pend = ""; next }
                   if (keep) print pend; pend = "" }
      /^--- / { pend = $0; next }
      /^(diff |Index: )/ { keep = 0; next }
      keep { print }' "$s/debian/patches/$p" >"$WORK/boost.patch"
    [[ -s $WORK/boost.patch ]] && patch -d "$s" -p1 -s -N <"$WORK/boost.patch"
  done <"$s/debian/patches/series"
  return 0
}

build_boost() {
  local s=$WORK/boost1.74 o=$WORK/boost-obj lib
  ln -sfn /usr/include/boost "$PREFIX/include/boost"
  for lib in filesystem program_options; do
    mkdir -p "$o/$lib"
    ls "$s"/libs/$lib/src/*.cpp | xargs -P "$JOBS" -I{} sh -c \
      'f={}; '"$CXX_X"' -O2 -std=c++20 -DNDEBUG -DBOOST_BIND_GLOBAL_PLACEHOLDERS -DBOOST_ALL_NO_LIB -DBOOST_FILESYSTEM_STATIC_LINK=1 -DBOOST_PROGRAM_OPTIONS_STATIC_LINK=1 -I'"$PREFIX/include"' -c "$f" -o '"$o/$lib"'/$(basename "$f" .cpp).o'
    rm -f "$PREFIX/lib/libboost_$lib.a"
    $AR_X rcs "$PREFIX/lib/libboost_$lib.a" "$o/$lib"/*.o
  done
}

cmake_x() {  # cmake_x SRCDIR ARGS...: configure + build + install with our toolchain
  local s=$1
  shift
  cmake -S "$s" -B "$s/_build" -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/mingw-w64-x86_64.cmake" \
    -DSELFCHECK_MINGW_PREFIX="$PREFIX" -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_CROSSCOMPILING_EMULATOR= "$@" >"$s/_build.log" 2>&1 ||
    { tail -30 "$s/_build.log"; die "configure $s"; }
  cmake --build "$s/_build" -j "$JOBS" >>"$s/_build.log" 2>&1 || { tail -30 "$s/_build.log"; die "build $s"; }
  cmake --install "$s/_build" >>"$s/_build.log" 2>&1 || die "install $s"
}

build_yaml_cpp() { cmake_x "$WORK/yaml-cpp" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_BUILD_SHARED_LIBS=OFF; }
# expat: the WLAN profile XML of the Windows network gatherer. Users need
# XML_STATIC (the toolchain file defines it), the .pc says so as well.
build_expat() {
  local s=$WORK/expat
  [[ -f $s/CMakeLists.txt ]] || s=$s/expat  # the git layout: the library in expat/
  # Debian's security patches test `#if XML_DTD == 1` (Debian builds with
  # autotools, which defines it as 1); CMake's config header defines it empty.
  sed -i -e 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' -e 's/^#cmakedefine XML_NS$/#cmakedefine XML_NS 1/' \
    "$s/expat_config.h.cmake"
  cmake_x "$s" -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
    -DEXPAT_BUILD_DOCS=OFF -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_FUZZERS=OFF
  sed -i -e 's/^Cflags: \(.*\)$/Cflags: \1 -DXML_STATIC/' "$PREFIX/lib/pkgconfig/expat.pc"
}
build_fmt() { cmake_x "$WORK/fmtlib" -DFMT_TEST=OFF -DFMT_DOC=OFF -DFMT_INSTALL=ON; }

# libyaml: static on Windows needs YAML_DECLARE_STATIC in every user (yaml.h
# otherwise declares dllimport), so the .pc we write carries it.
build_libyaml() {
  cmake_x "$WORK/libyaml" -DBUILD_TESTING=OFF -DINSTALL_CMAKE_DIR=lib/cmake/yaml
  local v
  v=$(src_version libyaml libyaml-dev)
  cat >"$PREFIX/lib/pkgconfig/yaml-0.1.pc" <<EOF
prefix=$PREFIX
Name: LibYAML
Description: Library to parse and emit YAML (static, mingw-w64)
Version: ${v%%-*}
Cflags: -I\${prefix}/include -DYAML_DECLARE_STATIC
Libs: -L\${prefix}/lib -lyaml
EOF
}

# cctz: Debian's cctz source package is not on this machine's mirror (404), so
# the same library is taken from where Debian also ships it: abseil's copy
# (absl/time/internal/cctz, the upstream cctz code in absl::time_internal).
# A two-line shim per header makes `#include <cctz/time_zone.h>` and the
# `cctz::` names work unchanged.
build_cctz() {
  local s=$WORK/abseil o=$WORK/cctz-obj h
  mkdir -p "$o" "$PREFIX/include/cctz"
  (cd "$s" && find absl -name '*.h' -print | tar -cf - -T -) | tar -xf - -C "$PREFIX/include"
  ls "$s"/absl/time/internal/cctz/src/*.cc | grep -v -e _test.cc -e benchmark | xargs -P "$JOBS" -I{} sh -c \
    'f={}; '"$CXX_X"' -O2 -std=c++20 -DNDEBUG -I'"$s"' -c "$f" -o '"$o"'/$(basename "$f" .cc).o'
  rm -f "$PREFIX/lib/libcctz.a"
  $AR_X rcs "$PREFIX/lib/libcctz.a" "$o"/*.o
  for h in civil_time time_zone zone_info_source; do
    printf '// Shim (scripts/build-windows.sh): cctz from abseil'"'"'s copy.\n#pragma once\n#include "absl/time/internal/cctz/include/cctz/%s.h"\nnamespace cctz = absl::time_internal::cctz;\n' \
      "$h" >"$PREFIX/include/cctz/$h.h"
  done
}

# libyal (libevtx, libregf, each with its bundled libbfio, libcerror, ... as
# local copies): autotools with --host. Windows SDK headers named in mixed case
# by libyal (<Synchapi.h>) are lower case in mingw-w64: a compat directory maps
# them. build_libyal NAME [CFLAGS] (configure's default CFLAGS without one).
build_libyal() {
  local name=$1 s=$WORK/$1 d cflags=()
  [[ -n ${2:-} ]] && cflags=(CFLAGS="$2")
  mkdir -p "$WORK/compat"
  for d in Synchapi Processthreadsapi Threadpoolapiset; do
    echo "#include <${d,,}.h>" >"$WORK/compat/$d.h"
  done
  # Debian's patches touch configure.ac: keep the shipped configure (no autoreconf).
  local M=(ACLOCAL=: AUTOCONF=: AUTOMAKE=: AUTOHEADER=:)
  (cd "$s" && ./configure --host=$TRIPLET CC="$CC_X" CPPFLAGS="-I$WORK/compat" "${cflags[@]}" --prefix="$PREFIX" \
    --enable-static --disable-shared --disable-nls --enable-python=no >"$s/_conf.log" 2>&1) ||
    { tail -30 "$s/_conf.log"; die "configure $name"; }
  # Only the library and what comes before it in SUBDIRS (its local copies of
  # libcerror, libbfio, ...); the tools and bindings after it are not built.
  local subdirs
  subdirs=$(sed -n '/^SUBDIRS/,/^$/p' "$s/Makefile.am" | tr -d '\\' | tr -s ' \t\n' ' ' | sed 's/SUBDIRS = //')
  for d in $subdirs; do
    make -C "$s/$d" "${M[@]}" -j "$JOBS" >>"$s/_make.log" 2>&1 || { tail -30 "$s/_make.log"; die "make $name/$d"; }
    [[ $d == "$name" ]] && break
  done
  make -C "$s/include" "${M[@]}" install >>"$s/_make.log" 2>&1
  make -C "$s/$name" "${M[@]}" install >>"$s/_make.log" 2>&1
  mkdir -p "$PREFIX/lib/pkgconfig"
  cp "$s/$name.pc" "$PREFIX/lib/pkgconfig/"
  # The libbfio API of libevtx needs libbfio.h, which the local copy does not
  # install: the build exposes the file-name API only.
  sed -i -e "s/^#define ${name^^}_HAVE_BFIO.*/\/* ${name^^}_HAVE_BFIO: off, libbfio is bundled, its header not installed *\//" \
    "$PREFIX/include/$name/features.h"
  rm -f "$PREFIX/lib/$name.la"
}

# Our patches to a Debian source package: scripts/patches/<source>/*.patch,
# applied in name order after Debian's own (each says why in its header).
PATCHES=$SRC/scripts/patches
apply_patches() {
  local src=$1 p
  for p in "$PATCHES/$src"/*.patch; do
    [[ -f $p ]] || continue
    patch -d "$WORK/$src" -p1 -s -N <"$p" || die "patch $src: $(basename "$p")"
  done
}
# The cache stamp of a source package: its version, plus a hash of our patches
# and of a recipe's own version when it has them (so a changed patch rebuilds
# that library alone; a library without either keeps its plain stamp).
stamp() {
  local src=$1 ver=$2 tag
  # The hunks only: editing a patch's description does not rebuild.
  tag=$(sed -s -n '/^--- /,$p' "$PATCHES/$src"/*.patch 2>/dev/null | sha256sum | cut -c1-8)
  [[ $(ls "$PATCHES/$src"/*.patch 2>/dev/null) ]] || tag=
  case $src in libregf) tag+=.r$LIBREGF_RECIPE ;; esac
  echo "$src=$ver${tag:++selfcheck.$tag}"
}

# libregf (offline hives in selfcheck.exe: hivex's Debian source is not on the
# mirror) bundles its own copies of libcerror, libcdata, libuna, ... like
# libevtx, of other dates (libregf 20201007, libevtx 20181227). Linked side by
# side in one static exe they clash: duplicate definitions, or libregf calling
# libevtx's copy of a function whose structures differ. So every global symbol
# that libregf.a defines outside its own API (libregf_*) is renamed with a
# selfcheck_regf_ prefix (objcopy --redefine-syms over the whole archive:
# definitions and libregf's own references alike), and libevtx's archive and
# its cached build stay as they are. Building both against one set of libyal
# sources was rejected: it would pair each library with bundled copies of a
# date its upstream never shipped or tested it with. -mcmodel=small: no
# .refptr.<symbol> stubs (mingw's medium model puts one per external variable
# in a link-once section named after the symbol, which renaming the symbol
# does not rename); checked below that none is left.
LIBREGF_RECIPE=1  # bump when build_libregf changes: rebuilds libregf alone
build_libregf() {
  build_libyal libregf "-O2 -mcmodel=small"
  local a=$PREFIX/lib/libregf.a map=$WORK/libregf.syms
  $TRIPLET-nm --defined-only -g "$a" | awk 'NF == 3 && $3 !~ /^libregf_/ { print $3, "selfcheck_regf_" $3 }' |
    sort -u >"$map"
  $TRIPLET-objcopy --redefine-syms="$map" "$a"
  # What is left must be libregf's API only (and no link-once stubs at all).
  if $TRIPLET-nm --defined-only -g "$a" | awk 'NF == 3 { print $3 }' | grep -v -e '^libregf_' -e '^selfcheck_regf_' |
    grep -q .; then
    die "libregf.a: symbols left outside libregf_* after renaming"
  fi
  if $TRIPLET-nm "$a" | grep -q '\.refptr\.'; then die "libregf.a: .refptr stubs (built without -mcmodel=small?)"; fi
  say "libregf: $(wc -l <"$map") bundled libyal symbols renamed selfcheck_regf_*"
}

# doctest is header-only: Debian's headers (a directory of their own, like
# Boost's) and its CMake module for doctest_discover_tests, with a config that
# does not put /usr/include on the cross compiler's path.
install_doctest() {
  [[ -f /usr/include/doctest/doctest.h ]] || die "doctest-dev is not installed"
  ln -sfn /usr/include/doctest "$PREFIX/include/doctest"
  mkdir -p "$PREFIX/lib/cmake/doctest"
  cp /usr/lib/cmake/doctest/doctest.cmake /usr/lib/cmake/doctest/doctestAddTests.cmake "$PREFIX/lib/cmake/doctest/"
  cat >"$PREFIX/lib/cmake/doctest/doctestConfig.cmake" <<'EOF'
# Written by scripts/build-windows.sh: doctest (header-only) for the mingw build.
if(NOT TARGET doctest::doctest)
  add_library(doctest::doctest INTERFACE IMPORTED)
  set_target_properties(doctest::doctest PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CMAKE_CURRENT_LIST_DIR}/../../../include")
endif()
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
EOF
}

# --- dependency cache ----------------------------------------------------------
# name:source-package:installed -dev package whose version to match
DEPS=(boost:boost1.74:libboost1.74-dev yaml-cpp:yaml-cpp:libyaml-cpp-dev libyaml:libyaml:libyaml-dev
  fmt:fmtlib:libfmt-dev cctz:abseil:libabsl-dev libevtx:libevtx:libevtx-dev expat:expat:libexpat1-dev
  libregf:libregf:libregf-dev)
# Not built, on purpose:
#  - libusb: WINDOWS.md uses SetupAPI for USB devices present now (libusb
#    cannot read the serial of a disk bound to usbstor).
#  - OpenSSL: HMAC/SHA-256 use CNG (BCrypt) on Windows.
#  - hivex: its Debian source (hivex 1.3.23-1) is not on this machine's mirror
#    (404); see /work/helpers/wine-findings.md. libregf reads offline hives.
#  - libsystemd: there is no journal on Windows.

deps() {
  mkdir -p "$CACHE_ROOT"
  if ! ls "$APTDIR"/lists/*Sources* >/dev/null 2>&1; then
    write_src_list
    step "apt-get update (deb-src, private lists)" apt_src_update
  fi
  local keytext="script=$SCRIPT_VERSION
gcc=$(dpkg-query -W -f='${Version}' g++-mingw-w64-x86-64-posix)
crt=$(dpkg-query -W -f='${Version}' mingw-w64-x86-64-dev)
doctest=$(dpkg-query -W -f='${Version}' doctest-dev)" e name src bin
  local -A VER=()
  for e in "${DEPS[@]}"; do
    IFS=: read -r name src bin <<<"$e"
    VER[$src]=$(src_version "$src" "$bin")
    keytext+=$'\n'"$(stamp "$src" "${VER[$src]}")"
  done
  local key
  key=$(printf '%s' "$keytext" | sha256sum | cut -c1-16)
  PREFIX=$CACHE_ROOT/$key
  if [[ -f $PREFIX/.complete ]]; then
    say "dependencies: cached in $PREFIX"
    return 0
  fi
  say "dependencies: building into $PREFIX"
  printf '%s\n' "$keytext"
  rm -rf "$PREFIX"
  # Another complete prefix made by the same script and compilers (a
  # dependency was added or updated): start from a copy of it and build only
  # the libraries whose name=version stamp it lacks.
  local seed="" d
  for d in $(ls -td "$CACHE_ROOT"/*/.complete 2>/dev/null); do
    d=$(dirname "$d")
    # Same compilers and doctest (lines 2-4); each library's own stamp decides the rest.
    if [[ $(sed -n 2,4p "$d/versions.txt") == "$(printf '%s\n' "$keytext" | sed -n 2,4p)" ]]; then seed=$d; break; fi
  done
  if [[ -n $seed ]]; then
    say "dependencies: starting from $seed"
    cp -a "$seed" "$PREFIX"
    rm -f "$PREFIX/.complete"
    # Absolute prefixes inside .pc and CMake files name the copy.
    grep -rlF "$seed" "$PREFIX" 2>/dev/null | xargs -r sed -i "s|$seed|$PREFIX|g"
  fi
  mkdir -p "$PREFIX/include" "$PREFIX/lib/pkgconfig"
  WORK=$(mktemp -d "$CACHE_ROOT/work.XXXXXX")
  mkdir -p "$WORK/dl"
  local tdeps=$SECONDS
  for e in "${DEPS[@]}"; do
    IFS=: read -r name src bin <<<"$e"
    if grep -qxF "$(stamp "$src" "${VER[$src]}")" "$PREFIX/versions.txt" 2>/dev/null; then
      say "$name: $(stamp "$src" "${VER[$src]}") already in the prefix"
      continue
    fi
    if [[ $name == boost ]]; then
      step "$name: apt-get source $src=${VER[$src]} (two libraries' sources)" fetch_boost "${VER[$src]}"
    else
      step "$name: apt-get source $src=${VER[$src]}" fetch "$src" "${VER[$src]}"
      apply_patches "$src"
    fi
    case $name in
      boost) step "boost: filesystem + program_options" build_boost ;;
      yaml-cpp) step "yaml-cpp" build_yaml_cpp ;;
      libyaml) step "libyaml" build_libyaml ;;
      fmt) step "fmt" build_fmt ;;
      cctz) step "cctz (abseil's copy)" build_cctz ;;
      libevtx) step "libevtx (+ bundled libyal libraries)" build_libyal libevtx ;;
      expat) step "expat" build_expat ;;
      libregf) step "libregf (+ bundled libyal libraries, renamed)" build_libregf ;;
    esac
    rm -rf "${WORK:?}/$src"
  done
  step "doctest (Debian's headers)" install_doctest
  printf '%s\n' "$keytext" >"$PREFIX/versions.txt"
  touch "$PREFIX/.complete"
  rm -rf "$WORK"
  say "dependencies: built in $((SECONDS - tdeps)) s (cold)"
}

# --- main ------------------------------------------------------------------------
step "tools" install_tools
deps
export SELFCHECK_MINGW_PREFIX=$PREFIX
if ((DEPS_ONLY)); then
  echo "$PREFIX"
  say "total: $((SECONDS - T0)) s"
  exit 0
fi

step "configure $DIR" cmake -S "$SRC" -B "$DIR" -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/mingw-w64-x86_64.cmake" \
  -DSELFCHECK_MINGW_PREFIX="$PREFIX" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-Release}
step "build $DIR (selfcheck.exe, tests)" cmake --build "$DIR" -j "$JOBS"
ls -l "$DIR"/selfcheck.exe >&2 || true
# selfcheck.msi beside it (wixl; packaging/windows/selfcheck.wxs).
step "msi $DIR/selfcheck.msi" "$SRC/scripts/build-msi.sh" "$DIR"
say "total: $((SECONDS - T0)) s"

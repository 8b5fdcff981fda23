#!/usr/bin/env bash
# Installs what building and testing selfcheck needs on Debian 12 (run as root).
# The one list of build dependencies: README.md and .ci/run both use it.
# Windows roots: registry hives (libhivex-dev) and .evtx logs (libevtx-dev,
# whose headers need libbfio-dev) are read by well-kept Debian libraries, not
# by parsers of our own; libwin-hivex-perl's hivexregedit builds fixture
# hives from .reg text; xz-utils unpacks the real Windows samples in tests.
# libregf-dev: libyal's hive reader, the Windows build's (hivex cannot be
# cross-built from Debian's sources), built here too so the registry tests
# run on both readers.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends \
  cmake g++ make pkg-config ca-certificates \
  libboost-filesystem-dev libboost-program-options-dev libboost-dev \
  libusb-1.0-0-dev libyaml-cpp-dev libyaml-dev libfmt-dev doctest-dev \
  zlib1g-dev libsystemd-dev libcctz-dev libssl-dev libexpat1-dev \
  tzdata systemd-journal-remote gzip \
  libhivex-dev libregf-dev libevtx-dev libbfio-dev libwin-hivex-perl xz-utils

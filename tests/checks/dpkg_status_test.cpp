// Tests for checks/dpkg_status: stanzas as dpkg writes them, statuses other
// than installed, continuation lines, and malformed input.
#include "checks/dpkg_status.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace sc;

namespace {

const char* kStatus = R"(Package: clamav
Status: install ok installed
Priority: optional
Section: utils
Installed-Size: 6542
Maintainer: ClamAV Team <pkg-clamav-devel@lists.alioth.debian.org>
Architecture: amd64
Version: 1.0.7+dfsg-1~deb12u1
Depends: clamav-freshclam (>= 1.0.7+dfsg-1~deb12u1) | clamav-data, libc6 (>= 2.34)
Description: anti-virus utility for Unix - command-line interface
 Clam AntiVirus is an anti-virus toolkit for Unix. The main purpose of
 this software is the integration with mail servers.
 .
 This package contains the command line interface.

Package: libclamav11
Status: install ok installed
Architecture: amd64
Source: clamav (1.0.7+dfsg-1~deb12u1)
Version: 1.0.7+dfsg-1~deb12u1
Provides: libclamav11-abi,
 libclamav-extra
Description: anti-virus utility for Unix - library

Package: clamav-daemon
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0.3+dfsg-1~deb12u1
Conffiles:
 /etc/logrotate.d/clamav-daemon 2f8d6b4e7f3c0e4b7d6a5c4b3a291817

Package: clamav-freshclam
Status: install ok half-installed
Architecture: amd64
Version: 1.0.7+dfsg-1~deb12u1
)";

}  // namespace

TEST_CASE("parse_dpkg_status") {
  SUBCASE("real stanzas") {
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status(kStatus, &st);
    REQUIRE(pkgs.size() == 4);
    CHECK(st.stanzas == 4);
    CHECK(st.malformed_lines == 0);
    CHECK(pkgs[0].package == "clamav");
    CHECK(pkgs[0].version == "1.0.7+dfsg-1~deb12u1");
    CHECK(pkgs[0].architecture == "amd64");
    CHECK(pkgs[0].installed());
    CHECK(pkgs[0].source_name() == "clamav");
    CHECK(pkgs[1].source == "clamav (1.0.7+dfsg-1~deb12u1)");
    CHECK(pkgs[1].source_name() == "clamav");
    CHECK(pkgs[1].provides == "libclamav11-abi, libclamav-extra");
    CHECK_FALSE(pkgs[2].installed());
    CHECK(pkgs[2].state() == "config-files");
    // "half-installed" ends with "installed" but is not installed.
    CHECK_FALSE(pkgs[3].installed());
    CHECK(pkgs[3].state() == "half-installed");
  }
  SUBCASE("CRLF line ends and several blank lines") {
    auto pkgs = parse_dpkg_status("Package: a\r\nStatus: install ok installed\r\n\r\n\r\n\r\nPackage: b\r\n", nullptr);
    REQUIRE(pkgs.size() == 2);
    CHECK(pkgs[0].installed());
    CHECK(pkgs[1].status.empty());
    CHECK_FALSE(pkgs[1].installed());
  }
  SUBCASE("stanza without Package and junk lines are counted") {
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status("Status: install ok installed\n\njunk line\nPackage: x\n", &st);
    CHECK(pkgs.size() == 1);
    CHECK(st.without_package == 1);
    CHECK(st.malformed_lines == 1);
  }
  SUBCASE("malformed status word") {
    auto pkgs = parse_dpkg_status("Package: x\nStatus: installed\n", nullptr);
    REQUIRE(pkgs.size() == 1);
    CHECK_FALSE(pkgs[0].installed());
  }
  SUBCASE("empty input") { CHECK(parse_dpkg_status("", nullptr).empty()); }
  SUBCASE("random bytes never crash") {
    std::mt19937 rng(7);
    for (int i = 0; i < 500; ++i) {
      std::string s;
      for (std::size_t k = rng() % 400; k > 0; --k) s.push_back(static_cast<char>(rng() % 256));
      if (i % 2) s = "Package: p\nStatus: install ok installed\n" + s;
      auto pkgs = parse_dpkg_status(s, nullptr);
      CHECK(pkgs.size() <= s.size());
    }
  }
}

TEST_CASE("dpkg_upstream_version") {
  CHECK(dpkg_upstream_version("1.0.7+dfsg-1~deb12u1") == "1.0.7");
  CHECK(dpkg_upstream_version("1:2.3.4-5") == "2.3.4");
  CHECK(dpkg_upstream_version("101.24082.0004") == "101.24082.0004");
  CHECK(dpkg_upstream_version("0.103.11~rc1-0ubuntu1") == "0.103.11");
  CHECK(dpkg_upstream_version("") == "");
}

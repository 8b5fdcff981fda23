// Tests for checks/dpkg_status: real-looking stanzas of /var/lib/dpkg/status
// and of an apt Packages index, truncation, and arbitrary bytes.
#include "checks/formats/dpkg_status.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace sc;

namespace {
const char* kStatus = R"(Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 13001
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc (2.36-9+deb12u4)
Version: 2.36-9+deb12u4+b1
Replaces: libc6-amd64
Depends: libgcc-s1
Conffiles:
 /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71a0cfab
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.
 .
 Version: 9.9 is not a field here
Homepage: https://www.gnu.org/software/libc/libc.html

Package: openssl
Status: install ok installed
Priority: optional
Section: utils
Architecture: amd64
Multi-Arch: foreign
Version: 3.0.11-1~deb12u1
Depends: libc6 (>= 2.34), libssl3 (>= 3.0.9)

Package: libssl3
status: install ok installed
architecture: i386
source: openssl
version: 3.0.11-1~deb12u1

Package: rc-only
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: half
Status: install reinstreq half-installed
Architecture: amd64
Version: 2.0-1

Package: trig
Status: install ok triggers-pending
Architecture: all
Version: 1:1.2
)";
}  // namespace

TEST_CASE("parse_dpkg_status") {
  SUBCASE("status file stanzas") {
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status(kStatus, &st);
    REQUIRE(pkgs.size() == 6);
    CHECK(st.stanzas == 6);
    CHECK_FALSE(st.truncated);
    CHECK(st.bad_lines == 0);
    CHECK(pkgs[0].name == "libc6");
    CHECK(pkgs[0].version == "2.36-9+deb12u4+b1");  // continuation "Version:" ignored
    CHECK(pkgs[0].source == "glibc");               // "(version)" dropped
    CHECK(pkgs[0].architecture == "amd64");
    CHECK(pkgs[0].installed());
    CHECK(pkgs[1].source.empty());
    CHECK(pkgs[2].name == "libssl3");  // lower-case field names
    CHECK(pkgs[2].architecture == "i386");
    CHECK(pkgs[2].source == "openssl");
    CHECK_FALSE(pkgs[3].installed());  // config-files only
    CHECK_FALSE(pkgs[4].installed());  // half-installed
    CHECK(pkgs[5].installed());        // triggers-pending
  }
  SUBCASE("Packages index stanza has no Status") {
    auto pkgs = parse_dpkg_status(
        "Package: openssl\nSource: openssl\nVersion: 3.0.13-1~deb12u1\nArchitecture: amd64\n"
        "Filename: pool/updates/main/o/openssl/openssl_3.0.13-1~deb12u1_amd64.deb\nSize: 1420120\n");
    REQUIRE(pkgs.size() == 1);
    CHECK(pkgs[0].version == "3.0.13-1~deb12u1");
    CHECK(pkgs[0].status.empty());
    CHECK_FALSE(pkgs[0].installed());
  }
  SUBCASE("CRLF, extra blank lines, stanza without Package, bad line") {
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status("\r\n\nVersion: 1\n\nPackage: a\r\nVersion: 1.0\r\nno colon here\n\n\n", &st);
    REQUIRE(pkgs.size() == 1);
    CHECK(pkgs[0].version == "1.0");
    CHECK(st.skipped == 1);
    CHECK(st.bad_lines == 1);
  }
  SUBCASE("truncated inside the last stanza") {
    std::string text(kStatus);
    std::string cut = text.substr(0, text.find("Version: 1:1.2") + 11);  // "Version: 1:"
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status(cut, &st);
    CHECK(st.truncated);
    REQUIRE(pkgs.size() == 5);  // the cut stanza is dropped, not guessed
    CHECK(pkgs.back().name == "half");
  }
  SUBCASE("empty") {
    DpkgParseStats st;
    CHECK(parse_dpkg_status("", &st).empty());
    CHECK_FALSE(st.truncated);
  }
  SUBCASE("over-long value is cut") {
    DpkgParseStats st;
    auto pkgs = parse_dpkg_status("Package: " + std::string(100000, 'x') + "\n", &st);
    REQUIRE(pkgs.size() == 1);
    CHECK(pkgs[0].name.size() == DpkgStanzaParser::kMaxValue);
    CHECK(st.long_values == 1);
  }
  SUBCASE("random bytes do not crash") {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
      std::string junk(static_cast<std::size_t>(rng() % 4096), '\0');
      for (char& c : junk) c = static_cast<char>(rng() % 8 == 0 ? '\n' : rng());
      if (round % 2) junk = std::string(kStatus).substr(0, rng() % 600) + junk;
      DpkgParseStats st;
      auto pkgs = parse_dpkg_status(junk, &st);
      CHECK(pkgs.size() <= st.stanzas);
    }
  }
}

TEST_CASE("dpkg_upstream_version") {
  CHECK(dpkg_upstream_version("1.0.7+dfsg-1~deb12u1") == "1.0.7");
  CHECK(dpkg_upstream_version("1:2.6.1-1") == "2.6.1");
  CHECK(dpkg_upstream_version("101.24092.0002") == "101.24092.0002");
  CHECK(dpkg_upstream_version("") == "");
}

// Tests for checks/deb_version: the ordering table below was produced by
// running `dpkg --compare-versions A lt|eq|gt B` (dpkg 1.21.22, Debian 12);
// it is data here, dpkg is not called.
#include "checks/formats/deb_version.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sc;

namespace {
struct Pair {
  const char* a;
  const char* b;
  int expected;
};
const Pair kDpkgTable[] = {
    {"1.0", "1.0", 0},
    {"1.0", "1.0-0", 0},
    {"1.0-1", "1.0", 1},
    {"1.0~rc1", "1.0", -1},
    {"1.0~rc1-1", "1.0-1", -1},
    {"1.0~~", "1.0~", -1},
    {"1.0~", "1.0", -1},
    {"1.0~~a", "1.0~~", 1},
    {"1.0", "1.0+b1", -1},
    {"1.0-1", "1.0-1+b1", -1},
    {"1.0-1", "1.0-1.1", -1},
    {"1:0.9", "2.0", 1},
    {"0:1.0", "1.0", 0},
    {"1.0a", "1.0", 1},
    {"1.0", "1.0.0", -1},
    {"1.0.0", "1.0a", 1},
    {"1.2.3", "1.2.10", -1},
    {"1.2.10", "1.2.9", 1},
    {"3.0.11-1~deb12u1", "3.0.13-1~deb12u1", -1},
    {"3.0.13-1~deb12u1", "3.0.13-1", -1},
    {"3.0.13-1~deb12u2", "3.0.13-1~deb12u1", 1},
    {"2.36-9+deb12u4", "2.36-9+deb12u10", -1},
    {"1:8.39-15", "8.40-1", 1},
    {"5.15.0-91.101", "5.15.0-100.110", -1},
    {"1.0-1ubuntu1", "1.0-1", 1},
    {"1.0-1ubuntu0.1", "1.0-1ubuntu1", -1},
    {"1.0-1build1", "1.0-1ubuntu0.22.04.1", -1},
    {"7.81.0-1ubuntu1.15", "7.81.0-1ubuntu1.4", 1},
    {"2.4.52-1ubuntu4.7", "2.4.52-1ubuntu4.10", -1},
    {"a", "b", -1},
    {"a", "A", 1},
    {"A", ".", -1},
    {"1.0+dfsg", "1.0", 1},
    {"1.0+dfsg1-1", "1.0+dfsg-1", 1},
    {"1.0-a", "1.0-1", 1},
    {"00001.0", "1.0", 0},
    {"1.001", "1.1", 0},
    {"1.0.~1", "1.0.", -1},
    {"1.0.~", "1.0.", -1},
    {"0.0.0~git20240101", "0.0.0", -1},
    {"10", "9", 1},
    {"1:1.0", "0:9.9", 1},
    {"2:1.0~rc1", "2:1.0", -1},
    {"1.0-0.1", "1.0-0", 1},
    {"9.18.19-1~deb12u1", "1:9.18.28-1~deb12u2", -1},
    {"1.22.1-9+deb12u2", "1.22.1-9+deb12u1", 1},
    {"20230311", "20230311.1", -1},
    {"1.9.4-1", "1.9.4-1+b1", -1},
    {"2.38.1-5+deb12u3", "2.38.1-5+deb12u1", 1},
};
int sign(int x) { return x < 0 ? -1 : (x > 0 ? 1 : 0); }
}  // namespace

TEST_CASE("compare_deb_versions") {
  SUBCASE("dpkg table") {
    for (const Pair& p : kDpkgTable) {
      INFO(p.a, " vs ", p.b);
      CHECK(sign(compare_deb_versions(p.a, p.b)) == p.expected);
      CHECK(sign(compare_deb_versions(p.b, p.a)) == -p.expected);
    }
  }
  SUBCASE("reflexive on every table entry") {
    for (const Pair& p : kDpkgTable) CHECK(compare_deb_versions(p.a, p.a) == 0);
  }
  SUBCASE("garbage compares without crashing") {
    std::string bytes;
    for (int c = 0; c < 256; ++c) bytes.push_back(static_cast<char>(c));
    CHECK(compare_deb_versions(bytes, bytes) == 0);
    CHECK(compare_deb_versions("", "1.0") != 0);
    CHECK(compare_deb_versions("1.0-", "1.0-") == 0);  // invalid: compared leniently
    CHECK(compare_deb_versions("x:1", "x:2") < 0);
  }
}

TEST_CASE("parse_deb_version") {
  SUBCASE("epoch, upstream, revision") {
    auto v = parse_deb_version("1:9.18.28-1~deb12u2");
    REQUIRE(v);
    CHECK(v->epoch == 1);
    CHECK(v->upstream == "9.18.28");
    CHECK(v->revision == "1~deb12u2");
  }
  SUBCASE("revision is after the last hyphen") {
    auto v = parse_deb_version("1.0-beta-3");
    REQUIRE(v);
    CHECK(v->upstream == "1.0-beta");
    CHECK(v->revision == "3");
  }
  SUBCASE("native package") {
    auto v = parse_deb_version(" 20230311 ");
    REQUIRE(v);
    CHECK(v->epoch == 0);
    CHECK(v->upstream == "20230311");
    CHECK(v->revision.empty());
  }
  SUBCASE("what dpkg refuses") {
    std::string why;
    CHECK_FALSE(parse_deb_version("", &why));
    CHECK(why == "version string is empty");
    CHECK_FALSE(parse_deb_version("1.0-", &why));
    CHECK(why == "revision number is empty");
    CHECK_FALSE(parse_deb_version("a:1.0", &why));
    CHECK(why == "epoch in version is empty");  // dpkg's words for a non-digit epoch
    CHECK_FALSE(parse_deb_version("1a:1.0", &why));
    CHECK(why == "epoch in version is not number");
    CHECK_FALSE(parse_deb_version("99999999999:1.0", &why));
    CHECK(why == "epoch in version is too big");
    CHECK_FALSE(parse_deb_version("1.0 2", &why));
    CHECK(why == "version string has embedded spaces");
    CHECK_FALSE(parse_deb_version("1:", &why));
    CHECK_FALSE(parse_deb_version("-1", &why));
  }
}

TEST_CASE("compare_deb_versions: embedded NUL (fuzz regression)") {
  using namespace std::string_view_literals;
  // dpkg compares C strings: the version ends at a NUL. Before, a NUL read as
  // "end" in one place and as a character in another made the order
  // intransitive (a <= b, b <= c, but a > c).
  SUBCASE("a NUL ends the version") {
    CHECK(compare_deb_versions("1.0\0garbage"sv, "1.0"sv) == 0);
    CHECK(compare_deb_versions("1.0-1\0x"sv, "1.0-1"sv) == 0);
  }
  SUBCASE("the fuzzer's triple is ordered consistently") {
    std::string_view a = "\0\0\0\x15~deb1:u111-1d~e3.0.11-1~deb1"sv, b = "2u2b12"sv, c = "33"sv;
    int ab = compare_deb_versions(a, b), bc = compare_deb_versions(b, c), ac = compare_deb_versions(a, c);
    if (ab <= 0 && bc <= 0) CHECK(ac <= 0);
    if (ab >= 0 && bc >= 0) CHECK(ac >= 0);
    CHECK(compare_deb_versions(a, ""sv) == 0);  // empty as C strings
  }
}

TEST_CASE("newest_kernel_release") {
  SUBCASE("6.1.0-10 is newer than 6.1.0-9 (string order says otherwise)") {
    CHECK(sc::newest_kernel_release({"config-6.1.0-9-amd64", "vmlinuz-6.1.0-10-amd64", "vmlinuz-6.1.0-9-amd64"}) ==
          "6.1.0-10-amd64");
    CHECK(sc::newest_kernel_release({"vmlinuz-6.1.0-9-amd64", "vmlinuz-6.1.0-10-amd64"}) == "6.1.0-10-amd64");
  }
  SUBCASE("no kernel") {
    CHECK(sc::newest_kernel_release({}).empty());
    CHECK(sc::newest_kernel_release({"grub", "vmlinuz-", "initrd.img-6.1.0-9-amd64"}).empty());
  }
  SUBCASE("RHEL names") {
    CHECK(sc::newest_kernel_release({"vmlinuz-5.14.0-70.13.1.el9_0.x86_64", "vmlinuz-5.14.0-362.8.1.el9_3.x86_64"}) ==
          "5.14.0-362.8.1.el9_3.x86_64");
  }
}

// Tests for checks/rpm_db: rpm query output, rpmvercmp (cases from rpm's own
// test suite, rpmvercmp.at), EVR comparison and dnf.rpm.log lines.
#include "checks/formats/rpm_db.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("rpmvercmp") {
  struct C {
    const char *a, *b;
    int r;
  };
  const C cases[] = {{"1.0", "1.0", 0},
                     {"1.0", "2.0", -1},
                     {"2.0.1", "2.0", 1},
                     {"5.5p1", "5.5p2", -1},
                     {"5.5p10", "5.5p1", 1},
                     {"10xyz", "10.1xyz", -1},
                     {"xyz10", "xyz10.1", -1},
                     {"xyz.4", "8", -1},
                     {"1.0010", "1.9", 1},
                     {"1.05", "1.5", 0},
                     {"1.0", "1", 1},
                     {"2.50", "2.5", 1},
                     {"fc4", "fc.4", 0},
                     {"FC5", "fc4", -1},
                     {"2a", "2.0", -1},
                     {"1.0~rc1", "1.0", -1},
                     {"1.0~rc1", "1.0~rc2", -1},
                     {"1.0~rc1~git123", "1.0~rc1", -1},
                     {"1.0^", "1.0", 1},
                     {"1.0^git1", "1.0", 1},
                     {"1.0^git1", "1.01", -1},
                     {"1.0^git1~pre", "1.0^git1", -1},
                     {"1.0", "1.0^git1~pre", -1},
                     {"362.8.1.el9_3", "362.13.1.el9_3", -1}};
  for (const C& c : cases) {
    INFO(c.a, " vs ", c.b);
    CHECK(rpmvercmp(c.a, c.b) == c.r);
    CHECK(rpmvercmp(c.b, c.a) == -c.r);
  }
}

TEST_CASE("compare_rpm_evr") {
  CHECK(compare_rpm_evr("1:3.0.7-24.el9", "1:3.0.7-25.el9_3") < 0);
  CHECK(compare_rpm_evr("1:1.0-1", "0:9.0-1") > 0);
  CHECK(compare_rpm_evr("0:5.1.8-6.el9_1", "5.1.8-6.el9_1") == 0);
  CHECK(compare_rpm_evr("5.1.8", "5.1.8-6.el9_1") == 0);  // no release: versions decide
}

TEST_CASE("parse_rpm_qa") {
  std::size_t bad = 0;
  auto p = parse_rpm_qa(
      "openssl\t1:3.0.7-24.el9\tx86_64\t1793600000\nbad line\n\ngpg-pubkey\t0:fd431d51-4ae0493b\t(none)\tx\n", &bad);
  REQUIRE(p.size() == 2);
  CHECK(bad == 1);
  CHECK(p[0].name == "openssl");
  CHECK(p[0].evr == "1:3.0.7-24.el9");
  CHECK(p[0].arch == "x86_64");
  REQUIRE(p[0].install_time);
  CHECK(p[0].install_time->time_since_epoch().count() == 1793600000);
  CHECK_FALSE(p[1].install_time);
}

TEST_CASE("parse_dnf_rpm_log_line") {
  Zone utc;
  auto t = parse_dnf_rpm_log_line("2026-11-02T10:15:32+0800 SUBDEBUG Upgrade: openssl-1:3.0.7-25.el9_3.x86_64", utc);
  REQUIRE(t);
  CHECK(utc.iso(*t) == "2026-11-02T02:15:32+00:00");
  CHECK(parse_dnf_rpm_log_line("2026-11-02T10:15:32Z SUBDEBUG Installed: htop-3.2.2-1.el9.x86_64", utc));
  CHECK_FALSE(parse_dnf_rpm_log_line("2026-11-02T10:15:32+0800 INFO --- logging initialized ---", utc));
  CHECK_FALSE(parse_dnf_rpm_log_line("garbage", utc));
}

TEST_CASE("parse_dnf_rpm_log_line: years far from 1970 (fuzz regression)") {
  // Parsed through a nanosecond time_point, a year more than 292 years from
  // 1970 overflowed (UB); parsed in seconds it is just an old instant.
  Zone utc;
  auto t = parse_dnf_rpm_log_line("0622-11-02T10:15:32+0800 SUBDEBUG Upgrade: openssl-1:3.0.7-25.el9_3.x86_64", utc);
  REQUIRE(t);
  CHECK(utc.to_civil(*t) == cctz::civil_second(622, 11, 2, 2, 15, 32));
  auto local = parse_dnf_rpm_log_line("9999-01-01T00:00:00 SUBDEBUG Installed: x-1-1.x86_64", utc);
  REQUIRE(local);
  CHECK(utc.to_civil(*local) == cctz::civil_second(9999, 1, 1, 0, 0, 0));
}

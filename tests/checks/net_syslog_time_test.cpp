// Tests for checks/net_syslog_time: year inference for classic stamps.
#include "checks/net_syslog_time.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("net_syslog_time") {
  auto z = Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai");
  REQUIRE(z);
  Time ref = *parse_time("2026-11-20T16:00:00+08:00", *z);
  CHECK(z->iso(*net_syslog_time("Nov 19 09:02:11", *z, ref)) == "2026-11-19T09:02:11+08:00");
  CHECK(z->iso(*net_syslog_time("Dec 30 23:00:00", *z, ref)) == "2025-12-30T23:00:00+08:00");
  CHECK(z->iso(*net_syslog_time("Nov  9 01:02:03", *z, ref)) == "2026-11-09T01:02:03+08:00");
  CHECK(z->iso(*net_syslog_time("2026-11-19T09:02:11.123456+00:00", *z, ref)) == "2026-11-19T17:02:11+08:00");
  CHECK_FALSE(net_syslog_time("Foo 19 09:02:11", *z, ref));
  CHECK_FALSE(net_syslog_time("Nov 19 25:02:11", *z, ref));
  CHECK_FALSE(net_syslog_time("", *z, ref));
}

// Tests for Zone::windows (agent/core/zone_windows.cpp): a Windows time-zone
// rule as offsets through the year, checked against the IANA zones that the
// same places use (America/New_York, Australia/Sydney, Asia/Shanghai).
#include <doctest/doctest.h>

#include "agent/core/time.hpp"

using namespace sc;

namespace {
Time at(int y, int mo, int d, int h, int mi) {
  return Zone().from_civil(cctz::civil_second(y, mo, d, h, mi, 0));  // UTC
}
}  // namespace

TEST_CASE("Zone::windows") {
  SUBCASE("China Standard Time: fixed +08:00") {
    WindowsZoneRule r;
    r.bias = -480;
    r.daylight_bias = -60;  // set, but no change dates: no DST
    Zone z = Zone::windows(r);
    CHECK(z.iso(at(2024, 7, 1, 0, 0)) == "2024-07-01T08:00:00+08:00");
    CHECK(z.offset(at(2024, 1, 1, 0, 0)) == "+08:00");
  }
  SUBCASE("Eastern Standard Time: second Sunday of March to first Sunday of November, 02:00") {
    WindowsZoneRule r;
    r.bias = 300;
    r.daylight_bias = -60;
    r.daylight_start = {3, 0, 2, 2, 0};
    r.standard_start = {11, 0, 1, 2, 0};
    Zone z = Zone::windows(r);
    // 2024: DST from 2024-03-10 07:00Z to 2024-11-03 06:00Z.
    CHECK(z.offset(at(2024, 3, 10, 6, 59)) == "-05:00");
    CHECK(z.offset(at(2024, 3, 10, 7, 0)) == "-04:00");
    CHECK(z.offset(at(2024, 11, 3, 5, 59)) == "-04:00");
    CHECK(z.offset(at(2024, 11, 3, 6, 0)) == "-05:00");
    // 2026: 8 March and 1 November.
    CHECK(z.offset(at(2026, 3, 8, 7, 0)) == "-04:00");
    CHECK(z.offset(at(2026, 11, 1, 6, 0)) == "-05:00");
    CHECK(z.iso(at(2026, 11, 20, 8, 0)) == "2026-11-20T03:00:00-05:00");
  }
  SUBCASE("the same rule with DST switched off is fixed") {
    WindowsZoneRule r;
    r.bias = 300;
    r.daylight_bias = -60;
    r.daylight_start = {3, 0, 2, 2, 0};
    r.standard_start = {11, 0, 1, 2, 0};
    r.dynamic_dst_disabled = true;
    CHECK(Zone::windows(r).offset(at(2024, 7, 1, 0, 0)) == "-05:00");
  }
  SUBCASE("AUS Eastern Standard Time: southern hemisphere, last week = 5") {
    WindowsZoneRule r;
    r.bias = -600;
    r.daylight_bias = -60;
    r.standard_start = {4, 0, 1, 3, 0};   // first Sunday of April, 03:00 local daylight time
    r.daylight_start = {10, 0, 1, 2, 0};  // first Sunday of October, 02:00 local standard time
    Zone z = Zone::windows(r);
    CHECK(z.offset(at(2025, 1, 15, 0, 0)) == "+11:00");
    CHECK(z.offset(at(2025, 7, 15, 0, 0)) == "+10:00");
    // 2025-04-06 03:00 AEDT = 2025-04-05 16:00Z; 2025-10-05 02:00 AEST = 2025-10-04 16:00Z.
    CHECK(z.offset(at(2025, 4, 5, 15, 59)) == "+11:00");
    CHECK(z.offset(at(2025, 4, 5, 16, 0)) == "+10:00");
    CHECK(z.offset(at(2025, 10, 4, 16, 0)) == "+11:00");
  }
  SUBCASE("GMT Standard Time: last Sunday of March and October") {
    WindowsZoneRule r;
    r.bias = 0;
    r.daylight_bias = -60;
    r.daylight_start = {3, 0, 5, 1, 0};
    r.standard_start = {10, 0, 5, 2, 0};
    Zone z = Zone::windows(r);
    CHECK(z.offset(at(2024, 3, 31, 0, 59)) == "+00:00");
    CHECK(z.offset(at(2024, 3, 31, 1, 0)) == "+01:00");
    CHECK(z.offset(at(2024, 10, 27, 1, 0)) == "+00:00");
  }
  SUBCASE("nonsense rules give a fixed offset, never a crash") {
    WindowsZoneRule r;
    r.bias = 99999;
    r.daylight_bias = -60;
    r.daylight_start = {13, 9, 7, 25, 61};
    r.standard_start = {11, 0, 1, 2, 0};
    CHECK_NOTHROW(Zone::windows(r).iso(at(2024, 1, 1, 0, 0)));
  }
}

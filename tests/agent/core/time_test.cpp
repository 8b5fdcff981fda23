// Tests for agent/time: parsing --as-of forms and formatting with offsets.
#include "agent/core/time.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_time") {
  auto shanghai = Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai");
  REQUIRE(shanghai);
  SUBCASE("offset given") {
    auto t = parse_time("2026-11-20T16:00:00+08:00", *shanghai);
    REQUIRE(t);
    CHECK(shanghai->iso(*t) == "2026-11-20T16:00:00+08:00");
    CHECK(Zone().iso(*t) == "2026-11-20T08:00:00+00:00");
  }
  SUBCASE("Z suffix and fraction") {
    auto t = parse_time("2026-11-20T08:00:00.123Z", *shanghai);
    REQUIRE(t);
    CHECK(shanghai->iso(*t) == "2026-11-20T16:00:00+08:00");
  }
  SUBCASE("bare date is local midnight") {
    auto t = parse_time("2026-11-20", *shanghai);
    REQUIRE(t);
    CHECK(shanghai->iso(*t) == "2026-11-20T00:00:00+08:00");
  }
  SUBCASE("garbage") {
    CHECK_FALSE(parse_time("yesterday", *shanghai));
    CHECK_FALSE(parse_time("", *shanghai));
    CHECK_FALSE(parse_time("2026-13-45", *shanghai));
  }
}

TEST_CASE("days_between") {
  Time a{std::chrono::seconds(0)};
  CHECK(days_between(a, a + std::chrono::hours(24 * 7)) == 7);
  CHECK(days_between(a, a + std::chrono::hours(24 * 7) - std::chrono::seconds(1)) == 6);
  CHECK(days_between(a + std::chrono::hours(1), a) == -1);
}

// Regression tests for inputs the fuzzer (tests/fuzz/fuzz_time.cpp) found in
// agent/time: times far from 1970 must format and read back without overflow.
#include <doctest/doctest.h>

#include "agent/core/time.hpp"

using namespace sc;

TEST_CASE("Zone::iso") {
  SUBCASE("year 9999 (overflowed nanoseconds after 2262)") {
    auto t = parse_time("9999-12-31T23:59:59+14:00", Zone());
    REQUIRE(t);
    CHECK(Zone::fixed_offset(std::chrono::hours(14)).iso(*t) == "9999-12-31T23:59:59+14:00");
    CHECK(Zone().iso(*t) == "9999-12-31T09:59:59+00:00");
    CHECK(Zone().date(*t) == "9999-12-31");
  }
  SUBCASE("year 1600 (before the nanosecond range)") {
    auto t = parse_time("1600-03-01", Zone());
    REQUIRE(t);
    CHECK(Zone().iso(*t) == "1600-03-01T00:00:00+00:00");
    CHECK(parse_time(Zone().iso(*t), Zone()) == t);
  }
}

TEST_CASE("parse_time") {
  SUBCASE("no separator before the hour") {
    CHECK_FALSE(parse_time("1226-10-200:00", Zone()));
    CHECK_FALSE(parse_time("2026-11-2016:00", Zone()));
  }
  SUBCASE("date must be YYYY-MM-DD") {
    CHECK_FALSE(parse_time("2026-1-5", Zone()));
    CHECK_FALSE(parse_time(" 2026-11-20", Zone()));
    CHECK_FALSE(parse_time("12026-11-20", Zone()));
  }
  SUBCASE("one space or T") {
    CHECK(parse_time("2026-11-20 16:00", Zone()) == parse_time("2026-11-20T16:00", Zone()));
    CHECK(parse_time("2026-11-20T16:00:00Z", Zone()));
  }
}

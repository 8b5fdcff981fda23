// Tests for checks/formats/systemtime: NetworkList DateLastConnected bytes.
#include "checks/formats/systemtime.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sc;

TEST_CASE("parse_systemtime") {
  SUBCASE("2026-11-19 10:15:32.250, a Thursday") {
    // ea 07 | 0b 00 | 04 00 | 13 00 | 0a 00 | 0f 00 | 20 00 | fa 00
    std::string b("\xEA\x07\x0B\x00\x04\x00\x13\x00\x0A\x00\x0F\x00\x20\x00\xFA\x00", 16);
    auto t = parse_systemtime(b);
    REQUIRE(t);
    CHECK(*t == cctz::civil_second(2026, 11, 19, 10, 15, 32));
  }
  SUBCASE("wrong size, out of range, a day that does not exist") {
    CHECK_FALSE(parse_systemtime(std::string(15, '\0')));
    CHECK_FALSE(parse_systemtime(std::string(16, '\0')));  // year 0
    std::string feb30("\xEA\x07\x02\x00\x01\x00\x1E\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16);
    CHECK_FALSE(parse_systemtime(feb30));
    std::string hour24("\xEA\x07\x01\x00\x01\x00\x01\x00\x18\x00\x00\x00\x00\x00\x00\x00", 16);
    CHECK_FALSE(parse_systemtime(hour24));
  }
}

// Tests for checks/formats/date_pattern: vendor date layouts from
// rules/antivirus.yaml, and refusal of dates that do not exist.
#include "checks/formats/date_pattern.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("match_date_pattern") {
  SUBCASE("Trend Micro PatternDate") {
    auto cs = match_date_pattern("%Y%m%d", "20261118");
    REQUIRE(cs);
    CHECK(*cs == cctz::civil_second(2026, 11, 18, 0, 0, 0));
  }
  SUBCASE("ESET ScannerVersion: a build number, then the date in brackets") {
    auto cs = match_date_pattern("* (%Y%m%d)", "27890 (20230915)");
    REQUIRE(cs);
    CHECK(*cs == cctz::civil_second(2023, 9, 15, 0, 0, 0));
  }
  SUBCASE("Kaspersky Network Agent: dd-MM-yyyy HH-mm-ss") {
    auto cs = match_date_pattern("%d-%m-%Y %H-%M-%S", "19-11-2026 08-30-05");
    REQUIRE(cs);
    CHECK(*cs == cctz::civil_second(2026, 11, 19, 8, 30, 5));
  }
  SUBCASE("Symantec definfo.dat CurDefs with a revision") {
    auto cs = match_date_pattern("%Y%m%d.*", "20261117.003");
    REQUIRE(cs);
    CHECK(cs->day() == 17);
  }
  SUBCASE("two-digit year") { CHECK(match_date_pattern("%y/%m/%d", "26/1/2")->year() == 2026); }
  SUBCASE("refused") {
    CHECK_FALSE(match_date_pattern("%Y%m%d", "20260231"));       // 31 February
    CHECK_FALSE(match_date_pattern("%Y%m%d", "202611"));         // no day
    CHECK_FALSE(match_date_pattern("%Y-%m-%d", "2026-11-18x"));  // trailing text
    CHECK_FALSE(match_date_pattern("%Y%m%d", ""));
    CHECK_FALSE(match_date_pattern("%Y%m%d", std::string(5000, '1')));
    CHECK_FALSE(match_date_pattern("%Y-%m-%d %H", "2026-11-18 25"));
  }
  SUBCASE("any bytes") {
    std::string junk;
    for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
    CHECK_FALSE(match_date_pattern("* (%Y%m%d)*", junk));
    CHECK_FALSE(match_date_pattern("%Y%m%d", junk));
  }
}

TEST_CASE("valid_date_pattern") {
  std::string why;
  CHECK(valid_date_pattern("%Y/%m/%d"));
  CHECK(valid_date_pattern("* (%Y%m%d)"));
  CHECK_FALSE(valid_date_pattern("%Y%m", &why));
  CHECK(why.find("%d") != std::string::npos);
  CHECK_FALSE(valid_date_pattern("%Y%m%d%", &why));
  CHECK_FALSE(valid_date_pattern("%Y%m%d %p", &why));
  CHECK(why.find("%p") != std::string::npos);
}

// Tests for checks/login_defs: getdef semantics (comments, quotes, C numbers).
#include "checks/formats/login_defs.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_login_defs") {
  SUBCASE("Debian 12 excerpt") {
    auto d = parse_login_defs(
        "#\n# Password aging controls:\n#\n#\tPASS_MAX_DAYS\tMaximum number of days a password may be used.\n"
        "PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nUID_MIN\t\t\t 1000\nUMASK\t\t022\nENV_PATH\tPATH=/usr/bin:/bin\n");
    CHECK(d.number("PASS_MAX_DAYS") == 99999);
    CHECK(d.number("UID_MIN") == 1000);
    CHECK(d.number("UMASK") == 18);  // octal, as getdef reads it
    CHECK(d.values.at("ENV_PATH") == "PATH=/usr/bin:/bin");
    CHECK_FALSE(d.number("PASS_WARN_AGE"));
  }
  SUBCASE("quotes, later line wins, junk values") {
    auto d = parse_login_defs(
        "PASS_MAX_DAYS \"60\"\nPASS_MAX_DAYS 90\nUID_MIN abc\nPASS_MIN_DAYS -1\n  # PASS_MAX_DAYS 1\n");
    CHECK(d.number("PASS_MAX_DAYS") == 90);
    CHECK_FALSE(d.number("UID_MIN"));
    CHECK(d.number("PASS_MIN_DAYS") == -1);
  }
  SUBCASE("any bytes") {
    std::string junk;
    for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 131) & 0xff));
    auto d = parse_login_defs(junk);
    CHECK(d.values.size() < 5000);
  }
}

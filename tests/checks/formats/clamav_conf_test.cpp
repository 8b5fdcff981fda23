// Tests for checks/clamav_conf: DatabaseDirectory from freshclam.conf and
// clamd.conf as Debian and source builds ship them.
#include "checks/formats/clamav_conf.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_clamav_conf") {
  SUBCASE("Debian freshclam.conf") {
    auto c = parse_clamav_conf(
        "# Automatically created by the clamav-freshclam postinst\nDatabaseOwner clamav\n"
        "UpdateLogFile /var/log/clamav/freshclam.log\nDatabaseDirectory /var/lib/clamav\n"
        "DatabaseMirror database.clamav.net\n");
    REQUIRE(c.database_directory);
    CHECK(*c.database_directory == "/var/lib/clamav");
    CHECK_FALSE(c.example);
  }
  SUBCASE("commented out, tabs, trailing slash, last one wins") {
    auto c = parse_clamav_conf(
        "#DatabaseDirectory /nope\n  DatabaseDirectory\t/srv/clamav/ \r\nDatabaseDirectory \"/srv/db\"\n");
    REQUIRE(c.database_directory);
    CHECK(*c.database_directory == "/srv/db");
  }
  SUBCASE("the unedited sample (Example line) is not used by ClamAV") {
    auto c = parse_clamav_conf(
        "##\n## Example config file for freshclam\n##\nExample\n#DatabaseDirectory /var/lib/clamav\n");
    CHECK(c.example);
    CHECK_FALSE(c.database_directory);
  }
  SUBCASE("option names are case-sensitive; relative paths are ignored") {
    CHECK_FALSE(parse_clamav_conf("databasedirectory /x\n").database_directory);
    CHECK_FALSE(parse_clamav_conf("DatabaseDirectory clamav\n").database_directory);
    CHECK_FALSE(parse_clamav_conf("DatabaseDirectory\n").database_directory);
  }
}

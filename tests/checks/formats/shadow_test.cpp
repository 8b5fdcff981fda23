// Tests for checks/shadow: shadow and passwd lines as shadow-utils writes
// them, locked forms, old-style lines, malformed lines, and any bytes.
#include "checks/formats/shadow.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace sc;

TEST_CASE("classify_password_field") {
  CHECK(classify_password_field("") == PasswordState::empty);
  CHECK(classify_password_field("!") == PasswordState::locked);
  CHECK(classify_password_field("*") == PasswordState::locked);
  CHECK(classify_password_field("!*") == PasswordState::locked);
  CHECK(classify_password_field("!$y$j9T$abc$def") == PasswordState::locked);
  CHECK(classify_password_field("$y$j9T$abc$def") == PasswordState::set);
}

TEST_CASE("parse_shadow") {
  SUBCASE("Debian 12 lines") {
    auto s = parse_shadow(
        "root:$y$j9T$Ab/cD$EfGh:20000:0:99999:7:::\n"
        "daemon:*:19500:0:99999:7:::\n"
        "systemd-network:!*:19500::::::\n"
        "alice::20001:0:90:7:::\n");
    REQUIRE(s.entries.size() == 4);
    CHECK(s.entries[0].name == "root");
    CHECK(s.entries[0].state == PasswordState::set);
    CHECK(s.entries[0].last_change == 20000);
    CHECK(s.entries[0].max_days == 99999);
    CHECK(s.entries[2].state == PasswordState::locked);
    CHECK_FALSE(s.entries[2].max_days);
    CHECK(s.entries[3].state == PasswordState::empty);
    CHECK(s.malformed == 0);
  }
  SUBCASE("old style, NIS, CRLF, malformed") {
    auto s =
        parse_shadow("old:$1$x$y\r\n+::::::::\nbad line\n:nobody::::::::\nx:y:abc:::::::\na:b:1:2:3:4:5:6:7:8:9\n");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].name == "old");
    CHECK_FALSE(s.entries[0].last_change);
    CHECK(s.nis == 1);
    CHECK(s.malformed == 4);
  }
  SUBCASE("the parsed model holds no hash") {
    // ShadowEntry has no field for it: the struct is name, state and dates.
    auto s = parse_shadow("root:$6$salt$hashhash:20000:0:99999:7:::\n");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].name.find("salt") == std::string::npos);
  }
  SUBCASE("any bytes") {
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
      std::string t;
      std::size_t n = rng() % 300;
      for (std::size_t k = 0; k < n; ++k)
        t.push_back(i % 2 ? static_cast<char>(rng() & 0xff) : ":\n0123!*$ab"[rng() % 11]);
      auto s = parse_shadow(t);
      auto p = parse_passwd(t);
      CHECK(s.entries.size() + static_cast<std::size_t>(s.malformed) <= t.size() + 1);
      CHECK(p.entries.size() <= t.size());
    }
    CHECK(parse_shadow(std::string(200000, 'a')).malformed == 1);
  }
}

TEST_CASE("parse_passwd") {
  SUBCASE("shadowed, empty field, empty shell") {
    auto p = parse_passwd("root:x:0:0:root:/root:/bin/bash\nguest::1001:1001:Guest:/home/guest:\nbad:x:1:1\n");
    REQUIRE(p.entries.size() == 2);
    CHECK(p.entries[0].shadowed);
    CHECK(p.entries[0].uid == 0);
    CHECK(p.entries[0].shell == "/bin/bash");
    CHECK_FALSE(p.entries[1].shadowed);
    CHECK(p.entries[1].state == PasswordState::empty);
    CHECK(p.entries[1].shell.empty());
    CHECK(p.malformed == 1);
  }
  SUBCASE("non-numeric uid is malformed") { CHECK(parse_passwd("a:x:zero:0::/:/bin/sh\n").malformed == 1); }
}

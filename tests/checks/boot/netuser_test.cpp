// account_facts_from_netuser with recorded answers of NetUserEnum level 3,
// NetUserModalsGet level 0 and LogonUserW(name, ".", L"") — the live
// Windows path that Wine cannot exercise.
#include "checks/boot/netuser.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("account_facts_from_netuser") {
  const Time now{std::chrono::seconds(1795161600)};
  const FindingSpec kEmpty{"boot.empty_passwords", Severity::high, {}, {}, {}};
  NetUserAnswers a;
  a.available = true;
  a.max_passwd_age_s = 42 * 86400;
  a.users = {
      {"Administrator", 500, kUfAccountDisable | 0x0201, 300 * 86400, std::nullopt},
      {"Guest", 501, kUfAccountDisable | kUfPasswdNotReqd, 0, std::nullopt},
      {"clerk", 1001, 0x0201, 10 * 86400, 1326u},  // wrong password: one is set
      {"kiosk", 1002, 0x0221, 5 * 86400, 1327u},   // blank, refused by the console-only policy
  };
  SUBCASE("recorded: one blank enabled account") {
    AccountFacts f = account_facts_from_netuser(a, now);
    CHECK(f.windows);
    CHECK(f.disabled == std::vector<std::string>{"Administrator", "Guest"});
    REQUIRE(f.login.size() == 2);
    CHECK(f.pass_max_days == 42);
    CHECK(*f.login[0].state == PasswordState::set);
    CHECK(*f.login[1].state == PasswordState::empty);
    Finding r = check_empty_passwords(f, kEmpty);
    CHECK(r.status == Status::fail);
    CHECK(std::get<std::vector<std::string>>(r.evidence.at("accounts")) == std::vector<std::string>{"kiosk"});
  }
  SUBCASE("recorded: the blank logon succeeded (policy off)") {
    a.users[3].blank_logon = 0u;
    CHECK(*account_facts_from_netuser(a, now).login[1].state == PasswordState::empty);
  }
  SUBCASE("recorded: another logon error is undecided, never a pass") {
    a.users.pop_back();
    a.users[2].blank_logon = 1385u;  // ERROR_LOGON_TYPE_NOT_GRANTED
    AccountFacts f = account_facts_from_netuser(a, now);
    CHECK_FALSE(f.login[0].state);
    CHECK(check_empty_passwords(f, kEmpty).status == Status::unknown);
  }
  SUBCASE("passwords never expire (TIMEQ_FOREVER)") {
    a.max_passwd_age_s = kTimeqForever;
    CHECK_FALSE(account_facts_from_netuser(a, now).pass_max_days);
  }
  SUBCASE("not available on this build") {
    NetUserAnswers none = query_netuser(Host({.root = "/nonexistent", .live = false}));
    CHECK_FALSE(none.available);
    AccountFacts f = account_facts_from_netuser(none, now);
    CHECK(check_empty_passwords(f, kEmpty).status == Status::unknown);
  }
}

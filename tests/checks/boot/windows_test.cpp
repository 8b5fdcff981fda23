// The boot judgements fed with Windows facts: recorded BitLocker answers
// (WMI Win32_EncryptableVolume GetKeyProtectors, which Wine cannot answer),
// Winlogon autologin with and without a stored password, and SAM accounts
// (blank, disabled, stale, policy never expiring).
#include <doctest/doctest.h>

#include "checks/boot/boot_checks.hpp"

using namespace sc;

namespace {
const FindingSpec kLoader{"boot.loader_password", Severity::medium, {}, {}, {}};
const FindingSpec kAuto{"boot.autologin", Severity::high, {}, {}, {}};
const FindingSpec kEmpty{"boot.empty_passwords", Severity::high, {}, {}, {}};
const FindingSpec kAge{"boot.password_age", Severity::medium, {}, {}, {}};
}  // namespace

TEST_CASE("check_windows_loader_password") {
  SUBCASE("recorded: TPM+PIN (4) → pass") {
    Finding f = check_windows_loader_password({true, "", true, {1, 3, 4}}, kLoader);
    CHECK(f.status == Status::pass);
  }
  SUBCASE("recorded: TPM+PIN+startup key (6) → pass") {
    CHECK(check_windows_loader_password({true, "", true, {6}}, kLoader).status == Status::pass);
  }
  SUBCASE("recorded: TPM only → check the firmware by hand") {
    Finding f = check_windows_loader_password({true, "", true, {1, 3}}, kLoader);
    CHECK(f.status == Status::unknown);
    CHECK(f.detail.en.find("no pre-boot PIN") != std::string::npos);
    CHECK(f.detail.en.find("check it by hand") != std::string::npos);
  }
  SUBCASE("recorded: BitLocker off") {
    Finding f = check_windows_loader_password({true, "", false, {}}, kLoader);
    CHECK(f.status == Status::unknown);
    CHECK(f.detail.zh.find("未启用 BitLocker") != std::string::npos);
  }
  SUBCASE("a PIN protector on an unprotected (suspended) volume is not a pass") {
    CHECK(check_windows_loader_password({true, "", false, {4}}, kLoader).status == Status::unknown);
  }
  SUBCASE("offline: cannot be read") {
    Finding f = check_windows_loader_password({false, "offline audit", false, {}}, kLoader);
    CHECK(f.status == Status::unknown);
    CHECK(f.detail.en.find("firmware password cannot be read") != std::string::npos);
  }
}

TEST_CASE("check_autologin") {
  SUBCASE("Winlogon AutoAdminLogon without a stored password") {
    AutologinFacts f;
    f.checked = {"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"};
    f.hits.push_back({"winlogon", "clerk", "HKLM\\...\\Winlogon\\AutoAdminLogon", false});
    Finding r = check_autologin(f, kAuto);
    CHECK(r.status == Status::fail);
    CHECK(r.detail.en.find("winlogon logs in clerk automatically") != std::string::npos);
    CHECK(r.evidence.count("stored_password") == 0);
  }
  SUBCASE("with DefaultPassword: named as worse") {
    AutologinFacts f;
    f.hits.push_back({"winlogon", "clerk", "Winlogon", true});
    Finding r = check_autologin(f, kAuto);
    CHECK(r.status == Status::fail);
    CHECK(r.detail.en.find("stored in plain text in the registry (DefaultPassword)") != std::string::npos);
    CHECK(r.detail.zh.find("明文") != std::string::npos);
  }
  SUBCASE("unreadable SOFTWARE hive") {
    AutologinFacts f;
    f.problems = {"the SOFTWARE hive is missing"};
    CHECK(check_autologin(f, kAuto).status == Status::unknown);
  }
}

TEST_CASE("check_empty_passwords") {
  AccountFacts f;
  f.windows = true;
  f.disabled = {"Guest", "Administrator"};
  LoginAccount a;
  a.name = "clerk";
  a.uid = 1001;
  a.state = PasswordState::set;
  f.login.push_back(a);
  SUBCASE("Windows: every enabled account has a password; disabled ones are evidence only") {
    Finding r = check_empty_passwords(f, kEmpty);
    CHECK(r.status == Status::pass);
    CHECK(std::get<std::vector<std::string>>(r.evidence.at("disabled_accounts")).size() == 2);
    CHECK(r.evidence.count("uid_min") == 0);
  }
  SUBCASE("Windows: a blank enabled account fails") {
    a.name = "kiosk";
    a.state = PasswordState::empty;
    f.login.push_back(a);
    Finding r = check_empty_passwords(f, kEmpty);
    CHECK(r.status == Status::fail);
    CHECK(std::get<std::vector<std::string>>(r.evidence.at("accounts")) == std::vector<std::string>{"kiosk"});
  }
  SUBCASE("Windows: a hash that could not be tested") {
    f.login[0].state.reset();
    f.shadow_error = "clerk: the boot key cannot be read";
    Finding r = check_empty_passwords(f, kEmpty);
    CHECK(r.status == Status::unknown);
    CHECK(r.detail.en.find("boot key") != std::string::npos);
  }
}

TEST_CASE("check_password_age") {
  Host host({.root = "/nonexistent", .live = false, .as_of = Time{std::chrono::seconds(1795161600)}});
  BootRules rules;  // 90 days
  AccountFacts f;
  f.windows = true;
  LoginAccount a;
  a.name = "clerk";
  a.state = PasswordState::set;
  a.last_change = 1795161600 / 86400 - 200;
  f.login.push_back(a);
  SUBCASE("Windows: policy never expires and a 200-day-old password") {
    Finding r = check_password_age(f, rules, host, kAge);
    CHECK(r.status == Status::warn);
    CHECK(r.detail.en.find("maximum password age is not set (passwords never expire)") != std::string::npos);
    CHECK(r.detail.en.find("clerk") != std::string::npos);
  }
  SUBCASE("Windows: 42-day policy and a fresh password") {
    f.pass_max_days = 42;
    f.login[0].last_change = 1795161600 / 86400 - 10;
    CHECK(check_password_age(f, rules, host, kAge).status == Status::pass);
  }
}

TEST_CASE("check_password_age: a Windows hash that could not be tested still has a last change") {
  Host host({.root = "/nonexistent", .live = false, .as_of = Time{std::chrono::seconds(1795161600)}});
  AccountFacts f;
  f.windows = true;
  f.pass_max_days = 42;
  f.shadow_error = "clerk: the boot key cannot be read";
  LoginAccount a;
  a.name = "clerk";
  a.last_change = 1795161600 / 86400 - 120;
  f.login.push_back(a);
  Finding r = check_password_age(f, BootRules{}, host, {"boot.password_age", Severity::medium, {}, {}, {}});
  CHECK(r.status == Status::warn);
  CHECK(r.detail.en.find("clerk") != std::string::npos);
}

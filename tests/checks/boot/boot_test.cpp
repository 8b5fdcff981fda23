// Tests for checks/boot*.cpp: the boot probe run on whole fixture machines
// (tests/fixtures/roots/boot-*), checked against each scenario's expect.yaml,
// plus the privacy scan (no hash or part of one in any finding string) and
// the unreadable-/etc/shadow path driven through FileResult errors.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "agent/core/config.hpp"
#include "agent/core/rules.hpp"
#include "checks/boot/boot_checks.hpp"
#include "checks/probes.hpp"
#include "support/temp_dir.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

const fs::path kRoots = fs::path(SELFCHECK_FIXTURES) / "roots";

std::vector<Finding> run_boot(const std::string& scenario) {
  Time as_of{std::chrono::seconds(1795161600)};  // 2026-11-20T16:00:00+08:00
  Host host({.root = kRoots / scenario, .as_of = as_of});
  Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR, kRoots / scenario / "etc/selfcheck/rules.d"});
  auto probe = make_boot_probe();
  probe->configure(rules, Config{});
  return probe->run(host);
}

const Finding& by_id(const std::vector<Finding>& fs, const std::string& id) {
  for (const auto& f : fs)
    if (f.id == id) return f;
  FAIL("no finding " << id);
  throw std::logic_error("unreachable");
}

Finding one(const std::string& scenario, const std::string& id) { return by_id(run_boot(scenario), id); }

std::string as_string(const EvidenceValue& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "";
}

// Every string a findings file would carry for these findings.
std::string rendered(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) {
    for (const Text* t : {&f.title, &f.detail, &f.remediation}) out += t->zh + "\n" + t->en + "\n";
    for (const auto& [k, v] : f.evidence) {
      out += k + "=";
      if (auto* l = std::get_if<std::vector<std::string>>(&v))
        for (const auto& x : *l) out += x + ",";
      else
        out += as_string(v);
      out += "\n";
    }
  }
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> boot_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kRoots))
    if (e.path().filename().string().rfind("boot-", 0) == 0) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("make_boot_probe on the boot-* fixture machines matches expect.yaml") {
  auto scenarios = boot_scenarios();
  REQUIRE(scenarios.size() >= 14);
  for (const auto& sc : scenarios) {
    SUBCASE(sc.c_str()) {
      YAML::Node expect = YAML::LoadFile((kRoots / sc / "expect.yaml").string());
      auto findings = run_boot(sc);
      REQUIRE(findings.size() == 4);
      bool any_fail = false;
      for (const auto& f : findings) {
        INFO(sc << " " << f.id << ": " << f.detail.en);
        REQUIRE(expect["findings"][f.id]);
        CHECK(to_string(f.status) == expect["findings"][f.id].as<std::string>());
        any_fail = any_fail || f.status == Status::fail;
        CHECK_FALSE(f.detail.zh.empty());
        CHECK_FALSE(f.detail.en.empty());
      }
      CHECK((any_fail ? 1 : 0) == expect["exit"].as<int>());
      if (expect["evidence"]) {
        for (const auto& id_kv : expect["evidence"]) {
          const Finding& f = by_id(findings, id_kv.first.as<std::string>());
          for (const auto& kv : id_kv.second) {
            std::string key = kv.first.as<std::string>();
            INFO(sc << " " << f.id << " evidence " << key);
            REQUIRE(f.evidence.count(key) == 1);
            const EvidenceValue& got = f.evidence.at(key);
            if (kv.second.IsSequence()) {
              REQUIRE(std::holds_alternative<std::vector<std::string>>(got));
              CHECK(std::get<std::vector<std::string>>(got) == kv.second.as<std::vector<std::string>>());
            } else {
              CHECK(as_string(got) == kv.second.as<std::string>());
            }
          }
        }
      }
      // Privacy: no fragment listed in expect.yaml, and no hash of the
      // machine's shadow or grub files nor any 8-character piece of one.
      std::string text = rendered(findings);
      if (expect["file_not_contains"])
        for (const auto& frag : expect["file_not_contains"])
          CHECK(text.find(frag.as<std::string>()) == std::string::npos);
      std::vector<std::string> secrets;
      if (fs::is_regular_file(kRoots / sc / "etc/shadow")) {
        std::istringstream in(slurp(kRoots / sc / "etc/shadow"));
        for (std::string line; std::getline(in, line);) {
          auto a = line.find(':'), b = line.find(':', a + 1);
          if (a != std::string::npos && b != std::string::npos && b - a - 1 > 3)
            secrets.push_back(line.substr(a + 1, b - a - 1));
        }
      }
      for (const char* g : {"boot/grub/grub.cfg", "boot/grub2/user.cfg"}) {
        std::string cfg = slurp(kRoots / sc / g);
        for (auto p = cfg.find("grub.pbkdf2."); p != std::string::npos; p = cfg.find("grub.pbkdf2.", p + 1))
          secrets.push_back(cfg.substr(p, cfg.find_first_of(" \n", p) - p));
      }
      for (const auto& s : secrets)
        for (std::size_t i = 0; i + 8 <= s.size(); i += 4) {
          INFO(sc << " leaks a piece of a hash: " << s.substr(i, 8));
          CHECK(text.find(s.substr(i, 8)) == std::string::npos);
        }
    }
  }
}

TEST_CASE("check_loader_password") {
  SUBCASE("protected Debian: the EFI stub leads to grub.cfg; firmware is named as not checked") {
    Finding f = one("boot-grub-protected", "boot.loader_password");
    CHECK(f.status == Status::pass);
    CHECK(f.detail.en.find("every menu entry needs the password") != std::string::npos);
    CHECK(f.detail.zh.find("固件密码") != std::string::npos);
    auto configs = std::get<std::vector<std::string>>(f.evidence.at("configs"));
    CHECK(std::find(configs.begin(), configs.end(), "/boot/grub/grub.cfg") != configs.end());
    CHECK(std::get<std::vector<std::string>>(f.evidence.at("password_users")) == std::vector<std::string>{"root"});
  }
  SUBCASE("RHEL: user.cfg through 01_users; BLS entries boot unrestricted, and the detail says so") {
    Finding f = one("boot-rhel-unrestricted", "boot.loader_password");
    CHECK(f.status == Status::pass);
    CHECK(f.detail.en.find("guards editing and the GRUB shell only: 2 of 3 menu entries") != std::string::npos);
  }
  SUBCASE("sources set a password that update-grub never copied") {
    Finding f = one("boot-grub-not-updated", "boot.loader_password");
    CHECK(f.status == Status::fail);
    CHECK(f.detail.en.find("update-grub") != std::string::npos);
  }
  SUBCASE("plain text password: warn naming the user, never the password") {
    Finding f = one("boot-grub-plain", "boot.loader_password");
    CHECK(f.status == Status::warn);
    CHECK(rendered({f}).find("Office2026") == std::string::npos);
  }
  SUBCASE("systemd-boot with editor off") {
    Finding f = one("boot-systemd-boot", "boot.loader_password");
    CHECK(f.status == Status::warn);
    CHECK(std::get<bool>(f.evidence.at("editor")) == false);
  }
}

TEST_CASE("account_facts") {
  BootRules rules;
  FileResult passwd{
      "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n"
      "eve::1001:1001::/home/eve:/bin/bash\nsvc:x:1002:1002::/:/usr/sbin/nologin\n",
      "", false};
  FileResult defs{"PASS_MAX_DAYS 60\nUID_MIN 1000\n", "", false};
  SUBCASE("shadow unreadable (not root): unknown with the Host's reason, never a pass") {
    FileResult shadow{"", "no permission to read /etc/shadow: run as root", false};
    AccountFacts f = account_facts(passwd, shadow, defs, rules);
    // eve's empty password is in passwd itself: that is decided without shadow.
    Finding e = check_empty_passwords(f, {"boot.empty_passwords", Severity::high, {}, {}, {}});
    CHECK(e.status == Status::fail);
    CHECK(std::get<std::vector<std::string>>(e.evidence.at("accounts")) == std::vector<std::string>{"eve"});
    passwd.data = "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n";
    f = account_facts(passwd, shadow, defs, rules);
    e = check_empty_passwords(f, {"boot.empty_passwords", Severity::high, {}, {}, {}});
    CHECK(e.status == Status::unknown);
    CHECK(e.detail.en.find("run as root") != std::string::npos);
    Host host({.root = kRoots / "boot-grub-protected", .as_of = Time{std::chrono::seconds(1795161600)}});
    Finding a = check_password_age(f, rules, host, {"boot.password_age", Severity::medium, {}, {}, {}});
    CHECK(a.status == Status::unknown);
    CHECK(a.detail.en.find("run as root") != std::string::npos);
  }
  SUBCASE("shadow unreadable but PASS_MAX_DAYS is already too long: warn, saying the rest is undecided") {
    FileResult shadow{"", "no permission to read /etc/shadow: run as root", false};
    defs.data = "PASS_MAX_DAYS 99999\n";
    AccountFacts f = account_facts(passwd, shadow, defs, rules);
    Host host({.root = kRoots / "boot-grub-protected", .as_of = Time{std::chrono::seconds(1795161600)}});
    Finding a = check_password_age(f, rules, host, {"boot.password_age", Severity::medium, {}, {}, {}});
    CHECK(a.status == Status::warn);
    CHECK(a.detail.en.find("cannot be decided") != std::string::npos);
  }
  SUBCASE("login accounts: root, UID >= UID_MIN with a real shell; malformed lines counted") {
    FileResult shadow{"root:!:20000::::::\nalice:$y$j9T$abc$def:20000:0:90:7:::\ngarbage line\nx:y:notanumber:::::::\n",
                      "", false};
    AccountFacts f = account_facts(passwd, shadow, defs, rules);
    std::vector<std::string> names;
    for (const auto& a : f.login) names.push_back(a.name);
    CHECK(names == std::vector<std::string>{"root", "alice", "eve"});
    CHECK(f.malformed == 2);
    CHECK(f.uid_min == 1000);
    CHECK(f.pass_max_days == 60);
  }
}

TEST_CASE("read_account_facts of a shadow over the 16 MiB cap") {
  fs::path root = sc::test::unique_temp_dir("boot-bigshadow");
  fs::create_directories(root / "etc");
  std::ofstream(root / "etc/passwd") << "root:x:0:0:root:/root:/bin/bash\nlate:x:1000:1000::/home/late:/bin/bash\n";
  {
    // Locked accounts for 17 MiB, then an account with an empty password
    // past the cap: reading only the start would call every account fine.
    std::ofstream sh(root / "etc/shadow", std::ios::binary);
    sh << "root:!:19000:0:99999:7:::\n";
    std::string filler = "svc" + std::string(100, 'x') + ":!:19000:0:99999:7:::\n";
    for (std::size_t n = 0; n < (17u << 20) / filler.size(); ++n) sh << filler;
    sh << "late::19000:0:99999:7:::\n";
  }
  Host host({.root = root});
  AccountFacts f = read_account_facts(host, BootRules{});
  CHECK(f.shadow_error == "/etc/shadow is larger than 16 MiB: only part of it could be read");
  auto spec = FindingSpec{};
  spec.id = "boot.empty_passwords";
  Finding e = check_empty_passwords(f, spec);
  CHECK(e.status == Status::unknown);
  fs::remove_all(root);
}

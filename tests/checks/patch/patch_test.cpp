// Tests for checks/patch.cpp: the probe on whole fixture machines
// (tests/fixtures/roots/patch-*), checked against each scenario's expect.yaml
// and against the packages it must name; an RPM machine through a Host whose
// command runner answers like rpm.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"
#include "support/temp_dir.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

const fs::path kRoots = fs::path(SELFCHECK_FIXTURES) / "roots";

struct Run {
  std::vector<Finding> findings;
  const Finding& get(const std::string& id) const {
    auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
    REQUIRE(it != findings.end());
    return *it;
  }
};

Run run_scenario(const std::string& name, bool live, const std::string& as_of = "2026-11-20T16:00:00+08:00") {
  fs::path root = kRoots / name;
  auto zone = Zone::load_file(root / "etc/localtime");
  REQUIRE(zone);
  Host host({.root = root, .live = live, .as_of = parse_time(as_of, *zone)});
  Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR, root / "etc/selfcheck/rules.d"});
  auto probe = make_patch_probe();
  probe->configure(rules, Config{});
  return Run{probe->run(host)};
}

std::string ev_string(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return "<missing>";
  if (auto s = std::get_if<std::string>(&it->second)) return *s;
  if (auto i = std::get_if<std::int64_t>(&it->second)) return std::to_string(*i);
  if (auto b = std::get_if<bool>(&it->second)) return *b ? "true" : "false";
  return "<list>";
}

std::vector<std::string> ev_list(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return {};
  if (auto l = std::get_if<std::vector<std::string>>(&it->second)) return *l;
  return {};
}

}  // namespace

TEST_CASE("make_patch_probe on fixture roots (expect.yaml)") {
  for (const auto& entry : fs::directory_iterator(kRoots)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("patch-", 0) != 0) continue;
    SUBCASE(name.c_str()) {
      YAML::Node expect = YAML::LoadFile((entry.path() / "expect.yaml").string());
      auto args = expect["args"].as<std::vector<std::string>>();
      bool live = std::find(args.begin(), args.end(), "--live") != args.end();
      auto as_of = std::find(args.begin(), args.end(), "--as-of");
      REQUIRE(as_of != args.end());
      Run r = run_scenario(name, live, *(as_of + 1));
      CHECK(r.findings.size() == 3);
      bool any_fail = false;
      for (const auto& f : r.findings) {
        INFO(name, " ", f.id, ": ", f.detail.en);
        any_fail = any_fail || f.status == Status::fail;
        REQUIRE(expect["findings"][f.id]);
        CHECK(to_string(f.status) == expect["findings"][f.id].as<std::string>());
        CHECK_FALSE(f.detail.zh.empty());
        CHECK_FALSE(f.detail.en.empty());
      }
      CHECK(any_fail == (expect["exit"].as<int>() == 1));
      if (expect["evidence"]) {
        for (auto it = expect["evidence"].begin(); it != expect["evidence"].end(); ++it) {
          const Finding& f = r.get(it->first.as<std::string>());
          for (auto kv = it->second.begin(); kv != it->second.end(); ++kv) {
            INFO(name, " ", f.id, " evidence ", kv->first.as<std::string>());
            CHECK(ev_string(f, kv->first.as<std::string>()) == kv->second.as<std::string>());
          }
        }
      }
    }
  }
}

TEST_CASE("make_patch_probe names the pending packages") {
  SUBCASE("Debian security suite, multiarch") {
    Run r = run_scenario("patch-pending-security", true);
    const Finding& f = r.get("patch.pending_security");
    CHECK(ev_list(f, "packages") == std::vector<std::string>{"libssl3:amd64 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1",
                                                             "libssl3:i386 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1",
                                                             "openssl 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1"});
    CHECK(f.detail.zh.find("待安装安全更新 3 个") != std::string::npos);
    CHECK(f.detail.en.find("openssl") != std::string::npos);
    const Finding& reboot = r.get("patch.reboot_required");
    CHECK(ev_list(reboot, "packages") == std::vector<std::string>{"linux-image-6.1.0-18-amd64", "libc6"});
  }
  SUBCASE("Ubuntu: the security pocket's version, not -updates'") {
    Run r = run_scenario("patch-ubuntu-pockets", true);
    const Finding& f = r.get("patch.pending_security");
    CHECK(ev_list(f, "packages") == std::vector<std::string>{"libssl3 3.0.2-0ubuntu1.10 → 3.0.2-0ubuntu1.12",
                                                             "openssl 3.0.2-0ubuntu1.10 → 3.0.2-0ubuntu1.12"});
    CHECK(ev_list(f, "lists").size() == 2);  // security main + universe, not jammy / jammy-updates
    const Finding& reboot = r.get("patch.reboot_required");
    CHECK(ev_string(reboot, "newest_kernel") == "linux-image-5.15.0-91-generic 5.15.0-91.101");
    CHECK(reboot.detail.en.find("still running 5.15.0-88-generic") != std::string::npos);
  }
  SUBCASE("baseline on an air-gapped machine") {
    Run r = run_scenario("patch-no-lists-baseline", false);
    const Finding& f = r.get("patch.pending_security");
    CHECK(ev_list(f, "packages") == std::vector<std::string>{"libssl3 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1",
                                                             "openssl 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1"});
    CHECK(ev_string(f, "baseline_date") == "2026-11-05");
  }
  SUBCASE("stale lists are said") {
    Run r = run_scenario("patch-stale-lists", false);
    const Finding& f = r.get("patch.pending_security");
    CHECK(f.detail.en.find("2026-08-01") != std::string::npos);
    CHECK(f.detail.zh.find("已超过 7 天未更新") != std::string::npos);
  }
  SUBCASE("without the baseline the air-gapped machine is unknown, not pass") {
    fs::path root = kRoots / "patch-no-lists-baseline";
    Host host({.root = root, .as_of = parse_time("2026-11-20T16:00:00+08:00", Zone())});
    Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
    auto probe = make_patch_probe();
    probe->configure(rules, Config{});
    auto fs = probe->run(host);
    auto it = std::find_if(fs.begin(), fs.end(), [](auto& f) { return f.id == "patch.pending_security"; });
    REQUIRE(it != fs.end());
    CHECK(it->status == Status::unknown);
    CHECK(it->detail.en.find("no apt lists") != std::string::npos);
  }
}

TEST_CASE("make_patch_probe on a machine without a package database") {
  fs::path root = sc::test::unique_temp_dir("patch-empty");
  fs::create_directories(root / "etc");
  Host host({.root = root});
  auto probe = make_patch_probe();
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
  auto fs = probe->run(host);
  REQUIRE(fs.size() == 3);
  for (const auto& f : fs) {
    CHECK(f.status == Status::unknown);
    CHECK(f.detail.en.find("no package database") != std::string::npos);
  }
  fs::remove_all(root);
}

namespace {
// An RPM machine: the rpm command answers from a canned query.
class RpmHost : public Host {
 public:
  RpmHost(Options o, std::string out, bool have_rpm) : Host(std::move(o)), out_(std::move(out)), have_(have_rpm) {}
  CommandResult run(const std::vector<std::string>& argv, std::optional<milliseconds>) const override {
    CommandResult r;
    argv_ = argv;
    if (!have_) {
      r.error = "command not found: rpm";
      return r;
    }
    r.exit_code = 0;
    r.out = out_;
    return r;
  }
  mutable std::vector<std::string> argv_;

 private:
  std::string out_;
  bool have_;
};
}  // namespace

TEST_CASE("make_patch_probe on an RPM machine") {
  fs::path root = sc::test::unique_temp_dir("patch-rpm");
  fs::create_directories(root / "var/lib/rpm");
  fs::create_directories(root / "etc/selfcheck/rules.d");
  fs::create_directories(root / "proc/sys/kernel");
  fs::create_directories(root / "run");
  {
    std::ofstream(root / "proc/sys/kernel/osrelease") << "5.14.0-362.8.1.el9_3.x86_64\n";
    std::ofstream(root / "etc/selfcheck/rules.d/patch-baseline.yaml")
        << "packages:\n  openssl: \"1:3.0.7-25.el9_3\"\n  bash: \"5.1.8-6.el9_1\"\n";
  }
  // 2026-11-02T02:15:32Z and older.
  std::string out =
      "openssl\t1:3.0.7-24.el9\tx86_64\t1793600000\n"
      "bash\t0:5.1.8-6.el9_1\tx86_64\t1793500000\n"
      "kernel-core\t0:5.14.0-362.8.1.el9_3\tx86_64\t1790000000\n"
      "kernel-core\t0:5.14.0-362.13.1.el9_3\tx86_64\t1793600000\n"
      "gpg-pubkey\t0:fd431d51-4ae0493b\t(none)\t1780000000\n"
      "garbage line\n";
  Time as_of{std::chrono::seconds(1793600000 + 86400 * 3)};
  SUBCASE("baseline, install times, newer kernel") {
    RpmHost host({.root = root, .live = true, .as_of = as_of}, out, true);
    auto probe = make_patch_probe();
    probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR, root / "etc/selfcheck/rules.d"}), Config{});
    auto fs = probe->run(host);
    REQUIRE(fs.size() == 3);
    CHECK(host.argv_.at(0) == "rpm");
    CHECK(host.argv_.at(2) == host.root().string());
    CHECK(fs[0].status == Status::pass);
    CHECK(ev_string(fs[0], "days") == "3");
    CHECK(ev_string(fs[0], "log") == "rpm database");
    CHECK(fs[1].status == Status::fail);
    CHECK(ev_list(fs[1], "packages") == std::vector<std::string>{"openssl 1:3.0.7-24.el9 → 1:3.0.7-25.el9_3"});
    CHECK(fs[2].status == Status::warn);
    CHECK(ev_string(fs[2], "newest_kernel") == "kernel-core 0:5.14.0-362.13.1.el9_3");
  }
  SUBCASE("no rpm tool: unknown with the reason") {
    RpmHost host({.root = root, .live = true, .as_of = as_of}, out, false);
    auto probe = make_patch_probe();
    probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
    auto fs = probe->run(host);
    REQUIRE(fs.size() == 3);
    CHECK(fs[0].status == Status::unknown);
    CHECK(fs[1].status == Status::unknown);
    CHECK(fs[1].detail.en.find("command not found: rpm") != std::string::npos);
  }
  fs::remove_all(root);
}

TEST_CASE("PatchProbe::configure refuses bad rules") {
  auto probe = make_patch_probe();
  SUBCASE("unknown key") {
    auto rules = Rules::from_docs({YamlDoc::load_string("last_update_max_dayz: 3\n", "patch.yaml")});
    CHECK_THROWS_WITH_AS(probe->configure(rules, Config{}), doctest::Contains("patch.yaml:1:1"), std::exception);
  }
  SUBCASE("bad baseline version") {
    auto rules = Rules::from_docs({YamlDoc::load_string("packages:\n  openssl: \"1.0-\"\n", "patch-baseline.yaml")});
    CHECK_THROWS_WITH_AS(probe->configure(rules, Config{}), doctest::Contains("patch-baseline.yaml:2:12"),
                         std::exception);
  }
  SUBCASE("limit out of range") {
    auto rules = Rules::from_docs({YamlDoc::load_string("last_update_max_days: 0\n", "patch.yaml")});
    CHECK_THROWS_AS(probe->configure(rules, Config{}), std::exception);
  }
}

TEST_CASE("make_patch_probe on a truncated status file") {
  fs::path src = kRoots / "patch-pending-security";
  fs::path root = sc::test::unique_temp_dir("patch-truncated");
  fs::create_directories(root / "var/lib/dpkg");
  fs::copy(src / "var/lib/apt", root / "var/lib/apt", fs::copy_options::recursive);
  std::ifstream in(src / "var/lib/dpkg/status", std::ios::binary);
  std::string status((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  status.resize(status.find("Package: bash") + 30);  // cut inside the bash stanza
  std::ofstream(root / "var/lib/dpkg/status", std::ios::binary) << status;
  Host host({.root = root, .as_of = parse_time("2026-11-20T16:00:00+08:00", Zone())});
  auto probe = make_patch_probe();
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
  auto found = probe->run(host);
  auto it = std::find_if(found.begin(), found.end(), [](auto& f) { return f.id == "patch.pending_security"; });
  REQUIRE(it != found.end());
  CHECK(it->status == Status::fail);  // what was read still shows the pending openssl
  auto problems = ev_list(*it, "problems");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "/var/lib/dpkg/status is truncated: 4 packages read");
  fs::remove_all(root);
}

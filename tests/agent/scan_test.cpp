// Tests for agent/scan: one probe's exception or hang becomes `unknown`
// findings with the reason and never loses the other probes' findings;
// --only filtering; host facts from the root.
#include "agent/scan.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "agent/core/platform.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

class FakeProbe : public Probe {
 public:
  enum Mode { good, throws, hangs };
  FakeProbe(std::string name, Mode mode) : name_(std::move(name)), mode_(mode) {
    specs_.push_back(
        {name_ + ".a", Severity::high, Text::same("a"), {}, Text::same("fix a"), Text::same("fix a (Windows)")});
    specs_.push_back({name_ + ".b", Severity::low, Text::same("b"), {}, Text::same("fix b")});
  }
  std::string_view name() const override { return name_; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules&, const Config&) override {}
  std::vector<Finding> run(const Host&) const override {
    if (mode_ == throws) throw std::runtime_error("boom");
    if (mode_ == hangs) std::this_thread::sleep_for(std::chrono::seconds(3));
    // b first: the scan puts findings in spec order.
    return {make_finding(specs_[1], Status::pass, Text::same("b ok")),
            make_finding(specs_[0], Status::fail, Text::same("a bad"))};
  }

 private:
  std::string name_;
  Mode mode_;
  std::vector<FindingSpec> specs_;
};

ScanSetup setup_with(std::vector<std::shared_ptr<Probe>> probes, std::vector<std::string> only = {}) {
  fs::path root = sc::test::unique_temp_dir("scan-root");
  fs::create_directories(root / "etc");
  std::ofstream(root / "etc/hostname") << "PC-0123\n";
  std::ofstream(root / "etc/machine-id") << "0123456789abcdef0123456789abcdef\n";
  std::ofstream(root / "etc/os-release")
      << "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
  fs::create_directories(root / "boot");
  for (const char* f : {"vmlinuz-6.1.0-9-amd64", "vmlinuz-6.1.0-10-amd64", "config-6.1.0-9-amd64"})
    std::ofstream(root / "boot" / f) << "x";
  ScanSetup s;
  s.host = std::make_shared<Host>(Host::Options{.root = root});
  s.probes = std::move(probes);
  s.only = std::move(only);
  s.config.asset_id = "A-17";
  s.config.classification = Classification::confidential;
  return s;
}

const Finding* find(const Document& d, const std::string& id) {
  for (const auto& f : d.findings)
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("run_scan") {
  ScanRequest req;
  req.probe_timeout = std::chrono::milliseconds(500);
  SUBCASE("a throwing probe is unknown with the reason; the others survive") {
    auto s = setup_with(
        {std::make_shared<FakeProbe>("one", FakeProbe::good), std::make_shared<FakeProbe>("two", FakeProbe::throws)});
    Document d = run_scan(s, req);
    REQUIRE(d.findings.size() == 4);
    CHECK(d.findings[0].id == "one.a");  // spec order
    CHECK(d.findings[0].status == Status::fail);
    CHECK(find(d, "two.a")->status == Status::unknown);
    CHECK(find(d, "two.b")->detail.en == "the check failed: boom");
    CHECK(d.verdict == "fail");
    CHECK(d.counts.fail == 1);
    CHECK(d.counts.unknown == 2);
  }
  SUBCASE("a hanging probe times out; the scan ends on time") {
    auto s = setup_with(
        {std::make_shared<FakeProbe>("slow", FakeProbe::hangs), std::make_shared<FakeProbe>("one", FakeProbe::good)});
    auto start = std::chrono::steady_clock::now();
    Document d = run_scan(s, req);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(find(d, "slow.a")->status == Status::unknown);
    CHECK(find(d, "slow.a")->detail.en.find("timed out") != std::string::npos);
    CHECK(find(d, "one.a")->status == Status::fail);
  }
  SUBCASE("--only a finding id keeps just that one") {
    auto s = setup_with({std::make_shared<FakeProbe>("one", FakeProbe::good)}, {"one.b"});
    Document d = run_scan(s, req);
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].id == "one.b");
    CHECK(d.verdict == "pass");
  }
  SUBCASE("the host block comes from the root and the config") {
    auto s = setup_with({});
    Document d = run_scan(s, req);
    CHECK(d.host.hostname == "PC-0123");
    CHECK(d.host.machine_id == "0123456789abcdef0123456789abcdef");
    CHECK(d.host.os == "Debian GNU/Linux 12 (bookworm)");
    CHECK(d.host.kernel == "6.1.0-10-amd64");  // offline: the newest in /boot by Debian order (issue 14)
    CHECK(d.host.asset_id == "A-17");
    CHECK(d.host.classification == "confidential");
    CHECK(d.schema == "selfcheck.findings/2");
  }
  SUBCASE("the measure is the audited OS's: a Windows root gets the spec's Windows measure") {
    auto s = setup_with({std::make_shared<FakeProbe>("one", FakeProbe::good)});
    Document linux = run_scan(s, req);
    CHECK(find(linux, "one.a")->remediation.en == "fix a");
    s.host = std::make_shared<Host>(Host::Options{.root = fs::path(SELFCHECK_FIXTURES) / "roots/win-minimal"});
    REQUIRE(s.host->os().os == MachineOs::windows);
    Document windows = run_scan(s, req);
    CHECK(find(windows, "one.a")->remediation.en == "fix a (Windows)");
    CHECK(find(windows, "one.b")->remediation.en == "fix b");  // no Windows measure: the one measure serves
  }
}

// Every built-in measure that names a Linux tool has a Windows one, and no
// Windows measure names a Linux tool: a Windows PC's report and the unit
// summary's measures must not tell its user to run update-grub (issue 14's
// review of Windows summaries).
TEST_CASE("remediation_for") {
  const char* linux_words[] = {"apt ", "dnf ", "passwd ", "grub", "GRUB", "systemctl", "login.defs", "GDM", "chage"};
  for (const auto& p : builtin_probes()) {
    for (const auto& spec : p->specs()) {
      CAPTURE(spec.id);
      for (const Text* t : {&remediation_for(spec, MachineOs::windows)})
        for (const char* w : linux_words) {
          CAPTURE(w);
          CHECK(t->en.find(w) == std::string::npos);
          CHECK(t->zh.find(w) == std::string::npos);
        }
      CHECK(&remediation_for(spec, MachineOs::linux) == &spec.remediation);
      CHECK(&remediation_for(spec, MachineOs::unknown) == &spec.remediation);
    }
  }
}

#ifndef _WIN32
TEST_CASE("lang_from_env") {
  setenv("LC_ALL", "zh_CN.UTF-8", 1);
  CHECK(lang_from_env() == Lang::zh);
  setenv("LC_ALL", "C.UTF-8", 1);
  CHECK(lang_from_env() == Lang::en);
  unsetenv("LC_ALL");
}
#else
// Windows: the user's UI language decides (GetUserDefaultUILanguage); LANG is not read.
TEST_CASE("lang_from_env") { CHECK(lang_from_env() == *ui_language()); }
#endif

// Tests for agent/core/machine: the audited OS decided from the root, the
// Windows host facts from the registry (fixture roots built from .reg text
// and a real Windows 7 SYSTEM hive), and the Host wiring (zone, facades).
#include "agent/core/machine.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "agent/scan.hpp"
#include "support/windows_samples.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {
// Keys by exact path; everything else is absent.
struct FakeRegistry : Registry {
  std::map<std::string, std::vector<RegValue>> keys;
  RegKeyResult key(std::string_view path) const override {
    RegKeyResult r;
    auto it = keys.find(std::string(path));
    if (it == keys.end()) {
      r.absent = true;
    } else {
      r.key.path = it->first;
      r.key.values = it->second;
    }
    return r;
  }
  std::vector<std::string> users() const override { return {}; }
};
RegValue sz(std::string name, std::u16string_view s) {
  std::string d;
  for (char16_t c : s) {
    d += static_cast<char>(c & 0xFF);
    d += static_cast<char>(c >> 8);
  }
  return RegValue{std::move(name), 1, d + std::string(2, '\0')};
}
fs::path fixture_root(const std::string& name) { return fs::path(SELFCHECK_FIXTURES) / "roots" / name; }
}  // namespace

TEST_CASE("detect_os") {
  SUBCASE("Windows by its SYSTEM hive") {
    Host host({.root = fixture_root("win-minimal")});
    CHECK(host.os().os == MachineOs::windows);
    CHECK(host.os().reason == "Windows/System32/config/SYSTEM exists");
  }
  SUBCASE("Windows in another case") {
    test::SampleRoot root("os-case");
    fs::create_directories(root.path() / "WINDOWS/system32/CONFIG");
    std::ofstream(root.path() / "WINDOWS/system32/CONFIG/system") << "x";
    Host host({.root = root.path()});
    CHECK(host.os().os == MachineOs::windows);
    CHECK(host.os().reason == "WINDOWS/system32/CONFIG/system exists");
  }
  SUBCASE("Linux") {
    test::SampleRoot root("os-linux");
    fs::create_directories(root.path() / "etc");
    std::ofstream(root.path() / "etc/os-release") << "ID=debian\n";
    Host host({.root = root.path()});
    CHECK(host.os().os == MachineOs::linux);
  }
  SUBCASE("Linux by etc/ alone (fixture roots, minimal disks)") {
    test::SampleRoot root("os-etc");
    fs::create_directories(root.path() / "etc/selfcheck");
    Host host({.root = root.path()});
    CHECK(host.os().os == MachineOs::linux);
    CHECK(host.os().reason == "etc/ exists (without os-release or passwd)");
  }
  SUBCASE("a Windows disk without its SYSTEM hive is not Linux") {
    test::SampleRoot root("os-nohive");
    fs::create_directories(root.path() / "Windows/System32/config");
    fs::create_directories(root.path() / "etc");
    Host host({.root = root.path()});
    CHECK(host.os().os == MachineOs::unknown);
    CHECK(host.os().reason.find("Windows exists but not its SYSTEM hive") != std::string::npos);
  }
  SUBCASE("neither") {
    test::SampleRoot root("os-none");
    fs::create_directories(root.path() / "photos");
    Host host({.root = root.path()});
    CHECK(host.os().os == MachineOs::unknown);
    CHECK(host.os().reason.find("not a recognisable Linux or Windows system at " +
                                fs::weakly_canonical(root.path()).string()) == 0);
    std::vector<FindingSpec> specs{{"antivirus.installed", Severity::high, {}, {}, {}},
                                   {"antivirus.signature_age", Severity::medium, {}, {}, {}}};
    auto findings = unknown_system_findings(specs, host.os());
    REQUIRE(findings.size() == 2u);
    CHECK(findings[1].id == "antivirus.signature_age");
    CHECK(findings[1].status == Status::unknown);
    CHECK(findings[1].detail.en == host.os().reason);
  }
}

TEST_CASE("windows_facts") {
  SUBCASE("win-minimal: Windows 10 22H2, ControlSet002") {
    Host host({.root = fixture_root("win-minimal")});
    WindowsFacts f = windows_facts(host.registry());
    CHECK(f.hostname == "OFFICE-PC-07");
    CHECK(f.product_name == "Windows 10 Pro");
    CHECK(f.edition == "Professional");
    CHECK(f.build == "19045");
    CHECK(f.ubr == 5011u);
    CHECK(f.display_version == "22H2");
    CHECK(f.machine_id == "5c1f7a8e-2d3b-4c6a-9e0f-1a2b3c4d5e6f");
    CHECK(f.os_name() == "Windows 10 Pro 22H2 (build 19045.5011)");
    CHECK(f.kernel() == "10.0.19045.5011");
    REQUIRE(f.zone);
    CHECK(f.zone->key_name == "China Standard Time");
    CHECK(f.zone->bias == -480);
    CHECK_FALSE(f.zone->has_dst());
    CHECK(f.notes.empty());
  }
  SUBCASE("win-corrupt-software: the name and zone still, the OS unknown with the reason") {
    Host host({.root = fixture_root("win-corrupt-software")});
    WindowsFacts f = windows_facts(host.registry());
    CHECK(f.hostname == "OFFICE-PC-07");
    CHECK(f.product_name.empty());
    CHECK(f.os_name() == "Windows");
    REQUIRE(f.notes.size() == 1u);
    CHECK(f.notes[0].find("OS version unknown: the SOFTWARE hive is corrupt or not a registry hive") == 0);
  }
  SUBCASE("real Windows 7 SYSTEM hive") {
    test::SampleRoot root("facts");
    REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
    Host host({.root = root.path()});
    WindowsFacts f = windows_facts(host.registry());
    CHECK(f.hostname == "WKS-WIN732BITA");
    REQUIRE(f.zone);
    CHECK(f.zone->key_name == "Eastern Standard Time");
    CHECK(f.zone->has_dst());
    CHECK(f.zone->daylight_start.month == 3);
    CHECK(f.zone->daylight_start.week == 2);
    CHECK(f.zone->standard_start.month == 11);
    CHECK(f.zone->standard_start.week == 1);
    // The Host's zone is the machine's: EDT in July, EST in January.
    CHECK(host.zone().iso(Time(std::chrono::seconds(1719835200))) == "2024-07-01T08:00:00-04:00");
    CHECK(host.zone().iso(Time(std::chrono::seconds(1705320000))) == "2024-01-15T07:00:00-05:00");
    CHECK(host.zone_note().empty());
  }
  SUBCASE("Windows 11 is build 22000 and later, whatever ProductName says") {
    FakeRegistry reg;
    reg.keys["HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"] = {
        sz("ProductName", u"Windows 10 Pro"), sz("CurrentBuild", u"22631"), sz("DisplayVersion", u"23H2"),
        RegValue{"UBR", 4, std::string("\xdd\x10\0\0", 4)}};
    WindowsFacts f = windows_facts(reg);
    CHECK(f.product_name == "Windows 11 Pro");
    CHECK(f.os_name() == "Windows 11 Pro 23H2 (build 22631.4317)");
    CHECK(f.kernel() == "10.0.22631.4317");
  }
  SUBCASE("Windows 7: CSDVersion, no UBR") {
    FakeRegistry reg;
    reg.keys["HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"] = {sz("ProductName", u"Windows 7 Professional"),
                                                                         sz("CurrentBuildNumber", u"7601"),
                                                                         sz("CSDVersion", u"Service Pack 1")};
    WindowsFacts f = windows_facts(reg);
    CHECK(f.os_name() == "Windows 7 Professional Service Pack 1 (build 7601)");
    CHECK(f.kernel() == "6.1.7601");
    CHECK(f.notes.size() == 2u);  // no ComputerName, no TimeZoneInformation
  }
}

TEST_CASE("Host on a Windows root") {
  Host host({.root = fixture_root("win-minimal")});
  CHECK(host.zone().iso(Time(std::chrono::seconds(1732867200))) == "2024-11-29T16:00:00+08:00");
  CHECK(host.zone_note().empty());
  auto r = host.event_log().query("System", EventQuery{});
  CHECK(r.missing);
  HostInfo h = host_info(host, Config{});
  CHECK(h.hostname == "OFFICE-PC-07");
  CHECK(h.os == "Windows 10 Pro 22H2 (build 19045.5011)");
  CHECK(h.kernel == "10.0.19045.5011");
  CHECK(h.machine_id == "5c1f7a8e-2d3b-4c6a-9e0f-1a2b3c4d5e6f");
}

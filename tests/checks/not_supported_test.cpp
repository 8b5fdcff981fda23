// Tests for checks/not_supported.hpp: on a Windows root the probes without
// a Windows gatherer yet say `unknown` "not yet implemented for Windows", and
// on a root that is neither Linux nor Windows every probe says `unknown`
// with the reason — never a pass or a fail on evidence nobody read.
#include "checks/not_supported.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "agent/core/config.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

struct Root {
  fs::path dir = fs::temp_directory_path() / ("sc-notsup-" + std::to_string(::getpid()) + "-" + std::to_string(n()++));
  Root() { fs::create_directories(dir); }
  ~Root() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static int& n() {
    static int i = 0;
    return i;
  }
};

std::vector<Finding> run_probe(std::unique_ptr<Probe> probe, const Host& host) {
  Config config;
  config.classification = Classification::confidential;  // network would otherwise be not_applicable
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), config);
  return probe->run(host);
}

}  // namespace

TEST_CASE("findings_for_unsupported_os") {
  Root root;
  SUBCASE("a Windows root: the probes run their Windows gatherers") {
    fs::create_directories(root.dir / "Windows/System32/config");
    std::ofstream(root.dir / "Windows/System32/config/SYSTEM") << "";
    Host host({.root = root.dir});
    REQUIRE(host.os().os == MachineOs::windows);
    CHECK_FALSE(findings_for_unsupported_os(host, make_boot_probe()->specs()));
    // An empty SYSTEM hive is corrupt: never a pass, never "not implemented".
    for (auto make : {make_boot_probe, make_usb_probe, make_patch_probe})
      for (const auto& f : run_probe(make(), host)) {
        INFO(f.id << ": " << f.detail.en);
        CHECK(f.status != Status::pass);
        CHECK(f.detail.en.find("not yet implemented") == std::string::npos);
      }
  }
  SUBCASE("neither Linux nor Windows: every probe is unknown with the reason") {
    std::ofstream(root.dir / "README.txt") << "a USB stick, not a system disk\n";
    Host host({.root = root.dir});
    REQUIRE(host.os().os == MachineOs::unknown);
    for (auto make : {make_antivirus_probe, make_boot_probe, make_usb_probe, make_network_probe, make_patch_probe})
      for (const auto& f : run_probe(make(), host)) {
        INFO(f.id);
        CHECK(f.status == Status::unknown);
        CHECK(f.detail.en.find("not a recognisable Linux or Windows system") != std::string::npos);
      }
  }
  SUBCASE("a Linux root: the probe runs") {
    fs::create_directories(root.dir / "etc");
    std::ofstream(root.dir / "etc/os-release") << "ID=debian\n";
    Host host({.root = root.dir});
    CHECK_FALSE(findings_for_unsupported_os(host, make_boot_probe()->specs()));
  }
}

// The network probe's Windows gatherer on real bytes: the SYSTEM hive and
// System event log written by real Windows machines (tests/fixtures/windows/
// samples), laid out as an audited Windows root, plus roots made from .reg
// text under tests/fixtures/roots/win-net-* (those run through the CLI
// scenario runner).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"
#include "support/windows_samples.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

const Finding* find(const std::vector<Finding>& fs_, std::string_view id) {
  for (const auto& f : fs_)
    if (f.id == id) return &f;
  return nullptr;
}

std::string joined(const Finding& f, const std::string& key) {
  auto it = f.evidence.find(key);
  if (it == f.evidence.end()) return {};
  std::string out;
  if (auto* v = std::get_if<std::vector<std::string>>(&it->second))
    for (const auto& s : *v) out += s + "\n";
  return out;
}

std::vector<Finding> run_network(const fs::path& root, bool confidential) {
  Config config;
  config.classification = confidential ? Classification::confidential : Classification::internal;
  config.internal_networks = {"10.0.0.0/8"};
  auto probe = make_network_probe();
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), config);
  Host::Options o;
  o.root = root;
  o.as_of = parse_time("2026-11-20T16:00:00+00:00", Zone());
  Host host(o);
  return probe->run(host);
}

}  // namespace

TEST_CASE("gather_network_windows") {
  test::SampleRoot root("net");
  REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
  REQUIRE(root.add("system.evtx", "Windows/System32/winevt/Logs/System.evtx"));

  SUBCASE("real SYSTEM hive and System log of a confidential machine") {
    auto f = run_network(root.path(), true);
    const Finding* route = find(f, "network.default_route");
    REQUIRE(route);
    // The sample's TCP/IP interfaces hold gateways 10.3.58.1 and 192.168.1.1.
    CHECK(route->status == Status::fail);
    CHECK(joined(*route, "routes").find("via 10.3.58.1") != std::string::npos);
    CHECK(joined(*route, "routes").find("via 192.168.1.1") != std::string::npos);
    const Finding* wl = find(f, "network.wireless");
    REQUIRE(wl);
    // Intel PRO/1000 (802.3) and WAN miniports: no wireless adapter.
    CHECK(wl->status == Status::pass);
    const Finding* hist = find(f, "network.internet_history");
    REQUIRE(hist);
    // Time-Service 35/37: time.windows.com → 51.140.127.197 and others.
    CHECK(hist->status == Status::fail);
    CHECK(joined(*hist, "public_addresses").find("51.140.127.197") != std::string::npos);
    CHECK(joined(*hist, "events").find("time sync with time.windows.com (51.140.127.197) (Time-Service 3") !=
          std::string::npos);
    // SOFTWARE is absent in this root: the NetworkList source is a problem, not "no networks".
    CHECK(joined(*hist, "problems").find("SOFTWARE") != std::string::npos);
  }
  SUBCASE("not confidential: every finding not_applicable") {
    for (const auto& x : run_network(root.path(), false)) CHECK(x.status == Status::not_applicable);
  }
}

TEST_CASE("network probe on a root that is neither Linux nor Windows") {
  fs::path dir = fs::temp_directory_path() / ("selfcheck-net-empty-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto f = run_network(dir, true);
  for (const auto& x : f) {
    CHECK(x.status == Status::unknown);
    CHECK(x.detail.en.find("not a recognisable") != std::string::npos);
  }
  fs::remove_all(dir);
}

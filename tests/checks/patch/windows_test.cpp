// The patch probe's Windows gatherer: the real System log sample (evtx crate
// samples: 116 WindowsUpdateClient 19 events, 2017) and a root without a
// SOFTWARE hive.
#include <doctest/doctest.h>

#include <variant>

#include "agent/core/config.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"
#include "support/windows_samples.hpp"

using namespace sc;

TEST_CASE("PatchProbe::run_windows") {
  test::SampleRoot root("patch");
  REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
  REQUIRE(root.add("system.evtx", "Windows/System32/winevt/Logs/System.evtx"));
  Host host({.root = root.path(), .live = false, .as_of = Time{std::chrono::seconds(1795161600)}});
  auto probe = make_patch_probe();
  probe->configure(Rules::load({SELFCHECK_SOURCE_RULES_DIR}), Config{});
  auto out = probe->run(host);
  REQUIRE(out.size() == 3);
  SUBCASE("last update from WindowsUpdateClient 19 in the real System log") {
    const Finding& f = out[0];
    CHECK(f.id == "patch.last_update");
    CHECK(f.status == Status::fail);
    CHECK(std::get<std::int64_t>(f.evidence.at("installed_events")) == 116);
    CHECK(f.detail.en.find("last update 2017-") != std::string::npos);
  }
  SUBCASE("no SOFTWARE hive: the build cannot be read") {
    CHECK(out[1].id == "patch.pending_security");
    CHECK(out[1].status == Status::unknown);
    CHECK(out[1].detail.en.find("SOFTWARE") != std::string::npos);
  }
}

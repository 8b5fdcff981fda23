// Tests for agent/spool (issue 13 item 11): two scans finishing in the same
// second keep both files, the later one is the newest, pruning still works.
#include <doctest/doctest.h>

#include "agent/core/errors.hpp"
#include "agent/spool.hpp"
#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;
namespace fs = std::filesystem;

TEST_CASE("write_to_spool: two scans in the same second") {
  auto dir = temp_dir("spool");
  Config config;
  config.spool = dir;
  config.spool_keep = 5;
  Host host({.root = dir});
  Document a = machine({.owner = "first"});
  Document b = machine({.owner = "second"});  // same hostname, same finished second
  SUBCASE("the same second: two files, none overwritten, the later is newest") {
    auto pa = write_to_spool(host, config, a, "first\n");
    auto pb = write_to_spool(host, config, b, "second\n");
    CHECK(pa != pb);
    CHECK(fs::exists(pa));
    CHECK(fs::exists(pb));
    REQUIRE(newest_spooled(config));
    CHECK(*newest_spooled(config) == pb);
  }
  SUBCASE("pruning keeps spool_keep files") {
    for (int i = 0; i < 8; ++i) write_to_spool(host, config, a, "x\n");
    int n = 0;
    for (auto& e : fs::directory_iterator(spool_results_dir(config))) n += e.path().extension() == ".yaml";
    CHECK(n == 5);
  }
  SUBCASE("a hostname cannot steer the name") {
    Document e = machine({});
    e.host.hostname = "../../x\x1b";
    auto p = write_to_spool(host, config, e, "x\n");
    CHECK(p.parent_path() == spool_results_dir(config));
    CHECK(p.filename().string().find('\x1b') == std::string::npos);
  }
}

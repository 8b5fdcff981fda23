// Tests for agent/spool: file names in time order, pruning keeps the newest
// `spool_keep` files (the oldest go), newest_spooled.
#include "agent/spool.hpp"

#include <doctest/doctest.h>

#include "support/sample_doc.hpp"

using namespace sc;
using namespace sc::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("write_to_spool") {
  Config config;
  config.spool = temp_dir("spool");
  config.spool_keep = 2;
  Host host({});
  auto put = [&](const std::string& day) {
    Document d = machine({.as_of = day + "T16:00:00+08:00"});
    seal(d);
    return write_to_spool(host, config, d, to_yaml(d));
  };
  // Written out of time order: pruning goes by the scan time in the name.
  put("2026-11-13");
  put("2026-11-27");
  put("2026-11-06");
  put("2026-11-20");
  SUBCASE("the oldest files are pruned, the newest kept") {
    CHECK(names(spool_results_dir(config)) ==
          std::vector<std::string>{"20261120T080000Z-PC-0123.yaml", "20261127T080000Z-PC-0123.yaml"});
  }
  SUBCASE("newest_spooled") {
    auto n = newest_spooled(config);
    REQUIRE(n);
    CHECK(n->filename() == "20261127T080000Z-PC-0123.yaml");
  }
}

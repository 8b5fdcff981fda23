// The default /etc/selfcheck/agent.yaml shipped by the package
// (packaging/agent.yaml): as shipped it must parse to the built-in defaults,
// and every commented setting, once uncommented, must be a valid key with a
// valid value — so the file an administrator edits never teaches a wrong key.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "agent/core/config.hpp"

namespace {

std::filesystem::path packaged_config() {
  return std::filesystem::path(SELFCHECK_SOURCE_RULES_DIR).parent_path() / "packaging" / "agent.yaml";
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Settings are written "#key: …" or "#  key: …" (no blank, or two or more,
// after '#'); prose is "# Text" (exactly one blank). Uncomment the settings.
std::string uncomment_settings(const std::string& text) {
  static const std::regex setting(R"(^#(?=\S|  ))");
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) {
    if (std::regex_search(line, setting)) line.erase(0, 1);
    out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("parse_config on the packaged agent.yaml") {
  const std::string text = read_all(packaged_config());
  REQUIRE_FALSE(text.empty());

  SUBCASE("as shipped: every key commented, the built-in defaults") {
    sc::Config c = sc::parse_config(text, "agent.yaml");
    sc::Config defaults;
    CHECK(c.classification == defaults.classification);
    CHECK_FALSE(c.classification_given);
    CHECK(c.asset_id.empty());
    CHECK(c.approved.empty());
    CHECK(c.collection_drives.empty());
    CHECK_FALSE(c.targets.has_value());
    CHECK(c.spool == defaults.spool);
    CHECK(c.spool_keep == defaults.spool_keep);
  }

  SUBCASE("every setting uncommented: valid keys and values, as documented") {
    const std::string all = uncomment_settings(text);
    CHECK(all != text);
    sc::Config c;
    REQUIRE_NOTHROW(c = sc::parse_config(all, "agent.yaml"));
    CHECK(c.asset_id == "A-17");
    CHECK(c.owner == "张三");
    CHECK(c.department == "办公室");
    CHECK(c.classification == sc::Classification::confidential);
    CHECK(c.classification_given);
    REQUIRE(c.approved.size() == 1);
    CHECK(c.approved[0].matches("0781", "5567", "4C530001230822117223"));
    CHECK(c.approved[0].note == "办公室 1 号 U 盘");
    REQUIRE(c.collection_drives.size() == 1);
    CHECK(c.collection_drives[0].matches("0951", "1666", "E0D55EA573F1F3B1A9B70C8F"));
    REQUIRE(c.targets.has_value());
    CHECK(c.targets->size() == 1);
    CHECK(c.internal_networks == std::vector<std::string>{"10.0.0.0/8"});
    CHECK(c.timeout_ms == 1500);
    CHECK(c.spool == "/var/lib/selfcheck");
    CHECK(c.spool_keep == 20);
  }
}

// Tests for agent/config: every key, defaults, and refusals with positions.
#include "agent/core/config.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "agent/core/errors.hpp"
#include "support/temp_dir.hpp"

using namespace sc;

namespace {
std::string error_of(const std::string& text) {
  try {
    parse_config(text, "agent.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("parse_config") {
  SUBCASE("the documented example") {
    Config c = parse_config(R"(host:
  asset_id: A-17
  owner: 张三
  department: 办公室
  classification: confidential
usb:
  approved:
    - {vid: "0781", pid: "5567", serial: "4C530001230822117223", note: 办公室 1 号 U 盘}
    - {vid: "090C", pid: "1000"}
  collection_drives:
    - {vid: "0951", pid: "1666", serial: "E0D55EA573F1F3B1A9B70C8F"}
network:
  targets: ["127.0.0.1:9"]
  internal_networks: [10.0.0.0/8]
  timeout_ms: 1500
spool: /var/lib/selfcheck
spool_keep: 20
)",
                            "agent.yaml");
    CHECK(c.asset_id == "A-17");
    CHECK(c.owner == "张三");
    CHECK(c.classification == Classification::confidential);
    REQUIRE(c.approved.size() == 2);
    CHECK(c.approved[0].serial.value() == "4C530001230822117223");
    CHECK(c.approved[1].vid == "090c");  // normalised to lower case
    CHECK_FALSE(c.approved[1].serial.has_value());
    CHECK(c.approved[0].matches("0781", "5567", "4C530001230822117223"));
    CHECK_FALSE(c.approved[0].matches("0781", "5567", "OTHER"));
    CHECK(c.approved[1].matches("090C", "1000", "anything"));  // no serial: the model matches
    REQUIRE(c.targets.has_value());
    CHECK(c.targets->at(0) == "127.0.0.1:9");
    CHECK(c.internal_networks.at(0) == "10.0.0.0/8");
    CHECK(c.spool_keep == 20);
  }
  SUBCASE("empty file gives defaults") {
    Config c = parse_config("", "agent.yaml");
    CHECK(c.classification == Classification::internal);
    CHECK_FALSE(c.targets.has_value());
    CHECK(c.timeout_ms == 1500);
  }
  SUBCASE("unknown key names file, line, column") {
    CHECK(error_of("host:\n  asset_id: A\n  colour: red\n") ==
          "agent.yaml:3:3: unknown key 'colour' (expected one of: asset_id, owner, department, classification)");
  }
  SUBCASE("bad classification") {
    CHECK(error_of("host:\n  classification: secret\n").rfind("agent.yaml:2:19: host.classification", 0) == 0);
  }
  SUBCASE("wrong type") {
    CHECK(error_of("network:\n  timeout_ms: fast\n")
              .rfind("agent.yaml:2:15: network.timeout_ms: expected a whole number", 0) == 0);
    CHECK(error_of("usb:\n  approved: yes\n").rfind("agent.yaml:2:13: usb.approved: expected a list", 0) == 0);
  }
  SUBCASE("bad vid") {
    CHECK(error_of("usb:\n  approved:\n    - {vid: 781, pid: \"5567\"}\n").find("expected 4 hex digits") !=
          std::string::npos);
  }
  SUBCASE("bad target") {
    CHECK(error_of("network:\n  targets: [\"localhost\"]\n").find("expected host:port") != std::string::npos);
  }
  SUBCASE("duplicate key is refused, not silently first-wins") {
    CHECK(error_of("host:\n  owner: a\n  owner: b\n") == "agent.yaml:3:3: duplicate key 'owner'");
  }
  SUBCASE("YAML syntax error has a position") {
    std::string e = error_of("host: [unclosed\n");
    CHECK(e.rfind("agent.yaml:", 0) == 0);
    CHECK(e.find(':', 11) != std::string::npos);
  }
  SUBCASE("top level must be a map") {
    CHECK(error_of("- a\n- b\n").rfind("agent.yaml:1:1: config: expected a map", 0) == 0);
  }
}

TEST_CASE("parse_config refuses hostile text with its position") {
  SUBCASE("invalid CIDRs") {
    for (const char* bad : {"999.1.1.1/8", "10.0.0.0/33", "::g/64", "10.0.0/8", "abc", "1.2.3.4/", "fe80::1/129"}) {
      INFO(bad);
      std::string e = error_of(std::string("network:\n  internal_networks: [\"") + bad + "\"]\n");
      CHECK(e.find("agent.yaml:2:") == 0);
      CHECK(e.find("expected an address/prefix") != std::string::npos);
    }
    CHECK(error_of("network:\n  internal_networks: [10.0.0.0/8, \"fd00::/8\", 192.168.1.1]\n").empty());
  }
  SUBCASE("a second YAML document") {
    std::string e = error_of("host:\n  owner: a\n---\nhost:\n  owner: b\n");
    CHECK(e.find("agent.yaml:") == 0);
    CHECK(e.find("second YAML document") != std::string::npos);
  }
  SUBCASE("invalid UTF-8, with the line and column") {
    std::string e = error_of("host:\n  owner: Zh\xff\xfe\n");
    CHECK(e.find("agent.yaml:2:12: not UTF-8") == 0);
  }
  SUBCASE("an unterminated quote") {
    CHECK(error_of("host:\n  owner: \"Zhang\nspool_keep: 3\n").find("agent.yaml:2:10: unterminated quote") == 0);
    CHECK(error_of("host:\n  owner: 'Zhang\n  department: x\n").find("agent.yaml:2:10: unterminated quote") == 0);
    CHECK(error_of("host:\n  owner: \"Zhang").find("agent.yaml:") == 0);
    // Quotes that close, on one line or folded over well-indented lines, and inside comments or words.
    CHECK(error_of("host:\n  owner: \"Zhang\n    San\"\n  department: it's # don't\n").empty());
  }
  SUBCASE("control characters, raw or escaped") {
    CHECK(error_of("host:\n  owner: a\x1b[2Jb\n").find("agent.yaml:2:11: a control character") == 0);
    std::string e = error_of("host:\n  owner: \"a\\e[2Jb\"\n");
    CHECK(e.find("agent.yaml:2:10: host.owner: control characters") == 0);
    CHECK(error_of("host:\n  owner: \"a\\u202eb\"\n").empty());  // bidi: shown escaped by printable()
  }
}

TEST_CASE("load_config size cap") {
  auto file = sc::test::unique_temp_dir("config-cap") / "100mb.yaml";
  {
    std::ofstream out(file, std::ios::binary);
    std::string line = "# " + std::string(1000, 'x') + "\n";
    for (int i = 0; i < 100 * 1024; ++i) out << line;
  }
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH_AS(load_config(file), doctest::Contains("is larger than"), ConfigError);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  std::filesystem::remove(file);
}

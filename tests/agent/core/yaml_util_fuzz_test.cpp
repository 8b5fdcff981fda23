// Regression tests for inputs the fuzzers (tests/fuzz/fuzz_config.cpp,
// fuzz_rules.cpp) found in agent/yaml_util: wrong shapes and missing keys are
// ConfigErrors with a position, and alias bombs are refused quickly.
#include <doctest/doctest.h>

#include <string>

#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/yaml_util.hpp"

using namespace sc;

TEST_CASE("YamlDoc::only_keys") {
  auto d = YamlDoc::load_string("{a: [b, {c: d}], s: text}\n", "r.yaml");
  SUBCASE("a list is not a map") {
    CHECK_THROWS_WITH_AS(d.only_keys(d.root["a"], {"x"}), "r.yaml:1:5: expected a map, found a list", ConfigError);
  }
  SUBCASE("a scalar is not a map") {
    CHECK_THROWS_WITH_AS(d.only_keys(d.root["s"], {"x"}), "r.yaml:1:21: expected a map, found 'text'", ConfigError);
  }
}

TEST_CASE("YamlDoc::str") {
  SUBCASE("missing key of a const map") {
    const auto d = YamlDoc::load_string("id: x\n", "r.yaml");
    const YAML::Node& root = d.root;
    CHECK_THROWS_WITH_AS(d.str(root["name"], "name"), "r.yaml: name: expected a string, found nothing", ConfigError);
    CHECK_THROWS_AS(d.integer(root["n"], "n", 0, 1), ConfigError);
    CHECK_THROWS_AS(d.boolean(root["b"], "b"), ConfigError);
    CHECK_THROWS_AS(d.str_list(root["l"], "l"), ConfigError);
  }
}

TEST_CASE("YamlDoc::load_string") {
  SUBCASE("nested aliases (billion laughs)") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
      text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
      text += "]\n";
    }
    CHECK_THROWS_WITH_AS(parse_config(text, "agent.yaml"), doctest::Contains("aliases expanding"), ConfigError);
  }
  // yaml-cpp 0.7's LoadAll loops for ever, allocating, on these (found by
  // fuzz_config and fuzz_usb_rules): refused at once with a position.
  SUBCASE("a lone comma") {
    CHECK_THROWS_WITH_AS(YamlDoc::load_string(",", "agent.yaml"), "agent.yaml:1:1: not a YAML document", ConfigError);
  }
  SUBCASE("the fuzzer's config") {
    std::string text =
        ",!!strusbost:\n0.0.0/8ets: [\"127.0.0.1:1\"]\n$ internal_netwoserrks: [4F1F3B1A9B70C8F2A1*a0D8"
        "\r\r\r\r\r\r\r\r\r #\r\r\r.0.0/8]10.0.0.0/8\n  timeout_ms: 500\n";
    CHECK_THROWS_WITH_AS(parse_config(text, "agent.yaml"), "agent.yaml:1:1: not a YAML document", ConfigError);
  }
  SUBCASE("a comma after a map") {
    CHECK_THROWS_WITH_AS(YamlDoc::load_string("a: 1\n,\n", "r.yaml"), doctest::Contains("r.yaml:2:1"), ConfigError);
  }
  SUBCASE("a second document is still refused") {
    CHECK_THROWS_WITH_AS(YamlDoc::load_string("a: 1\n---\nb: 2\n", "r.yaml"),
                         "r.yaml:2:1: a second YAML document: one file holds one document", ConfigError);
  }
  SUBCASE("an empty file is an empty document") {
    auto d = YamlDoc::load_string("", "r.yaml");
    CHECK(d.root.IsNull());
  }
  SUBCASE("a few aliases are fine") {
    auto d = YamlDoc::load_string("a: &x [1, 2]\nb: *x\n", "r.yaml");
    CHECK(d.root["b"].size() == 2);
  }
}

// Fuzz target: rule files as the probes read them (sc::YamlDoc::load_string and
// its strict accessors). Any bytes must load or throw ConfigError; walking the
// tree with every accessor must only ever throw ConfigError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "agent/core/errors.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/yaml_util.hpp"

namespace {

void walk(const sc::YamlDoc& d, const YAML::Node& n, int depth, int& budget) {
  if (depth > 80 || --budget < 0) return;
  auto tryit = [](auto&& f) {
    try {
      f();
    } catch (const sc::ConfigError&) {
    }
  };
  tryit([&] { (void)d.str(n, "value"); });
  tryit([&] { (void)d.integer(n, "value", -1000, 1000000); });
  tryit([&] { (void)d.boolean(n, "value"); });
  tryit([&] { (void)d.str_list(n, "value"); });
  tryit([&] { d.only_keys(n, {"id", "name", "max_age_days"}); });
  if (n.IsMap()) {  // a missing key of a const map is an invalid node
    tryit([&] { (void)d.str(n["id"], "id"); });
    tryit([&] { d.expect_list(n["products"], "products"); });
  }
  (void)d.where(n);
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      walk(d, it->first, depth + 1, budget);
      walk(d, it->second, depth + 1, budget);
    }
  } else if (n.IsSequence()) {
    for (const auto& c : n) walk(d, c, depth + 1, budget);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    sc::YamlDoc d = sc::YamlDoc::load_string(text, "rules/antivirus.yaml");
    int budget = 20000;
    walk(d, d.root, 0, budget);
    sc::Rules r = sc::Rules::from_docs({d});
    (void)r.docs("antivirus");
  } catch (const sc::ConfigError&) {
  }
  return 0;
}

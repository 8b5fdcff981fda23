// Fuzz target: a rules.d/antivirus.yaml override over the shipped
// rules/antivirus.yaml, read as the agent does (sc::Rules::from_docs, then the
// antivirus probe's configure()). Any bytes give rules or a ConfigError —
// never another exception. Merged products keep unique ids and the shipped
// products stay (an override replaces or appends, never drops).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "agent/core/errors.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/yaml_util.hpp"
#include "checks/antivirus/antivirus_rules.hpp"
#include "checks/probes.hpp"
#include "fuzz_check.hpp"

namespace {

const sc::YamlDoc& base() {
  static const sc::YamlDoc d = sc::YamlDoc::load_file(SELFCHECK_SOURCE_RULES_DIR "/antivirus.yaml");
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::AvRules rules;
  try {
    sc::YamlDoc over = sc::YamlDoc::load_string(text, "/etc/selfcheck/rules.d/antivirus.yaml");
    sc::Rules r = sc::Rules::from_docs({base(), over});
    auto probe = sc::make_antivirus_probe();
    probe->configure(r, sc::Config{});
    rules = sc::load_av_rules(r);
  } catch (const sc::ConfigError&) {
    return 0;
  }
  static const std::set<std::string> shipped = [] {
    std::set<std::string> ids;
    for (const auto& p : sc::load_av_rules(sc::Rules::from_docs({base()})).products) ids.insert(p.id);
    return ids;
  }();
  std::set<std::string> ids;
  for (const auto& p : rules.products) {
    FUZZ_CHECK(!p.id.empty());
    FUZZ_CHECK(ids.insert(p.id).second);
  }
  for (const auto& id : shipped) FUZZ_CHECK(ids.count(id) == 1);
  return 0;
}

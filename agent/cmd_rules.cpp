// `selfcheck rules check [DIR]`: load the rule files and let every probe
// parse its own; exit 0 when valid, 2 with file:line:column otherwise.
#include <fmt/format.h>

#include <ostream>
#include <vector>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/probe.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/text.hpp"
#include "agent/scan.hpp"

namespace sc {

int cmd_rules(const Args& args, std::ostream& out, std::ostream&) {
  po::options_description desc("selfcheck rules options");
  desc.add_options()("help,h", "this help")("words", po::value<std::vector<std::string>>(), "check [DIR]");
  po::positional_options_description pos;
  pos.add("words", -1);
  auto vm = parse_options("rules", args, desc, &pos);
  std::vector<std::string> words =
      vm.count("words") ? vm["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (vm.count("help") || words.empty() || words[0] != "check" || words.size() > 2) {
    if (vm.count("help")) {
      out << "Usage: selfcheck rules check [DIR]\n";
      return 0;
    }
    throw UsageError("rules: usage: selfcheck rules check [DIR]");
  }
  std::filesystem::path dir = words.size() == 2 ? std::filesystem::path(words[1]) : default_rules_dir();
  Rules rules = Rules::load({dir}, {dir});
  Config config;
  auto probes = builtin_probes();
  for (auto& p : probes) p->configure(rules, config);
  // A file no probe reads is a misspelled name ("phone.yaml", "av.yaml"):
  // refused, never ignored (issue 14).
  std::vector<const Probe*> configured;
  for (const auto& p : probes) configured.push_back(p.get());
  if (auto unread = unread_rule_files(rules, configured); !unread.empty()) throw ConfigError(unread.front());
  Time now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  for (auto& p : probes)
    for (const auto& w : p->rule_warnings(now)) out << "warning: " << w << "\n";
  out << printable(fmt::format("{}: {} rule files valid ({})\n", dir.string(), rules.all().size(), rules.digest()));
  out.flush();
  if (!out) throw OutputError("cannot write to standard output");
  return 0;
}

}  // namespace sc

// `selfcheck probes`: the built-in probes and their finding ids, from the
// one explicit table, with each finding's rationale.
#include <fmt/format.h>

#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/probe.hpp"

namespace sc {

int cmd_probes(const Args& args, std::ostream& out, std::ostream&) {
  po::options_description desc("selfcheck probes options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "zh | en (default from LANG)");
  auto vm = parse_options("probes", args, desc);
  if (vm.count("help")) {
    out << "Usage: selfcheck probes [--lang zh|en]\n" << desc;
    return 0;
  }
  Lang lang = lang_option(vm);
  for (const auto& p : builtin_probes()) {
    out << p->name() << "\n";
    for (const auto& s : p->specs()) {
      out << fmt::format("  {:<30} {:<6} {}\n", s.id, to_string(s.severity), s.title.in(lang));
      if (!s.rationale.in(lang).empty()) out << fmt::format("  {:<30} {:<6} {}\n", "", "", s.rationale.in(lang));
    }
  }
  out.flush();
  if (!out) throw OutputError("cannot write to standard output");
  return 0;
}

}  // namespace sc

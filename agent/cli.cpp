// run_cli: dispatch to the subcommand, --help and --version, and the mapping
// of exceptions to exit codes (usage/config 2, output 3).
#include "agent/cli.hpp"

#include <fmt/format.h>

#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/integrity.hpp"
#include "agent/scan.hpp"

namespace sc {

po::variables_map parse_options(const std::string& command, const std::vector<std::string>& args,
                                const po::options_description& desc,
                                const po::positional_options_description* positional) {
  po::variables_map vm;
  try {
    auto parser = po::command_line_parser(args).options(desc).style(po::command_line_style::default_style &
                                                                    ~po::command_line_style::allow_guessing);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("{}: {}", command, e.what()));
  }
  return vm;
}

Lang lang_option(const po::variables_map& vm) {
  if (!vm.count("lang")) return lang_from_env();
  std::string l = vm["lang"].as<std::string>();
  if (l == "zh" || l.rfind("zh_", 0) == 0 || l == "zh-CN") return Lang::zh;
  if (l == "en" || l.rfind("en_", 0) == 0) return Lang::en;
  throw UsageError(fmt::format("--lang: expected zh or en, found '{}'", l));
}

std::string format_option(const po::variables_map& vm, const std::vector<std::string>& allowed,
                          const std::string& fallback) {
  if (!vm.count("format")) return fallback;
  std::string f = vm["format"].as<std::string>();
  for (const auto& a : allowed)
    if (a == f) return f;
  throw UsageError(fmt::format("--format: expected one of {}, found '{}'", fmt::join(allowed, ", "), f));
}

namespace {

// {}: the default unit key file of this build (platform.hpp local_paths()).
const char* kUsage = R"(selfcheck — endpoint security self-check (自查) for the yearly self-inspection report

Usage:
  selfcheck scan [--root DIR] [--config FILE] [--rules DIR] [--as-of TIME]
                 [--only PROBES|IDS] [--live|--offline] [--format yaml|json|text]
                 [--lang zh|en] [--output FILE|-] [--collect[=DIR]]
  selfcheck report FILE... [--format text|markdown|html] [--lang zh|en]
  selfcheck summary DIR|FILE... [--format text|markdown|html|json] [--lang zh|en] [--key FILE]
  selfcheck collect [DIR]          newest spooled result onto the collection drive
  selfcheck verify [--key FILE] FILE...
  selfcheck key new [FILE]         the unit's HMAC key (default {})
  selfcheck usb list [--root DIR] [--yaml]
  selfcheck probes                 probes and finding ids
  selfcheck rules check [DIR]      validate rule files
  selfcheck schedule install|remove|show [--xml]
                                   the weekly Friday task on Windows
  selfcheck --help | --version

Exit codes: 0 no failing finding; 1 at least one failing finding (verify: a bad
file); 2 usage, config or rules error; 3 output not written.
Run `selfcheck COMMAND --help` for a command's options.
)";

std::string usage() { return fmt::format(fmt::runtime(kUsage), path_text(default_key_file())); }

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << usage();
    return 2;
  }
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    out << usage();
    return 0;
  }
  if (cmd == "--version" || cmd == "-V") {
    out << "selfcheck " << SELFCHECK_VERSION << "\n";
    return 0;
  }
  Args rest(args.begin() + 1, args.end());
  try {
    if (cmd == "scan") return cmd_scan(rest, out, err);
    if (cmd == "report") return cmd_report(rest, out, err);
    if (cmd == "summary") return cmd_summary(rest, out, err);
    if (cmd == "collect") return cmd_collect(rest, out, err);
    if (cmd == "verify") return cmd_verify(rest, out, err);
    if (cmd == "key") return cmd_key(rest, out, err);
    if (cmd == "probes") return cmd_probes(rest, out, err);
    if (cmd == "rules") return cmd_rules(rest, out, err);
    if (cmd == "usb") return cmd_usb(rest, out, err);
    if (cmd == "schedule") return cmd_schedule(rest, out, err);
    throw UsageError(fmt::format("unknown command '{}'", cmd));
  } catch (const UsageError& e) {
    // Messages quote file names and file contents: printable() keeps their
    // control characters off the terminal.
    err << "selfcheck: " << printable(e.what()) << "\n(see `selfcheck --help`)\n";
    return 2;
  } catch (const ConfigError& e) {
    err << "selfcheck: " << printable(e.what()) << "\n";
    return 2;
  } catch (const OutputError& e) {
    err << "selfcheck: " << printable(e.what()) << "\n";
    return 3;
  } catch (const std::bad_alloc&) {
    err << "selfcheck: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    err << "selfcheck: " << printable(e.what()) << "\n";
    return 3;
  }
}

}  // namespace sc

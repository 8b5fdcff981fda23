// `selfcheck scan`: run the probes, write the findings file (--output, or
// the spool), print the report section, exit 0/1 (2 usage/config, 3 output).
#include <fmt/format.h>

#include <iostream>
#include <ostream>
#include <sstream>

#include "agent/cli_options.hpp"
#include "agent/collect.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/report.hpp"
#include "agent/scan.hpp"
#include "agent/spool.hpp"

namespace sc {

namespace {

// --only a,b --only c; an empty value (--only '') selects nothing and would
// yield a findings file with no findings that passes: a usage error.
std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream ss(v);
    std::string item;
    std::size_t before = out.size();
    while (std::getline(ss, item, ','))
      if (!item.empty()) out.push_back(item);
    if (out.size() == before)
      throw UsageError("scan: --only needs probe names or finding ids (see `selfcheck probes`)");
  }
  return out;
}

std::string render(const Document& doc, const std::string& format, Lang lang) {
  if (format == "json") return to_json(doc, true);
  if (format == "text") return render_text(doc, lang);
  return to_yaml(doc);
}

}  // namespace

int cmd_scan(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck scan options");
  desc.add_options()("help,h", "this help")("root", po::value<std::string>(),
                                            "audit the machine rooted at DIR (a mounted disk, a fixture); default /")(
      "config", po::value<std::string>(), "config file (default <root>/etc/selfcheck/agent.yaml)")(
      "rules", po::value<std::string>(), "rules directory (default /usr/share/selfcheck/rules)")(
      "as-of", po::value<std::string>(), "judge ages as of TIME (ISO 8601 with offset, or a date)")(
      "only", po::value<std::vector<std::string>>()->composing(), "comma-separated probe names or finding ids")(
      "live", "run live checks (connections, USB now, services) even with --root")(
      "offline", "no live checks, even on /")("format", po::value<std::string>(),
                                              "yaml | json | text (default yaml with --output)")(
      "lang", po::value<std::string>(), "zh | en (default from LANG)")(
      "output,o", po::value<std::string>(), "write the findings here (FILE, or - for stdout)")(
      "collect", po::value<std::string>()->implicit_value(""),
      "also copy the findings onto the collection drive (--collect=DIR names it)");
  auto vm = parse_options("scan", args, desc);
  if (vm.count("help")) {
    out << "Usage: selfcheck scan [options]\n" << desc;
    return 0;
  }
  if (vm.count("live") && vm.count("offline")) throw UsageError("scan: --live and --offline exclude each other");
  if (vm.count("output") && vm["output"].as<std::string>().empty())
    throw UsageError("scan: --output needs a file name (or - for standard output)");

  ScanRequest req;
  // Paths from UTF-8 arguments (path_from_utf8: never the ANSI code page on Windows).
  if (vm.count("root")) req.root = path_from_utf8(vm["root"].as<std::string>());
  if (vm.count("config")) req.config_file = path_from_utf8(vm["config"].as<std::string>());
  if (vm.count("rules")) req.rules_dir = path_from_utf8(vm["rules"].as<std::string>());
  if (vm.count("as-of")) req.as_of = vm["as-of"].as<std::string>();
  if (vm.count("only")) req.only = split_list(vm["only"].as<std::vector<std::string>>());
  if (vm.count("live")) req.live = true;
  if (vm.count("offline")) req.live = false;
  req.lang = lang_option(vm);
  std::string format = format_option(vm, {"yaml", "json", "text"}, "yaml");
  std::optional<std::filesystem::path> collect_dir;
  if (vm.count("collect") && !vm["collect"].as<std::string>().empty())
    collect_dir = path_from_utf8(vm["collect"].as<std::string>());

  ScanSetup setup = prepare_scan(req);
  for (const auto& w : setup.rule_warnings) err << printable(fmt::format("selfcheck: warning: {}\n", w));
  Document doc = run_scan(setup, req);
  int code = doc.verdict == "fail" ? 1 : 0;

  // The findings reach the drive after they are safe elsewhere (spool or
  // --output), so a full or vanishing drive loses nothing: exit 3.
  auto collect = [&] {
    if (!vm.count("collect")) return code;
    try {
      auto where = collect_document(*setup.host, setup.config, to_yaml(doc), doc, collect_dir);
      err << printable(fmt::format("selfcheck: findings collected to {}\n", where.string()));
    } catch (const OutputError& e) {
      err << printable(fmt::format("selfcheck: not collected: {}\n", e.what()));
      return 3;
    }
    return code;
  };

  if (vm.count("output")) {
    std::string target = vm["output"].as<std::string>();
    std::string text = render(doc, format, req.lang);
    if (target == "-") {
      out << (format == "text" ? printable(text) : text);
      out.flush();
      if (!out) throw OutputError("cannot write to standard output");
    } else {
      setup.host->write_file_atomic(path_from_utf8(target), text);
    }
    return collect();
  }

  // No --output: the spool gets the YAML (on the running machine only), the
  // terminal gets the section. A result that could not be kept is exit 3
  // (after the section is shown): a scheduled scan must not look fine.
  bool kept = true;
  if (setup.host->is_system_root()) {
    try {
      auto where = write_to_spool(*setup.host, setup.config, doc, to_yaml(doc));
      err << printable(fmt::format("selfcheck: findings written to {}\n", where.string()));
    } catch (const OutputError& e) {
      err << printable(fmt::format("selfcheck: findings not kept in the spool: {}\n", e.what()));
      kept = false;
    }
  } else {
    err << "selfcheck: auditing another root: no findings file written (use --output FILE)\n";
  }
  std::string shown = render(doc, vm.count("format") ? format : "text", req.lang);
  out << (vm.count("format") && format != "text" ? shown : printable(shown));
  out.flush();
  if (!out) throw OutputError("cannot write to standard output");
  int c = collect();
  return kept ? c : 3;
}

}  // namespace sc

// `selfcheck collect [DIR]`: copy the newest spooled findings file, byte for
// byte, onto the collection drive (found by its marker, or DIR).
#include <fmt/format.h>

#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/collect.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/integrity.hpp"
#include "agent/scan.hpp"
#include "agent/spool.hpp"

namespace sc {

int cmd_collect(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck collect options");
  const std::string config_help =
      fmt::format("config file (default {}): where the spool is", path_text(local_paths().settings / "agent.yaml"));
  desc.add_options()("help,h", "this help")("config", po::value<std::string>(), config_help.c_str())(
      "dir", po::value<std::string>(),
      "the collection drive's directory (default: the mounted drive with "
      "selfcheck-collection.yaml)");
  po::positional_options_description pos;
  pos.add("dir", 1);
  auto vm = parse_options("collect", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck collect [DIR] [--config FILE]\n" << desc;
    return 0;
  }
  std::optional<std::filesystem::path> config_file;
  if (vm.count("config")) config_file = vm["config"].as<std::string>();
  Config config = load_config_for("/", config_file);
  auto newest = newest_spooled(config);
  if (!newest)
    throw OutputError(fmt::format("no findings file in the spool {}: run `selfcheck scan` first",
                                  spool_results_dir(config).string()));
  FileResult f = read_local_file(*newest, kMaxFindingsBytes);
  if (!f.ok()) throw OutputError(fmt::format("cannot read {}: {}", newest->string(), f.error));
  std::string text = std::move(f.data);
  Document doc;
  try {
    doc = read_document(text);
  } catch (const DocumentError& e) {
    throw OutputError(fmt::format("{}: {}", path_text(*newest), e.what()));
  }
  Host host({});
  std::optional<std::filesystem::path> dir;
  if (vm.count("dir")) dir = vm["dir"].as<std::string>();
  auto written = collect_document(host, config, text, doc, dir);
  err << printable(fmt::format("selfcheck: {} copied to {}\n", newest->string(), written.string()));
  return 0;
}

}  // namespace sc

// `selfcheck key new [FILE] [--force]`: the unit's HMAC key, 32 random bytes
// (default /etc/selfcheck/unit.key, mode 0600). Copied to every machine, it
// signs findings files so that `verify` and `summary` detect edits.
#include <fmt/format.h>

#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/integrity.hpp"

namespace sc {

int cmd_key(const Args& args, std::ostream& out, std::ostream&) {
  po::options_description desc("selfcheck key options");
  desc.add_options()("help,h", "this help")("force",
                                            "replace an existing key (files signed with it will no longer verify)")(
      "action", po::value<std::string>(), "new")("file", po::value<std::string>(), "key file");
  po::positional_options_description pos;
  pos.add("action", 1).add("file", 1);
  auto vm = parse_options("key", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck key new [FILE] [--force]\n" << desc;
    return 0;
  }
  if (!vm.count("action")) throw UsageError("key: say what to do: selfcheck key new [FILE]");
  if (vm["action"].as<std::string>() != "new")
    throw UsageError(fmt::format("key: unknown action \"{}\" (expected: new)", vm["action"].as<std::string>()));
  std::string file = vm.count("file") ? vm["file"].as<std::string>() : path_text(default_key_file());
  write_new_key(path_from_utf8(file), vm.count("force") > 0);
  out << fmt::format(
      "selfcheck: wrote a new unit key to {} ({} random bytes, mode 0600).\n"
      "Copy it to {} on every machine of the unit and keep a copy for "
      "`selfcheck verify --key` and `selfcheck summary --key`.\n",
      file, kKeyBytes, path_text(default_key_file()));
  return 0;
}

}  // namespace sc

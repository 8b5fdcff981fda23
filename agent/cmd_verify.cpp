// `selfcheck verify [--key FILE] FILE...`: for each findings file, whether its
// integrity hash (and, with the unit key, its HMAC) holds. Exit 0 all ok, 1 any bad.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "agent/cli_options.hpp"
#include "agent/commands.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/integrity.hpp"

namespace sc {

// The key for verify/summary (declared in agent/integrity.hpp): --key FILE (must be readable), else the
// default key file when it can be read, else none (sha256 only).
std::string unit_key(const std::optional<std::string>& key_file, const std::string& command, std::ostream& err) {
  if (key_file) return read_key(path_from_utf8(*key_file));
  std::error_code ec;
  const std::filesystem::path file = default_key_file();
  if (!std::filesystem::exists(file, ec)) return {};
  try {
    return read_key(file);
  } catch (const ConfigError& e) {
    err << printable(fmt::format("selfcheck {}: {}; checking sha256 only\n", command, e.what()));
    return {};
  }
}

int cmd_verify(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description desc("selfcheck verify options");
  const std::string key_help = fmt::format("the unit key (default {} when readable)", path_text(default_key_file()));
  desc.add_options()("help,h", "this help")("key", po::value<std::string>(), key_help.c_str())(
      "file", po::value<std::vector<std::string>>(), "findings files");
  po::positional_options_description pos;
  pos.add("file", -1);
  auto vm = parse_options("verify", args, desc, &pos);
  if (vm.count("help")) {
    out << "Usage: selfcheck verify [--key FILE] FILE...\n" << desc;
    return 0;
  }
  if (!vm.count("file")) throw UsageError("verify: name at least one findings file");
  std::string key =
      unit_key(vm.count("key") ? std::optional<std::string>(vm["key"].as<std::string>()) : std::nullopt, "verify", err);
  int code = 0;
  for (const auto& file : vm["file"].as<std::vector<std::string>>()) {
    Verification v = verify_file(file, key);
    if (v.check == FileCheck::ok) {
      out << printable(fmt::format("{}: ok ({})\n", file,
                                   v.signed_checked ? "sha256 and HMAC"
                                   : key.empty()    ? "sha256; HMAC not checked: no key"
                                                    : "sha256"));
    } else {
      out << printable(fmt::format("{}: {}: {}\n", file, to_string(v.check), v.reason));
      code = 1;
    }
  }
  out.flush();
  // A verdict nobody could read is not a verdict.
  if (!out) throw OutputError("cannot write to standard output");
  return code;
}

}  // namespace sc

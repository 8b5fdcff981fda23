// Helpers shared by the subcommands' option parsing (Boost.Program_options):
// parse with usage errors, --lang and --format values.
#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"

namespace sc {

namespace po = boost::program_options;

// Parses `args` against `desc` (and positional names); throws UsageError
// with the command's name on any unknown or malformed option.
po::variables_map parse_options(const std::string& command, const std::vector<std::string>& args,
                                const po::options_description& desc,
                                const po::positional_options_description* positional = nullptr);

// --lang zh|en (default from LANG).
Lang lang_option(const po::variables_map& vm);
// The value of --format, checked against `allowed`.
std::string format_option(const po::variables_map& vm, const std::vector<std::string>& allowed,
                          const std::string& fallback);

}  // namespace sc

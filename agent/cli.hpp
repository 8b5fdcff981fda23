// The command line: `selfcheck scan|report|summary|collect|verify|key|probes|rules`.
// run_cli is the whole program; main() only calls it (tests call it too).
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace sc {

// Exit codes (DESIGN.md): 0 ok, 1 a failing finding / a bad file, 2 usage,
// config or rules error, 3 output not written. Precedence 2 > 3 > 1 > 0.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace sc

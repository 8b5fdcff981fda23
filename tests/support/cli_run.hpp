// Running the CLI in-process (sc::run_cli) from tests: exit code, standard
// output and error as strings. For the real binary see support/binary.hpp.
#pragma once
#include <sstream>
#include <string>
#include <vector>

#include "agent/cli.hpp"

namespace sc::test {

struct Run {
  int code;
  std::string out, err;
};

inline Run cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace sc::test

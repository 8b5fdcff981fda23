// The thin main: everything else is in selfcheck_core.
#include <iostream>

#include "agent/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return sc::run_cli(args, std::cout, std::cerr);
}

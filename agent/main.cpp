// The thin main: everything else is in selfcheck_core.
#include <iostream>

#include "agent/cli.hpp"

#ifndef _WIN32
#include <signal.h>

// A closed pipe on stdout (`selfcheck probes | head -1`) must be a write
// error the commands report (exit 3), not a silent death by SIGPIPE. A
// handler, not SIG_IGN: handled signals are reset to the default in the
// commands the probes run (execve), ignored ones would stay ignored there.
extern "C" void selfcheck_on_sigpipe(int) {}
#endif

int main(int argc, char** argv) {
#ifndef _WIN32
  struct sigaction sa {};
  sa.sa_handler = selfcheck_on_sigpipe;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGPIPE, &sa, nullptr);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  return sc::run_cli(args, std::cout, std::cerr);
}

// The thin main: everything else is in selfcheck_core. On Windows the
// arguments come from the UTF-16 command line (wmain, -municode) as UTF-8, and
// output goes through StdStream: WriteConsoleW to a console, UTF-8 bytes to a
// file or pipe (WINDOWS.md "Text and the console").
#include <iostream>

#include "agent/cli.hpp"

#ifdef _WIN32
#include "agent/host/win32_text.hpp"

int wmain(int, wchar_t**) {
  std::vector<std::string> args = sc::win::utf8_args();
  sc::win::StdStream out(STD_OUTPUT_HANDLE), err(STD_ERROR_HANDLE);
  int rc = sc::run_cli(args, out, err);
  out.flush();
  err.flush();
  return rc;
}
#else
#include <signal.h>

// A closed pipe on stdout (`selfcheck probes | head -1`) must be a write
// error the commands report (exit 3), not a silent death by SIGPIPE. A
// handler, not SIG_IGN: handled signals are reset to the default in the
// commands the probes run (execve), ignored ones would stay ignored there.
extern "C" void selfcheck_on_sigpipe(int) {}

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
#endif

// Running the real `selfcheck` binary (SELFCHECK_BINARY) from tests, as a
// user would: arguments, environment, exit code, standard output and error.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace sc::test {

struct BinaryRun {
  int code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `env` like "LANG=C" (the locale the command runs under); stdin is empty.
inline BinaryRun run_binary(const std::vector<std::string>& args, const std::string& env = "LANG=C LC_ALL=C") {
  auto dir = unique_temp_dir("run");
  std::string cmd = "env -u LANGUAGE " + env + " " + shell_quote(SELFCHECK_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " </dev/null >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  BinaryRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp_file(dir / "out");
  r.err = slurp_file(dir / "err");
  return r;
}

}  // namespace sc::test

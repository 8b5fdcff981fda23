// Exceptions used only at the edges (CLI, config, rules, output). Probes never
// throw these out of run(): they report `unknown` findings instead.
#pragma once
#include <stdexcept>
#include <string>

namespace sc {

// Bad command line: exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bad config or rules file: exit code 2. The message starts with file:line:column.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A file that had to be written was not: exit code 3.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A findings file that cannot be read back (bad YAML/JSON, unknown schema).
struct DocumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace sc

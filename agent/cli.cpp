// Placeholder CLI while the scan path is built.
#include "agent/cli.hpp"

#include <ostream>

namespace sc {

int run_cli(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
  err << "selfcheck: not built yet\n";
  return 2;
}

}  // namespace sc

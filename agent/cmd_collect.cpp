// `selfcheck collect` (placeholder until it is built).
#include <ostream>

#include "agent/commands.hpp"

namespace sc {

int cmd_collect(const Args&, std::ostream&, std::ostream& err) {
  err << "selfcheck collect: not yet supported\n";
  return 2;
}

}  // namespace sc

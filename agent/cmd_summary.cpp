// `selfcheck summary` (placeholder until it is built).
#include <ostream>

#include "agent/commands.hpp"

namespace sc {

int cmd_summary(const Args&, std::ostream&, std::ostream& err) {
  err << "selfcheck summary: not yet supported\n";
  return 2;
}

}  // namespace sc

// `selfcheck verify` (placeholder until it is built).
#include <ostream>

#include "agent/commands.hpp"

namespace sc {

int cmd_verify(const Args&, std::ostream&, std::ostream& err) {
  err << "selfcheck verify: not yet supported\n";
  return 2;
}

}  // namespace sc

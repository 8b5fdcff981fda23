// `selfcheck key` (placeholder until it is built).
#include <ostream>

#include "agent/commands.hpp"

namespace sc {

int cmd_key(const Args&, std::ostream&, std::ostream& err) {
  err << "selfcheck key: not yet supported\n";
  return 2;
}

}  // namespace sc

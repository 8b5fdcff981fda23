// `selfcheck usb` (placeholder until it is built).
#include <ostream>

#include "agent/commands.hpp"

namespace sc {

int cmd_usb(const Args&, std::ostream&, std::ostream& err) {
  err << "selfcheck usb: not yet supported\n";
  return 2;
}

}  // namespace sc

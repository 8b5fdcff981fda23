// The memoized USB history fact. Placeholder until the usb probe's work.
#include "checks/usb_history.hpp"

#include "agent/host.hpp"

namespace sc {

std::string_view to_string(UsbKind k) {
  switch (k) {
    case UsbKind::storage:
      return "storage";
    case UsbKind::phone:
      return "phone";
    case UsbKind::network:
      return "network";
    case UsbKind::other:
      return "other";
  }
  return "other";
}

const UsbHistory& usb_history(const Host& host) {
  return host.fact<UsbHistory>("usb.history", [] {
    UsbHistory h;
    h.problems.push_back("not yet supported");
    return h;
  });
}

}  // namespace sc

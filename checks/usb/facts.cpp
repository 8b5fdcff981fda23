// The USB fact's dispatch (which gatherer serves the audited system) and the
// comparisons every consumer of the facts shares (serials, approved entries).
#include "checks/usb/facts.hpp"

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"

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

bool same_serial(const UsbSeen& d, std::string_view serial) {
  if (!d.serial_case_insensitive) return d.serial == serial;
  if (d.serial.size() != serial.size()) return false;
  auto up = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  for (std::size_t i = 0; i < serial.size(); ++i)
    if (up(d.serial[i]) != up(serial[i])) return false;
  return true;
}

bool usb_entry_matches(const UsbEntry& e, const UsbSeen& d) {
  if (e.vid != d.vid || e.pid != d.pid) return false;
  return !e.serial || same_serial(d, *e.serial);
}

const UsbFacts& usb_facts(const Host& host) {
  // The Windows gatherer (checks/usb/windows.cpp) joins here, chosen by the
  // audited system (WINDOWS.md: never by #ifdef).
  return host.fact<UsbFacts>("usb.history", [&] { return gather_usb_facts_linux(host); });
}

}  // namespace sc

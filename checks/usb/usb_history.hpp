// The kernel's USB history on Linux: the USB facts (facts.hpp) as the Linux
// gatherer builds them from the kernel log (text syslog with rotations, the
// systemd journal) plus what is plugged in now. Kept for the names the tests
// and the network probe use.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"
#include "checks/usb/facts.hpp"

namespace sc {

class Host;

// The Linux gatherer without memoizing (the fact calls it once).
inline UsbHistory build_usb_history(const Host& host) { return gather_usb_facts_linux(host); }

}  // namespace sc

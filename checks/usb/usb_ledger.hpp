// The agent's own USB ledger (<root>/var/lib/selfcheck/usb-ledger.yaml): every
// scan merges what it saw, so a device stays on record after the kernel logs
// that showed it have rotated away. Pure: text in, devices out, and back.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"
#include "checks/usb/usb_history.hpp"

namespace sc {

inline constexpr std::string_view kLedgerPath = "/var/lib/selfcheck/usb-ledger.yaml";
inline constexpr std::size_t kLedgerTimesKept = 100;  // connection times kept per device

struct Ledger {
  std::vector<UsbSeen> devices;  // sources = {"ledger"}
  std::string error;             // why the text was refused ("" when fine)
};

Ledger parse_ledger(std::string_view text, const Zone& zone);
std::string format_ledger(const std::vector<UsbSeen>& devices, const Zone& zone);

}  // namespace sc

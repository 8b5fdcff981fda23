// The usb probe's rule data (rules/usb.yaml + rules.d overrides): storage and
// tethering drivers, phone vendor/product id ranges and MTP/PTP hints, and the
// decisions made from them (is this device a phone? storage?).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "agent/core/rules.hpp"
#include "checks/usb/usb_history.hpp"

namespace sc {

struct PhoneRule {
  std::string id, vendor, vid;
  std::vector<std::pair<int, int>> pids;  // inclusive ranges
};

struct UsbRules {
  std::vector<std::string> storage_drivers{"usb-storage", "uas"};
  std::vector<std::string> tethering_drivers{"rndis_host", "cdc_ether", "cdc_ncm", "ipheth"};
  std::vector<std::string> phone_drivers{"ipheth", "usbaapl", "mtp"};
  std::vector<std::string> phone_hints;
  std::vector<PhoneRule> phones;

  // The matching phone rule's vendor name, or the reason words ("MTP"), or "".
  std::string phone_reason(const UsbSeen& d) const;
  bool is_storage(const UsbSeen& d) const;
  bool is_tethering(const UsbSeen& d) const;
  // phone > storage > network > other.
  UsbKind kind(const UsbSeen& d) const;
};

// Merges every "usb" document (base, then overrides). Throws ConfigError.
UsbRules parse_usb_rules(const Rules& rules);

}  // namespace sc

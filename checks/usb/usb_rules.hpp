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
  // The lists come from rules/usb.yaml (the one place: the network probe's
  // tethering check reads tethering_drivers from here too).
  std::vector<std::string> storage_drivers;
  std::vector<std::string> tethering_drivers;
  std::vector<std::string> modem_drivers;
  std::vector<std::string> phone_drivers;
  std::vector<std::string> phone_hints;
  std::vector<PhoneRule> phones;

  // Why the device is a phone ("" when it is not): the matching phone rule's
  // vendor name (vid AND pid), a phone-only driver (ipheth), or a hint word
  // ("MTP") in its strings — a hint only counts for a phone maker's vendor
  // id and a device that bound no network or modem driver: "MTP" or
  // "Android" alone also name cameras, media players and LTE modems.
  std::string phone_reason(const UsbSeen& d) const;
  bool is_storage(const UsbSeen& d) const;
  bool is_tethering(const UsbSeen& d) const;
  // phone > storage > network > other.
  UsbKind kind(const UsbSeen& d) const;
};

// Every device's kind, with one handset's modes taken together: a phone
// switching mode (MTP, adb, tethering, mass storage) shows the same serial
// under other product ids of the same vendor; those devices are that phone
// too (model by serial), so it counts once and its storage mode is not a
// drive to approve.
struct UsbClassified {
  UsbKind kind = UsbKind::other;
  std::string phone;        // why it is a phone ("" when not)
  std::size_t handset = 0;  // index of the device that stands for the same handset (itself when alone)
};
std::vector<UsbClassified> classify_devices(const UsbRules& rules, const std::vector<UsbSeen>& devices);

// Merges every "usb" document (base, then overrides). Throws ConfigError.
UsbRules parse_usb_rules(const Rules& rules);

}  // namespace sc

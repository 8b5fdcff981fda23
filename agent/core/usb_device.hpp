// One USB device as the findings file lists it (usb_devices[]): what the usb
// probe reports and the summary reads back for cross-use of media.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sc {

struct UsbDeviceRecord {
  std::string vid, pid, serial;  // always strings; serial "" when none
  std::string vendor, product;
  std::string kind;                   // storage | phone | network | other
  std::string first_seen, last_seen;  // ISO 8601 with offset, "" when unknown
  std::int64_t connections = 0;
  bool approved = false;
  std::string role;  // "collection" for a collection drive, else ""
  std::vector<std::string> sources;
};

}  // namespace sc

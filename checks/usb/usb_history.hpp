// The kernel's USB history: every USB device seen in the kernel log (text
// syslog with rotations, the systemd journal) plus what is plugged in now.
// A memoized fact on the Host: the usb probe and the network probe (tethering)
// share one pass over the logs, and `--only network` still works.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;

enum class UsbKind { storage, phone, network, other };
std::string_view to_string(UsbKind k);

struct UsbSeen {
  std::string vid, pid, serial;      // vid/pid 4 lower-case hex; serial "" when none
  std::string vendor, product;       // Manufacturer / Product strings
  UsbKind kind = UsbKind::other;     // from the kernel drivers; the usb probe refines phones with rules/usb.yaml
  std::vector<std::string> drivers;  // usb-storage, uas, rndis_host, cdc_ether, ipheth, ...
  std::optional<Time> first_seen, last_seen;
  std::int64_t connections = 0;
  std::vector<std::string> sources;  // "/var/log/syslog.2.gz", "journal", "ledger", "present"
  // Added by the usb work:
  std::string bcd;         // bcdDevice ("1.00")
  bool scsi_disk = false;  // the kernel attached a SCSI disk for it
  // Seen only in text logs while the kernel journal covers that time: a
  // `logger -t kernel` line may have forged it (sources then also say so).
  bool unconfirmed = false;
  std::vector<Time> connection_times;  // newest kLedgerTimesKept connection times, oldest first
};

struct UsbHistory {
  std::vector<UsbSeen> devices;
  std::vector<std::string> sources_read;  // what could be read
  std::vector<std::string> problems;      // unreadable logs, truncated .gz, journal errors
  bool any_source = false;                // false → the finding is unknown
  std::string ledger_note;                // "ledger written", "ledger not written: …", "" offline
};

// Builds the history without memoizing (the fact calls this once).
UsbHistory build_usb_history(const Host& host);

// The memoized fact (key "usb.history"). Never throws.
const UsbHistory& usb_history(const Host& host);

}  // namespace sc

// The USB facts: everything the usb probe's judgement (checks/usb/usb.cpp)
// and the network probe's tethering check need, filled by one gatherer per
// audited system (checks/usb/linux.cpp: kernel logs, journal, libusb;
// checks/usb/windows.cpp: registry, setupapi.dev.log, event logs). The
// judgement never asks the machine anything: what it cannot see here it
// cannot judge, so a gatherer records what it could NOT read as carefully as
// what it read ("no devices" and "history unreadable" must never look alike).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;
struct UsbEntry;

enum class UsbKind { storage, phone, network, other };
std::string_view to_string(UsbKind k);

// One device (one identity: vid + pid + serial), all its connections merged.
struct UsbSeen {
  std::string vid, pid, serial;      // vid/pid 4 lower-case hex; serial "" when none
  std::string vendor, product;       // Manufacturer / Product strings (cleaned: printable UTF-8)
  UsbKind kind = UsbKind::other;     // from what the system bound (drivers, classes); rules refine phones
  std::vector<std::string> drivers;  // usb-storage, uas, rndis_host, cdc_ether, ipheth, USBSTOR, …
  std::vector<int>
      interface_classes;  // USB interface classes when known (8 storage, 6 still image, 0xff vendor, 2/10 CDC)
  std::optional<Time> first_seen, last_seen;
  std::int64_t connections = 0;
  std::vector<std::string> sources;  // "/var/log/syslog.2.gz", "journal", "ledger", "present", "registry", …
  std::string bcd;                   // bcdDevice ("1.00")
  bool scsi_disk = false;            // a disk was attached for it (storage even without a storage driver name)
  // Seen only in text logs while the kernel journal covers that time: a
  // `logger -t kernel` line may have forged it (sources then also say so).
  bool unconfirmed = false;
  // A second identity was printed for a connection that already had one
  // (forged lines): this device is one side of a conflict (see
  // UsbFacts::conflicts); the judgement warns about it and never lets it
  // replace the other side.
  bool conflict = false;
  // Serials compare case-insensitively for this device (Windows instance ids
  // upper-case what the device reported); false on Linux (the kernel prints
  // the descriptor verbatim). Used by same_serial().
  bool serial_case_insensitive = false;
  std::vector<Time> connection_times;  // newest kLedgerTimesKept connection times, oldest first
};

// A history source that exists but could not be read (permissions, a
// directory where a file should be, a journal file libsystemd would skip).
// Any of these makes the usb findings `unknown` with the reason: a pass would
// claim "no unapproved device" from a history nobody read.
struct UsbUnreadable {
  std::string source;  // "/var/log/kern.log", "/var/log/journal/…/system.journal", "SYSTEM hive"
  std::string reason;  // in words an administrator acts on
};

// Two identities printed for one connection (same port and device number,
// no disconnect between): kept apart, both devices flagged `conflict`.
struct UsbConflict {
  std::string where;          // "port 1-1 device number 5"
  std::string first, second;  // "0781:5583 serial 4C53…" each
  std::optional<Time> time;   // when the second identity appeared
  std::string source;         // the log that held it
};

struct UsbFacts {
  std::vector<UsbSeen> devices;
  std::vector<std::string> sources_read;  // what could be read
  std::vector<std::string> problems;      // everything that went wrong, as text (evidence)
  std::vector<UsbUnreadable> unreadable;  // history sources that exist but could not be read → unknown
  std::vector<UsbConflict> conflicts;     // forged or contradictory identities → warn
  // Connections with storage activity (usb-storage/uas, a SCSI disk) whose
  // device never printed an identity (old kernels log only "new high speed
  // USB device using ehci_hcd and address 3"): storage nobody can check → warn.
  std::int64_t anonymous_storage = 0;
  std::vector<std::string> anonymous_storage_evidence;  // "port 5-4 2010-03-02T10:11:12+08:00 /var/log/messages"
  // Left out: connections of devices beyond the cap on distinct identities
  // (repeats of a known device are counted, never dropped). Non-zero → said
  // in the findings' detail and evidence.
  std::int64_t dropped_connections = 0;
  std::size_t distinct_cap = 0;  // the cap that applied (0: none reached)
  bool any_source = false;       // false → every usb finding is unknown
  std::string ledger_note;       // "ledger written", "ledger not written: …", "" offline
};
using UsbHistory = UsbFacts;  // the name the network probe and `usb list` knew

// Serial comparison (approval is on vid + pid + serial, DESIGN.md): exact,
// or ASCII case-insensitive when the device says so.
bool same_serial(const UsbSeen& d, std::string_view serial);
// An approved or collection entry matches the device (entry without serial: the model).
bool usb_entry_matches(const UsbEntry& e, const UsbSeen& d);

// The memoized fact (key "usb.history"), gathered by the audited system's
// gatherer. Never throws.
const UsbFacts& usb_facts(const Host& host);
inline const UsbFacts& usb_history(const Host& host) { return usb_facts(host); }

// The gatherers (not memoized).
UsbFacts gather_usb_facts_linux(const Host& host);  // checks/usb/linux.cpp

}  // namespace sc

// The passes behind the USB history fact: one streaming pass per text log
// family (memmem prefilter on whole blocks, year inference per file), the
// kernel journal, and the merge of connections from every source into devices
// (deduplicated by time and device, the ledger and what is plugged in now).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"
#include "checks/formats/kernel_usb.hpp"
#include "checks/usb/usb_history.hpp"

namespace sc {

// One connection with instants, from one source.
struct UsbConnectionSeen {
  UsbConnection c;
  Time connected{}, last{};
  std::string source;  // "/var/log/syslog.2.gz", "journal"
  std::string family;  // "syslog", "kern.log", "messages", "journal": the same event is in several
  // Repeats of this device in this family, aggregated while reading: the
  // instants of further connections kept (`also`), the other files that held
  // them, and how many more were counted without their times (`earlier`).
  std::vector<Time> also;
  std::vector<std::string> also_sources;
  std::int64_t earlier = 0;
};

struct TextLogStats {
  std::uint64_t bytes = 0, blocks = 0, detailed_blocks = 0, kernel_lines = 0;  // detailed_blocks: needle hits parsed
  std::size_t files = 0;
};

// A text log family (base "syslog", "kern.log", "messages" and its rotations
// under /var/log). Files read go to history.sources_read, problems to history.problems.
void scan_text_family(const Host& host, std::string_view base, std::vector<UsbConnectionSeen>& out, UsbHistory& history,
                      TextLogStats* stats = nullptr);

// The kernel transport of the systemd journal (a `logger -t kernel` line is
// not there). Problems go to history.problems, "journal" to sources_read.
JournalScan scan_kernel_journal(const Host& host, std::vector<UsbConnectionSeen>& out, UsbHistory& history);

// Connections → devices. Same device (vid, pid, serial) and a connection time
// within `tolerance` in another family: the same event seen twice. The
// tolerance is wide because rsyslog's imklog stamps the kernel messages of
// early boot when it starts, seconds after the journal's own stamps; two
// events of one family never merge, so quick re-plugs still count.
// `journal_from/to`: the time the kernel journal covers (text-only devices
// there are unconfirmed).
std::vector<UsbSeen> merge_connections(const std::vector<UsbConnectionSeen>& conns, const std::vector<UsbSeen>& ledger,
                                       std::optional<Time> journal_from, std::optional<Time> journal_to,
                                       std::chrono::seconds tolerance = std::chrono::seconds(90));

// Kind from the drivers the kernel bound (storage > network > other).
UsbKind kind_from_kernel(const std::vector<std::string>& drivers, bool scsi_disk);

}  // namespace sc

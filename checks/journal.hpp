// Reading the kernel's messages from the systemd journal of the audited root
// (libsystemd, sd_journal_open_directory(root, SD_JOURNAL_OS_ROOT): both
// <root>/var/log/journal and <root>/run/log/journal), kernel transport only
// (_TRANSPORT=kernel: a `logger -t kernel` line is not the kernel). libsystemd
// silently skips files it cannot read, so every journal file is checked first
// and what was skipped is reported.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/time.hpp"

namespace sc {

class Host;

struct KernelJournalScan {
  std::size_t files = 0;         // journal files found
  std::size_t readable = 0;      // of which readable with a known format
  bool read = false;             // entries could be iterated
  std::uint64_t entries = 0;     // kernel entries seen
  std::optional<Time> from, to;  // time covered by the journal (all transports)
  std::vector<std::string> problems;
};

// Calls `fn(message, realtime_usec)` for each kernel entry, oldest first.
KernelJournalScan read_kernel_journal(const Host& host, const std::function<void(std::string_view, std::int64_t)>& fn);

// Why a journal file's header makes it unreadable for libsystemd 252, or ""
// (signature, incompatible flags newer than this reader). Pure: header bytes in.
std::string journal_header_problem(std::string_view header);

}  // namespace sc

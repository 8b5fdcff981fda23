// Reading chosen entries from the systemd journal of the audited root
// (libsystemd, sd_journal_open_directory(root, SD_JOURNAL_OS_ROOT): both
// <root>/var/log/journal and <root>/run/log/journal). The one journal reader
// of the project: the usb probe asks for the kernel transport
// (_TRANSPORT=kernel: a `logger -t kernel` line is not the kernel), the
// network probe for services by SYSLOG_IDENTIFIER / _SYSTEMD_UNIT.
// libsystemd silently skips files it cannot read, so every journal file is
// checked first and what would be skipped is reported, never taken as
// "no entries".
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;

// Which entries to read: those matching any of the given criteria.
// An empty query reads nothing.
struct JournalQuery {
  bool kernel = false;                    // _TRANSPORT=kernel
  std::vector<std::string> identifiers;   // SYSLOG_IDENTIFIER=…
  std::vector<std::string> units;         // _SYSTEMD_UNIT=…
  std::uint64_t max_entries = 2'000'000;  // entries visited at most; past it a problem is reported
};

struct JournalScan {
  std::size_t files = 0;         // journal files found
  std::size_t readable = 0;      // of which readable with a known format
  bool read = false;             // entries could be iterated
  std::uint64_t entries = 0;     // entries given to the callback
  std::optional<Time> from, to;  // time covered by the journal (all entries)
  std::vector<std::string> problems;
  // Every journal file found was read (and there was at least one).
  bool complete() const { return read && files > 0 && readable == files; }
};

// Calls `fn(realtime_usec, identifier, message)` for each matching entry
// with a message, oldest first. `identifier` is SYSLOG_IDENTIFIER ("" when
// the entry has none).
using JournalEntryFn = std::function<void(std::int64_t, std::string_view, std::string_view)>;
JournalScan read_journal(const Host& host, const JournalQuery& query, const JournalEntryFn& fn);

// Why a journal file's header makes it unreadable for libsystemd 252, or ""
// (signature, incompatible flags newer than this reader). Pure: header bytes in.
std::string journal_header_problem(std::string_view header);

}  // namespace sc

// Messages of chosen services from the systemd journal under a root
// (libsystemd, SD_JOURNAL_OS_ROOT): NetworkManager and time-sync daemons for
// network.internet_history. Journal files it cannot read are named as
// problems, never taken as "no entries".
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/time.hpp"

namespace sc {

struct JournalMessages {
  bool any_journal = false;           // journal files exist under the root
  std::int64_t files_unreadable = 0;  // present but not readable
  std::int64_t entries = 0;           // entries visited
  std::vector<std::string> problems;
};

// Calls `on_entry(time, identifier, message)` for every entry whose
// SYSLOG_IDENTIFIER is in `identifiers` or whose _SYSTEMD_UNIT is in `units`;
// stops after `max_entries`.
JournalMessages read_journal_messages(const std::string& root, const std::vector<std::string>& identifiers,
                                      const std::vector<std::string>& units,
                                      const std::function<void(Time, std::string_view, std::string_view)>& on_entry,
                                      std::int64_t max_entries = 2'000'000);

}  // namespace sc

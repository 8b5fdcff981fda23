// sd_journal reading of service messages under a root directory.
#include "checks/journal_messages.hpp"

#include <fcntl.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace sc {

namespace {

std::string_view field_value(const void* data, std::size_t len, std::string_view name) {
  std::string_view s(static_cast<const char*>(data), len);
  if (s.size() > name.size() && s.substr(0, name.size()) == name && s[name.size()] == '=')
    return s.substr(name.size() + 1);
  return {};
}

}  // namespace

JournalMessages read_journal_messages(const std::string& root, const std::vector<std::string>& identifiers,
                                      const std::vector<std::string>& units,
                                      const std::function<void(Time, std::string_view, std::string_view)>& on_entry,
                                      std::int64_t max_entries) {
  namespace fs = std::filesystem;
  JournalMessages scan;
  // Which journal files exist and which of them we can read: sd_journal skips
  // unreadable ones silently.
  for (const char* sub : {"var/log/journal", "run/log/journal"}) {
    std::error_code ec;
    fs::path dir = fs::path(root) / sub;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it.depth() > 1) {
        it.disable_recursion_pending();
        continue;
      }
      std::string name = it->path().filename().string();
      if (!name.ends_with(".journal") && !name.ends_with(".journal~")) continue;
      scan.any_journal = true;
      int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        ++scan.files_unreadable;
      } else {
        ::close(fd);
      }
    }
  }
  if (scan.files_unreadable > 0)
    scan.problems.push_back(std::to_string(scan.files_unreadable) +
                            " journal file(s) not readable: run as root or in group systemd-journal");
  if (!scan.any_journal) return scan;

  sd_journal* j = nullptr;
  int r = sd_journal_open_directory(&j, root.c_str(), SD_JOURNAL_OS_ROOT);
  if (r < 0) {
    scan.problems.push_back(std::string("cannot open the journal: ") + std::strerror(-r));
    return scan;
  }
  for (const auto& id : identifiers) sd_journal_add_match(j, ("SYSLOG_IDENTIFIER=" + id).c_str(), 0);
  if (!units.empty()) {
    sd_journal_add_disjunction(j);
    for (const auto& u : units) sd_journal_add_match(j, ("_SYSTEMD_UNIT=" + u).c_str(), 0);
  }
  sd_journal_set_data_threshold(j, 64 * 1024);
  SD_JOURNAL_FOREACH(j) {
    if (scan.entries >= max_entries) {
      scan.problems.push_back("journal: stopped after " + std::to_string(max_entries) + " entries");
      break;
    }
    ++scan.entries;
    const void* data;
    std::size_t len;
    std::string ident, message;
    if (sd_journal_get_data(j, "SYSLOG_IDENTIFIER", &data, &len) >= 0)
      ident = std::string(field_value(data, len, "SYSLOG_IDENTIFIER"));
    if (sd_journal_get_data(j, "MESSAGE", &data, &len) >= 0) message = std::string(field_value(data, len, "MESSAGE"));
    if (message.empty()) continue;
    std::uint64_t usec = 0;
    sd_journal_get_realtime_usec(j, &usec);
    on_entry(Time(std::chrono::seconds(usec / 1000000)), ident, message);
  }
  sd_journal_close(j);
  return scan;
}

}  // namespace sc

// Entries from the systemd journal (libsystemd), with the unreadable files
// that libsystemd would skip in silence found and named first.
#include <fcntl.h>
#include <fmt/format.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"

namespace sc {

namespace {

// The value of a "NAME=value" field as sd_journal_get_data returns it.
std::string_view field_value(const void* data, std::size_t len, std::string_view name) {
  std::string_view s(static_cast<const char*>(data), len);
  if (s.size() > name.size() && s.substr(0, name.size()) == name && s[name.size()] == '=')
    return s.substr(name.size() + 1);
  return {};
}

// Checks one file, opened through the Host (resolved inside the root, a
// regular file); "" and `fd` kept open when libsystemd 252 can read it.
std::string check_file(const Host& host, const std::string& abs, int& fd) {
  FileResult why;
  fd = host.open_file(abs, why);
  if (fd < 0) return why.error;
  char buf[16];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  std::string problem = n < 0 ? Host::describe(abs, std::error_code(errno, std::generic_category()))
                              : journal_header_problem(std::string_view(buf, static_cast<std::size_t>(n)));
  if (problem.empty()) return problem;
  ::close(fd);
  fd = -1;
  return n < 0 ? problem : fmt::format("{}: {}", abs, problem);
}

struct Fds {
  std::vector<int> fds;
  ~Fds() {
    for (int fd : fds) ::close(fd);
  }
};

}  // namespace

JournalScan read_journal(const Host& host, const JournalQuery& q, const JournalEntryFn& fn) {
  JournalScan s;
  if (!q.kernel && q.identifiers.empty() && q.units.empty()) return s;
  Fds open;  // the journal files, each opened through the Host
  for (std::string_view dir : {"/var/log/journal", "/run/log/journal"}) {
    for (const std::string& sub : host.list_dir(dir)) {
      std::string d = fmt::format("{}/{}", dir, sub);
      std::vector<std::string> names;
      if (host.is_dir(d)) {
        // A directory we may not list is itself a problem (libsystemd would skip it).
        std::string unlisted;
        auto real = host.resolved_path(d, &unlisted);
        int fd = real ? ::open(real->c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        if (fd < 0) {
          ++s.files;
          s.problems.push_back(real ? Host::describe(d, std::error_code(errno, std::generic_category())) : unlisted);
          continue;
        }
        ::close(fd);
        for (const std::string& n : host.list_dir(d)) names.push_back(d + "/" + n);
      } else {
        names = {d};
      }
      for (const std::string& f : names) {
        if (!f.ends_with(".journal") && !f.ends_with(".journal~")) continue;
        ++s.files;
        int fd = -1;
        std::string why = check_file(host, f, fd);
        if (why.empty()) {
          ++s.readable;
          open.fds.push_back(fd);
        } else {
          s.problems.push_back(why);
        }
      }
    }
  }
  if (s.readable == 0) return s;

  // The files themselves, not the root: libsystemd never resolves a path
  // of the audited tree (a var/log link to /var/log would read the auditor's
  // own journal). sd_journal_open_files_fd(3), systemd >= 230; the fds stay ours.
  sd_journal* j = nullptr;
  std::string root = host.root().string();
  int r = sd_journal_open_files_fd(&j, open.fds.data(), static_cast<unsigned>(open.fds.size()), 0);
  if (r < 0) {
    s.problems.push_back(fmt::format("cannot open the journal under {}: {}", root, std::strerror(-r)));
    return s;
  }
  std::uint64_t from = 0, to = 0;
  if (sd_journal_get_cutoff_realtime_usec(j, &from, &to) > 0) {
    s.from = Time(std::chrono::seconds(from / 1000000));
    s.to = Time(std::chrono::seconds(to / 1000000));
  }
  // Matches on one field are OR-ed by libsystemd; the groups are joined by
  // disjunctions so that an entry matching any group is read.
  bool group = false;
  auto next_group = [&] {
    if (group) sd_journal_add_disjunction(j);
    group = true;
  };
  if (q.kernel) {
    next_group();
    sd_journal_add_match(j, "_TRANSPORT=kernel", 0);
  }
  if (!q.identifiers.empty()) {
    next_group();
    for (const auto& id : q.identifiers) sd_journal_add_match(j, ("SYSLOG_IDENTIFIER=" + id).c_str(), 0);
  }
  if (!q.units.empty()) {
    next_group();
    for (const auto& u : q.units) sd_journal_add_match(j, ("_SYSTEMD_UNIT=" + u).c_str(), 0);
  }
  sd_journal_set_data_threshold(j, 64 * 1024);
  s.read = true;
  std::string message_buf;
  for (std::uint64_t visited = 0;; ++visited) {
    r = sd_journal_next(j);
    if (r == 0) break;
    if (r < 0) {
      s.problems.push_back(fmt::format("journal read stopped early: {}", std::strerror(-r)));
      break;
    }
    if (visited >= q.max_entries) {
      s.problems.push_back(fmt::format("journal: stopped after {} entries", q.max_entries));
      break;
    }
    std::uint64_t usec = 0;
    if (sd_journal_get_realtime_usec(j, &usec) < 0) continue;
    const void* data = nullptr;
    std::size_t len = 0;
    if (sd_journal_get_data(j, "MESSAGE", &data, &len) < 0) continue;
    std::string_view message = field_value(data, len, "MESSAGE");
    if (message.empty()) continue;
    // The next sd_journal_get_data may reuse the memory `message` points into.
    message_buf.assign(message);
    std::string_view ident;
    if (sd_journal_get_data(j, "SYSLOG_IDENTIFIER", &data, &len) >= 0)
      ident = field_value(data, len, "SYSLOG_IDENTIFIER");
    ++s.entries;
    fn(static_cast<std::int64_t>(usec), ident, message_buf);
  }
  sd_journal_close(j);
  return s;
}

}  // namespace sc

// Kernel messages from the systemd journal (libsystemd), with the unreadable
// files that libsystemd would skip in silence found and named first.
#include "checks/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "agent/host.hpp"

namespace sc {

namespace {

bool ends_with(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

std::uint32_t le32(std::string_view s, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

// Checks one file; "" when libsystemd 252 can read it.
std::string check_file(const Host& host, const std::string& abs) {
  int fd = ::open(host.path(abs).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Host::describe(abs, std::error_code(errno, std::generic_category()));
  char buf[16];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  ::close(fd);
  if (n < 0) return Host::describe(abs, std::error_code(errno, std::generic_category()));
  std::string why = journal_header_problem(std::string_view(buf, static_cast<std::size_t>(n)));
  return why.empty() ? why : fmt::format("{}: {}", abs, why);
}

}  // namespace

std::string journal_header_problem(std::string_view h) {
  if (h.size() < 16) return "not a journal file (too short)";
  if (h.substr(0, 8) != "LPKSHHRH") return "not a journal file (bad signature)";
  // Incompatible flags known to libsystemd 252: XZ, LZ4, keyed hash, ZSTD, compact.
  constexpr std::uint32_t known = 0x1f;
  std::uint32_t incompatible = le32(h, 12);
  if (incompatible & ~known)
    return fmt::format("journal format newer than this reader (incompatible flags {:#x})", incompatible);
  return "";
}

KernelJournalScan read_kernel_journal(const Host& host, const std::function<void(std::string_view, std::int64_t)>& fn) {
  KernelJournalScan s;
  for (std::string_view dir : {"/var/log/journal", "/run/log/journal"}) {
    for (const std::string& sub : host.list_dir(dir)) {
      std::string d = fmt::format("{}/{}", dir, sub);
      std::vector<std::string> names;
      if (host.is_dir(d)) {
        // A directory we may not list is itself a problem (libsystemd would skip it).
        int fd = ::open(host.path(d).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
          ++s.files;
          s.problems.push_back(Host::describe(d, std::error_code(errno, std::generic_category())));
          continue;
        }
        ::close(fd);
        for (const std::string& n : host.list_dir(d)) names.push_back(d + "/" + n);
      } else {
        names = {d};
      }
      for (const std::string& f : names) {
        if (!ends_with(f, ".journal") && !ends_with(f, ".journal~")) continue;
        ++s.files;
        std::string why = check_file(host, f);
        if (why.empty())
          ++s.readable;
        else
          s.problems.push_back(why);
      }
    }
  }
  if (s.readable == 0) return s;

  sd_journal* j = nullptr;
  std::string root = host.root().string();
  int r = sd_journal_open_directory(&j, root.c_str(), SD_JOURNAL_OS_ROOT);
  if (r < 0) {
    s.problems.push_back(fmt::format("cannot open the journal under {}: {}", root, std::strerror(-r)));
    return s;
  }
  std::uint64_t from = 0, to = 0;
  if (sd_journal_get_cutoff_realtime_usec(j, &from, &to) > 0) {
    s.from = Time(std::chrono::seconds(from / 1000000));
    s.to = Time(std::chrono::seconds(to / 1000000));
  }
  sd_journal_add_match(j, "_TRANSPORT=kernel", 0);
  s.read = true;
  for (;;) {
    r = sd_journal_next(j);
    if (r == 0) break;
    if (r < 0) {
      s.problems.push_back(fmt::format("journal read stopped early: {}", std::strerror(-r)));
      break;
    }
    const void* data = nullptr;
    std::size_t len = 0;
    if (sd_journal_get_data(j, "MESSAGE", &data, &len) < 0 || len < 8) continue;
    std::uint64_t usec = 0;
    if (sd_journal_get_realtime_usec(j, &usec) < 0) continue;
    ++s.entries;
    fn(std::string_view(static_cast<const char*>(data) + 8, len - 8), static_cast<std::int64_t>(usec));
  }
  sd_journal_close(j);
  return s;
}

}  // namespace sc

// Host: files under the root, the clock and zone, memoized facts, atomic
// writes. Platform parts (commands, libusb, connects) are in *_linux.cpp.
#include "agent/host.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "agent/errors.hpp"

namespace sc {

std::string_view to_string(ConnectOutcome o) {
  switch (o) {
    case ConnectOutcome::accepted:
      return "accepted";
    case ConnectOutcome::refused:
      return "refused";
    case ConnectOutcome::unreachable:
      return "unreachable";
    case ConnectOutcome::timeout:
      return "timeout";
    case ConnectOutcome::error:
      return "error";
  }
  return "error";
}

Host::Host(Options o) : command_timeout_(o.command_timeout) {
  std::error_code ec;
  root_ = o.root.empty() ? fs::path("/") : o.root;
  fs::path canon = fs::weakly_canonical(root_, ec);
  if (!ec) root_ = canon;
  system_root_ = (root_ == fs::path("/"));
  live_ = o.live.value_or(system_root_);
  if (auto z = Zone::load_file(path("/etc/localtime"))) {
    zone_ = *z;
  } else {
    zone_note_ = "no readable /etc/localtime under the root: times are in UTC";
  }
  if (o.as_of) {
    now_ = *o.as_of;
    as_of_given_ = true;
  } else {
    now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
}

Host::~Host() = default;

fs::path Host::path(std::string_view abs) const {
  std::string_view rel = abs;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  if (system_root_) return fs::path("/") / fs::path(rel);
  return root_ / fs::path(rel);
}

std::string Host::describe(std::string_view abs, const std::error_code& ec) {
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
    return fmt::format("no permission to read {}: run as root", abs);
  if (ec == std::errc::no_such_file_or_directory) return fmt::format("{} does not exist", abs);
  if (ec == std::errc::is_a_directory) return fmt::format("{} is a directory", abs);
  return fmt::format("cannot read {}: {}", abs, ec.message());
}

FileResult Host::read_file(std::string_view abs, std::size_t max_bytes) const {
  FileResult r;
  fs::path p = path(abs);
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::error_code ec(errno, std::generic_category());
    r.missing = (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory);
    r.error = describe(abs, ec);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    r.error = describe(abs, std::make_error_code(std::errc::is_a_directory));
    return r;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = describe(abs, std::error_code(errno, std::generic_category()));
      break;
    }
    if (n == 0) break;
    std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(n), max_bytes - r.data.size());
    r.data.append(buf, take);
    if (r.data.size() >= max_bytes) break;
  }
  ::close(fd);
  return r;
}

bool Host::exists(std::string_view abs) const {
  std::error_code ec;
  return fs::exists(path(abs), ec);
}

bool Host::is_dir(std::string_view abs) const {
  std::error_code ec;
  return fs::is_directory(path(abs), ec);
}

std::vector<std::string> Host::list_dir(std::string_view abs) const {
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(path(abs), ec), end;
  for (; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<Time> Host::mtime(std::string_view abs) const {
  struct stat st {};
  if (::stat(path(abs).c_str(), &st) != 0) return std::nullopt;
  return Time(std::chrono::seconds(st.st_mtim.tv_sec));
}

std::shared_ptr<Host::FactSlot> Host::slot_for(const std::string& key) const {
  std::lock_guard<std::mutex> lock(facts_mutex_);
  auto& slot = facts_[key];
  if (!slot) slot = std::make_shared<FactSlot>();
  return slot;
}

void Host::write_file_atomic(const fs::path& target, std::string_view data) const {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  fs::path tmp = dir / fmt::format(".{}.tmp-{}-{:x}", target.filename().string(), ::getpid(), rd());
  auto fail = [&](const std::string& what) {
    std::string msg = fmt::format("cannot write {}: {}: {}", target.string(), what, std::strerror(errno));
    ::unlink(tmp.c_str());
    throw OutputError(msg);
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  }
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      errno = e;
      fail("write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    errno = e;
    fail("fsync");
  }
  if (::close(fd) != 0) fail("close");
  if (::rename(tmp.c_str(), target.c_str()) != 0) fail("rename");
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace sc

// The Host's file access for the Linux build: reading a file under the root
// (bounded), its mtime, and the atomic write (temp file, fsync, rename, fsync
// of the directory) that every findings file goes through.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"

namespace sc {

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

std::optional<Time> Host::mtime(std::string_view abs) const {
  struct stat st {};
  if (::stat(path(abs).c_str(), &st) != 0) return std::nullopt;
  return Time(std::chrono::seconds(st.st_mtim.tv_sec));
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

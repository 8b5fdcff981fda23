// The build platform's own services for the Linux build (see
// agent/core/platform.hpp): uname, gethostname, isatty, OpenSSL's RAND_bytes
// and CRYPTO_memcmp, the 0600 atomic write of the unit key, and where
// selfcheck keeps its files (/etc/selfcheck, /var/lib/selfcheck).
#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

const LocalPaths& local_paths() {
  static const LocalPaths paths{"/etc/selfcheck", "/var/lib/selfcheck"};
  return paths;
}

std::filesystem::path system_root() { return "/"; }

std::optional<MachineOs> running_os() { return std::nullopt; }

bool glob_match(const std::string& pattern, const std::string& text, bool ignore_case) {
  return ::fnmatch(pattern.c_str(), text.c_str(), ignore_case ? FNM_CASEFOLD : 0) == 0;
}

std::string running_kernel_release() {
  struct utsname u {};
  return ::uname(&u) == 0 ? std::string(u.release) : std::string();
}

std::string local_hostname() {
  char buf[256] = {0};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string();
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO); }

std::optional<Lang> ui_language() { return std::nullopt; }

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw OutputError("cannot get random bytes (RAND_bytes)");
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipe(std::string& secret) { OPENSSL_cleanse(secret.data(), secret.size()); }

void write_private_file_atomic(const std::filesystem::path& file, std::string_view data) {
  namespace fs = std::filesystem;
  fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  fs::path tmp = dir / fmt::format(".{}.tmp-{}-{:x}", file.filename().string(), ::getpid(), std::random_device{}());
  auto fail = [&](const char* what) {
    std::string msg = fmt::format("cannot write {}: {}: {}", file.string(), what, std::strerror(errno));
    ::unlink(tmp.c_str());
    throw OutputError(msg);
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) fail("create");
  // 0600 exactly, whatever the umask (a umask of 0277 would leave 0400).
  if (::fchmod(fd, 0600) != 0) {
    int e = errno;
    ::close(fd);
    errno = e;
    fail("chmod");
  }
  ssize_t n = ::write(fd, data.data(), data.size());
  if (n != static_cast<ssize_t>(data.size()) || ::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    errno = e;
    fail("write");
  }
  if (::close(fd) != 0) fail("close");
  if (::rename(tmp.c_str(), file.c_str()) != 0) fail("rename");
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void create_private_dirs(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> missing;
  for (fs::path d = dir; !d.empty() && !fs::exists(d, ec); d = d.parent_path()) {
    missing.push_back(d);
    if (d == d.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
      throw OutputError(fmt::format("cannot create {}: {}", it->string(), std::strerror(errno)));
    ::chmod(it->c_str(), 0700);
  }
}

}  // namespace sc

// The Host's file access for the Linux build. Every path of the audited
// machine is resolved as if chrooted into the root (issue 13 item 6): a disk
// image whose etc/shadow links to /etc/shadow must not report the auditor's
// own accounts. openat2(2) RESOLVE_IN_ROOT does that in the kernel (Linux
// 5.6+); where it is missing (ENOSYS) or filtered by seccomp (EPERM) a
// component-wise walk with O_NOFOLLOW does the same. Only regular files are
// read, opened non-blocking so that a FIFO never hangs a probe (item 9).
// Also the atomic write (temp file, fsync, rename, fsync of the directory)
// that every findings file goes through, and in-place writes to devices.
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <random>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"

namespace sc {

namespace {

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(o.fd) { o.fd = -1; }
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd = o.fd;
      o.fd = -1;
    }
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int release() {
    int f = fd;
    fd = -1;
    return f;
  }
};

// The outcome of resolving a path inside the root.
struct Resolved {
  Fd fd;
  int err = 0;
  bool escaped = false;            // a link was absolute or "..": climbed to the root
  std::string link;                // the first such link's target (for the message)
  std::vector<std::string> names;  // the resolved components (walk only)
};

std::deque<std::string> components(std::string_view p) {
  std::deque<std::string> out;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view c = p.substr(i, j - i);
    if (!c.empty() && c != ".") out.emplace_back(c);
    i = j + 1;
  }
  return out;
}

// The component-wise walk: each component opened O_PATH|O_NOFOLLOW relative
// to the previous one; links read and spliced in, an absolute target restarting
// at the root, ".." never climbing above it. `flags` for the last component.
Resolved walk(int rootfd, std::string_view abs, int flags, bool follow_last) {
  Resolved r;
  std::deque<std::string> todo = components(abs);
  std::vector<Fd> dirs;
  dirs.emplace_back(::fcntl(rootfd, F_DUPFD_CLOEXEC, 0));
  if (dirs.back().fd < 0) {
    r.err = errno;
    return r;
  }
  int links = 0;
  while (!todo.empty()) {
    std::string comp = std::move(todo.front());
    todo.pop_front();
    if (comp == "..") {
      if (dirs.size() > 1) {
        dirs.pop_back();
        r.names.pop_back();
      } else {
        r.escaped = true;
      }
      continue;
    }
    bool last = todo.empty();
    Fd f(::openat(dirs.back().fd, comp.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (f.fd < 0) {
      r.err = errno;
      return r;
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) {
      r.err = errno;
      return r;
    }
    if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
      char buf[4096];
      ssize_t n = ::readlinkat(f.fd, "", buf, sizeof buf);
      if (n < 0 || n == static_cast<ssize_t>(sizeof buf)) {
        r.err = n < 0 ? errno : ENAMETOOLONG;
        return r;
      }
      if (++links > 40) {
        r.err = ELOOP;
        return r;
      }
      std::string target(buf, static_cast<std::size_t>(n));
      bool absolute = !target.empty() && target[0] == '/';
      if ((absolute || target.find("..") != std::string::npos) && r.link.empty()) r.link = target;
      if (absolute) {
        r.escaped = true;
        dirs.resize(1);
        r.names.clear();
      }
      std::deque<std::string> more = components(target);
      todo.insert(todo.begin(), more.begin(), more.end());
      continue;
    }
    if (last) {
      int fl = flags | O_CLOEXEC | (follow_last ? 0 : O_NOFOLLOW);
      if ((flags & O_PATH) && !follow_last) {
        r.fd = std::move(f);
      } else {
        // O_NOFOLLOW: the entry was not a link a moment ago; if it became one, ELOOP.
        r.fd = Fd(::openat(dirs.back().fd, comp.c_str(), fl | O_NOFOLLOW));
        if (r.fd.fd < 0) r.err = errno;
      }
      r.names.push_back(comp);
      return r;
    }
    if (!S_ISDIR(st.st_mode)) {
      r.err = ENOTDIR;
      return r;
    }
    dirs.push_back(std::move(f));
    r.names.push_back(comp);
  }
  // The path named a directory reached by "..", "." or nothing at all.
  r.fd = Fd(::openat(dirs.back().fd, ".", flags | O_CLOEXEC));
  if (r.fd.fd < 0) r.err = errno;
  return r;
}

// openat2 RESOLVE_IN_ROOT; -1 with errno. ENOSYS when the kernel (or libc
// headers) lack it. man 2 openat2: "RESOLVE_IN_ROOT ... as though a
// chroot(2) to dirfd", and seccomp filters commonly answer EPERM or ENOSYS.
int openat2_in_root(int rootfd, std::string_view abs, int flags) {
#ifdef SYS_openat2
  std::string rel(abs);
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) rel = ".";
  struct open_how how {};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, rootfd, rel.c_str(), &how, sizeof how));
#else
  errno = ENOSYS;
  return -1;
#endif
}

}  // namespace

// Resolves `abs` under the root (see host.hpp). On the running machine ("/")
// a plain open: its absolute links are its own.
static Resolved resolve(const Host& host, std::string_view abs, int flags, bool follow_last, bool want_names) {
  Resolved r;
  if (host.is_system_root()) {
    std::string p = "/" + std::string(abs);
    r.fd = Fd(::open(p.c_str(), flags | O_CLOEXEC | (follow_last ? 0 : O_NOFOLLOW)));
    if (r.fd.fd < 0) r.err = errno;
    if (want_names) {
      auto c = components(abs);
      r.names.assign(c.begin(), c.end());
    }
    return r;
  }
  Fd root(::open(host.root().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (root.fd < 0) {
    r.err = errno;
    return r;
  }
  // SELFCHECK_NO_OPENAT2 forces the walk (tests of the fallback; kernels
  // whose openat2 misbehaves).
  if (!want_names && !std::getenv("SELFCHECK_NO_OPENAT2")) {
    int fd = openat2_in_root(root.fd, abs, flags | (follow_last ? 0 : O_NOFOLLOW));
    if (fd >= 0) {
      r.fd = Fd(fd);
      return r;
    }
    // ENOENT, EACCES...: the walk below says the same, and whether a link left the root.
  }
  return walk(root.fd, abs, flags, follow_last);
}

static std::string why_not(std::string_view abs, const Resolved& r) {
  if (r.escaped && (r.err == ENOENT || r.err == ELOOP || r.err == ENOTDIR))
    return fmt::format("{} leads outside the audited root (a link to {})", abs, r.link.empty() ? "/" : r.link);
  return Host::describe(abs, std::error_code(r.err, std::generic_category()));
}

static void fill_error(std::string_view abs, const Resolved& r, FileResult& why) {
  why.missing = !r.escaped && (r.err == ENOENT || r.err == ENOTDIR);
  why.error = why_not(abs, r);
}

// Regular files only; "" when fd is one.
static std::string not_regular(std::string_view abs, int fd, struct stat& st) {
  if (::fstat(fd, &st) != 0) return Host::describe(abs, std::error_code(errno, std::generic_category()));
  if (S_ISDIR(st.st_mode)) return Host::describe(abs, std::make_error_code(std::errc::is_a_directory));
  if (!S_ISREG(st.st_mode)) return fmt::format("{} is not a regular file", abs);
  return "";
}

// Reads an open regular file: at most max_bytes, `truncated` when longer.
// At most max_bytes of `fd` handed to `sink`; `truncated` when there is more.
static void read_capped(int fd, std::string_view abs, std::size_t max_bytes, FileResult& r,
                        const Host::ChunkSink& sink) {
  int fl = ::fcntl(fd, F_GETFL);
  if (fl >= 0) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  char buf[65536];
  std::size_t total = 0;
  for (;;) {
    std::size_t room = max_bytes - total;
    // One byte past the cap tells a file of exactly max_bytes from a longer one.
    std::size_t want = std::min<std::size_t>(sizeof buf, room + 1);
    ssize_t n = ::read(fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = Host::describe(abs, std::error_code(errno, std::generic_category()));
      return;
    }
    if (n == 0) return;
    std::size_t got = static_cast<std::size_t>(n);
    if (got > room) {
      if (room) sink(std::string_view(buf, room));
      r.truncated = true;
      return;
    }
    sink(std::string_view(buf, got));
    total += got;
  }
}

static void read_capped(int fd, std::string_view abs, std::size_t max_bytes, FileResult& r) {
  read_capped(fd, abs, max_bytes, r, [&r](std::string_view piece) { r.data.append(piece); });
}

int Host::open_file(std::string_view abs, FileResult& why) const {
  Resolved r = resolve(*this, abs, O_RDONLY | O_NONBLOCK | O_NOCTTY, true, false);
  if (r.fd.fd < 0) {
    fill_error(abs, r, why);
    return -1;
  }
  struct stat st {};
  if (std::string e = not_regular(abs, r.fd.fd, st); !e.empty()) {
    why.error = e;
    return -1;
  }
  int fl = ::fcntl(r.fd.fd, F_GETFL);
  if (fl >= 0) ::fcntl(r.fd.fd, F_SETFL, fl & ~O_NONBLOCK);
  return r.fd.release();
}

FileResult Host::read_file(std::string_view abs, std::size_t max_bytes) const {
  FileResult r;
  Fd fd(open_file(abs, r));
  if (fd.fd < 0) return r;
  read_capped(fd.fd, abs, max_bytes, r);
  return r;
}

FileResult Host::read_file_chunks(std::string_view abs, std::size_t max_bytes, const ChunkSink& sink) const {
  FileResult r;
  Fd fd(open_file(abs, r));
  if (fd.fd < 0) return r;
  read_capped(fd.fd, abs, max_bytes, r, sink);
  return r;
}

FileResult read_local_file(const fs::path& file, std::size_t max_bytes) {
  FileResult r;
  std::string name = file.string();
  Fd fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.fd < 0) {
    std::error_code ec(errno, std::generic_category());
    r.missing = ec == std::errc::no_such_file_or_directory;
    r.error = Host::describe(name, ec);
    return r;
  }
  struct stat st {};
  if (std::string e = not_regular(name, fd.fd, st); !e.empty()) {
    r.error = e;
    return r;
  }
  // The size is checked before anything is read or parsed.
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    r.truncated = true;
    r.error = fmt::format("{} is larger than {} bytes ({} bytes)", name, max_bytes, st.st_size);
    return r;
  }
  read_capped(fd.fd, name, max_bytes, r);
  if (r.truncated) {
    r.data.clear();
    r.error = fmt::format("{} is larger than {} bytes", name, max_bytes);
  }
  return r;
}

int open_local_file(const fs::path& file, FileResult& why) {
  const std::string name = file.string();
  Fd fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.fd < 0) {
    std::error_code ec(errno, std::generic_category());
    why.missing = ec == std::errc::no_such_file_or_directory;
    why.error = Host::describe(name, ec);
    return -1;
  }
  struct stat st {};
  if (std::string e = not_regular(name, fd.fd, st); !e.empty()) {
    why.error = e;
    return -1;
  }
  int fl = ::fcntl(fd.fd, F_GETFL);
  if (fl >= 0) ::fcntl(fd.fd, F_SETFL, fl & ~O_NONBLOCK);
  return fd.release();
}

bool Host::exists(std::string_view abs) const { return resolve(*this, abs, O_PATH, true, false).fd.fd >= 0; }

bool Host::lexists(std::string_view abs) const { return resolve(*this, abs, O_PATH, false, false).fd.fd >= 0; }

static bool stat_is(const Host& host, std::string_view abs, mode_t type) {
  Resolved r = resolve(host, abs, O_PATH, true, false);
  struct stat st {};
  return r.fd.fd >= 0 && ::fstat(r.fd.fd, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

bool Host::is_dir(std::string_view abs) const { return stat_is(*this, abs, S_IFDIR); }
bool Host::is_file(std::string_view abs) const { return stat_is(*this, abs, S_IFREG); }

std::optional<std::string> Host::read_link(std::string_view abs) const {
  Resolved r = resolve(*this, abs, O_PATH, false, false);
  struct stat st {};
  if (r.fd.fd < 0 || ::fstat(r.fd.fd, &st) != 0 || !S_ISLNK(st.st_mode)) return std::nullopt;
  char buf[4096];
  ssize_t n = ::readlinkat(r.fd.fd, "", buf, sizeof buf);
  if (n < 0 || n == static_cast<ssize_t>(sizeof buf)) return std::nullopt;
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<fs::path> Host::resolved_path(std::string_view abs, std::string* error) const {
  Resolved r = resolve(*this, abs, O_PATH, true, true);
  if (r.fd.fd < 0) {
    if (error) *error = why_not(abs, r);
    return std::nullopt;
  }
  fs::path p = root_;
  for (const auto& n : r.names) p /= n;
  return p;
}

std::vector<std::string> Host::list_dir(std::string_view abs) const {
  std::vector<std::string> names;
  Resolved r = resolve(*this, abs, O_RDONLY | O_DIRECTORY | O_NONBLOCK, true, false);
  if (r.fd.fd < 0) return names;
  DIR* d = ::fdopendir(r.fd.fd);
  if (!d) return names;
  r.fd.release();
  while (struct dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<Time> Host::mtime(std::string_view abs) const {
  Resolved r = resolve(*this, abs, O_PATH, true, false);
  struct stat st {};
  if (r.fd.fd < 0 || ::fstat(r.fd.fd, &st) != 0) return std::nullopt;
  return Time(std::chrono::seconds(st.st_mtim.tv_sec));
}

namespace {

void write_all(int fd, std::string_view data, const std::function<void(const char*)>& fail) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// A temp file beside `target`, written and fsynced; returns its path.
fs::path write_temp(const fs::path& target, const Host::Producer& produce) {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  fs::path tmp = dir / fmt::format(".{}.tmp-{}-{:x}", target.filename().string(), ::getpid(), rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
  bool cleaned = false;
  auto fail = [&](const char* what) {
    int e = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    cleaned = true;
    throw OutputError(fmt::format("cannot write {}: {}: {}", target.string(), what, std::strerror(e)));
  };
  try {
    produce([&](std::string_view data) { write_all(fd, data, fail); });
  } catch (...) {  // from `produce` itself too: no temp file left behind
    if (!cleaned) {
      ::close(fd);
      ::unlink(tmp.c_str());
    }
    throw;
  }
  if (::fsync(fd) != 0) fail("fsync");
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    throw OutputError(fmt::format("cannot write {}: close: {}", target.string(), std::strerror(e)));
  }
  return tmp;
}

void sync_dir(const fs::path& target) {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

void Host::write_file_atomic(const fs::path& target, std::string_view data) const {
  write_file_atomic_stream(target, [&](const Chunk& write) { write(data); });
}

void Host::write_file_atomic_stream(const fs::path& target, const Producer& produce) const {
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw OutputError(fmt::format("cannot write {}: it is a directory", target.string()));
    // /dev/null, /dev/stdout, a FIFO: written in place, never replaced by a
    // regular file. O_NONBLOCK: a FIFO nobody reads is an error, not a hang.
    int fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    int fl = ::fcntl(fd, F_GETFL);
    if (fl >= 0) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    bool closed = false;
    auto fail = [&](const char* what) {
      int e = errno;
      ::close(fd);
      closed = true;
      throw OutputError(fmt::format("cannot write {}: {}: {}", target.string(), what, std::strerror(e)));
    };
    try {
      produce([&](std::string_view data) { write_all(fd, data, fail); });
    } catch (...) {
      if (!closed) ::close(fd);
      throw;
    }
    if (::close(fd) != 0) throw OutputError(fmt::format("cannot write {}: close", target.string()));
    return;
  }
  // A link to a regular file (/dev/stdout redirected to a file, a user's
  // own link): the file it names is replaced, never the link itself.
  fs::path real = target;
  struct stat lst {};
  if (::lstat(target.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    if (char* rp = ::realpath(target.c_str(), nullptr)) {
      real = rp;
      std::free(rp);
    }
  }
  fs::path tmp = write_temp(real, produce);
  if (::rename(tmp.c_str(), real.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    throw OutputError(fmt::format("cannot write {}: rename: {}", target.string(), std::strerror(e)));
  }
  sync_dir(real);
}

bool Host::write_file_new(const fs::path& target, std::string_view data) const {
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0) return false;
  fs::path tmp = write_temp(target, [&](const Host::Chunk& write) { write(data); });
  // RENAME_NOREPLACE (or link(2)) fails with EEXIST instead of replacing: two
  // scans finishing in the same second, or two cloned machines, never
  // overwrite each other. Filesystems without either (some FAT drivers) get
  // the check above, then a plain rename.
  int rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
  int e = errno;
  if (rc != 0 && (e == EINVAL || e == ENOSYS)) {
    rc = ::link(tmp.c_str(), target.c_str());
    e = errno;
    if (rc == 0) ::unlink(tmp.c_str());
    if (rc != 0 && e == EPERM) {
      rc = ::lstat(target.c_str(), &st) == 0 ? (errno = EEXIST, -1) : ::rename(tmp.c_str(), target.c_str());
      e = errno;
    }
  }
  if (rc != 0) {
    ::unlink(tmp.c_str());
    if (e == EEXIST) return false;
    throw OutputError(fmt::format("cannot write {}: {}", target.string(), std::strerror(e)));
  }
  sync_dir(target);
  return true;
}

}  // namespace sc

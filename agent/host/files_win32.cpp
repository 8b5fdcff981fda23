// The Host's file access for the Windows build: reading a file under the root
// (bounded, regular files only), the directory queries, its mtime, and the
// atomic write (temp file in the same directory, FlushFileBuffers,
// MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) that every
// findings file goes through (whole or streamed from a producer);
// write_file_new the same rename without
// REPLACE_EXISTING, so an existing file is never replaced. Paths go to the
// wide-char APIs (CreateFileW ...), never through the ANSI code page.
// Unlike files_posix.cpp, links under an offline root are not resolved inside
// it: the Windows build audits its own drive or a mounted image, where NTFS
// links are rare (WINDOWS.md "Two axes").
#include <fcntl.h>
#include <fmt/format.h>
#include <io.h>
#include <windows.h>

#include <algorithm>
#include <random>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

// The portable error for the Win32 codes that Host::describe words.
std::error_code to_error_code(DWORD e) {
  switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_NETPATH:
      return std::make_error_code(std::errc::no_such_file_or_directory);
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
      return std::make_error_code(std::errc::permission_denied);
    case ERROR_DIRECTORY:
      return std::make_error_code(std::errc::not_a_directory);
    default:
      return std::error_code(static_cast<int>(e), std::system_category());
  }
}

struct Handle {
  HANDLE h = INVALID_HANDLE_VALUE;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close(); }
  void close() {
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    h = INVALID_HANDLE_VALUE;
  }
  HANDLE release() {
    HANDLE r = h;
    h = INVALID_HANDLE_VALUE;
    return r;
  }
};

// Opens `p` for reading, regular files only (GetFileType FILE_TYPE_DISK: a
// named pipe, console or device is refused, as S_ISREG on Linux). On failure
// `r` says why (in terms of `shown`).
bool open_regular(const fs::path& p, std::string_view shown, Handle& f, FileResult& r) {
  // FILE_SHARE_WRITE|DELETE: logs that Windows keeps open for writing can still be read.
  f.h = CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (f.h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    // Opening a directory for reading fails with ACCESS_DENIED: say what it is.
    DWORD attr = GetFileAttributesW(p.c_str());
    if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
      r.error = Host::describe(shown, std::make_error_code(std::errc::is_a_directory));
      return false;
    }
    std::error_code ec = to_error_code(e);
    r.missing = ec == std::errc::no_such_file_or_directory;
    r.error = Host::describe(shown, ec);
    return false;
  }
  if (GetFileType(f.h) != FILE_TYPE_DISK) {
    f.close();
    r.error = fmt::format("{} is not a regular file", shown);
    return false;
  }
  return true;
}

// At most max_bytes of an open file; `truncated` when it is longer.
// At most max_bytes of `h` handed to `sink`; `truncated` when there is more.
void read_capped(HANDLE h, std::string_view shown, std::size_t max_bytes, FileResult& r, const Host::ChunkSink& sink) {
  char buf[65536];
  std::size_t total = 0;
  for (;;) {
    std::size_t room = max_bytes - total;
    // One byte past the cap tells a file of exactly max_bytes from a longer one.
    DWORD want = static_cast<DWORD>(std::min<std::size_t>(sizeof buf, room + 1));
    DWORD n = 0;
    if (!ReadFile(h, buf, want, &n, nullptr)) {
      r.error = Host::describe(shown, to_error_code(GetLastError()));
      return;
    }
    if (n == 0) return;
    if (n > room) {
      if (room) sink(std::string_view(buf, room));
      r.truncated = true;
      return;
    }
    sink(std::string_view(buf, n));
    total += n;
  }
}

void read_capped(HANDLE h, std::string_view shown, std::size_t max_bytes, FileResult& r) {
  read_capped(h, shown, max_bytes, r, [&r](std::string_view piece) { r.data.append(piece); });
}

// A temp file beside `target` holding what `produce` writes, flushed;
// returns its path. Nothing is left behind when writing or `produce` fails.
fs::path write_temp(const fs::path& target, const Host::Producer& produce) {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  fs::path tmp =
      dir / (L"." + target.filename().wstring() + win::widen(fmt::format(".tmp-{}-{:x}", GetCurrentProcessId(), rd())));
  const std::string shown = win::path_utf8(target);
  bool cleaned = false;
  auto fail = [&](const char* what, DWORD e) {
    DeleteFileW(tmp.c_str());
    cleaned = true;
    throw OutputError(fmt::format("cannot write {}: {}: {}", shown, what, win::error_text(e)));
  };
  Handle f;
  f.h = CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (f.h == INVALID_HANDLE_VALUE)
    throw OutputError(fmt::format("cannot write {}: {}", shown, win::error_text(GetLastError())));
  try {
    produce([&](std::string_view data) {
      const char* p = data.data();
      std::size_t left = data.size();
      while (left > 0) {
        DWORD n = 0;
        DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(left, 1u << 30));
        if (!WriteFile(f.h, p, chunk, &n, nullptr)) {
          DWORD e = GetLastError();
          f.close();
          fail("write", e);
        }
        p += n;
        left -= n;
      }
    });
  } catch (...) {  // from `produce` itself too: no temp file left behind
    if (!cleaned) {
      f.close();
      DeleteFileW(tmp.c_str());
    }
    throw;
  }
  if (!FlushFileBuffers(f.h)) {
    DWORD e = GetLastError();
    f.close();
    fail("flush", e);
  }
  f.close();
  return tmp;
}

}  // namespace

// A C runtime descriptor (read/_read, close) owning the handle, as on Linux.
static int crt_fd(Handle& f, std::string_view shown, FileResult& why) {
  int fd = _open_osfhandle(reinterpret_cast<intptr_t>(f.h), _O_RDONLY | _O_BINARY);
  if (fd < 0) {
    why.error = fmt::format("cannot read {}: no file descriptor left", shown);
    return -1;
  }
  f.release();
  return fd;
}

int Host::open_file(std::string_view abs, FileResult& why) const {
  Handle f;
  return open_regular(path(abs), abs, f, why) ? crt_fd(f, abs, why) : -1;
}

int open_local_file(const fs::path& file, FileResult& why) {
  const std::string name = path_text(file);
  Handle f;
  return open_regular(file, name, f, why) ? crt_fd(f, name, why) : -1;
}

FileResult Host::read_file(std::string_view abs, std::size_t max_bytes) const {
  FileResult r;
  Handle f;
  if (open_regular(path(abs), abs, f, r)) read_capped(f.h, abs, max_bytes, r);
  return r;
}

FileResult Host::read_file_chunks(std::string_view abs, std::size_t max_bytes, const ChunkSink& sink) const {
  FileResult r;
  Handle f;
  if (open_regular(path(abs), abs, f, r)) read_capped(f.h, abs, max_bytes, r, sink);
  return r;
}

FileResult read_local_file(const fs::path& file, std::size_t max_bytes) {
  FileResult r;
  const std::string name = path_text(file);
  Handle f;
  if (!open_regular(file, name, f, r)) return r;
  // The size is checked before anything is read or parsed.
  LARGE_INTEGER size{};
  if (GetFileSizeEx(f.h, &size) && static_cast<std::uint64_t>(size.QuadPart) > max_bytes) {
    r.truncated = true;
    r.error = fmt::format("{} is larger than {} bytes ({} bytes)", name, max_bytes, size.QuadPart);
    return r;
  }
  read_capped(f.h, name, max_bytes, r);
  if (r.truncated) {
    r.data.clear();
    r.error = fmt::format("{} is larger than {} bytes", name, max_bytes);
  }
  return r;
}

bool Host::exists(std::string_view abs) const {
  std::error_code ec;
  return fs::exists(path(abs), ec);
}

bool Host::lexists(std::string_view abs) const {
  std::error_code ec;
  return fs::symlink_status(path(abs), ec).type() != fs::file_type::not_found && !ec;
}

bool Host::is_dir(std::string_view abs) const {
  std::error_code ec;
  return fs::is_directory(path(abs), ec);
}

bool Host::is_file(std::string_view abs) const {
  std::error_code ec;
  return fs::is_regular_file(path(abs), ec);
}

std::optional<std::string> Host::read_link(std::string_view abs) const {
  std::error_code ec;
  fs::path p = path(abs);
  if (!fs::is_symlink(fs::symlink_status(p, ec))) return std::nullopt;
  fs::path t = fs::read_symlink(p, ec);
  if (ec) return std::nullopt;
  std::u8string u = t.generic_u8string();
  return std::string(u.begin(), u.end());
}

std::optional<fs::path> Host::resolved_path(std::string_view abs, std::string* error) const {
  std::error_code ec;
  fs::path p = fs::canonical(path(abs), ec);
  if (ec) {
    if (error) *error = describe(abs, ec);
    return std::nullopt;
  }
  return p;
}

std::vector<std::string> Host::list_dir(std::string_view abs) const {
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(path(abs), ec), end;
  for (; !ec && it != end; it.increment(ec)) names.push_back(path_text(it->path().filename()));
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<Time> Host::mtime(std::string_view abs) const {
  WIN32_FILE_ATTRIBUTE_DATA a{};
  if (!GetFileAttributesExW(path(abs).c_str(), GetFileExInfoStandard, &a)) return std::nullopt;
  // FILETIME: 100 ns ticks since 1601-01-01 UTC; 11644473600 s to 1970.
  std::uint64_t t = (std::uint64_t(a.ftLastWriteTime.dwHighDateTime) << 32) | a.ftLastWriteTime.dwLowDateTime;
  return Time(std::chrono::seconds(static_cast<std::int64_t>(t / 10000000ULL) - 11644473600LL));
}

void Host::write_file_atomic(const fs::path& target, std::string_view data) const { win::write_atomic(target, data); }

void Host::write_file_atomic_stream(const fs::path& target, const Producer& produce) const {
  win::write_atomic(target, produce);
}

bool Host::write_file_new(const fs::path& target, std::string_view data) const {
  if (GetFileAttributesW(target.c_str()) != INVALID_FILE_ATTRIBUTES) return false;
  fs::path tmp = write_temp(target, [&](const Chunk& write) { write(data); });
  // Without MOVEFILE_REPLACE_EXISTING the rename fails with
  // ERROR_ALREADY_EXISTS instead of replacing: two scans in the same second,
  // or two cloned machines, never overwrite each other.
  if (MoveFileExW(tmp.c_str(), target.c_str(), MOVEFILE_WRITE_THROUGH)) return true;
  DWORD e = GetLastError();
  DeleteFileW(tmp.c_str());
  if (e == ERROR_ALREADY_EXISTS || e == ERROR_FILE_EXISTS) return false;
  throw OutputError(fmt::format("cannot write {}: {}", win::path_utf8(target), win::error_text(e)));
}

void win::write_atomic(const fs::path& target, std::string_view data) {
  write_atomic(target, [&](const Host::Chunk& write) { write(data); });
}

void win::write_atomic(const fs::path& target, const Host::Producer& produce) {
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw OutputError(fmt::format("cannot write {}: it is a directory", win::path_utf8(target)));
  fs::path tmp = write_temp(target, produce);
  if (!MoveFileExW(tmp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    DWORD e = GetLastError();
    DeleteFileW(tmp.c_str());
    throw OutputError(fmt::format("cannot write {}: rename: {}", win::path_utf8(target), win::error_text(e)));
  }
}

}  // namespace sc

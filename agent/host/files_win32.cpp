// The Host's file access for the Windows build: reading a file under the root
// (bounded), its mtime, and the atomic write (temp file in the same directory,
// FlushFileBuffers, MoveFileExW(MOVEFILE_REPLACE_EXISTING |
// MOVEFILE_WRITE_THROUGH)) that every findings file goes through. Paths go to
// the wide-char APIs (CreateFileW ...), never through the ANSI code page.
#include <fmt/format.h>
#include <windows.h>

#include <algorithm>
#include <random>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
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
  ~Handle() {
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
  }
  void close() {
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    h = INVALID_HANDLE_VALUE;
  }
};

}  // namespace

FileResult Host::read_file(std::string_view abs, std::size_t max_bytes) const {
  FileResult r;
  fs::path p = path(abs);
  Handle f;
  // FILE_SHARE_WRITE|DELETE: logs that Windows keeps open for writing can still be read.
  f.h = CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (f.h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    // Opening a directory for reading fails with ACCESS_DENIED: say what it is.
    DWORD attr = GetFileAttributesW(p.c_str());
    if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
      r.error = describe(abs, std::make_error_code(std::errc::is_a_directory));
      return r;
    }
    std::error_code ec = to_error_code(e);
    r.missing = ec == std::errc::no_such_file_or_directory;
    r.error = describe(abs, ec);
    return r;
  }
  char buf[65536];
  while (r.data.size() < max_bytes) {
    DWORD n = 0;
    if (!ReadFile(f.h, buf, sizeof buf, &n, nullptr)) {
      r.error = describe(abs, to_error_code(GetLastError()));
      break;
    }
    if (n == 0) break;
    r.data.append(buf, std::min<std::size_t>(n, max_bytes - r.data.size()));
  }
  return r;
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

void win::write_atomic(const fs::path& target, std::string_view data) {
  write_atomic(target, [&](const Host::Chunk& write) { write(data); });
}

void win::write_atomic(const fs::path& target, const Host::Producer& produce) {
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
  if (!MoveFileExW(tmp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
    fail("rename", GetLastError());
}

}  // namespace sc

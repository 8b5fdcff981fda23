// The build platform's own services for the Windows build (see
// agent/core/platform.hpp): GetComputerNameExW, the console check,
// GetUserDefaultUILanguage, BCryptGenRandom, and the unit key's atomic write
// (MoveFileExW; its protection is the ACL of %ProgramData%\selfcheck, which
// only Administrators and SYSTEM may read, set by the installer).
#include <windows.h>
// windows.h first.
#include <bcrypt.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <io.h>
#include <shlwapi.h>

#include <filesystem>
#include <random>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

bool glob_match(const std::string& pattern, const std::string& text) {
  return PathMatchSpecA(text.c_str(), pattern.c_str());
}

std::string running_kernel_release() { return ""; }

std::string local_hostname() {
  wchar_t buf[256] = {};
  DWORD n = 255;
  return GetComputerNameExW(ComputerNamePhysicalDnsHostname, buf, &n) ? win::narrow(std::wstring_view(buf, n))
                                                                      : std::string();
}

bool stderr_is_terminal() {
  DWORD mode = 0;
  HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
  return h && h != INVALID_HANDLE_VALUE && GetFileType(h) == FILE_TYPE_CHAR && GetConsoleMode(h, &mode);
}

std::optional<Lang> ui_language() {
  return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_CHINESE ? Lang::zh : Lang::en;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (BCryptGenRandom(nullptr, reinterpret_cast<PUCHAR>(out.data()), static_cast<ULONG>(n),
                      BCRYPT_USE_SYSTEM_PREFERRED_RNG) < 0)
    throw OutputError("cannot get random bytes (BCryptGenRandom)");
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
  return diff == 0;
}

void wipe(std::string& secret) { SecureZeroMemory(secret.data(), secret.size()); }

void write_private_file_atomic(const std::filesystem::path& file, std::string_view data) {
  // The same temp + FlushFileBuffers + MoveFileExW as every findings file.
  win::write_atomic(file, data);
}

void create_private_dirs(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create " + path_text(dir) + ": " + ec.message());
}

std::FILE* private_temp_file() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);  // GetTempPathW
  if (ec) throw OutputError("cannot find the temporary directory: " + ec.message());
  std::random_device rd;
  std::filesystem::path p =
      dir / win::widen(fmt::format("selfcheck-spill-{}-{:x}{:x}.tmp", GetCurrentProcessId(), rd(), rd()));
  HANDLE h = CreateFileW(p.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                         FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, nullptr);
  if (h == INVALID_HANDLE_VALUE)
    throw OutputError("cannot make a temporary file in " + path_text(dir) + ": " + win::error_text(GetLastError()));
  int fd = _open_osfhandle(reinterpret_cast<intptr_t>(h), _O_RDWR | _O_BINARY);
  if (fd < 0) {
    CloseHandle(h);
    throw OutputError("cannot make a temporary file: _open_osfhandle");
  }
  std::FILE* f = _fdopen(fd, "w+b");
  if (!f) {
    _close(fd);
    throw OutputError("cannot make a temporary file: _fdopen");
  }
  return f;
}

int seek_file(std::FILE* f, std::uint64_t pos) { return _fseeki64(f, static_cast<__int64>(pos), SEEK_SET); }

}  // namespace sc

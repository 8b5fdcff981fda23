// The build platform's own services for the Windows build (see
// agent/core/platform.hpp): GetComputerNameExW, the console check,
// GetUserDefaultUILanguage, BCryptGenRandom, and the unit key's atomic write
// (MoveFileExW; its protection is the ACL of %ProgramData%\selfcheck, which
// only Administrators and SYSTEM may read, set by the installer), and where
// selfcheck keeps its files: %ProgramData%\selfcheck (issue 18).
#include <windows.h>
// windows.h first.
#include <bcrypt.h>
#include <knownfolders.h>
#include <shlobj.h>
#include <shlwapi.h>

#include <cstdlib>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

// %ProgramData%: SHGetKnownFolderPath(FOLDERID_ProgramData) (Windows Vista+;
// learn.microsoft.com "SHGetKnownFolderPath function": the caller frees the
// string with CoTaskMemFree), else the ProgramData environment variable, else
// C:\ProgramData on the system drive.
std::filesystem::path program_data() {
  PWSTR p = nullptr;
  std::filesystem::path out;
  if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_ProgramData, 0, nullptr, &p)) && p && *p) out = p;
  CoTaskMemFree(p);
  if (!out.empty()) return out;
  if (const wchar_t* env = _wgetenv(L"ProgramData"); env && *env) return env;
  return system_root() / L"ProgramData";
}

}  // namespace

const LocalPaths& local_paths() {
  static const LocalPaths paths = [] {
    std::filesystem::path dir = program_data() / L"selfcheck";
    return LocalPaths{dir, dir};  // the spool's results\ beside agent.yaml (WINDOWS.md)
  }();
  return paths;
}

std::filesystem::path system_root() {
  wchar_t buf[MAX_PATH + 1] = {};
  UINT n = GetWindowsDirectoryW(buf, MAX_PATH);
  std::filesystem::path win = n > 0 && n <= MAX_PATH ? std::filesystem::path(std::wstring(buf, n)) : L"C:\\Windows";
  return win.root_path();  // "C:\\"
}

std::optional<MachineOs> running_os() { return MachineOs::windows; }

bool glob_match(const std::string& pattern, const std::string& text, bool) {
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

}  // namespace sc

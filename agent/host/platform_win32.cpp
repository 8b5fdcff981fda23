// The build platform's own services for the Windows build (see
// agent/core/platform.hpp): GetComputerNameExW, the console check,
// GetUserDefaultUILanguage, BCryptGenRandom, and the unit key's atomic write
// (MoveFileExW; its protection is the ACL of %ProgramData%\selfcheck, which
// only Administrators and SYSTEM may read, set by the installer), and where
// selfcheck keeps its files: %ProgramData%\selfcheck (issue 18).
#include <windows.h>
// windows.h first.
#include <bcrypt.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <io.h>
#include <knownfolders.h>
#include <shlobj.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <random>

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

std::string c_library_path(const std::filesystem::path& p) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(p, ec);
  std::u8string u = (ec ? p : abs).lexically_normal().generic_u8string();
  return "//./" + std::string(u.begin(), u.end());
}

namespace {

bool same_folded(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// One bracket expression, `p` just after its '[': ranges, '!' or '^'
// negation, '\\' escapes, a ']' first is literal. `ok` false when it has no
// closing ']' (the '[' is then an ordinary character, as in fnmatch).
bool bracket(const char*& p, char c, bool& ok) {
  const char* q = p;
  bool negate = *q == '!' || *q == '^';
  if (negate) ++q;
  bool matched = false;
  for (bool first = true; *q && (first || *q != ']'); first = false) {
    char lo = *q;
    if (lo == '\\' && q[1]) lo = *++q;
    char hi = lo;
    if (q[1] == '-' && q[2] && q[2] != ']') {
      q += 2;
      hi = *q;
      if (hi == '\\' && q[1]) hi = *++q;
    }
    ++q;
    int x = std::tolower(static_cast<unsigned char>(c));
    if (std::tolower(static_cast<unsigned char>(lo)) <= x && x <= std::tolower(static_cast<unsigned char>(hi)))
      matched = true;
  }
  ok = *q == ']';
  if (ok) p = q + 1;
  return ok && matched != negate;
}

}  // namespace

// fnmatch(3) without flags ("*", "?", "[a-z]", "[!x]", "\\" escapes), folded
// like Windows file names. PathMatchSpecA, used before, knows no brackets: the
// kernel package patterns ("linux-image-[0-9]*") matched nothing.
bool glob_match(const std::string& pattern, const std::string& text, bool) {
  const char* p = pattern.c_str();
  const char* t = text.c_str();
  const char* star_p = nullptr;
  const char* star_t = nullptr;
  while (*t) {
    if (*p == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (*p) {
      const char* next = p + 1;
      bool step = false;
      if (*p == '?') {
        step = true;
      } else if (*p == '[') {
        const char* q = p + 1;
        bool ok = false;
        bool m = bracket(q, *t, ok);
        if (ok) {
          step = m;
          next = q;
        } else {
          step = *t == '[';
        }
      } else if (*p == '\\' && p[1]) {
        step = same_folded(p[1], *t);
        next = p + 2;
      } else {
        step = same_folded(*p, *t);
      }
      if (step) {
        p = next;
        ++t;
        continue;
      }
    }
    if (!star_p) return false;
    p = star_p;
    t = ++star_t;
  }
  while (*p == '*') ++p;
  return !*p;
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

// What the build platform itself provides, apart from the Host's view of the
// audited root: the running machine's name and kernel, the terminal, the UI
// language, random bytes, and writing a private file (the unit key).
// Backends by build platform: agent/host/platform_posix.cpp,
// agent/host/platform_win32.cpp.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "agent/core/finding.hpp"
#include "agent/core/machine.hpp"

namespace sc {

// A path as UTF-8 text for messages and files, and back: never
// path::string(), which on Windows goes through the ANSI code page and
// throws on Chinese names (WINDOWS.md "Text and the console").
inline std::string path_text(const std::filesystem::path& p) {
  std::u8string u = p.u8string();
  return std::string(u.begin(), u.end());
}
inline std::filesystem::path path_from_utf8(std::string_view s) {
  return std::filesystem::path(std::u8string(s.begin(), s.end()));
}

// Where selfcheck keeps its own files on the running machine (live runs,
// and the defaults of `key`, `verify`, `report`, `summary`, `collect`):
// Linux /etc/selfcheck and /var/lib/selfcheck; Windows
// %ProgramData%\selfcheck for both (SHGetKnownFolderPath(FOLDERID_ProgramData),
// else the ProgramData environment variable; WINDOWS.md "Paths on Windows").
struct LocalPaths {
  std::filesystem::path settings;  // agent.yaml, rules.d/, unit.key
  std::filesystem::path spool;     // results/ (the findings of each scan)
};
const LocalPaths& local_paths();
// The running machine as the Host sees it when no --root is given: "/" on
// Linux; the system drive (GetWindowsDirectoryW's, "C:\") on Windows, where
// "/" alone would name the current directory's drive.
std::filesystem::path system_root();
// The audited OS of the running machine when the build platform says it
// (Windows: the Windows build runs on Windows), else nullopt (Linux: detected
// from files like any root).
std::optional<MachineOs> running_os();

// Shell wildcard match (* ? [...]): fnmatch(3) on Linux (FNM_CASEFOLD when
// `ignore_case`); PathMatchSpecA on Windows (always case-insensitive there,
// like Windows file names).
bool glob_match(const std::string& pattern, const std::string& text, bool ignore_case = false);
// The running kernel's release (uname -r); "" on Windows.
std::string running_kernel_release();
// The running machine's host name; "" when it cannot be had.
std::string local_hostname();
// Standard error is an interactive terminal (progress lines make sense).
bool stderr_is_terminal();
// The user's UI language where the platform has one apart from LANG
// (Windows: GetUserDefaultUILanguage); nullopt on Linux.
std::optional<Lang> ui_language();
// `n` bytes from the system's CSPRNG; throws OutputError when none are had.
std::string random_bytes(std::size_t n);
// Compares in time independent of where the bytes differ.
bool constant_time_equal(std::string_view a, std::string_view b);
// Wipes a secret from memory in a way the compiler keeps.
void wipe(std::string& secret);
// Writes `data` atomically to a new or replaced file only its owner (Linux:
// mode 0600) or the directory's ACL (Windows) lets read. Throws OutputError.
void write_private_file_atomic(const std::filesystem::path& file, std::string_view data);
// Creates the missing directories of `dir` readable by the owner only (0700
// whatever the umask on POSIX; inherited ACLs on Windows). Throws OutputError.
void create_private_dirs(const std::filesystem::path& dir);

}  // namespace sc

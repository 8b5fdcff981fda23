// The Host's registry facade: keys and typed values of the audited Windows
// machine by logical path ("HKLM\SYSTEM\CurrentControlSet\Enum\USBSTOR").
// Backends by build platform: hive files read with libhivex (Linux build,
// agent/host/registry_posix.cpp) or the Win32 registry (Windows build,
// agent/host/registry_win32.cpp). Errors are values, never exceptions: a
// missing, unreadable or corrupt hive is a result with the reason.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;

// Registry value types (winnt.h REG_*).
enum class RegType : std::uint32_t {
  none = 0,
  sz = 1,
  expand_sz = 2,
  binary = 3,
  dword = 4,
  dword_be = 5,
  link = 6,
  multi_sz = 7,
  resource_list = 8,
  full_resource_descriptor = 9,
  resource_requirements_list = 10,
  qword = 11,
};

// One value as stored: its name, type and raw bytes; typed views decode the
// bytes (strings are UTF-16LE on disk and UTF-8 here).
struct RegValue {
  std::string name;  // "" is the key's default value
  std::uint32_t type = 0;
  std::string data;  // raw bytes

  RegType kind() const { return static_cast<RegType>(type); }
  // REG_SZ / REG_EXPAND_SZ / REG_LINK as UTF-8, up to the first NUL;
  // nullopt for other types.
  std::optional<std::string> string() const;
  // REG_DWORD (little-endian) or REG_DWORD_BIG_ENDIAN; nullopt otherwise or
  // when the data is shorter than 4 bytes.
  std::optional<std::uint32_t> dword() const;
  // REG_QWORD, or a REG_DWORD widened; nullopt otherwise.
  std::optional<std::uint64_t> qword() const;
  // REG_MULTI_SZ as UTF-8 strings (the empty terminator dropped).
  std::optional<std::vector<std::string>> strings() const;
  // A FILETIME stored as 8 bytes (REG_BINARY or REG_QWORD), e.g. Defender's
  // SignaturesLastUpdated; nullopt when not 8 bytes or zero.
  std::optional<Time> filetime() const;
};

// A key: its subkey names, values and last-write time.
struct RegKey {
  std::string path;  // the logical path asked for, CurrentControlSet resolved ("HKLM\SYSTEM\ControlSet001\...")
  std::string name;  // the key's own name as stored
  std::optional<Time> last_write;
  std::string class_name;            // the key's class name (UTF-8), "" when none (Lsa\JD etc. hold the boot key)
  std::vector<std::string> subkeys;  // as stored (case kept), in hive order
  std::vector<RegValue> values;
  bool truncated = false;  // more than the bound of subkeys or values: the rest were not read

  // Case-insensitive, as Windows.
  const RegValue* value(std::string_view name) const;
  bool has_subkey(std::string_view name) const;
};

// The outcome of reading a key. Exactly one of: found; absent (the hive was
// read and holds no such key: evidence of absence); error (the hive could
// not be read: missing, unreadable, corrupt or too large — not evidence).
struct RegKeyResult {
  RegKey key;
  bool absent = false;
  bool hive_missing = false;  // with error: the hive file does not exist
  std::string error;          // "the SOFTWARE hive is missing: Windows/System32/config/SOFTWARE"
  bool found() const { return error.empty() && !absent; }
};

struct RegValueResult {
  std::optional<RegValue> value;  // set when the key and the value exist
  bool absent = false;            // the key or the value does not exist
  std::string error;              // as RegKeyResult::error
  bool found() const { return error.empty() && value.has_value(); }
};

class Registry {
 public:
  virtual ~Registry() = default;
  // A key by logical path. Roots: HKLM\SYSTEM, HKLM\SOFTWARE, HKLM\SAM,
  // HKLM\SECURITY, HKU\<profile folder name> (that user's NTUSER.DAT; the
  // folder name under <root>/Users stands for the SID offline). Names are
  // matched case-insensitively; '\' separates; CurrentControlSet is resolved
  // through SYSTEM\Select\Current.
  virtual RegKeyResult key(std::string_view path) const = 0;
  // Profile folder names under <root>/Users with an NTUSER.DAT (offline);
  // the loaded user hives (live). Sorted.
  virtual std::vector<std::string> users() const = 0;

  // One value of a key (case-insensitive name; "" is the default value).
  RegValueResult value(std::string_view key_path, std::string_view name) const;
};

// The backend for this build platform over the Host's root (defined in
// registry_posix.cpp / registry_win32.cpp). Offline, hive files are found
// case-insensitively under the root and opened once, lazily, then shared.
std::unique_ptr<Registry> make_registry(const Host& host);

// --- helpers shared by the backends (registry.cpp) ---------------------------------

// FILETIME (100 ns since 1601-01-01 UTC) → Time; nullopt for 0 or out of range.
std::optional<Time> filetime_to_time(std::uint64_t filetime);
// UTF-16LE bytes → UTF-8, up to the first NUL code unit (when `stop_at_nul`);
// unpaired surrogates become U+FFFD; an odd trailing byte is dropped.
std::string utf16le_to_utf8(std::string_view bytes, bool stop_at_nul = true);

// A logical path split: hive ("SYSTEM", "SOFTWARE", "SAM", "SECURITY" or
// "USER"), the user (for HKU) and the components below the hive root.
struct RegPath {
  std::string hive;
  std::string user;
  std::vector<std::string> parts;
};
// Accepts "HKLM\SYSTEM\...", "HKEY_LOCAL_MACHINE\SYSTEM\...", "HKU\<user>\...",
// "HKEY_USERS\<user>\..."; '/' is not a separator (key names may hold it).
// Empty components are skipped. nullopt with `why` for an unknown root or
// more than 512 components.
std::optional<RegPath> parse_reg_path(std::string_view path, std::string* why = nullptr);

}  // namespace sc

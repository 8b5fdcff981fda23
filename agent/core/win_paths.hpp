// Files of an audited Windows root found the way Windows finds them: names
// are case-insensitive on NTFS, but a mounted disk (or a fixture tree) on
// Linux is case-sensitive, so "Windows/System32/config/SYSTEM" may be stored
// as "WINDOWS/system32/Config/system". Shared by the registry and event-log
// backends and the OS detection; every lookup goes through Host::list_dir, so
// nothing outside the root is named.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sc {

class Host;

// The stored absolute path ("/WINDOWS/system32/config/SYSTEM") of a path
// given in any case ("/Windows/System32/config/SYSTEM"), or nullopt when some
// component does not exist. An exact match is preferred over a folded one.
// Components "." and ".." are refused (nullopt).
std::optional<std::string> find_case_insensitive(const Host& host, std::string_view abs);

// Whether the real location of `abs` (symlinks followed) stays under the
// Host's root; always true for the system root.
bool stays_under_root(const Host& host, std::string_view abs);

}  // namespace sc

// A Win32 SYSTEMTIME stored as 16 bytes in the registry (NetworkList
// profiles' DateCreated / DateLastConnected: eight little-endian WORDs
// wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds —
// learn.microsoft.com "SYSTEMTIME structure"). NetworkList writes them in the
// machine's *local* time: convert with the audited machine's zone.
#pragma once
#include <cctz/civil_time.h>

#include <optional>
#include <string_view>

namespace sc {

// nullopt unless the bytes are exactly 16 and every field is in range.
std::optional<cctz::civil_second> parse_systemtime(std::string_view bytes);

}  // namespace sc

// Dates in vendor registry values and definition files, read with the
// layouts rules/antivirus.yaml gives ("%Y%m%d", "* (%Y%m%d)", "%d-%m-%Y
// %H-%M-%S"). A pure matcher instead of strptime(3), which the Windows build
// (mingw-w64) lacks: the same rules must read alike on both builds.
#pragma once
#include <cctz/civil_time.h>

#include <optional>
#include <string>
#include <string_view>

namespace sc {

// Directives: %Y (4 digits), %y (2 digits, 1970..2069), %m %d %H %M %S (1 or
// 2 digits), %% a percent sign; `*` any run of characters (shortest first);
// every other character matches itself. The whole text must match; the
// date must exist (no 31 February). Missing time fields are 0.
std::optional<cctz::civil_second> match_date_pattern(std::string_view pattern, std::string_view text);
// Whether a pattern uses only the directives above and names a year, month and day.
bool valid_date_pattern(std::string_view pattern, std::string* why = nullptr);

}  // namespace sc

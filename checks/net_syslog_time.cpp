// Year inference for classic syslog stamps; RFC 3339 via parse_time.
#include "checks/net_syslog_time.hpp"

#include <array>

namespace sc {

std::optional<Time> net_syslog_time(std::string_view s, const Zone& zone, Time ref) {
  if (s.size() >= 19 && s[4] == '-' && s[10] == 'T') return parse_time(s, zone);
  if (s.size() != 15) return std::nullopt;
  static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = 0;
  for (std::size_t i = 0; i < months.size(); ++i)
    if (s.substr(0, 3) == months[i]) month = static_cast<int>(i) + 1;
  auto num = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      char c = s[i];
      if (c == ' ' && i == at) continue;
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  int day, hh, mm, ss;
  if (!month || !num(4, 2, day) || !num(7, 2, hh) || !num(10, 2, mm) || !num(13, 2, ss)) return std::nullopt;
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  auto ref_year = zone.to_civil(ref).year();
  for (auto year : {ref_year, ref_year - 1}) {
    cctz::civil_second cs(year, month, day, hh, mm, ss);
    if (cs.month() != month || cs.day() != day) continue;  // Feb 29 in a common year
    Time t = zone.from_civil(cs);
    if (t <= ref + std::chrono::hours(24)) return t;
  }
  return std::nullopt;
}

}  // namespace sc

// SYSTEMTIME bytes → civil time; see systemtime.hpp.
#include "checks/formats/systemtime.hpp"

namespace sc {

std::optional<cctz::civil_second> parse_systemtime(std::string_view b) {
  if (b.size() != 16) return std::nullopt;
  auto w = [&](int i) {
    return static_cast<int>(static_cast<unsigned char>(b[2 * i]) | (static_cast<unsigned char>(b[2 * i + 1]) << 8));
  };
  int year = w(0), month = w(1), dow = w(2), day = w(3), hour = w(4), minute = w(5), second = w(6), ms = w(7);
  if (year < 1601 || year > 30827 || month < 1 || month > 12 || dow > 6 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59 || ms > 999)
    return std::nullopt;
  cctz::civil_second cs(year, month, day, hour, minute, second);
  // cctz normalises 31 April to 1 May: a day that does not exist is not a date.
  if (cs.day() != day || cs.month() != month) return std::nullopt;
  return cs;
}

}  // namespace sc

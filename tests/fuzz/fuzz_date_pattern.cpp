// Fuzz target: vendor date layouts (sc::match_date_pattern,
// sc::valid_date_pattern). Input: pattern '\n' text. Any bytes give a date
// or nothing; a matched date exists on the calendar, and a pattern that
// matched is one valid_date_pattern accepts or one without a day field.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/formats/date_pattern.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  auto nl = text.find('\n');
  std::string_view pattern = text.substr(0, nl);
  std::string_view value = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  (void)sc::valid_date_pattern(pattern);
  if (auto cs = sc::match_date_pattern(pattern, value)) {
    FUZZ_CHECK(cs->month() >= 1 && cs->month() <= 12);
    FUZZ_CHECK(cs->day() >= 1 && cs->day() <= 31);
    FUZZ_CHECK(cs->year() >= 1601 && cs->year() <= 9999);
    FUZZ_CHECK(cctz::civil_day(*cs) == cctz::civil_day(cs->year(), cs->month(), cs->day()));
  }
  return 0;
}

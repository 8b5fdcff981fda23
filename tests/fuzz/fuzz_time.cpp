// Fuzz target: sc::parse_time (--as-of and times in files). Any text gives a
// time or nullopt; a parsed time formats with the zone's offset and parses
// back to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/core/time.hpp"

namespace {

const sc::Zone& shanghai() {
  static const sc::Zone z = sc::Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai").value_or(sc::Zone());
  return z;
}

void check(std::string_view text, const sc::Zone& zone) {
  auto t = sc::parse_time(text, zone);
  if (!t) return;
  std::string iso = zone.iso(*t);
  auto back = sc::parse_time(iso, zone);
  // ISO output must read back to the same instant; to the minute only when the
  // zone's offset has seconds (local mean time before 1901: +08:05:43 prints +08:05).
  if (!back) {
    // Outside years 1000-9999 ISO 8601 needs a form that parse_time refuses
    // (cctz prints years before 1000 unpadded: "9-01-29T…").
    bool four_digit_year = iso.size() > 4 && iso[4] == '-';
    for (int i = 0; i < 4 && four_digit_year; ++i) four_digit_year = iso[i] >= '0' && iso[i] <= '9';
    if (four_digit_year) std::abort();
    return;
  }
  const long off = zone.tz().lookup(cctz::time_point<cctz::seconds>(t->time_since_epoch())).offset;
  if (off % 60 == 0 ? *back != *t : std::abs((*back - *t).count()) >= 60) std::abort();
  (void)zone.date(*t);
  (void)zone.minute(*t);
  (void)zone.to_civil(*t);
  (void)sc::days_between(*t, sc::Time(std::chrono::seconds(1795161600)));  // 2026-11-20
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check(text, shanghai());
  check(text, sc::Zone());
  return 0;
}

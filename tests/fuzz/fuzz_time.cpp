// Fuzz target: sc::parse_time (--as-of and times in files). Any text gives a
// time or nullopt; a parsed time formats with the zone's offset and parses
// back to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/time.hpp"

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
  if (!back || *back != *t) std::abort();  // ISO output must read back to the same instant
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

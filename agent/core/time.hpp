// Time on the audited machine: absolute instants (seconds) and the machine's
// own zone, loaded from <root>/etc/localtime with cctz (no TZ env races).
#pragma once
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sc {

using Time = std::chrono::sys_seconds;

class Zone {
 public:
  Zone();  // UTC
  // Loads a TZif file by path; nullopt when it is missing or not TZif.
  static std::optional<Zone> load_file(const std::filesystem::path& tzif);
  static Zone fixed_offset(std::chrono::seconds offset);

  // 2026-11-19T10:15:32+08:00
  std::string iso(Time t) const;
  // 2026-11-19
  std::string date(Time t) const;
  // 2026-11-19 10:15
  std::string minute(Time t) const;
  // Local civil time → instant (for skipped/repeated local times, the earlier).
  Time from_civil(const cctz::civil_second& cs) const;
  cctz::civil_second to_civil(Time t) const;
  // "+08:00"
  std::string offset(Time t) const;
  const cctz::time_zone& tz() const { return tz_; }

 private:
  explicit Zone(cctz::time_zone tz) : tz_(tz) {}
  cctz::time_zone tz_;
};

// Accepts "2026-11-20", "2026-11-20T16:00", "2026-11-20T16:00:00",
// "2026-11-20 16:00:00", each optionally with a fraction and "Z" or "+08:00".
// Without an offset the time is local to `zone`; a bare date is 00:00 local.
std::optional<Time> parse_time(std::string_view text, const Zone& zone);

// Whole days between two instants (floor), e.g. signature age.
long days_between(Time from, Time to);

}  // namespace sc

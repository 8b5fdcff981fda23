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

// A Windows time-zone rule, as in the registry's TimeZoneInformation key
// (TIME_ZONE_INFORMATION): UTC = local + bias minutes.
struct WindowsZoneRule {
  // A recurring change: `week` 1..4 is the Nth `day_of_week` (0 = Sunday)
  // of `month`, 5 the last; month 0 = no change.
  struct Change {
    int month = 0, day_of_week = 0, week = 0, hour = 0, minute = 0;
  };
  std::string key_name;  // "China Standard Time" (for messages)
  int bias = 0;          // minutes: -480 for UTC+8
  int standard_bias = 0, daylight_bias = 0;
  Change standard_start, daylight_start;
  bool dynamic_dst_disabled = false;  // "adjust for daylight saving time" off
  bool has_dst() const {
    return !dynamic_dst_disabled && standard_start.month != 0 && daylight_start.month != 0 &&
           standard_bias != daylight_bias;
  }
};

class Zone {
 public:
  Zone();  // UTC
  // Loads a TZif file by path; nullopt when it is missing or not TZif.
  static std::optional<Zone> load_file(const std::filesystem::path& tzif);
  static Zone fixed_offset(std::chrono::seconds offset);
  // The zone of a Windows rule (zone_windows.cpp): a fixed offset without
  // daylight saving time, else the rule's changes for 1970-2200.
  static Zone windows(const WindowsZoneRule& rule);

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

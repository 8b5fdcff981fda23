// Zone and ISO 8601 formatting/parsing on top of cctz.
#include "agent/core/time.hpp"

#include <fmt/format.h>

#include "agent/core/platform.hpp"

namespace sc {

Zone::Zone() : tz_(cctz::utc_time_zone()) {}

std::optional<Zone> Zone::load_file(const std::filesystem::path& tzif) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(tzif, ec)) return std::nullopt;
  cctz::time_zone tz;
  if (!cctz::load_time_zone("file:" + c_library_path(tzif), &tz)) return std::nullopt;
  return Zone(tz);
}

Zone Zone::fixed_offset(std::chrono::seconds offset) { return Zone(cctz::fixed_time_zone(offset)); }

// Straight to seconds: going through system_clock::time_point (nanoseconds)
// overflows for years after 2262 (found by fuzzing: --as-of 9999-12-31).
static cctz::time_point<cctz::seconds> to_tp(Time t) { return cctz::time_point<cctz::seconds>(t.time_since_epoch()); }

std::string Zone::iso(Time t) const { return cctz::format("%Y-%m-%dT%H:%M:%S%Ez", to_tp(t), tz_); }
std::string Zone::date(Time t) const { return cctz::format("%Y-%m-%d", to_tp(t), tz_); }
std::string Zone::minute(Time t) const { return cctz::format("%Y-%m-%d %H:%M", to_tp(t), tz_); }
std::string Zone::offset(Time t) const { return cctz::format("%Ez", to_tp(t), tz_); }

Time Zone::from_civil(const cctz::civil_second& cs) const {
  auto lookup = tz_.lookup(cs);
  auto tp = lookup.kind == cctz::time_zone::civil_lookup::UNIQUE ? lookup.pre : lookup.trans;
  if (lookup.kind == cctz::time_zone::civil_lookup::REPEATED) tp = lookup.pre;
  return Time(std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()));
}

cctz::civil_second Zone::to_civil(Time t) const { return cctz::convert(to_tp(t), tz_); }

std::optional<Time> parse_time(std::string_view text, const Zone& zone) {
  std::string s(text);
  static const char* with_zone[] = {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M%Ez"};
  static const char* local[] = {"%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%d %H:%M:%E*S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                                "%Y-%m-%d"};
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    s.pop_back();
    s += "+00:00";
  }
  // The date is always YYYY-MM-DD, then the end, 'T' or one space: cctz lets a
  // space in a format match no space at all, and "2026-11-200:00" must not read
  // as 2026-11-20 00:00 (found by fuzzing).
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() < 10 || !digit(0) || !digit(1) || !digit(2) || !digit(3) || s[4] != '-' || !digit(5) || !digit(6) ||
      s[7] != '-' || !digit(8) || !digit(9))
    return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  cctz::time_point<cctz::seconds> tp;
  for (const char* f : with_zone) {
    if (cctz::parse(f, s, cctz::utc_time_zone(), &tp))
      return Time(std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()));
  }
  for (const char* f : local) {
    if (cctz::parse(f, s, zone.tz(), &tp))
      return Time(std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch()));
  }
  return std::nullopt;
}

long days_between(Time from, Time to) {
  auto secs = (to - from).count();
  return static_cast<long>(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
}

}  // namespace sc

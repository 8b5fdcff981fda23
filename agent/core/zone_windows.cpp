// A Zone from a Windows time-zone rule (TimeZoneInformation), so every time
// in the findings of a Windows machine carries that machine's offset. cctz
// reads zones only as TZif data, so the rule becomes TZif v2 bytes (RFC 8536)
// with explicit transitions for 1970-2200, served to cctz through its
// documented extension point cctz_extension::zone_info_source_factory
// (cctz/zone_info_source.h; a weak symbol in libcctz that this file defines).
#include <cctz/zone_info_source.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "agent/core/platform.hpp"
#include "agent/core/time.hpp"

namespace sc {

namespace {

constexpr std::string_view kPrefix = "selfcheck-windows:";

// The day of month of a recurring change in `year` (week 5 = last).
int change_day(int year, const WindowsZoneRule::Change& c) {
  cctz::civil_day first(year, c.month, 1);
  int wd = static_cast<int>(cctz::get_weekday(first));  // cctz: monday = 0 ... sunday = 6
  int first_wd = (wd + 1) % 7;                          // Windows: sunday = 0
  int day = 1 + (c.day_of_week - first_wd + 7) % 7 + 7 * (std::clamp(c.week, 1, 5) - 1);
  int days_in_month = static_cast<int>(cctz::civil_day(cctz::civil_month(year, c.month) + 1) - cctz::civil_day(first));
  while (day > days_in_month) day -= 7;
  return day;
}

void be32(std::string& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xFF);
}
void be64(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int s = 56; s >= 0; s -= 8) out += static_cast<char>((u >> s) & 0xFF);
}

std::string tzif(const WindowsZoneRule& r) {
  const std::int64_t std_off = -60LL * (r.bias + r.standard_bias);  // seconds east of UTC
  const std::int64_t dst_off = -60LL * (r.bias + r.daylight_bias);
  std::vector<std::pair<std::int64_t, int>> trans;  // (UTC seconds, type: 0 standard, 1 daylight)
  for (int year = 1970; year <= 2200; ++year) {
    auto at = [&](const WindowsZoneRule::Change& c, std::int64_t off_before) {
      cctz::civil_second local(year, c.month, change_day(year, c), c.hour, c.minute, 0);
      return (local - cctz::civil_second(1970, 1, 1, 0, 0, 0)) - off_before;
    };
    trans.emplace_back(at(r.daylight_start, std_off), 1);
    trans.emplace_back(at(r.standard_start, dst_off), 0);
  }
  std::sort(trans.begin(), trans.end());
  const std::string abbrevs = std::string("STD") + '\0' + "DST" + '\0';
  auto header = [&](char version, std::uint32_t timecnt, std::uint32_t typecnt, std::uint32_t charcnt) {
    std::string h = "TZif";
    h += version;
    h.append(15, '\0');
    be32(h, 0);  // isutcnt
    be32(h, 0);  // isstdcnt
    be32(h, 0);  // leapcnt
    be32(h, timecnt);
    be32(h, typecnt);
    be32(h, charcnt);
    return h;
  };
  // Version 1 block: one type, no transitions (readers of v2 skip it).
  std::string out = header('2', 0, 1, 4);
  be32(out, static_cast<std::uint32_t>(std_off));
  out += '\0';
  out += '\0';
  out += std::string("STD") + '\0';
  // Version 2 block.
  out += header('2', static_cast<std::uint32_t>(trans.size()), 2, static_cast<std::uint32_t>(abbrevs.size()));
  for (const auto& t : trans) be64(out, t.first);
  for (const auto& t : trans) out += static_cast<char>(t.second);
  be32(out, static_cast<std::uint32_t>(std_off));
  out += '\0';
  out += '\0';
  be32(out, static_cast<std::uint32_t>(dst_off));
  out += '\1';
  out += '\4';
  out += abbrevs;
  out += "\n\n";  // no POSIX footer: the explicit transitions end in 2200
  return out;
}

std::string encode(const WindowsZoneRule& r) {
  auto c = [](const WindowsZoneRule::Change& x) {
    return fmt::format("{},{},{},{},{}", x.month, x.day_of_week, x.week, x.hour, x.minute);
  };
  return fmt::format("{}{},{},{},{},{}", kPrefix, r.bias, r.standard_bias, r.daylight_bias, c(r.standard_start),
                     c(r.daylight_start));
}

std::optional<WindowsZoneRule> decode(const std::string& name) {
  if (name.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  std::istringstream in(name.substr(kPrefix.size()));
  std::vector<int> v;
  try {
    for (std::string part; std::getline(in, part, ',');) v.push_back(std::stoi(part));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (v.size() != 13) return std::nullopt;
  WindowsZoneRule r;
  r.bias = v[0];
  r.standard_bias = v[1];
  r.daylight_bias = v[2];
  r.standard_start = {v[3], v[4], v[5], v[6], v[7]};
  r.daylight_start = {v[8], v[9], v[10], v[11], v[12]};
  return r;
}

class StringSource : public cctz::ZoneInfoSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  std::size_t Read(void* ptr, std::size_t size) override {
    size = std::min(size, data_.size() - pos_);
    std::memcpy(ptr, data_.data() + pos_, size);
    pos_ += size;
    return size;
  }
  int Skip(std::size_t offset) override {
    if (offset > data_.size() - pos_) return -1;
    pos_ += offset;
    return 0;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

std::unique_ptr<cctz::ZoneInfoSource> factory(
    const std::string& name, const std::function<std::unique_ptr<cctz::ZoneInfoSource>(const std::string&)>& fallback) {
  if (auto rule = decode(name)) return std::make_unique<StringSource>(tzif(*rule));
  return fallback(name);
}

bool valid_change(const WindowsZoneRule::Change& c) {
  return c.month >= 1 && c.month <= 12 && c.day_of_week >= 0 && c.day_of_week <= 6 && c.week >= 1 && c.week <= 5 &&
         c.hour >= 0 && c.hour <= 23 && c.minute >= 0 && c.minute <= 59;
}

}  // namespace

Zone Zone::windows(const WindowsZoneRule& rule) {
  // Offsets beyond ±14 h are not real: clamp to something cctz accepts.
  auto sane = [](int minutes) { return std::clamp(minutes, -24 * 60, 24 * 60); };
  WindowsZoneRule r = rule;
  r.bias = sane(r.bias);
  r.standard_bias = sane(r.standard_bias);
  r.daylight_bias = sane(r.daylight_bias);
  if (!r.has_dst() || !valid_change(r.standard_start) || !valid_change(r.daylight_start))
    return fixed_offset(std::chrono::minutes(-(r.bias + r.standard_bias)));
  cctz::time_zone tz;
#ifndef ABSL_NAMESPACE_BEGIN
  if (!cctz::load_time_zone(encode(r), &tz)) return fixed_offset(std::chrono::minutes(-(r.bias + r.standard_bias)));
#else
  // abseil's cctz (the Windows build) cannot take our factory (no weak
  // symbols under MinGW): the TZif goes through a private temp file instead.
  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec) /
                              fmt::format("selfcheck-zone-{:x}.tzif", std::hash<std::string>{}(encode(r)));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << tzif(r);
  }
  bool loaded = !ec && cctz::load_time_zone("file:" + c_library_path(tmp), &tz);
  std::filesystem::remove(tmp, ec);
  if (!loaded) return fixed_offset(std::chrono::minutes(-(r.bias + r.standard_bias)));
#endif
  return Zone(tz);
}

}  // namespace sc

#ifndef ABSL_NAMESPACE_BEGIN
// cctz's extension point: zones named "selfcheck-windows:..." come from the
// rule in the name; every other name goes to cctz's own loader.
namespace cctz_extension {
ZoneInfoSourceFactory zone_info_source_factory = sc::factory;
}  // namespace cctz_extension
#endif

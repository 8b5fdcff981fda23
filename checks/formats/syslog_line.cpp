// Text syslog line parsing (classic and RFC 3339 timestamps) and year inference.
#include "checks/formats/syslog_line.hpp"

#include <array>
#include <cstring>

namespace sc {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// n digits at s[pos..]; -1 when not all digits or out of range.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int month_of(std::string_view m) {
  static constexpr std::array<const char*, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i)
    if (m == names[static_cast<std::size_t>(i)]) return i + 1;
  return 0;
}

bool valid_clock(const SyslogTimestamp& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
         t.minute <= 59 && t.second >= 0 && t.second <= 60;
}

// "HH:MM:SS" at pos.
bool clock_at(std::string_view s, std::size_t pos, SyslogTimestamp& t) {
  if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':') return false;
  t.hour = digits(s, pos, 2);
  t.minute = digits(s, pos + 3, 2);
  t.second = digits(s, pos + 6, 2);
  return t.hour >= 0 && t.minute >= 0 && t.second >= 0;
}

std::optional<SyslogTimestamp> classic(std::string_view s, std::size_t* consumed) {
  // "Nov 20 10:15:02" or "Nov  2 10:15:02"
  if (s.size() < 15 || s[3] != ' ') return std::nullopt;
  SyslogTimestamp t;
  t.month = month_of(s.substr(0, 3));
  if (t.month == 0) return std::nullopt;
  std::size_t p = 4;
  if (s[p] == ' ') ++p;
  if (p >= s.size() || !digit(s[p])) return std::nullopt;
  t.day = s[p] - '0';
  ++p;
  if (p < s.size() && digit(s[p])) {
    t.day = t.day * 10 + (s[p] - '0');
    ++p;
  }
  if (p >= s.size() || s[p] != ' ') return std::nullopt;
  ++p;
  if (!clock_at(s, p, t)) return std::nullopt;
  p += 8;
  if (!valid_clock(t)) return std::nullopt;
  if (consumed) *consumed = p;
  return t;
}

std::optional<SyslogTimestamp> rfc3339(std::string_view s, std::size_t* consumed) {
  // 2026-11-20T10:15:02[.123456](Z|+08:00)
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  SyslogTimestamp t;
  t.year = digits(s, 0, 4);
  t.month = digits(s, 5, 2);
  t.day = digits(s, 8, 2);
  if (t.year < 1970 || !clock_at(s, 11, t) || !valid_clock(t)) return std::nullopt;
  std::size_t p = 19;
  if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
    ++p;
    int n = 0, v = 0;
    while (p < s.size() && digit(s[p])) {
      if (n < 6) {
        v = v * 10 + (s[p] - '0');
        ++n;
      }
      ++p;
    }
    if (n == 0) return std::nullopt;
    while (n < 6) v *= 10, ++n;
    t.micros = v;
  }
  if (p < s.size() && s[p] == 'Z') {
    t.offset_seconds = 0;
    ++p;
  } else if (p + 6 <= s.size() && (s[p] == '+' || s[p] == '-') && s[p + 3] == ':') {
    int hh = digits(s, p + 1, 2), mm = digits(s, p + 4, 2);
    if (hh < 0 || mm < 0 || hh > 23 || mm > 59) return std::nullopt;
    int off = hh * 3600 + mm * 60;
    t.offset_seconds = s[p] == '-' ? -off : off;
    p += 6;
  }
  if (consumed) *consumed = p;
  return t;
}

// Seconds within a (leap) year: the order key for wrap detection.
long order_key(const SyslogTimestamp& t) {
  static constexpr int before[13] = {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  long day = before[t.month < 1 || t.month > 12 ? 0 : t.month] + t.day;
  return (day * 24 + t.hour) * 3600L + t.minute * 60L + t.second;
}

constexpr long kDay = 86400;

}  // namespace

std::optional<SyslogTimestamp> parse_syslog_timestamp(std::string_view line, std::size_t* consumed) {
  if (line.empty()) return std::nullopt;
  if (digit(line[0])) return rfc3339(line, consumed);
  return classic(line, consumed);
}

std::optional<SyslogLine> parse_syslog_line(std::string_view line) {
  std::size_t p = 0;
  auto ts = parse_syslog_timestamp(line, &p);
  if (!ts || p >= line.size() || line[p] != ' ') return std::nullopt;
  SyslogLine out;
  out.ts = *ts;
  while (p < line.size() && line[p] == ' ') ++p;
  std::size_t h = p;
  while (p < line.size() && line[p] != ' ') ++p;
  out.host = line.substr(h, p - h);
  if (out.host.empty()) return std::nullopt;
  if (p < line.size()) ++p;
  std::string_view rest = line.substr(p);
  // tag[pid]: message  |  tag: message  |  message
  std::size_t i = 0;
  while (i < rest.size() && rest[i] != ':' && rest[i] != '[' && rest[i] != ' ') ++i;
  if (i > 0 && i < rest.size() && rest[i] == '[') {
    std::size_t close = rest.find(']', i);
    if (close != std::string_view::npos && close + 1 < rest.size() && rest[close + 1] == ':') {
      std::string_view num = rest.substr(i + 1, close - i - 1);
      std::int64_t v = 0;
      bool ok = !num.empty() && num.size() <= 10;
      for (char c : num) {
        if (!digit(c)) ok = false;
        if (ok) v = v * 10 + (c - '0');  // at most 10 digits: no overflow
      }
      out.tag = rest.substr(0, i);
      if (ok) out.pid = v;
      std::size_t m = close + 2;
      if (m < rest.size() && rest[m] == ' ') ++m;
      out.message = rest.substr(m);
      return out;
    }
  }
  if (i > 0 && i < rest.size() && rest[i] == ':') {
    out.tag = rest.substr(0, i);
    std::size_t m = i + 1;
    if (m < rest.size() && rest[m] == ' ') ++m;
    out.message = rest.substr(m);
    return out;
  }
  out.message = rest;
  return out;
}

KernelText split_kernel_message(std::string_view m) {
  KernelText k;
  k.text = m;
  if (m.empty() || m[0] != '[') return k;
  std::size_t close = m.find(']');
  if (close == std::string_view::npos || close > 24) return k;
  std::string_view inner = m.substr(1, close - 1);
  while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
  double secs = 0, scale = 0;
  bool any = false, ok = !inner.empty();
  for (char c : inner) {
    if (digit(c)) {
      any = true;
      if (scale == 0) {
        secs = secs * 10 + (c - '0');
      } else {
        secs += (c - '0') * scale;
        scale /= 10;
      }
    } else if (c == '.' && scale == 0) {
      scale = 0.1;
    } else {
      ok = false;
      break;
    }
  }
  if (!ok || !any) return k;
  k.uptime = secs;
  std::size_t t = close + 1;
  if (t < m.size() && m[t] == ' ') ++t;
  k.text = m.substr(t);
  return k;
}

int SyslogYears::observe(const SyslogTimestamp& ts) {
  if (!any_) {
    any_ = true;
    first_ = ts;
    if (ts.has_year()) known_base_ = ts.year;
  } else if (ts.has_year() && known_base_) {
    int idx = ts.year - *known_base_;
    if (idx > index_ && idx - index_ < 100) index_ = idx;
  } else if (order_key(ts) < order_key(prev_) - kDay) {
    ++index_;  // December → January (or a long gap past New Year)
  }
  if (ts.has_year() && !known_base_) known_base_ = ts.year - index_;
  prev_ = ts;
  last_ = ts;
  return index_;
}

Time syslog_time(const SyslogTimestamp& ts, int year, const Zone& zone) {
  int y = ts.has_year() ? ts.year : year;
  cctz::civil_second cs(y, ts.month, ts.day, ts.hour, ts.minute, ts.second);
  if (ts.offset_seconds) {  // civil time at a fixed offset: no zone lookup
    auto utc = cctz::convert(cs, cctz::utc_time_zone());
    return std::chrono::time_point_cast<std::chrono::seconds>(utc) - std::chrono::seconds(*ts.offset_seconds);
  }
  return zone.from_civil(cs);
}

int SyslogYears::base_year(Time anchor, const Zone& zone) const {
  if (known_base_) return *known_base_;
  int ya = static_cast<int>(zone.to_civil(anchor).year());
  int y = ya + 1;
  for (; y > ya - 2; --y)
    if (syslog_time(last_, y, zone) <= anchor + std::chrono::seconds(kDay)) break;
  return y - index_;
}

bool SyslogYears::consistent_anchor(Time mtime, const Zone& zone) const {
  if (!any_) return false;
  Time last = syslog_time(last_, base_year(mtime, zone) + index_, zone);
  auto gap = mtime - last;
  return gap >= std::chrono::seconds(-kDay) && gap <= std::chrono::seconds(kDay);
}

Time SyslogYears::first_time(int base, const Zone& zone) const { return syslog_time(first_, base, zone); }

std::vector<int> rotated_base_years(const std::vector<SyslogYears>& years,
                                    const std::vector<std::optional<Time>>& mtimes, Time now, const Zone& zone) {
  std::vector<int> base(years.size(), 1970);
  std::optional<Time> next_first;
  for (std::size_t k = years.size(); k-- > 0;) {
    const SyslogYears& yr = years[k];
    if (yr.empty()) continue;
    Time anchor = next_first.value_or(now);
    if (k < mtimes.size() && mtimes[k] && yr.consistent_anchor(*mtimes[k], zone)) anchor = *mtimes[k];
    base[k] = yr.base_year(anchor, zone);
    next_first = yr.first_time(base[k], zone);
  }
  return base;
}

}  // namespace sc

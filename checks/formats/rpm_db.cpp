// rpm query output, rpmvercmp (a port of rpmio/rpmvercmp.c) and dnf's rpm log.
#include "checks/formats/rpm_db.hpp"

#include <cctz/time_zone.h>

#include <charconv>
#include <cstring>

#include "agent/core/text.hpp"

namespace sc {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

std::vector<std::string_view> split_tabs(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  for (;;) {
    auto t = s.find('\t', pos);
    out.push_back(s.substr(pos, t == std::string_view::npos ? std::string_view::npos : t - pos));
    if (t == std::string_view::npos) break;
    pos = t + 1;
  }
  return out;
}
}  // namespace

std::vector<RpmPackage> parse_rpm_qa(std::string_view out, std::size_t* bad_lines) {
  std::vector<RpmPackage> pkgs;
  std::size_t bad = 0, pos = 0;
  std::string_view line;
  while (next_line(out, pos, line)) {
    if (line.empty()) continue;
    auto f = split_tabs(line);
    if (f.size() != 4 || f[0].empty() || f[1].empty() || f[0].size() > 1024 || f[1].size() > 1024) {
      ++bad;
      continue;
    }
    RpmPackage p{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::nullopt};
    std::int64_t secs = 0;
    auto [ptr, ec] = std::from_chars(f[3].data(), f[3].data() + f[3].size(), secs);
    if (ec == std::errc() && ptr == f[3].data() + f[3].size() && secs > 0)
      p.install_time = Time(std::chrono::seconds(secs));
    pkgs.push_back(std::move(p));
  }
  if (bad_lines) *bad_lines = bad;
  return pkgs;
}

int rpmvercmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  std::size_t i = 0, j = 0;
  const std::size_t n = a.size(), m = b.size();
  while (i < n || j < m) {
    while (i < n && !is_alnum(a[i]) && a[i] != '~' && a[i] != '^') ++i;
    while (j < m && !is_alnum(b[j]) && b[j] != '~' && b[j] != '^') ++j;
    // '~' sorts before everything, even the end.
    if ((i < n && a[i] == '~') || (j < m && b[j] == '~')) {
      if (!(i < n && a[i] == '~')) return 1;
      if (!(j < m && b[j] == '~')) return -1;
      ++i, ++j;
      continue;
    }
    // '^' sorts after the end but before anything else.
    if ((i < n && a[i] == '^') || (j < m && b[j] == '^')) {
      if (i >= n) return -1;
      if (j >= m) return 1;
      if (a[i] != '^') return 1;
      if (b[j] != '^') return -1;
      ++i, ++j;
      continue;
    }
    if (!(i < n && j < m)) break;
    std::size_t si = i, sj = j;
    bool numeric = is_digit(a[i]);
    if (numeric) {
      while (i < n && is_digit(a[i])) ++i;
      while (j < m && is_digit(b[j])) ++j;
    } else {
      while (i < n && is_alpha(a[i])) ++i;
      while (j < m && is_alpha(b[j])) ++j;
    }
    std::string_view x = a.substr(si, i - si), y = b.substr(sj, j - sj);
    if (y.empty()) return numeric ? 1 : -1;  // numeric segments beat alpha ones
    if (numeric) {
      while (!x.empty() && x.front() == '0') x.remove_prefix(1);
      while (!y.empty() && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() > y.size() ? 1 : -1;
    }
    if (int c = x.compare(y)) return c < 0 ? -1 : 1;
  }
  if (i >= n && j >= m) return 0;
  return i >= n ? -1 : 1;
}

int compare_rpm_evr(std::string_view a, std::string_view b) {
  struct Evr {
    std::string_view e, v, r;
  };
  auto split = [](std::string_view s) {
    Evr x;
    if (auto c = s.find(':'); c != std::string_view::npos && c > 0 && is_digit(s[0])) {
      x.e = s.substr(0, c);
      s.remove_prefix(c + 1);
    }
    if (auto d = s.rfind('-'); d != std::string_view::npos) {
      x.r = s.substr(d + 1);
      s = s.substr(0, d);
    }
    x.v = s;
    while (!x.e.empty() && x.e.front() == '0') x.e.remove_prefix(1);
    return x;
  };
  Evr x = split(a), y = split(b);
  if (int c = rpmvercmp(x.e, y.e)) return c;
  if (int c = rpmvercmp(x.v, y.v)) return c;
  if (x.r.empty() || y.r.empty()) return 0;  // no release on one side: versions decide
  return rpmvercmp(x.r, y.r);
}

std::optional<Time> parse_dnf_rpm_log_line(std::string_view line, const Zone& zone) {
  auto sp = line.find(' ');
  if (sp == std::string_view::npos || sp < 19 || sp > 40) return std::nullopt;
  std::string_view rest = line.substr(sp + 1);
  if (rest.rfind("SUBDEBUG ", 0) == 0) rest.remove_prefix(9);
  bool update = rest.rfind("Upgrade: ", 0) == 0 || rest.rfind("Install: ", 0) == 0 ||
                rest.rfind("Installed: ", 0) == 0 || rest.rfind("Upgraded: ", 0) == 0;
  if (!update) return std::nullopt;
  std::string stamp(line.substr(0, sp));
  cctz::time_point<cctz::seconds> tp;  // seconds: a nanosecond time_point overflows (UB) past ±292 years
  if (cctz::parse("%Y-%m-%dT%H:%M:%S%z", stamp, cctz::utc_time_zone(), &tp) ||
      cctz::parse("%Y-%m-%dT%H:%M:%S%Ez", stamp, cctz::utc_time_zone(), &tp))
    return std::chrono::time_point_cast<std::chrono::seconds>(tp);
  // No offset: local time.
  if (cctz::parse("%Y-%m-%dT%H:%M:%S", stamp, cctz::utc_time_zone(), &tp))
    return zone.from_civil(cctz::convert(tp, cctz::utc_time_zone()));
  return std::nullopt;
}

}  // namespace sc

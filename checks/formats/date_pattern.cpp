// See date_pattern.hpp. Backtracking over `*` is bounded by the text length
// (patterns come from the rules, text from a registry value: both short).
#include "checks/formats/date_pattern.hpp"

namespace sc {

namespace {

struct Fields {
  int Y = -1, m = -1, d = -1, H = 0, M = 0, S = 0;
};

bool digits(std::string_view t, std::size_t& ti, int min_n, int max_n, int& out) {
  int n = 0, v = 0;
  while (n < max_n && ti < t.size() && t[ti] >= '0' && t[ti] <= '9') {
    v = v * 10 + (t[ti] - '0');
    ++ti;
    ++n;
  }
  if (n < min_n) return false;
  out = v;
  return true;
}

// Depth-limited recursion on `*` only; each directive consumes greedily
// (which is what layouts like "%Y%m%d" need: fixed widths there).
bool match(std::string_view p, std::size_t pi, std::string_view t, std::size_t ti, Fields f, Fields& out, int depth) {
  if (depth > 8) return false;
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      for (std::size_t k = ti; k <= t.size(); ++k)
        if (match(p, pi + 1, t, k, f, out, depth + 1)) return true;
      return false;
    }
    if (c == '%' && pi + 1 < p.size()) {
      char dch = p[pi + 1];
      pi += 2;
      bool ok = true;
      switch (dch) {
        case 'Y':
          ok = digits(t, ti, 4, 4, f.Y);
          break;
        case 'y':
          ok = digits(t, ti, 2, 2, f.Y);
          if (ok) f.Y += f.Y < 70 ? 2000 : 1900;
          break;
        case 'm':
          ok = digits(t, ti, 1, 2, f.m);
          break;
        case 'd':
          ok = digits(t, ti, 1, 2, f.d);
          break;
        case 'H':
          ok = digits(t, ti, 1, 2, f.H);
          break;
        case 'M':
          ok = digits(t, ti, 1, 2, f.M);
          break;
        case 'S':
          ok = digits(t, ti, 1, 2, f.S);
          break;
        case '%':
          ok = ti < t.size() && t[ti++] == '%';
          break;
        default:
          return false;
      }
      if (!ok) return false;
      continue;
    }
    if (ti >= t.size() || t[ti] != c) return false;
    ++pi;
    ++ti;
  }
  if (ti != t.size()) return false;
  out = f;
  return true;
}

}  // namespace

std::optional<cctz::civil_second> match_date_pattern(std::string_view pattern, std::string_view text) {
  if (pattern.size() > 256 || text.size() > 4096) return std::nullopt;
  Fields f;
  if (!match(pattern, 0, text, 0, Fields{}, f, 0)) return std::nullopt;
  if (f.Y < 1601 || f.Y > 9999 || f.m < 1 || f.m > 12 || f.d < 1 || f.d > 31 || f.H > 23 || f.M > 59 || f.S > 60)
    return std::nullopt;
  cctz::civil_second cs(f.Y, f.m, f.d, f.H, f.M, f.S);
  // cctz normalises 31 February into March: refuse dates that do not exist.
  if (cs.year() != f.Y || cs.month() != f.m || cs.day() != f.d) return std::nullopt;
  return cs;
}

bool valid_date_pattern(std::string_view p, std::string* why) {
  bool Y = false, m = false, d = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '%') continue;
    if (i + 1 >= p.size()) {
      if (why) *why = "a '%' ends the format";
      return false;
    }
    char c = p[++i];
    switch (c) {
      case 'Y':
      case 'y':
        Y = true;
        break;
      case 'm':
        m = true;
        break;
      case 'd':
        d = true;
        break;
      case 'H':
      case 'M':
      case 'S':
      case '%':
        break;
      default:
        if (why) *why = std::string("unknown directive %") + c + " (expected %Y %y %m %d %H %M %S)";
        return false;
    }
  }
  if (!Y || !m || !d) {
    if (why) *why = "a format needs %Y (or %y), %m and %d";
    return false;
  }
  return true;
}

}  // namespace sc

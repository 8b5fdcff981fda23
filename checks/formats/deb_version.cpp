// Debian version ordering: a port of dpkg's parseversion/verrevcmp
// (lib/dpkg/parsehelp.c, lib/dpkg/version.c) over string_views.
#include "checks/formats/deb_version.hpp"

namespace sc {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// dpkg's order(): digits 0, letters by code, '~' before everything (even the
// end of the string), other characters after letters.
int order(char c) {
  if (is_digit(c)) return 0;
  if (is_alpha(c)) return static_cast<unsigned char>(c);
  if (c == '~') return -1;
  if (c) return static_cast<unsigned char>(c) + 256;
  return 0;
}

int verrevcmp(std::string_view a, std::string_view b) {
  // dpkg compares C strings: a NUL ends the version. Read inside the loop as
  // "end" here and as an "other" character there, it made the order
  // intransitive (found by fuzz_deb_version).
  a = a.substr(0, a.find('\0'));
  b = b.substr(0, b.find('\0'));
  std::size_t i = 0, j = 0;
  auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int ac = order(at(a, i));
      int bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    while (is_digit(at(a, i)) && is_digit(at(b, j))) {
      if (!first_diff) first_diff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (is_digit(at(a, i))) return 1;
    if (is_digit(at(b, j))) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

bool fail(std::string* error, const char* why) {
  if (error) *error = why;
  return false;
}

}  // namespace

std::optional<DebVersion> parse_deb_version(std::string_view s, std::string* error) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  if (s.empty()) return fail(error, "version string is empty"), std::nullopt;
  for (char c : s)
    if (is_blank(c)) return fail(error, "version string has embedded spaces"), std::nullopt;
  DebVersion v;
  if (auto colon = s.find(':'); colon != std::string_view::npos) {
    std::string_view e = s.substr(0, colon);
    // Like dpkg (strtol): no leading digit reads as an empty epoch.
    if (e.empty() || !is_digit(e.front())) return fail(error, "epoch in version is empty"), std::nullopt;
    std::uint64_t n = 0;
    for (char c : e) {
      if (!is_digit(c)) return fail(error, "epoch in version is not number"), std::nullopt;
      n = n * 10 + static_cast<std::uint64_t>(c - '0');
      if (n > 0x7fffffffULL) return fail(error, "epoch in version is too big"), std::nullopt;
    }
    v.epoch = static_cast<std::uint32_t>(n);
    s.remove_prefix(colon + 1);
    if (s.empty()) return fail(error, "nothing after colon in version number"), std::nullopt;
  }
  if (auto dash = s.rfind('-'); dash != std::string_view::npos) {
    v.revision = s.substr(dash + 1);
    if (v.revision.empty()) return fail(error, "revision number is empty"), std::nullopt;
    s = s.substr(0, dash);
  }
  if (s.empty()) return fail(error, "upstream version is empty"), std::nullopt;
  v.upstream = s;
  return v;
}

int compare_deb_versions(const DebVersion& a, const DebVersion& b) {
  if (a.epoch != b.epoch) return a.epoch < b.epoch ? -1 : 1;
  if (int r = verrevcmp(a.upstream, b.upstream)) return r < 0 ? -1 : 1;
  int r = verrevcmp(a.revision, b.revision);
  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

int compare_deb_versions(std::string_view a, std::string_view b) {
  auto lenient = [](std::string_view s) {
    if (auto v = parse_deb_version(s)) return *v;
    DebVersion v;
    v.upstream = s;
    return v;
  };
  return compare_deb_versions(lenient(a), lenient(b));
}

std::string newest_kernel_release(const std::vector<std::string>& boot_entries) {
  std::string best;
  for (const std::string& n : boot_entries) {
    if (n.rfind("vmlinuz-", 0) != 0 || n.size() == 8) continue;
    std::string r = n.substr(8);
    if (best.empty() || compare_deb_versions(r, best) > 0) best = r;
  }
  return best;
}

}  // namespace sc

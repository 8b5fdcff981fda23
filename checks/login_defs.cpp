// Parsing of /etc/login.defs (shadow-utils getdef.c semantics).
#include "checks/login_defs.hpp"

#include <cerrno>
#include <cstdlib>

namespace sc {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

LoginDefs parse_login_defs(std::string_view text) {
  LoginDefs out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = (nl == std::string_view::npos) ? text.size() : nl + 1;
    if (line.size() > 4096) continue;
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::size_t i = 0;
    while (i < line.size() && !is_space(line[i])) ++i;
    std::string_view name = line.substr(0, i);
    std::string_view value = line.substr(i);
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    // getdef: a value in double quotes is taken up to the closing quote.
    if (!value.empty() && value.front() == '"') {
      value.remove_prefix(1);
      std::size_t q = value.find('"');
      if (q != std::string_view::npos) value = value.substr(0, q);
    }
    out.values[std::string(name)] = std::string(value);
  }
  return out;
}

std::optional<std::int64_t> LoginDefs::number(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  const char* s = it->second.c_str();
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s, &end, 0);  // getdef uses base 0: 022, 0x10, -1
  if (errno != 0 || end == s || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(v);
}

}  // namespace sc

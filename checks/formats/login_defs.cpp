// Parsing of /etc/login.defs (shadow-utils getdef.c semantics).
#include "checks/formats/login_defs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "agent/core/text.hpp"

namespace sc {

LoginDefs parse_login_defs(std::string_view text) {
  LoginDefs out;
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    if (line.size() > 4096) continue;
    line = trim(line, kSpaces);  // no '\n' is left in a line
    if (line.empty() || line.front() == '#') continue;
    std::size_t i = std::min(line.find_first_of(kSpaces), line.size());
    std::string_view name = line.substr(0, i);
    std::string_view value = trim_front(line.substr(i), kSpaces);
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

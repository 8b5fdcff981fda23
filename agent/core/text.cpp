// The shared string helpers of checks/text.hpp.
#include "agent/core/text.hpp"

namespace sc {

std::string_view trim_front(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  return s;
}

std::string_view trim_back(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s, std::string_view chars) { return trim_back(trim_front(s, chars), chars); }

std::string_view trim(std::string_view s) { return trim_back(trim_front(s, kBlanks), " \t\r"); }

namespace {
char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

std::vector<std::string_view> split_words(std::string_view s, std::string_view seps, std::size_t max) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < max) {
    i = s.find_first_not_of(seps, i);
    if (i == std::string_view::npos) break;
    std::size_t j = s.find_first_of(seps, i);
    if (j == std::string_view::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool next_line(std::string_view text, std::size_t& pos, std::string_view& line) {
  if (pos >= text.size()) return false;
  std::size_t nl = text.find('\n', pos);
  line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
  pos = nl == std::string_view::npos ? text.size() : nl + 1;
  return true;
}

}  // namespace sc

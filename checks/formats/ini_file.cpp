// INI-like file parsing in the GKeyFile, SDDM and systemd dialects, and the
// later-wins merge of several files.
#include "checks/formats/ini_file.hpp"

#include "agent/core/text.hpp"

namespace sc {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;

}  // namespace

IniFile parse_ini(std::string_view text, IniDialect dialect) {
  IniFile out;
  std::string section;
  std::size_t pos = 0;
  int line_no = 0;
  std::string pending;  // systemd continuation
  int pending_line = 0;
  std::string_view raw;
  while (next_line(text, pos, raw)) {
    ++line_no;
    if (raw.size() > kMaxLine) {
      ++out.malformed;
      pending.clear();
      continue;
    }
    std::string_view line = trim(raw, kSpaces);
    if (dialect == IniDialect::systemd) {
      if (pending.empty() && (line.empty() || line.front() == '#' || line.front() == ';')) continue;
      if (!pending.empty() && !line.empty() && (line.front() == '#' || line.front() == ';'))
        continue;  // comments inside continuations
      if (!line.empty() && line.back() == '\\') {
        if (pending.empty()) pending_line = line_no;
        pending.append(line.substr(0, line.size() - 1));
        pending.push_back(' ');
        if (pending.size() > kMaxLine) {
          ++out.malformed;
          pending.clear();
        }
        continue;
      }
      if (!pending.empty()) {
        pending.append(line);
        std::string joined = std::move(pending);
        pending.clear();
        std::string_view j = trim(joined, kSpaces);
        std::size_t eq = j.find('=');
        // An empty key is refused here as on a single line (found by fuzz_ini_file).
        if (eq == std::string_view::npos || section.empty() || trim(j.substr(0, eq), kSpaces).empty()) {
          ++out.malformed;
          continue;
        }
        out.entries.push_back({section, std::string(trim(j.substr(0, eq), kSpaces)),
                               std::string(trim(j.substr(eq + 1), kSpaces)), pending_line});
        continue;
      }
    } else if (dialect == IniDialect::sddm) {
      line = trim(line.substr(0, line.find('#')), kSpaces);
      if (line.empty()) continue;
    } else {
      if (line.empty() || line.front() == '#') continue;
    }
    // sddm: an '=' wins over a section header; the others check the header first.
    std::size_t eq = line.find('=');
    bool header = line.front() == '[' && line.back() == ']' && line.size() >= 2;
    if (header && !(dialect == IniDialect::sddm && eq != std::string_view::npos)) {
      section = std::string(line.substr(1, line.size() - 2));
      continue;
    }
    if (eq == std::string_view::npos) {
      ++out.malformed;
      continue;
    }
    std::string_view key = trim(line.substr(0, eq), kSpaces);
    if (key.empty() || (dialect != IniDialect::sddm && section.empty())) {
      ++out.malformed;  // GKeyFile and systemd refuse keys before the first group
      continue;
    }
    out.entries.push_back({section, std::string(key), std::string(trim(line.substr(eq + 1), kSpaces)), line_no});
  }
  if (!pending.empty()) ++out.malformed;
  return out;
}

void IniSettings::apply(const IniFile& file, const std::string& source,
                        const std::map<std::string, std::string>& rename) {
  for (const IniEntry& e : file.entries) {
    std::string section = e.section;
    if (auto it = rename.find(section); it != rename.end()) section = it->second;
    values_[section][e.key] = Value{e.value, source, e.line};
  }
}

const IniSettings::Value* IniSettings::get(const std::string& section, const std::string& key) const {
  auto s = values_.find(section);
  if (s == values_.end()) return nullptr;
  auto k = s->second.find(key);
  return k == s->second.end() ? nullptr : &k->second;
}

std::vector<std::string> IniSettings::sections() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : values_) out.push_back(name);
  return out;
}

}  // namespace sc

// Streaming deb822 stanza parser for the dpkg status file and Packages indexes
// (deb822(5): "Field: value", continuation lines start with a space or tab,
// stanzas are separated by blank lines, field names are case-insensitive).
#include "checks/formats/dpkg_status.hpp"

#include "agent/core/text.hpp"

namespace sc {

namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

}  // namespace

bool DpkgPackage::installed() const {
  // "want flag status": the last word is the state.
  std::string_view s = status;
  auto sp = s.find_last_of(' ');
  std::string_view state = sp == std::string_view::npos ? s : s.substr(sp + 1);
  return state == "installed" || state == "triggers-pending" || state == "triggers-awaited";
}

void DpkgStanzaParser::line(std::string_view l) {
  if (blank(l)) {
    flush();
    return;
  }
  if (!in_stanza_) {
    in_stanza_ = true;
    ++stats_.stanzas;
  }
  if (l.front() == ' ' || l.front() == '\t') return;  // continuation of a field we do not keep
  if (l.front() == '#') return;                       // deb822 comment
  auto colon = l.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    ++stats_.bad_lines;
    return;
  }
  std::string_view key = l.substr(0, colon);
  std::string* slot = nullptr;
  switch (key.size()) {
    case 6:
      if (iequals(key, "Status"))
        slot = &cur_.status;
      else if (iequals(key, "Source"))
        slot = &cur_.source;
      break;
    case 7:
      if (iequals(key, "Package"))
        slot = &cur_.name;
      else if (iequals(key, "Version"))
        slot = &cur_.version;
      break;
    case 12:
      if (iequals(key, "Architecture")) slot = &cur_.architecture;
      break;
    default:
      break;
  }
  if (!slot) return;
  std::string_view value = trim(l.substr(colon + 1));
  if (slot == &cur_.source) {
    // "Source: glibc (2.36-9+deb12u4)": keep the name.
    if (auto sp = value.find(' '); sp != std::string_view::npos) value = value.substr(0, sp);
  }
  if (value.size() > kMaxValue) {
    value = value.substr(0, kMaxValue);
    ++stats_.long_values;
  }
  slot->assign(value.data(), value.size());
}

void DpkgStanzaParser::flush() {
  if (!in_stanza_) return;
  in_stanza_ = false;
  if (cur_.name.empty()) {
    ++stats_.skipped;
  } else {
    if (cur_.source == cur_.name) cur_.source.clear();
    sink_(std::move(cur_));
  }
  cur_ = DpkgPackage{};
}

void DpkgStanzaParser::finish(bool ended_in_newline) {
  if (!ended_in_newline) {
    // The last line was cut: its value (a version, a status) may be cut too.
    stats_.truncated = true;
    in_stanza_ = false;
    cur_ = DpkgPackage{};
    return;
  }
  flush();
}

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, DpkgParseStats* stats) {
  std::vector<DpkgPackage> out;
  DpkgStanzaParser parser([&](DpkgPackage&& p) { out.push_back(std::move(p)); });
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) parser.line(line);
  parser.finish(text.empty() || text.back() == '\n');
  if (stats) *stats = parser.stats();
  return out;
}

std::string dpkg_upstream_version(std::string_view v) {
  v = trim(v);
  if (auto c = v.find(':'); c != std::string_view::npos) v.remove_prefix(c + 1);
  if (auto d = v.rfind('-'); d != std::string_view::npos) v = v.substr(0, d);
  if (auto p = v.find_first_of("+~"); p != std::string_view::npos) v = v.substr(0, p);
  return std::string(v);
}

}  // namespace sc

// dpkg status stanzas → DpkgPackage records, one pass over the text.
#include "checks/dpkg_status.hpp"

namespace sc {

namespace {

constexpr std::size_t kMaxLine = 1u << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string_view DpkgPackage::state() const {
  std::string_view s = trim(status);
  // want flag status: exactly three words
  std::size_t a = s.find(' ');
  if (a == std::string_view::npos) return {};
  std::size_t b = s.find(' ', a + 1);
  if (b == std::string_view::npos) return {};
  std::string_view word = s.substr(b + 1);
  if (word.find(' ') != std::string_view::npos || word.empty()) return {};
  return word;
}

bool DpkgPackage::installed() const { return state() == "installed"; }

std::string DpkgPackage::source_name() const {
  std::string_view s = trim(source);
  if (s.empty()) return package;
  std::size_t sp = s.find(' ');
  return std::string(sp == std::string_view::npos ? s : s.substr(0, sp));
}

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, DpkgParseStats* stats) {
  std::vector<DpkgPackage> out;
  DpkgParseStats local;
  DpkgParseStats& st = stats ? *stats : local;
  st = {};
  DpkgPackage cur;
  bool in_stanza = false;
  std::string* last_field = nullptr;  // for continuation lines of kept fields

  auto finish = [&] {
    if (!in_stanza) return;
    ++st.stanzas;
    if (cur.package.empty())
      ++st.without_package;
    else
      out.push_back(std::move(cur));
    cur = DpkgPackage{};
    in_stanza = false;
    last_field = nullptr;
  };

  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = (nl == std::string_view::npos) ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (trim(line).empty()) {
      finish();
      continue;
    }
    if (line.size() > kMaxLine) {
      ++st.malformed_lines;
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      // Continuation (Description, Conffiles, ...). Only Provides is kept
      // among multi-line-capable fields; the rest is skipped.
      if (!in_stanza) ++st.malformed_lines;
      if (last_field == &cur.provides) {
        cur.provides += ' ';
        cur.provides += std::string(trim(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      ++st.malformed_lines;
      last_field = nullptr;
      continue;
    }
    in_stanza = true;
    std::string_view name = line.substr(0, colon);
    std::string value(trim(line.substr(colon + 1)));
    last_field = nullptr;
    if (iequals(name, "Package")) {
      cur.package = std::move(value);
    } else if (iequals(name, "Status")) {
      cur.status = std::move(value);
    } else if (iequals(name, "Version")) {
      cur.version = std::move(value);
    } else if (iequals(name, "Architecture")) {
      cur.architecture = std::move(value);
    } else if (iequals(name, "Source")) {
      cur.source = std::move(value);
    } else if (iequals(name, "Provides")) {
      cur.provides = std::move(value);
      last_field = &cur.provides;
    }
  }
  finish();
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

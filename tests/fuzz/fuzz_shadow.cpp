// Fuzz target: /etc/shadow and /etc/passwd (sc::parse_shadow,
// sc::parse_passwd). Privacy property: the parsed model keeps only the
// password's state, so replacing every password field by another of the
// same state ("" / "!" / "S"; passwd's "x" kept) gives the same model, and
// a password field's own bytes never appear in a kept string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/shadow.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;  // as in shadow.cpp

// The text with field 2 of each line replaced by its state's representative
// (lines split as the parser does: '\n', a trailing '\r' dropped). The line
// only gets shorter, so the parser's length limit sees it alike.
std::string with_representative_passwords(std::string_view text, bool passwd) {
  std::string out;
  for (std::string_view line : fuzz::lines(text)) {
    std::string_view cr;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1), cr = "\r";
    auto c1 = line.find(':');
    if (line.size() > kMaxLine || c1 == std::string_view::npos) {
      out.append(line).append(cr).push_back('\n');
      continue;
    }
    auto c2 = line.find(':', c1 + 1);
    std::string_view field = line.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1);
    std::string_view rep;
    if (passwd && field == "x")
      rep = "x";
    else if (sc::classify_password_field(field) == sc::PasswordState::empty)
      rep = "";
    else if (sc::classify_password_field(field) == sc::PasswordState::locked)
      rep = "!";
    else
      rep = "S";
    out.append(line.substr(0, c1 + 1)).append(rep);
    if (c2 != std::string_view::npos) out.append(line.substr(c2));
    out.append(cr).push_back('\n');
  }
  return out;
}

bool same(const sc::ShadowFile& a, const sc::ShadowFile& b) {
  if (a.malformed != b.malformed || a.nis != b.nis || a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const auto &x = a.entries[i], &y = b.entries[i];
    if (x.name != y.name || x.state != y.state || x.last_change != y.last_change || x.max_days != y.max_days)
      return false;
  }
  return true;
}

bool same(const sc::PasswdFile& a, const sc::PasswdFile& b) {
  if (a.malformed != b.malformed || a.nis != b.nis || a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const auto &x = a.entries[i], &y = b.entries[i];
    if (x.name != y.name || x.state != y.state || x.shadowed != y.shadowed || x.uid != y.uid || x.gid != y.gid ||
        x.home != y.home || x.shell != y.shell)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t n_lines = fuzz::lines(text).size();

  sc::ShadowFile s = sc::parse_shadow(text);
  FUZZ_CHECK(s.entries.size() + static_cast<std::size_t>(s.malformed + s.nis) <= n_lines);
  for (const auto& e : s.entries) {
    FUZZ_CHECK(!e.name.empty() && e.name.find(':') == std::string::npos);
    if (e.last_change) FUZZ_CHECK(*e.last_change >= 0);
    if (e.max_days) FUZZ_CHECK(*e.max_days >= 0);
  }
  FUZZ_CHECK(same(s, sc::parse_shadow(with_representative_passwords(text, false))));

  sc::PasswdFile p = sc::parse_passwd(text);
  FUZZ_CHECK(p.entries.size() + static_cast<std::size_t>(p.malformed + p.nis) <= n_lines);
  for (const auto& e : p.entries) {
    FUZZ_CHECK(!e.name.empty() && e.uid >= 0 && e.gid >= 0);
    FUZZ_CHECK(e.name.find(':') == std::string::npos && e.home.find(':') == std::string::npos &&
               e.shell.find(':') == std::string::npos);
    if (e.shadowed) FUZZ_CHECK(e.state == sc::PasswordState::locked);
  }
  FUZZ_CHECK(same(p, sc::parse_passwd(with_representative_passwords(text, true))));
  return 0;
}

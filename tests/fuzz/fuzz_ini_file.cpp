// Fuzz target: INI files in the three dialects (sc::parse_ini) and their
// merge (sc::IniSettings). Entries carry a 1-based line within the text, a
// non-empty key and a trimmed value; after merging, each key reads back as
// the value of its last entry.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "checks/formats/ini_file.hpp"
#include "fuzz_check.hpp"

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

void check(std::string_view text, sc::IniDialect dialect) {
  sc::IniFile f = sc::parse_ini(text, dialect);
  const int n_lines = static_cast<int>(fuzz::lines(text).size());
  FUZZ_CHECK(f.malformed >= 0 && f.malformed <= n_lines);
  std::map<std::pair<std::string, std::string>, std::string> last;
  int prev_line = 0;
  for (const auto& e : f.entries) {
    FUZZ_CHECK(e.line >= 1 && e.line <= n_lines);
    FUZZ_CHECK(e.line >= prev_line);
    prev_line = e.line;
    FUZZ_CHECK(!e.key.empty());
    if (dialect != sc::IniDialect::sddm) FUZZ_CHECK(!e.section.empty());
    FUZZ_CHECK(e.value.empty() || (!space(e.value.front()) && !space(e.value.back())));
    FUZZ_CHECK(e.value.find('\n') == std::string::npos && e.key.find('\n') == std::string::npos);
    last[{e.section, e.key}] = e.value;
  }
  sc::IniSettings s;
  s.apply(f, "/etc/gdm3/daemon.conf");
  for (const auto& [k, v] : last) {
    const auto* got = s.get(k.first, k.second);
    FUZZ_CHECK(got && got->value == v && got->file == "/etc/gdm3/daemon.conf");
  }
  sc::IniSettings renamed;
  renamed.apply(f, "/etc/lightdm/lightdm.conf", {{"SeatDefaults", "Seat:*"}});
  renamed.apply(f, "/etc/lightdm/lightdm.conf.d/50-x.conf");
  (void)renamed.sections();
  (void)renamed.get("Seat:*", "autologin-user");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  check(text, sc::IniDialect::gkeyfile);
  check(text, sc::IniDialect::sddm);
  check(text, sc::IniDialect::systemd);
  return 0;
}

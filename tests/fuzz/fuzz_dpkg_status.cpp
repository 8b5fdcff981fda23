// Fuzz target: deb822 stanzas of the dpkg database and apt Packages indexes
// (sc::parse_dpkg_status, sc::DpkgStanzaParser) and the human version
// (sc::dpkg_upstream_version). Fed line by line it gives the same packages
// as the whole-text parser; values stay within kMaxValue; counts add up.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/dpkg_status.hpp"
#include "fuzz_check.hpp"

namespace {

bool same(const sc::DpkgPackage& a, const sc::DpkgPackage& b) {
  return a.name == b.name && a.version == b.version && a.status == b.status && a.source == b.source &&
         a.architecture == b.architecture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::DpkgParseStats stats;
  std::vector<sc::DpkgPackage> pkgs = sc::parse_dpkg_status(text, &stats);
  FUZZ_CHECK(stats.stanzas >= pkgs.size() + stats.skipped);
  for (const auto& p : pkgs) {
    FUZZ_CHECK(!p.name.empty());
    for (const std::string* s : {&p.name, &p.version, &p.status, &p.source, &p.architecture})
      FUZZ_CHECK(s->size() <= sc::DpkgStanzaParser::kMaxValue);
    (void)p.installed();
    std::string up = sc::dpkg_upstream_version(p.version);
    FUZZ_CHECK(up.size() <= p.version.size());
  }

  std::vector<sc::DpkgPackage> fed;
  sc::DpkgStanzaParser parser([&](sc::DpkgPackage&& p) { fed.push_back(std::move(p)); });
  for (std::string_view line : fuzz::lines(text)) parser.line(line);
  parser.finish(text.empty() || text.back() == '\n');
  FUZZ_CHECK(fed.size() == pkgs.size());
  for (std::size_t i = 0; i < fed.size(); ++i) FUZZ_CHECK(same(fed[i], pkgs[i]));
  FUZZ_CHECK(parser.stats().stanzas == stats.stanzas && parser.stats().skipped == stats.skipped);
  FUZZ_CHECK(parser.stats().truncated == stats.truncated);

  (void)sc::dpkg_upstream_version(text.substr(0, 256));
  return 0;
}

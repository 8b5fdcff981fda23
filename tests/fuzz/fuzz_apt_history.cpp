// Fuzz target: apt's history.log (sc::AptHistoryParser) and dpkg.log
// (sc::DpkgLogParser), with their time format (sc::parse_log_time). Fed line
// by line they give what the whole-text parsers give; a time formats back
// ("%Y-%m-%d %H:%M:%S" in the zone) to itself; counts stay within the lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/patch/apt_history.hpp"
#include "fuzz_check.hpp"

namespace {

const sc::Zone& shanghai() {
  static const sc::Zone z = sc::Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai").value_or(sc::Zone());
  return z;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const sc::Zone& zone = shanghai();
  const std::size_t n_lines = fuzz::lines(text).size();

  auto runs = sc::parse_apt_history(text, zone);
  FUZZ_CHECK(runs.size() <= n_lines);
  std::vector<sc::AptHistoryEntry> fed;
  sc::AptHistoryParser hp(zone, [&](sc::AptHistoryEntry&& e) { fed.push_back(e); });
  for (std::string_view line : fuzz::lines(text)) hp.line(line);
  hp.finish();
  FUZZ_CHECK(fed.size() == runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    FUZZ_CHECK(fed[i].start == runs[i].start && fed[i].end == runs[i].end);
    FUZZ_CHECK(fed[i].installed == runs[i].installed && fed[i].upgraded == runs[i].upgraded);
    (void)runs[i].success();
  }

  auto events = sc::parse_dpkg_log(text, zone);
  FUZZ_CHECK(events.size() <= n_lines);
  for (const auto& e : events) {
    FUZZ_CHECK(e.action == "install" || e.action == "upgrade");
    FUZZ_CHECK(!e.package.empty());
  }

  for (std::string_view line : fuzz::lines(text.substr(0, 4096))) {
    auto t = sc::parse_log_time(line.substr(0, 40), zone);
    if (!t) continue;
    auto c = zone.to_civil(*t);
    if (c.year() < 1000 || c.year() > 9999) continue;
    // The same local time written back; a time skipped or repeated by a
    // zone change may map elsewhere, so only the round trip of the output.
    std::string iso = zone.iso(*t);
    std::string back_text = iso.substr(0, 10) + " " + iso.substr(11, 8);
    auto back = sc::parse_log_time(back_text, zone);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(zone.iso(*back).substr(0, 19) == iso.substr(0, 19));
  }
  return 0;
}

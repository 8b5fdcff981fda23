// Fuzz target: apt's lists as the patch probe reads them: Release/InRelease
// text (sc::parse_release, sc::parse_release_date, sc::is_security_release)
// and the pending-update decision over deb822 stanzas (sc::add_candidate,
// sc::find_pending): the stanzas' first half is "installed", the rest are
// candidates. A Release date formats back (RFC 2822, UTC) to itself; the
// candidate map keeps the newest version per architecture; every pending
// update is older than its candidate, and the list is sorted.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/deb_version.hpp"
#include "checks/formats/dpkg_status.hpp"
#include "checks/patch/apt_lists.hpp"
#include "fuzz_check.hpp"

namespace {

void check_date(const sc::Time& t) {
  std::time_t secs = static_cast<std::time_t>(t.time_since_epoch().count());
  std::tm tm{};
  if (!gmtime_r(&secs, &tm) || tm.tm_year + 1900 < 1000 || tm.tm_year + 1900 > 9999) return;
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S UTC", &tm);
  FUZZ_CHECK(n > 0);
  auto back = sc::parse_release_date(std::string_view(buf, n));
  FUZZ_CHECK(back && *back == t);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::ReleaseInfo r = sc::parse_release(text);
  if (r.date) check_date(*r.date);
  (void)sc::is_security_release(r, sc::SecurityListRules{});
  for (std::string_view line : fuzz::lines(text.substr(0, 4096)))
    if (auto t = sc::parse_release_date(line)) check_date(*t);

  std::vector<sc::DpkgPackage> pkgs = sc::parse_dpkg_status(text);
  const std::size_t half = pkgs.size() / 2;
  std::vector<sc::DpkgPackage> installed(pkgs.begin(), pkgs.begin() + static_cast<std::ptrdiff_t>(half));
  sc::CandidateMap map;
  for (std::size_t i = half; i < pkgs.size(); ++i)
    sc::add_candidate(map, pkgs[i].name, {pkgs[i].architecture, pkgs[i].version, "bookworm-security"});
  for (const auto& [name, list] : map) {
    for (std::size_t i = 0; i < list.size(); ++i)
      for (std::size_t j = i + 1; j < list.size(); ++j) FUZZ_CHECK(list[i].arch != list[j].arch);
    for (std::size_t i = half; i < pkgs.size(); ++i) {
      if (pkgs[i].name != name) continue;
      for (const auto& c : list)
        if (c.arch == pkgs[i].architecture) FUZZ_CHECK(sc::compare_deb_versions(pkgs[i].version, c.version) <= 0);
    }
  }
  auto pending = sc::find_pending(installed, map);
  FUZZ_CHECK(pending.size() <= installed.size());
  for (std::size_t i = 0; i < pending.size(); ++i) {
    FUZZ_CHECK(sc::compare_deb_versions(pending[i].installed, pending[i].candidate) < 0);
    if (i > 0) FUZZ_CHECK(pending[i - 1].name <= pending[i].name);
  }
  return 0;
}

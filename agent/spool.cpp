// Spool writing and pruning; file names sort by scan time.
#include "agent/spool.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

namespace fs = std::filesystem;

fs::path spool_results_dir(const Config& config) { return config.spool / "results"; }

static std::vector<fs::path> spooled(const Config& config) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(spool_results_dir(config), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml" && path_text(p.filename())[0] != '.') files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

fs::path write_to_spool(const Host& host, const Config& config, const Document& doc, std::string_view yaml) {
  fs::path dir = spool_results_dir(config);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(fmt::format("cannot create the spool {}: {}", path_text(dir), ec.message()));
  // The UTC stamp keeps names in time order whatever the zone.
  std::string stamp = Zone().iso(host.now());
  if (auto t = parse_time(doc.finished, host.zone())) stamp = Zone().iso(*t);
  std::string name;
  for (char c : stamp.substr(0, 19))
    if (c != '-' && c != ':') name += c;
  std::string hostname = doc.host.hostname.empty() ? "unknown" : doc.host.hostname;
  for (char& c : hostname) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) c = '_';
  }
  // Two scans finishing in the same second get distinct names ("~02" sorts
  // after ".yaml", so the later one stays the newest); an existing file is
  // never replaced (write_file_new: link/RENAME_NOREPLACE, EEXIST → next).
  fs::path target;
  for (int n = 1;; ++n) {
    if (n > 99) throw OutputError(fmt::format("cannot write to the spool {}: 99 results in one second", dir.string()));
    target = dir / (n == 1 ? fmt::format("{}Z-{}.yaml", name, hostname)
                           : fmt::format("{}Z-{}~{:02}.yaml", name, hostname, n));
    if (host.write_file_new(target, yaml)) break;
  }
  auto files = spooled(config);
  while (files.size() > static_cast<std::size_t>(std::max<std::int64_t>(1, config.spool_keep))) {
    fs::remove(files.front(), ec);
    files.erase(files.begin());
  }
  return target;
}

std::optional<fs::path> newest_spooled(const Config& config) {
  auto files = spooled(config);
  if (files.empty()) return std::nullopt;
  return files.back();
}

}  // namespace sc

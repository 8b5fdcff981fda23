// dpkg_database: read and index <root>/var/lib/dpkg/status once per Host.
#include "checks/linux/dpkg_database.hpp"

namespace sc {

const DpkgPackage* DpkgDatabase::installed(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &packages[it->second];
}

const DpkgDatabase& dpkg_database(const Host& host) {
  return host.fact<DpkgDatabase>("dpkg.status", [&host] {
    DpkgDatabase db;
    // The status file of a desktop is a few MB; 256 MB bounds a corrupt one.
    constexpr std::size_t kMax = 256u << 20;
    FileResult f = host.read_file(kDpkgStatusPath, kMax);
    if (!f.ok()) {
      if (!f.missing) db.error = f.error;
      db.reason = f.error;
      return db;
    }
    db.present = true;
    db.packages = parse_dpkg_status(f.data, &db.stats);
    if (f.truncated) db.stats.truncated = true;
    for (std::size_t i = 0; i < db.packages.size(); ++i)
      if (db.packages[i].installed()) db.by_name_.emplace(db.packages[i].name, i);
    return db;
  });
}

}  // namespace sc

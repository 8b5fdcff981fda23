// The audited machine's dpkg database (<root>/var/lib/dpkg/status), read
// once per scan as a shared Host fact so every probe that asks "is package X
// installed?" (antivirus, patch) pays for one parse. Always obtain it through
// dpkg_database(host): the fact key and type stay consistent.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/host.hpp"
#include "checks/formats/dpkg_status.hpp"

namespace sc {

struct DpkgDatabase {
  bool present = false;  // the status file exists (a dpkg-based system)
  std::string error;     // why it could not be read (empty when read or absent)
  std::string reason;    // why there are no packages: error, or "… does not exist"
  std::vector<DpkgPackage> packages;
  DpkgParseStats stats;

  // The installed package of that name (first architecture), or null.
  const DpkgPackage* installed(std::string_view name) const;

 private:
  friend const DpkgDatabase& dpkg_database(const Host& host);
  std::map<std::string, std::size_t, std::less<>> by_name_;
};

inline constexpr std::string_view kDpkgStatusPath = "/var/lib/dpkg/status";

const DpkgDatabase& dpkg_database(const Host& host);

}  // namespace sc

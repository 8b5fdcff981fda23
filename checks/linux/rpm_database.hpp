// The audited machine's rpm database (RHEL family), queried once per scan as
// a shared Host fact: `rpm --root ROOT -qa` reads the root's own database (a
// file fact, allowed offline; DESIGN.md). Probes that ask "is package X
// installed?" on an rpm machine (antivirus) go through rpm_database(host).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/host.hpp"
#include "checks/formats/rpm_db.hpp"

namespace sc {

struct RpmDatabase {
  std::string db;     // "/var/lib/rpm" or "/usr/lib/sysimage/rpm"; empty: not an rpm machine
  std::string error;  // why the database could not be listed (rpm missing, failed, timed out)
  std::vector<RpmPackage> packages;

  bool present() const { return !db.empty(); }
  // The installed package of that name (first listed), or null.
  const RpmPackage* installed(std::string_view name) const;

 private:
  friend const RpmDatabase& rpm_database(const Host& host);
  std::map<std::string, std::size_t, std::less<>> by_name_;
};

const RpmDatabase& rpm_database(const Host& host);

}  // namespace sc

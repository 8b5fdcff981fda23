// rpm_database: list <root>'s rpm database once per Host (see the header).
#include "checks/linux/rpm_database.hpp"

#include <fmt/format.h>

namespace sc {

const RpmPackage* RpmDatabase::installed(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &packages[it->second];
}

const RpmDatabase& rpm_database(const Host& host) {
  return host.fact<RpmDatabase>("rpm.database", [&host] {
    RpmDatabase r;
    for (const char* db : {"/var/lib/rpm", "/usr/lib/sysimage/rpm"})
      if (host.is_dir(db)) {
        r.db = db;
        break;
      }
    if (r.db.empty()) return r;
    CommandResult c = host.run({"rpm", "--root", host.root().string(), "-qa", "--qf", kRpmQueryFormat});
    if (!c.ok()) {
      r.error = !c.error.empty() ? c.error
                : c.timed_out    ? "rpm timed out"
                                 : fmt::format("rpm exited {}: {}", c.exit_code, c.err.substr(0, 200));
      return r;
    }
    r.packages = parse_rpm_qa(c.out);
    if (r.packages.empty()) r.error = "rpm listed no packages";
    for (std::size_t i = 0; i < r.packages.size(); ++i) r.by_name_.emplace(r.packages[i].name, i);
    return r;
  });
}

}  // namespace sc

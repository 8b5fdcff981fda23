// The antivirus probe's evidence on a Linux machine, all from files under
// the root: products from the dpkg status file, the rpm database and install
// paths (rules/antivirus.yaml recipes); their systemd units' boot states;
// signature dates from ClamAV's CVD/CLD/CUD headers or vendor file times.
#include <fmt/format.h>

#include <algorithm>

#include "checks/antivirus/facts.hpp"
#include "checks/formats/clamav_conf.hpp"
#include "checks/formats/cvd_header.hpp"
#include "checks/linux/dpkg_database.hpp"
#include "checks/linux/rpm_database.hpp"
#include "checks/linux/unit_state.hpp"

namespace sc {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  return fmt::format("{}", fmt::join(v, sep));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string child(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

// rpm's EVR "0:1.0.7-1.el9" → upstream "1.0.7".
std::string rpm_upstream_version(const std::string& evr) {
  std::string v = evr.substr(evr.find(':') == std::string::npos ? 0 : evr.find(':') + 1);
  return v.substr(0, v.rfind('-'));
}

std::optional<AvProductFact> detect(const Host& host, const DpkgDatabase& dpkg, const RpmDatabase* rpm,
                                    const AvProduct& p) {
  AvProductFact d;
  d.id = p.id;
  d.name = p.name;
  for (const auto& name : p.packages) {
    if (const DpkgPackage* pkg = dpkg.installed(name)) {
      d.detected_by.push_back(fmt::format("package {} {}", pkg->name, pkg->version));
      if (d.version.empty()) d.version = dpkg_upstream_version(pkg->version);
    }
  }
  if (rpm)
    for (const auto& name : p.rpm_packages)
      if (const RpmPackage* pkg = rpm->installed(name)) {
        d.detected_by.push_back(fmt::format("rpm {} {}", pkg->name, pkg->evr));
        if (d.version.empty()) d.version = rpm_upstream_version(pkg->evr);
      }
  for (const auto& path : p.paths)
    if (host.exists(path)) d.detected_by.push_back("path " + path);
  if (d.detected_by.empty()) return std::nullopt;
  return d;
}

void services_of(const Host& host, const AvProduct& p, AvProductFact& d) {
  for (const auto& s : p.services) {
    d.service_names.push_back(s.name);
    UnitState u = unit_state(host, s.name);
    if (!u.exists) continue;
    AvServiceFact f;
    f.name = s.name;
    f.role = s.role;
    f.enabled = u.enabled;
    // A unit that exists and is not enabled was disabled (or masked): systemd
    // starts it neither at boot nor by a timer.
    f.disabled = !u.enabled;
    f.state = u.enabled ? "enabled" : u.masked ? "masked" : "disabled";
    f.where = u.where;
    d.services.push_back(std::move(f));
  }
}

// ---- signatures: ClamAV -------------------------------------------------------------

AvSignatureFact clamav_signatures(const Host& host, const AvSignatureSource& src) {
  AvSignatureFact r;
  r.date_source = "header";
  // Where the databases are: every DatabaseDirectory named by a config file
  // (freshclam writes there, clamd reads there), else the default dirs.
  std::vector<std::pair<std::string, std::string>> dirs;  // dir, named by
  std::vector<std::string> config_notes;
  for (const auto& conf : src.config_files) {
    FileResult f = host.read_file(conf, 1u << 20);
    if (!f.ok()) {
      if (!f.missing) config_notes.push_back(f.error);
      continue;
    }
    ClamavConf c = parse_clamav_conf(f.data);
    if (c.example || !c.database_directory) continue;
    bool seen = std::any_of(dirs.begin(), dirs.end(), [&](auto& d) { return d.first == *c.database_directory; });
    if (!seen) dirs.emplace_back(*c.database_directory, conf);
  }
  if (dirs.empty())
    for (const auto& d : src.default_dirs)
      if (host.is_dir(d)) dirs.emplace_back(d, "default");

  if (dirs.empty()) {
    std::string tried = join(src.default_dirs, ", ");
    r.reason = {fmt::format("未找到病毒库目录(已检查 {})", tried),
                fmt::format("no database directory found (looked in {})", tried)};
    if (!config_notes.empty()) {
      r.reason.zh += ";" + join(config_notes, "; ");
      r.reason.en += "; " + join(config_notes, "; ");
    }
    return r;
  }

  std::size_t databases = 0;
  std::vector<std::string> missing_dirs;
  for (const auto& [dir, source] : dirs) {
    if (!host.is_dir(dir)) {
      missing_dirs.push_back(source == "default" ? dir : fmt::format("{} ({})", dir, source));
      continue;
    }
    for (const std::string& name : host.list_dir(dir)) {
      if (!ends_with(name, ".cvd") && !ends_with(name, ".cld") && !ends_with(name, ".cud")) continue;
      ++databases;
      std::string file = child(dir, name);
      FileResult f = host.read_file(file, kCvdHeaderSize);
      if (!f.ok()) {
        r.problems.push_back(fmt::format("{}: {}", name, f.error));
        continue;
      }
      CvdParse p = parse_cvd_header(f.data);
      if (!p.ok()) {
        r.problems.push_back(fmt::format("{}: {}", name, p.error));
        continue;
      }
      if (!r.built || p.header->built > *r.built) {
        r.built = p.header->built;
        r.database = name;
        r.database_dir = dir;
        r.db_version = p.header->version;
      }
    }
  }
  if (databases == 0) {
    std::vector<std::string> looked;
    for (const auto& d : dirs) looked.push_back(d.first);
    r.reason = {fmt::format("{} 中没有病毒库文件(*.cvd、*.cld、*.cud)", join(looked, "、")),
                fmt::format("no signature databases (*.cvd, *.cld, *.cud) in {}", join(looked, ", "))};
    if (!missing_dirs.empty()) {
      r.reason.zh += fmt::format(";目录不存在:{}", join(missing_dirs, "、"));
      r.reason.en += fmt::format("; directory does not exist: {}", join(missing_dirs, ", "));
    }
    return r;
  }
  if (!r.built) {
    r.reason = {fmt::format("病毒库文件无法读取或已损坏:{}", join(r.problems, "; ")),
                fmt::format("no readable signature database: {}", join(r.problems, "; "))};
  }
  return r;
}

// ---- signatures: file times -----------------------------------------------------------

void newest_mtime(const Host& host, const std::string& path, int depth, std::size_t& budget, AvSignatureFact& r) {
  if (budget == 0) return;
  --budget;
  if (auto t = host.mtime(path); t && (!r.built || *t > *r.built)) {
    r.built = *t;
    r.database = path;
  }
  if (depth > 0 && host.is_dir(path))
    for (const std::string& name : host.list_dir(path)) newest_mtime(host, child(path, name), depth - 1, budget, r);
}

AvSignatureFact mtime_signatures(const Host& host, const AvSignatureSource& src) {
  AvSignatureFact r;
  r.date_source = "mtime";
  std::size_t budget = 20000;  // entries looked at, bounded
  for (const auto& p : src.paths)
    if (host.exists(p)) newest_mtime(host, p, 2, budget, r);
  if (!r.built) {
    r.reason = {fmt::format("未找到病毒库文件(已检查 {})", join(src.paths, "、")),
                fmt::format("no signature files found (looked in {})", join(src.paths, ", "))};
  }
  return r;
}

AvSignatureFact signatures_of(const Host& host, const AvProduct& p) {
  switch (p.signatures.kind) {
    case AvSignatureSource::Kind::clamav:
      return clamav_signatures(host, p.signatures);
    case AvSignatureSource::Kind::mtime:
      return mtime_signatures(host, p.signatures);
    case AvSignatureSource::Kind::none:
      break;
  }
  AvSignatureFact r;
  r.reason = p.signatures.reason;
  r.reason_from_rules = true;
  return r;
}

}  // namespace

AvFacts gather_linux_antivirus(const Host& host, const AvRules& rules) {
  AvFacts facts;
  std::vector<const AvProduct*> linux_products;
  bool wants_rpm = false;
  for (const auto& p : rules.products)
    if (p.has_linux) {
      linux_products.push_back(&p);
      wants_rpm = wants_rpm || !p.rpm_packages.empty();
    }
  facts.products_known = static_cast<std::int64_t>(linux_products.size());
  if (linux_products.empty()) {
    facts.cannot_tell = Text{"没有防病毒产品规则(rules/antivirus.yaml 缺失或为空)",
                             "no antivirus product rules (rules/antivirus.yaml missing or empty)"};
    return facts;
  }

  const DpkgDatabase& dpkg = dpkg_database(host);
  // rpm is asked only on an rpm machine (its database directory exists).
  const RpmDatabase* rpm = nullptr;
  if (wants_rpm && !dpkg.present) {
    const RpmDatabase& r = rpm_database(host);
    if (r.present()) rpm = &r;
  }
  for (const AvProduct* p : linux_products)
    if (auto d = detect(host, dpkg, rpm, *p)) {
      services_of(host, *p, *d);
      d->signatures = signatures_of(host, *p);
      facts.products.push_back(std::move(*d));
    }

  if (facts.products.empty()) {
    if (!dpkg.error.empty()) {
      facts.detection_evidence["dpkg_status"] = dpkg.error;
      facts.detection_gap = Text{
          fmt::format("未在安装路径中发现防病毒软件,且无法读取软件包数据库:{}", dpkg.error),
          fmt::format("no antivirus product found at its install paths, and the package database cannot be read: {}",
                      dpkg.error)};
    } else if (rpm && !rpm->error.empty()) {
      facts.detection_evidence["rpm_database"] = rpm->error;
      facts.detection_gap =
          Text{fmt::format("未在安装路径中发现防病毒软件,且无法读取 rpm 数据库 {}:{}", rpm->db, rpm->error),
               fmt::format("no antivirus product found at its install paths, and the rpm database {} cannot be "
                           "read: {}",
                           rpm->db, rpm->error)};
    }
  }
  return facts;
}

}  // namespace sc

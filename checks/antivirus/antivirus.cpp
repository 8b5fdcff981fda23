// The antivirus probe: is a known AV product installed (rules/antivirus.yaml
// recipes: dpkg packages, install paths), is its scanner/update service
// enabled at boot, and how old are its newest signatures (ClamAV: the build
// time in the CVD/CLD/CUD headers; vendors: file times, or `unknown` with the
// reason when no file tells). Everything is read from files under the root.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "checks/antivirus/antivirus_rules.hpp"
#include "checks/formats/clamav_conf.hpp"
#include "checks/formats/cvd_header.hpp"
#include "checks/linux/dpkg_database.hpp"
#include "checks/linux/unit_state.hpp"
#include "checks/probes.hpp"

namespace sc {

namespace {

// ---- what was found -----------------------------------------------------------

struct Detected {
  const AvProduct* product = nullptr;
  std::string version;                   // upstream version from dpkg, may be empty
  std::vector<std::string> detected_by;  // "package clamav 1.0.7+dfsg-1~deb12u1", "path /opt/eset/eea"
};

struct SignatureResult {
  Status status = Status::unknown;
  std::optional<Time> built;
  std::string database;      // file (ClamAV) or path (mtime) that holds the newest date
  std::string database_dir;  // ClamAV
  std::string date_source;   // "header" | "mtime"
  std::int64_t db_version = -1;
  std::vector<std::string> problems;  // corrupt / unreadable databases, "name: reason"
  Text reason;                        // unknown: why
};

std::string with_version(const Detected& d, Lang l) {
  const std::string& n = d.product->name.in(l);
  return d.version.empty() ? n : n + " " + d.version;
}

// Chinese typography: a space between Chinese and Latin text, none
// between two Chinese words ("已安装 ClamAV", "已安装火绒终端安全").
std::string zh_cat(std::string_view a, std::string_view b) {
  bool ascii_a = !a.empty() && static_cast<unsigned char>(a.back()) < 0x80;
  bool ascii_b = !b.empty() && static_cast<unsigned char>(b.front()) < 0x80;
  std::string out(a);
  if (ascii_a || ascii_b) out += ' ';
  out += b;
  return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  return fmt::format("{}", fmt::join(v, sep));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string child(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

// The finding's detail: every product's sentence, except that a fail or warn
// names only the products at fault (the line becomes a "problem found").
Text detail_for(Status overall, const std::vector<Status>& st, const std::vector<std::string>& zh,
                const std::vector<std::string>& en) {
  const bool problem = overall == Status::fail || overall == Status::warn;
  std::vector<std::string> z, e;
  for (std::size_t i = 0; i < zh.size() && i < en.size() && i < st.size(); ++i)
    if (!problem || st[i] == overall) {
      z.push_back(zh[i]);
      e.push_back(en[i]);
    }
  return Text{join(z, ";"), join(e, "; ")};
}

// ---- detection ------------------------------------------------------------------

std::optional<Detected> detect(const Host& host, const DpkgDatabase& dpkg, const AvProduct& p) {
  Detected d;
  d.product = &p;
  for (const auto& name : p.packages) {
    if (const DpkgPackage* pkg = dpkg.installed(name)) {
      d.detected_by.push_back(fmt::format("package {} {}", pkg->name, pkg->version));
      if (d.version.empty()) d.version = dpkg_upstream_version(pkg->version);
    }
  }
  for (const auto& path : p.paths)
    if (host.exists(path)) d.detected_by.push_back("path " + path);
  if (d.detected_by.empty()) return std::nullopt;
  return d;
}

// ---- signatures: ClamAV -------------------------------------------------------------

SignatureResult clamav_signatures(const Host& host, const AvSignatureSource& src) {
  SignatureResult r;
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

void newest_mtime(const Host& host, const std::string& path, int depth, std::size_t& budget, SignatureResult& r) {
  if (budget == 0) return;
  --budget;
  if (auto t = host.mtime(path); t && (!r.built || *t > *r.built)) {
    r.built = *t;
    r.database = path;
  }
  if (depth > 0 && host.is_dir(path))
    for (const std::string& name : host.list_dir(path)) newest_mtime(host, child(path, name), depth - 1, budget, r);
}

SignatureResult mtime_signatures(const Host& host, const AvSignatureSource& src) {
  SignatureResult r;
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

// ---- the probe ---------------------------------------------------------------------------

class AntivirusProbe : public Probe {
 public:
  AntivirusProbe() {
    specs_.push_back({"antivirus.installed", Severity::high, Text{"防病毒软件安装", "Antivirus installed"},
                      Text{"每台终端都应安装防病毒软件。", "Every terminal must have antivirus software installed."},
                      Text{"安装单位统一配发的防病毒软件,并开启自动升级。",
                           "Install the unit's approved antivirus product and turn on automatic updates."}});
    specs_.push_back(
        {"antivirus.service_enabled", Severity::medium, Text{"防病毒服务启用", "Antivirus service enabled"},
         Text{"扫描和病毒库升级服务未开机自启时,防护和升级都会中断。",
              "Without its scanner and update services starting at boot, protection and updates stop."},
         Text{"启用防病毒软件的扫描及病毒库升级服务(如 systemctl enable --now clamav-freshclam)。",
              "Enable the product's scanner and update services (e.g. systemctl enable --now clamav-freshclam)."}});
    specs_.push_back(
        {"antivirus.signature_age", Severity::high, Text{"病毒库更新", "Virus signature updates"},
         Text{"病毒库应至少每周升级一次。", "Virus signatures must be updated at least weekly."},
         Text{"立即升级病毒库(如 freshclam),并确认自动升级正常;不联网的计算机使用单位下发的离线病毒库升级。",
              "Update the signatures now (e.g. freshclam) and check that automatic updates work; offline machines "
              "use the unit's offline signature packages."}});
  }

  std::string_view name() const override { return "antivirus"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }

  void configure(const Rules& rules, const Config&) override { rules_ = load_av_rules(rules); }

  std::vector<Finding> run(const Host& host) const override {
    std::vector<Finding> out;
    try {
      run_checks(host, out);
    } catch (const std::exception& e) {
      out.clear();
      for (const auto& s : specs_)
        out.push_back(make_finding(
            s, Status::unknown, Text{fmt::format("检查出错:{}", e.what()), fmt::format("check failed: {}", e.what())}));
    }
    return out;
  }

 private:
  void run_checks(const Host& host, std::vector<Finding>& out) const {
    const FindingSpec& installed_spec = specs_[0];
    const FindingSpec& service_spec = specs_[1];
    const FindingSpec& age_spec = specs_[2];

    if (rules_.products.empty()) {
      Text why{"没有防病毒产品规则(rules/antivirus.yaml 缺失或为空)",
               "no antivirus product rules (rules/antivirus.yaml missing or empty)"};
      for (const auto& s : specs_) out.push_back(make_finding(s, Status::unknown, why));
      return;
    }

    const DpkgDatabase& dpkg = dpkg_database(host);
    std::vector<Detected> found;
    for (const auto& p : rules_.products)
      if (auto d = detect(host, dpkg, p)) found.push_back(std::move(*d));

    // ---- antivirus.installed
    if (found.empty()) {
      Evidence ev{{"products_known", static_cast<std::int64_t>(rules_.products.size())}};
      if (!dpkg.error.empty()) {
        ev["dpkg_status"] = dpkg.error;
        out.push_back(
            make_finding(installed_spec, Status::unknown,
                         Text{fmt::format("未在安装路径中发现防病毒软件,且无法读取软件包数据库:{}", dpkg.error),
                              fmt::format("no antivirus product found at its install paths, and the package "
                                          "database cannot be read: {}",
                                          dpkg.error)},
                         ev));
      } else {
        out.push_back(make_finding(installed_spec, Status::fail,
                                   Text{"未安装防病毒软件", "no antivirus product is installed"}, ev));
      }
      Text na{"未安装防病毒软件,不适用", "not applicable: no antivirus product installed"};
      out.push_back(make_finding(service_spec, Status::not_applicable, na));
      out.push_back(make_finding(age_spec, Status::not_applicable, na));
      return;
    }

    std::vector<std::string> names_zh, names_en, ids, detected_by;
    for (const auto& d : found) {
      names_zh.push_back(with_version(d, Lang::zh));
      names_en.push_back(with_version(d, Lang::en));
      ids.push_back(d.product->id);
      for (const auto& b : d.detected_by) detected_by.push_back(d.product->id + ": " + b);
    }
    out.push_back(make_finding(installed_spec, Status::pass,
                               Text{zh_cat("已安装", join(names_zh, "、")), "installed: " + join(names_en, ", ")},
                               Evidence{{"products", ids}, {"detected_by", detected_by}}));

    out.push_back(service_finding(host, service_spec, found));
    out.push_back(signature_finding(host, age_spec, found));
  }

  Finding service_finding(const Host& host, const FindingSpec& spec, const std::vector<Detected>& found) const {
    Status overall = Status::not_applicable;
    std::vector<std::string> zh, en, enabled, disabled;
    std::vector<Status> statuses;
    for (const auto& d : found) {
      const AvProduct& p = *d.product;
      Status st;
      std::vector<std::string> on, off, masked;
      if (p.services.empty()) {
        st = Status::unknown;
        zh.push_back(zh_cat(p.name.zh, "未登记服务名称,无法判断"));
        en.push_back(fmt::format("{}: no service names in the rules, cannot tell", p.name.en));
      } else {
        for (const auto& unit : p.services) {
          UnitState u = unit_state(host, unit);
          if (!u.exists) continue;
          if (u.enabled) {
            on.push_back(unit);
            enabled.push_back(fmt::format("{} ({})", unit, u.where));
          } else {
            (u.masked ? masked : off).push_back(unit);
            disabled.push_back(u.masked ? unit + " (masked)" : unit);
          }
        }
        if (!on.empty()) {
          st = Status::pass;
          zh.push_back(zh_cat(p.name.zh, fmt::format("服务已启用({})", join(on, "、"))));
          en.push_back(fmt::format("{} service enabled ({})", p.name.en, join(on, ", ")));
        } else if (off.empty() && masked.empty()) {
          st = Status::warn;
          zh.push_back(zh_cat(p.name.zh, fmt::format("未安装扫描或升级服务({})", join(p.services, "、"))));
          en.push_back(
              fmt::format("{}: no scanner or update service installed ({})", p.name.en, join(p.services, ", ")));
        } else {
          st = Status::warn;
          std::vector<std::string> all = off;
          for (const auto& m : masked) all.push_back(m + " (masked)");
          zh.push_back(zh_cat(p.name.zh, fmt::format("服务未启用({})", join(all, "、"))));
          en.push_back(fmt::format("{} service not enabled ({})", p.name.en, join(all, ", ")));
        }
      }
      statuses.push_back(st);
      overall = overall == Status::not_applicable ? st : worse(overall, st);
    }
    Evidence ev{{"enabled_units", enabled}, {"disabled_units", disabled}};
    return make_finding(spec, overall, detail_for(overall, statuses, zh, en), ev);
  }

  SignatureResult signatures_of(const Host& host, const AvProduct& p) const {
    switch (p.signatures.kind) {
      case AvSignatureSource::Kind::clamav:
        return clamav_signatures(host, p.signatures);
      case AvSignatureSource::Kind::mtime:
        return mtime_signatures(host, p.signatures);
      case AvSignatureSource::Kind::none:
        break;
    }
    SignatureResult r;
    r.reason = p.signatures.reason;
    return r;
  }

  Finding signature_finding(const Host& host, const FindingSpec& spec, const std::vector<Detected>& found) const {
    const std::int64_t limit = rules_.signature_max_age_days;
    const Time now = host.now();
    std::vector<std::string> zh, en, summary;
    Status overall = Status::unknown;
    bool any_pass = false, any_fail = false;
    const SignatureResult* decisive = nullptr;
    std::vector<SignatureResult> results;
    results.reserve(found.size());
    std::vector<std::string> problems;

    for (const auto& d : found) {
      results.push_back(signatures_of(host, *d.product));
      SignatureResult& r = results.back();
      const std::string name_zh = with_version(d, Lang::zh), name_en = with_version(d, Lang::en);
      const std::string installed_zh = zh_cat("已安装", name_zh);
      for (const auto& pr : r.problems) problems.push_back(d.product->id + ": " + pr);
      if (!r.built) {
        r.status = Status::unknown;
        if (d.product->signatures.kind == AvSignatureSource::Kind::none) {
          zh.push_back(fmt::format("{},{}", installed_zh, r.reason.zh));
          en.push_back(fmt::format("{} installed; {}", name_en, r.reason.en));
        } else {
          zh.push_back(fmt::format("{},病毒库日期无法确定:{}", installed_zh, r.reason.zh));
          en.push_back(fmt::format("{} installed, signature date unknown: {}", name_en, r.reason.en));
        }
        summary.push_back(fmt::format("{}: unknown", d.product->id));
        if (!decisive) decisive = &r;
        continue;
      }
      const auto age = now - *r.built;
      const long days = std::max(0L, days_between(*r.built, now));
      const bool stale = age > std::chrono::hours(24) * limit;
      std::string date = host.zone().date(*r.built);
      std::string ago_zh = days == 0 ? "不到 1 天" : fmt::format("{} 天前", days);
      std::string ago_en = days == 0   ? "less than a day ago"
                           : days == 1 ? "1 day ago"
                                       : fmt::format("{} days ago", days);
      if (stale) {
        r.status = Status::fail;
        any_fail = true;
        zh.push_back(fmt::format("{},病毒库 {} 更新({}),超过 {} 天未更新", installed_zh, date, ago_zh, limit));
        en.push_back(
            fmt::format("{} installed, signatures updated {} ({}), older than {} days", name_en, date, ago_en, limit));
      } else if (!r.problems.empty()) {
        // A corrupt or unreadable database keeps clamd from loading: the
        // fresh one beside it does not prove the engine uses fresh signatures.
        r.status = Status::unknown;
        zh.push_back(fmt::format("{},病毒库 {} 更新({}),但有病毒库文件无法读取或已损坏:{}", installed_zh, date, ago_zh,
                                 join(r.problems, "; ")));
        en.push_back(
            fmt::format("{} installed, signatures updated {} ({}), but some databases are unreadable or "
                        "corrupt: {}",
                        name_en, date, ago_en, join(r.problems, "; ")));
      } else {
        r.status = Status::pass;
        any_pass = true;
        zh.push_back(fmt::format("{},病毒库 {} 更新({})", installed_zh, date, ago_zh));
        en.push_back(fmt::format("{} installed, signatures updated {} ({})", name_en, date, ago_en));
      }
      if (r.date_source == "mtime") {
        zh.back() += "(依据文件修改时间)";
        en.back() += " (from file modification times)";
      }
      summary.push_back(fmt::format("{}: {} {}", d.product->id, r.database, host.zone().iso(*r.built)));
    }

    // fail (any stale product) > pass (a product with fresh signatures) > unknown.
    if (any_fail)
      overall = Status::fail;
    else if (any_pass)
      overall = Status::pass;
    else
      overall = Status::unknown;
    for (const auto& r : results)
      if (r.status == overall && r.built) {
        decisive = &r;
        break;
      }

    Evidence ev{{"limit_days", limit}, {"products", summary}};
    if (!problems.empty()) ev["problems"] = problems;
    if (decisive && decisive->built) {
      ev["database"] = decisive->database;
      if (!decisive->database_dir.empty()) ev["database_dir"] = decisive->database_dir;
      ev["built"] = host.zone().iso(*decisive->built);
      ev["age_days"] = static_cast<std::int64_t>(std::max(0L, days_between(*decisive->built, now)));
      ev["date_source"] = decisive->date_source;
      if (decisive->db_version >= 0) ev["database_version"] = decisive->db_version;
    }
    std::vector<Status> statuses;
    for (const auto& r : results) statuses.push_back(r.status);
    return make_finding(spec, overall, detail_for(overall, statuses, zh, en), ev);
  }

  std::vector<FindingSpec> specs_;
  AvRules rules_;
};

}  // namespace

std::unique_ptr<Probe> make_antivirus_probe() { return std::make_unique<AntivirusProbe>(); }

}  // namespace sc

// The antivirus judgement, one for both OSes: facts (checks/antivirus/
// facts.hpp) → antivirus.installed, antivirus.service_enabled and
// antivirus.signature_age, with the zh/en wording of REPORT.md item 一.
#include <fmt/format.h>

#include <algorithm>

#include "checks/antivirus/facts.hpp"

namespace sc {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  return fmt::format("{}", fmt::join(v, sep));
}

std::string with_version(const AvProductFact& d, Lang l) {
  const std::string& n = d.name.in(l);
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

std::string zh_state(const AvServiceFact& s) {
  if (s.state == "masked") return s.name + "(已屏蔽)";
  if (s.state == "disabled") return s.name + "(已禁用)";
  if (s.state == "enabled" || s.state.empty()) return s.name;
  return fmt::format("{}({})", s.name, s.state);
}

std::string en_state(const AvServiceFact& s) {
  if (s.state == "enabled" || s.state.empty()) return s.name;
  return fmt::format("{} ({})", s.name, s.state);
}

struct Sentence {
  Status status;
  std::string zh, en;
};

// One product's service state.
Sentence service_sentence(const AvProductFact& p) {
  const std::string& nz = p.name.zh;
  const std::string& ne = p.name.en;
  if (p.security_center) {
    const auto& wsc = *p.security_center;
    if (wsc.on)
      return {Status::pass, zh_cat(nz, "实时防护已开启(Windows 安全中心)"),
              fmt::format("{}: real-time protection on (Windows Security Center)", ne)};
    return {Status::warn, zh_cat(nz, fmt::format("实时防护未开启(Windows 安全中心:{})", wsc.state)),
            fmt::format("{}: real-time protection not on (Windows Security Center: {})", ne, wsc.state)};
  }
  if (p.services_unknown)
    return {Status::unknown, zh_cat(nz, p.services_unknown->zh), ne + ": " + p.services_unknown->en};
  if (p.service_names.empty())
    return {Status::unknown, zh_cat(nz, "未登记服务名称,无法判断"),
            fmt::format("{}: no service names in the rules, cannot tell", ne)};
  if (p.services.empty())
    return {Status::warn, zh_cat(nz, fmt::format("未安装扫描或升级服务({})", join(p.service_names, "、"))),
            fmt::format("{}: no scanner or update service installed ({})", ne, join(p.service_names, ", "))};

  std::vector<std::string> on_names, off_zh, off_en, upd_zh, upd_en;
  bool scanner_exists = false, scanner_on = false, any_exists = false, any_on = false;
  bool updater_exists = false, updater_alive = false;
  std::vector<const AvServiceFact*> scanners_off, any_off, updaters_off;
  for (const auto& s : p.services) {
    if (s.enabled) on_names.push_back(s.name);
    switch (s.role) {
      case AvServiceRole::scanner:
        scanner_exists = true;
        scanner_on = scanner_on || s.enabled;
        if (!s.enabled) scanners_off.push_back(&s);
        break;
      case AvServiceRole::updater:
        updater_exists = true;
        updater_alive = updater_alive || !s.disabled;
        if (s.disabled) updaters_off.push_back(&s);
        break;
      case AvServiceRole::any:
        any_exists = true;
        any_on = any_on || s.enabled;
        if (!s.enabled) any_off.push_back(&s);
        break;
    }
  }
  // The scanner must start at boot; an update service switched off (masked,
  // disabled, Start=4) means nothing updates the signatures, even with the
  // scanner running (issue 14). Services whose role the rules do not say:
  // one of them enabled is enough.
  std::vector<const AvServiceFact*> off;
  if (scanner_exists && !scanner_on) off.insert(off.end(), scanners_off.begin(), scanners_off.end());
  if (any_exists && !any_on && !scanner_on) off.insert(off.end(), any_off.begin(), any_off.end());
  const bool updater_off = updater_exists && !updater_alive;
  if (!off.empty() || updater_off) {
    std::vector<std::string> z, e;
    if (!off.empty()) {
      std::vector<std::string> lz, le;
      for (auto* s : off) {
        lz.push_back(zh_state(*s));
        le.push_back(en_state(*s));
      }
      z.push_back(zh_cat(nz, fmt::format("服务未启用({})", join(lz, "、"))));
      e.push_back(fmt::format("{} service not enabled ({})", ne, join(le, ", ")));
    }
    if (updater_off) {
      std::vector<std::string> lz, le;
      for (auto* s : updaters_off) {
        lz.push_back(zh_state(*s));
        le.push_back(en_state(*s));
      }
      z.push_back(zh_cat(nz, fmt::format("病毒库升级服务未启用({}),病毒库不会自动更新", join(lz, "、"))));
      e.push_back(
          fmt::format("{} update service not enabled ({}): nothing updates the signatures", ne, join(le, ", ")));
    }
    return {Status::warn, join(z, ";"), join(e, "; ")};
  }
  if (on_names.empty())  // only updaters set to manual start, say: nothing disabled, nothing enabled
    return {Status::warn, zh_cat(nz, "扫描服务未设置为开机自启"), fmt::format("{}: no service starts at boot", ne)};
  return {Status::pass, zh_cat(nz, fmt::format("服务已启用({})", join(on_names, "、"))),
          fmt::format("{} service enabled ({})", ne, join(on_names, ", "))};
}

Finding service_finding(const FindingSpec& spec, const AvFacts& facts) {
  Status overall = Status::not_applicable;
  std::vector<std::string> zh, en, enabled, disabled;
  std::vector<Status> statuses;
  for (const auto& p : facts.products) {
    Sentence s = service_sentence(p);
    zh.push_back(s.zh);
    en.push_back(s.en);
    statuses.push_back(s.status);
    overall = overall == Status::not_applicable ? s.status : worse(overall, s.status);
    for (const auto& sv : p.services) {
      if (sv.enabled)
        enabled.push_back(sv.where.empty() ? sv.name : fmt::format("{} ({})", sv.name, sv.where));
      else
        disabled.push_back(sv.state == "masked"     ? sv.name + " (masked)"
                           : sv.state == "disabled" ? sv.name
                                                    : en_state(sv));
    }
  }
  Evidence ev{{"enabled_units", enabled}, {"disabled_units", disabled}};
  std::vector<std::string> wsc;
  for (const auto& p : facts.products)
    if (p.security_center)
      wsc.push_back(p.security_center->product_state
                        ? fmt::format("{}: {} (productState 0x{:06x})", p.id, p.security_center->state,
                                      *p.security_center->product_state)
                        : fmt::format("{}: {}", p.id, p.security_center->state));
  if (!wsc.empty()) ev["security_center"] = wsc;
  return make_finding(spec, overall, detail_for(overall, statuses, zh, en), ev);
}

Finding signature_finding(const FindingSpec& spec, const AvFacts& facts, std::int64_t limit, Time now,
                          const Zone& zone) {
  std::vector<std::string> zh, en, summary, problems;
  std::vector<Status> statuses;
  bool any_pass = false, any_fail = false;
  const AvSignatureFact* decisive = nullptr;
  const AvSignatureFact* first_unknown = nullptr;

  for (const auto& d : facts.products) {
    const AvSignatureFact& r = d.signatures;
    const std::string name_zh = with_version(d, Lang::zh), name_en = with_version(d, Lang::en);
    const std::string installed_zh = zh_cat("已安装", name_zh);
    for (const auto& pr : r.problems) problems.push_back(d.id + ": " + pr);
    if (!r.built) {
      if (r.up_to_date) {  // Security Center's bit, no date
        const bool ok = *r.up_to_date;
        statuses.push_back(ok ? Status::pass : Status::fail);
        (ok ? any_pass : any_fail) = true;
        zh.push_back(
            fmt::format("{},Windows 安全中心报告病毒库{}(未提供日期)", installed_zh, ok ? "为最新" : "已过期"));
        en.push_back(fmt::format("{} installed; Windows Security Center reports the signatures {} (no date given)",
                                 name_en, ok ? "up to date" : "out of date"));
        summary.push_back(fmt::format("{}: security center {}", d.id, ok ? "up to date" : "out of date"));
        continue;
      }
      statuses.push_back(Status::unknown);
      if (r.reason_from_rules) {
        zh.push_back(fmt::format("{},{}", installed_zh, r.reason.zh));
        en.push_back(fmt::format("{} installed; {}", name_en, r.reason.en));
      } else {
        zh.push_back(fmt::format("{},病毒库日期无法确定:{}", installed_zh, r.reason.zh));
        en.push_back(fmt::format("{} installed, signature date unknown: {}", name_en, r.reason.en));
      }
      summary.push_back(fmt::format("{}: unknown", d.id));
      if (!first_unknown) first_unknown = &r;
      continue;
    }
    const auto age = now - *r.built;
    const long days = std::max(0L, days_between(*r.built, now));
    const bool stale = age > std::chrono::hours(24) * limit;
    std::string date = zone.date(*r.built);
    std::string ago_zh = days == 0 ? "不到 1 天" : fmt::format("{} 天前", days);
    std::string ago_en = days == 0 ? "less than a day ago" : days == 1 ? "1 day ago" : fmt::format("{} days ago", days);
    if (stale) {
      statuses.push_back(Status::fail);
      any_fail = true;
      zh.push_back(fmt::format("{},病毒库 {} 更新({}),超过 {} 天未更新", installed_zh, date, ago_zh, limit));
      en.push_back(
          fmt::format("{} installed, signatures updated {} ({}), older than {} days", name_en, date, ago_en, limit));
    } else if (!r.problems.empty()) {
      // A corrupt or unreadable database keeps clamd from loading: the
      // fresh one beside it does not prove the engine uses fresh signatures.
      statuses.push_back(Status::unknown);
      zh.push_back(fmt::format("{},病毒库 {} 更新({}),但有病毒库文件无法读取或已损坏:{}", installed_zh, date, ago_zh,
                               join(r.problems, "; ")));
      en.push_back(
          fmt::format("{} installed, signatures updated {} ({}), but some databases are unreadable or corrupt: {}",
                      name_en, date, ago_en, join(r.problems, "; ")));
    } else {
      statuses.push_back(Status::pass);
      any_pass = true;
      zh.push_back(fmt::format("{},病毒库 {} 更新({})", installed_zh, date, ago_zh));
      en.push_back(fmt::format("{} installed, signatures updated {} ({})", name_en, date, ago_en));
    }
    if (r.date_source == "mtime") {
      zh.back() += "(依据文件修改时间)";
      en.back() += " (from file modification times)";
    }
    summary.push_back(fmt::format("{}: {} {}", d.id, r.database, zone.iso(*r.built)));
  }

  // fail (any stale product) > pass (a product with fresh signatures) > unknown.
  const Status overall = any_fail ? Status::fail : any_pass ? Status::pass : Status::unknown;
  for (std::size_t i = 0; i < facts.products.size(); ++i)
    if (statuses[i] == overall && facts.products[i].signatures.built) {
      decisive = &facts.products[i].signatures;
      break;
    }

  Evidence ev{{"limit_days", limit}, {"products", summary}};
  if (!problems.empty()) ev["problems"] = problems;
  if (decisive) {
    ev["database"] = decisive->database;
    if (!decisive->database_dir.empty()) ev["database_dir"] = decisive->database_dir;
    ev["built"] = zone.iso(*decisive->built);
    ev["age_days"] = static_cast<std::int64_t>(std::max(0L, days_between(*decisive->built, now)));
    ev["date_source"] = decisive->date_source;
    if (decisive->db_version >= 0) ev["database_version"] = decisive->db_version;
    if (!decisive->version.empty()) ev["signature_version"] = decisive->version;
  } else if (overall == Status::unknown && first_unknown && !first_unknown->version.empty()) {
    ev["signature_version"] = first_unknown->version;
  }
  return make_finding(spec, overall, detail_for(overall, statuses, zh, en), ev);
}

}  // namespace

std::vector<Finding> judge_antivirus(const AvFacts& facts, const std::vector<FindingSpec>& specs,
                                     std::int64_t limit_days, Time now, const Zone& zone) {
  std::vector<Finding> out;
  const FindingSpec& installed_spec = specs.at(0);
  const FindingSpec& service_spec = specs.at(1);
  const FindingSpec& age_spec = specs.at(2);

  if (facts.cannot_tell) {
    for (const auto& s : specs) out.push_back(make_finding(s, Status::unknown, *facts.cannot_tell));
    return out;
  }

  if (facts.products.empty()) {
    Evidence ev = facts.detection_evidence;
    ev["products_known"] = facts.products_known;
    if (facts.detection_gap) {
      // Whether anything is installed is not known: neither are its services and signatures.
      out.push_back(make_finding(installed_spec, Status::unknown, *facts.detection_gap, ev));
      Text why{"无法确定是否安装了防病毒软件", "cannot tell whether an antivirus product is installed"};
      out.push_back(make_finding(service_spec, Status::unknown, why));
      out.push_back(make_finding(age_spec, Status::unknown, why));
      return out;
    }
    out.push_back(
        make_finding(installed_spec, Status::fail, Text{"未安装防病毒软件", "no antivirus product is installed"}, ev));
    Text na{"未安装防病毒软件,不适用", "not applicable: no antivirus product installed"};
    out.push_back(make_finding(service_spec, Status::not_applicable, na));
    out.push_back(make_finding(age_spec, Status::not_applicable, na));
    return out;
  }

  std::vector<std::string> names_zh, names_en, ids, detected_by;
  for (const auto& d : facts.products) {
    names_zh.push_back(with_version(d, Lang::zh));
    names_en.push_back(with_version(d, Lang::en));
    ids.push_back(d.id);
    for (const auto& b : d.detected_by) detected_by.push_back(d.id + ": " + b);
  }
  out.push_back(make_finding(installed_spec, Status::pass,
                             Text{zh_cat("已安装", join(names_zh, "、")), "installed: " + join(names_en, ", ")},
                             Evidence{{"products", ids}, {"detected_by", detected_by}}));
  out.push_back(service_finding(service_spec, facts));
  out.push_back(signature_finding(age_spec, facts, limit_days, now, zone));
  return out;
}

}  // namespace sc

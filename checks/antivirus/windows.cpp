// The antivirus probe's evidence on a Windows machine, through the Host's
// registry facade (hive files offline, the Win32 registry live) and, live,
// Windows Security Center (WINDOWS.md "Evidence per finding"):
// - installed: Uninstall\* DisplayName in both registry views matched against
//   the rules' patterns; Defender is part of Windows 8+ (no Uninstall entry);
//   the rules' install directories as a fallback; WSC's registered products.
// - service_enabled: the products' services' Start values (2 automatic, 4
//   disabled) from SYSTEM\CurrentControlSet\Services; live, WSC's state.
// - signature_age: the rules' registry values / files (windows_signatures.cpp);
//   without a date, WSC's up-to-date bit.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "agent/core/security_center.hpp"
#include "checks/antivirus/windows_evidence.hpp"

namespace sc {

namespace {

constexpr std::string_view kUninstall = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
constexpr std::string_view kUninstall32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
constexpr std::string_view kServices = "HKLM\\SYSTEM\\CurrentControlSet\\Services";
constexpr std::string_view kCurrentVersion = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

bool any_match(const std::vector<std::string>& globs, std::string_view text) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return av_glob_match(g, text); });
}

struct UninstallEntry {
  std::string subkey, display_name, version;
  bool wow64 = false;
};

// Every DisplayName under both Uninstall views; `error` when SOFTWARE cannot be read.
std::vector<UninstallEntry> uninstall_entries(const Registry& reg, std::string& error) {
  std::vector<UninstallEntry> out;
  for (std::string_view view : {kUninstall, kUninstall32}) {
    RegKeyResult k = reg.key(view);
    if (!k.error.empty()) {
      error = k.error;
      return out;
    }
    if (!k.found()) continue;
    std::size_t n = 0;
    for (const auto& sub : k.key.subkeys) {
      if (++n > 4000) break;  // bounded
      RegValueResult dn = reg.value(std::string(view) + "\\" + sub, "DisplayName");
      if (!dn.found()) continue;
      auto name = dn.value->string();
      if (!name || name->empty()) continue;
      UninstallEntry e{sub, *name, "", view == kUninstall32};
      if (RegValueResult v = reg.value(std::string(view) + "\\" + sub, "DisplayVersion"); v.found())
        e.version = v.value->string().value_or("");
      out.push_back(std::move(e));
    }
  }
  return out;
}

// Defender is part of Windows 8 and later (build 9200+): installed unless its
// service is gone or disabled (WinDefend Start = 4) or it is switched off by
// DisableAntiSpyware / DisableAntiVirus = 1 (group policy under
// SOFTWARE\Policies\Microsoft\Windows Defender, or the product's own key).
// Windows 7's Defender is antispyware only: there the antivirus is Security
// Essentials, found through its Uninstall entry like any product.
// `undecided` gets why that cannot be told (the SYSTEM hive unreadable).
std::optional<std::string> builtin_defender(const Registry& reg, std::vector<std::string>& notes,
                                            std::string& undecided) {
  RegValueResult build = reg.value(kCurrentVersion, "CurrentBuild");
  int b = 0;
  if (build.found())
    if (auto s = build.value->string()) b = std::atoi(s->c_str());
  if (b < 9200) {
    if (b > 0) notes.push_back(fmt::format("defender: build {} predates the built-in Defender antivirus", b));
    return std::nullopt;
  }
  RegKeyResult svc = reg.key(std::string(kServices) + "\\WinDefend");
  if (!svc.error.empty()) {
    undecided = svc.error;
    notes.push_back("defender: " + svc.error);
    return std::nullopt;
  }
  if (!svc.found()) {
    notes.push_back("defender: the WinDefend service is not installed");
    return std::nullopt;
  }
  std::optional<std::uint32_t> start;
  if (const RegValue* v = svc.key.value("Start")) start = v->dword();
  if (start && *start == 4) {
    notes.push_back("defender: the WinDefend service is disabled (Start=4)");
    return std::nullopt;
  }
  for (std::string_view key :
       {"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender", "HKLM\\SOFTWARE\\Microsoft\\Windows Defender"})
    for (const char* name : {"DisableAntiSpyware", "DisableAntiVirus"}) {
      RegValueResult v = reg.value(key, name);
      if (v.found() && v.value->dword().value_or(0) == 1) {
        notes.push_back(fmt::format("defender: switched off by {}\\{}=1", key, name));
        return std::nullopt;
      }
    }
  return fmt::format("built into Windows (build {}), WinDefend Start={}", b, start ? std::to_string(*start) : "?");
}

std::string start_words(std::uint32_t start) {
  switch (start) {
    case 0:
      return "Start=0 (boot)";
    case 1:
      return "Start=1 (system)";
    case 2:
      return "Start=2 (automatic)";
    case 3:
      return "Start=3 (manual)";
    case 4:
      return "Start=4 (disabled)";
  }
  return fmt::format("Start={}", start);
}

void services_of(const Registry& reg, const RegKeyResult& services, const AvWindowsRecipe& w, AvProductFact& d) {
  for (const auto& s : w.services) d.service_names.push_back(s.name);
  if (!services.error.empty()) {
    d.services_unknown = Text{"无法读取服务配置:" + services.error, "cannot read the services: " + services.error};
    return;
  }
  if (!services.found()) return;
  for (const auto& rule : w.services)
    for (const auto& name : services.key.subkeys) {
      if (!av_glob_match(rule.name, name)) continue;
      std::string path = std::string(kServices) + "\\" + name;
      RegValueResult v = reg.value(path, "Start");
      if (!v.found() || !v.value->dword()) continue;  // a key without Start is not a service
      std::uint32_t start = *v.value->dword();
      AvServiceFact f;
      f.name = name;
      f.role = rule.role;
      f.enabled = start <= 2;
      f.disabled = start == 4;
      f.state = f.enabled ? "enabled" : start_words(start);
      f.where = path + "\\Start";
      d.services.push_back(std::move(f));
    }
}

AvProductFact product_fact(const AvProduct& p) {
  AvProductFact d;
  d.id = p.id;
  d.name = p.name;
  return d;
}

// The product a Security Center name belongs to: the most specific matching
// pattern wins ("360杀毒*" over 360 Endpoint's "360*").
const AvProduct* rule_for_wsc(const AvRules& rules, std::string_view name) {
  const AvProduct* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& p : rules.products) {
    if (!p.windows) continue;
    for (const auto& g : p.windows->wsc_names.empty() ? p.windows->display_names : p.windows->wsc_names) {
      std::size_t literal =
          static_cast<std::size_t>(std::count_if(g.begin(), g.end(), [](char c) { return c != '*'; }));
      if (literal > best_len && av_glob_match(g, name)) {
        best = &p;
        best_len = literal;
      }
    }
  }
  return best;
}

AvSecurityCenterState wsc_state(const WscProduct& w) {
  AvSecurityCenterState s;
  s.name = w.name;
  s.product_state = w.product_state;
  s.on = w.state == WscProduct::State::on;
  s.state = to_string(w.state);
  s.up_to_date = w.up_to_date;
  s.timestamp = w.timestamp;
  return s;
}

}  // namespace

AvFacts gather_windows_antivirus(const Host& host, const Registry& reg, const AvRules& rules,
                                 const SecurityCenter* security_center) {
  AvFacts facts;
  std::vector<const AvProduct*> win;
  for (const auto& p : rules.products)
    if (p.windows) win.push_back(&p);
  facts.products_known = static_cast<std::int64_t>(win.size());
  if (win.empty()) {
    facts.cannot_tell = Text{"没有 Windows 防病毒产品规则(rules/antivirus.yaml 中无 windows 配置)",
                             "no Windows antivirus product rules (no windows: recipes in rules/antivirus.yaml)"};
    return facts;
  }

  std::string software_error;
  std::vector<UninstallEntry> entries = uninstall_entries(reg, software_error);
  std::vector<std::string> notes;
  std::string defender_undecided;
  RegKeyResult services = reg.key(kServices);

  std::vector<AvProductFact> found;
  std::vector<const AvProduct*> found_rules;
  for (const AvProduct* p : win) {
    const AvWindowsRecipe& w = *p->windows;
    AvProductFact d = product_fact(*p);
    for (const auto& e : entries)
      if (any_match(w.display_names, e.display_name) && !any_match(w.exclude_names, e.display_name)) {
        d.detected_by.push_back(
            fmt::format("Uninstall\\{} \"{}\"{}", e.subkey, e.display_name, e.wow64 ? " (WOW6432Node)" : ""));
        if (d.version.empty()) d.version = e.version;
      }
    if (p->id == "defender" && software_error.empty())
      if (auto how = builtin_defender(reg, notes, defender_undecided)) d.detected_by.push_back(*how);
    // The Uninstall entry may have been removed: the install directory. Not
    // for Defender, whose directories stay on every Windows 10 even when off.
    if (d.detected_by.empty() && p->id != "defender")
      for (const auto& dir : w.install_dirs)
        for (const auto& path : win_expand_path(host, dir)) d.detected_by.push_back("install directory " + path);
    if (d.detected_by.empty()) continue;
    found.push_back(std::move(d));
    found_rules.push_back(p);
  }

  // Live: what Windows Security Center knows. A registered third-party
  // product counts as installed even with Defender off; WSC's state and
  // up-to-date bit complete the registry's evidence.
  if (security_center) {
    WscAnswer a = security_center->antivirus_products();
    if (!a.ok()) {
      facts.detection_evidence["security_center"] = a.error;
    } else {
      for (const auto& w : a.products) {
        const AvProduct* rule = rule_for_wsc(rules, w.name);
        auto it = std::find(found_rules.begin(), found_rules.end(), rule);
        if (rule && it != found_rules.end()) {
          AvProductFact& d = found[static_cast<std::size_t>(it - found_rules.begin())];
          d.security_center = wsc_state(w);
          d.detected_by.push_back(fmt::format("Security Center \"{}\" ({})", w.name, a.source));
          continue;
        }
        AvProductFact d;
        if (rule) {
          d = product_fact(*rule);
        } else {
          d.id = "wsc:" + w.name;
          d.name = Text::same(w.name);
        }
        d.detected_by.push_back(fmt::format("Security Center \"{}\" ({})", w.name, a.source));
        d.security_center = wsc_state(w);
        found.push_back(std::move(d));
        found_rules.push_back(rule);
      }
    }
  }

  for (std::size_t i = 0; i < found.size(); ++i) {
    AvProductFact& d = found[i];
    if (const AvProduct* p = found_rules[i]) {
      services_of(reg, services, *p->windows, d);
      d.signatures = windows_signatures(host, reg, *p->windows);
    } else {
      d.signatures.reason = {"该产品不在规则中,病毒库日期无法读取",
                             "the product is not in the rules: no signature date"};
    }
    // No date from the rules' sources: Security Center's up-to-date bit decides.
    if (!d.signatures.built && d.security_center) d.signatures.up_to_date = d.security_center->up_to_date;
  }
  facts.products = std::move(found);
  if (!notes.empty()) facts.detection_evidence["notes"] = notes;

  if (facts.products.empty() && !software_error.empty())
    facts.detection_gap = Text{fmt::format("无法读取已安装软件列表(SOFTWARE 注册表):{}", software_error),
                               fmt::format("cannot read the installed programs (SOFTWARE hive): {}", software_error)};
  else if (facts.products.empty() && !defender_undecided.empty())
    facts.detection_gap =
        Text{fmt::format("未发现其他防病毒软件,且无法确定系统自带的 Defender 是否启用:{}", defender_undecided),
             fmt::format("no other antivirus product found, and whether the built-in Defender is on cannot be told: {}",
                         defender_undecided)};
  return facts;
}

}  // namespace sc

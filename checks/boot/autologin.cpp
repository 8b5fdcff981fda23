// boot.autologin, the judgement shared by both audited OSes: the logins
// found (display managers and gettys on Linux, Winlogon on Windows) →
// finding. A stored plain-text password is named as worse; its value is
// never part of the facts.
#include <fmt/format.h>

#include <algorithm>

#include "checks/boot/boot_checks.hpp"

namespace sc {

Finding check_autologin(const AutologinFacts& s, const FindingSpec& spec) {
  Evidence ev;
  ev["checked"] = s.checked;
  if (s.malformed > 0) ev["malformed_lines"] = static_cast<std::int64_t>(s.malformed);
  if (!s.hits.empty()) {
    std::vector<std::string> accounts, sources, zh, en;
    bool stored = false;
    for (const AutologinHit& h : s.hits) {
      if (std::find(accounts.begin(), accounts.end(), h.account) == accounts.end()) accounts.push_back(h.account);
      sources.push_back(fmt::format("{} ({})", h.where, h.manager));
      zh.push_back(fmt::format("{} 自动登录账户 {}({})", h.manager, h.account, h.where));
      en.push_back(fmt::format("{} logs in {} automatically ({})", h.manager, h.account, h.where));
      if (h.stored_password) {
        stored = true;
        zh.back() += ",且密码以明文保存在注册表中(DefaultPassword)";
        en.back() += ", and its password is stored in plain text in the registry (DefaultPassword)";
      }
    }
    ev["accounts"] = accounts;
    ev["sources"] = sources;
    if (stored) ev["stored_password"] = true;
    std::string jz, je;
    for (std::size_t i = 0; i < zh.size(); ++i) {
      jz += (i ? ";" : "") + zh[i];
      je += (i ? "; " : "") + en[i];
    }
    return make_finding(spec, Status::fail, Text{"已启用自动登录:" + jz, "automatic login is enabled: " + je},
                        std::move(ev));
  }
  if (!s.problems.empty()) {
    ev["reason"] = s.problems;
    std::string p;
    for (const auto& x : s.problems) p += (p.empty() ? "" : "; ") + x;
    return make_finding(spec, Status::unknown,
                        Text{"无法确定是否启用自动登录:" + p, "cannot tell whether automatic login is enabled: " + p},
                        std::move(ev));
  }
  if (s.checked.empty())
    return make_finding(spec, Status::pass,
                        Text{"未发现显示管理器(GDM、LightDM、SDDM)或 getty 的自动登录配置,未启用自动登录",
                             "no display manager (GDM, LightDM, SDDM) or getty autologin configuration found: no "
                             "automatic login"},
                        std::move(ev));
  return make_finding(spec, Status::pass,
                      Text{fmt::format("未启用自动登录(已检查 {} 个配置文件)", s.checked.size()),
                           fmt::format("no automatic login ({} configuration file(s) checked)", s.checked.size())},
                      std::move(ev));
}

}  // namespace sc

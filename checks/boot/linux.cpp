// The boot probe's evidence gatherer for Linux accounts: which accounts can
// log in (a real shell, UID >= UID_MIN, or root), the state of their shadow
// password field and its last change, and login.defs' PASS_MAX_DAYS. No hash
// is ever kept: the shadow field is reduced to empty / locked / set.
#include <fmt/format.h>

#include <algorithm>

#include "checks/boot/boot_checks.hpp"
#include "checks/formats/login_defs.hpp"

namespace sc {

namespace {

std::string base_name(const std::string& path) {
  std::size_t s = path.rfind('/');
  return s == std::string::npos ? path : path.substr(s + 1);
}

bool is_login_shell(const std::string& shell, const BootRules& rules) {
  if (shell.empty()) return true;  // an empty shell field means /bin/sh
  std::string b = base_name(shell);
  return std::find(rules.non_login_shells.begin(), rules.non_login_shells.end(), b) == rules.non_login_shells.end();
}

}  // namespace

AccountFacts account_facts(const FileResult& passwd, const FileResult& shadow, const FileResult& login_defs,
                           const BootRules& rules) {
  AccountFacts f;
  f.uid_min = rules.uid_min_default;
  if (login_defs.ok()) {
    LoginDefs defs = parse_login_defs(login_defs.data);
    if (auto v = defs.number("UID_MIN"); v && *v >= 0) {
      f.uid_min = *v;
      f.uid_min_from_defs = true;
    }
    f.pass_max_days = defs.number("PASS_MAX_DAYS");
  } else if (!login_defs.missing) {
    f.login_defs_error = login_defs.error;
  }
  if (!passwd.ok()) {
    f.passwd_error = passwd.error;
    return f;
  }
  PasswdFile pw = parse_passwd(passwd.data);
  f.malformed += pw.malformed;
  ShadowFile sh;
  if (shadow.ok()) {
    sh = parse_shadow(shadow.data);
    f.malformed += sh.malformed;
  } else {
    f.shadow_error = shadow.error;
  }
  for (const PasswdEntry& p : pw.entries) {
    if (!(p.uid == 0 || p.uid >= f.uid_min) || !is_login_shell(p.shell, rules)) continue;
    LoginAccount a;
    a.name = p.name;
    a.uid = p.uid;
    if (!p.shadowed) {
      a.state = p.state;  // the password field of passwd itself decides
    } else if (shadow.ok()) {
      auto it =
          std::find_if(sh.entries.begin(), sh.entries.end(), [&](const ShadowEntry& s) { return s.name == p.name; });
      if (it == sh.entries.end()) {
        a.state = PasswordState::locked;  // "x" without a shadow entry: pam_unix refuses the login
      } else {
        a.state = it->state;
        a.last_change = it->last_change;
      }
    }
    f.login.push_back(std::move(a));
  }
  return f;
}

AccountFacts read_account_facts(const Host& host, const BootRules& rules) {
  return account_facts(host.read_file("/etc/passwd"), host.read_file("/etc/shadow"), host.read_file("/etc/login.defs"),
                       rules);
}

}  // namespace sc

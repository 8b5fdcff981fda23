// NetUser answers → AccountFacts (see netuser.hpp).
#include "checks/boot/netuser.hpp"

#include <fmt/format.h>

namespace sc {

AccountFacts account_facts_from_netuser(const NetUserAnswers& a, Time now) {
  AccountFacts f;
  f.windows = true;
  if (!a.available) {
    f.passwd_error = a.error;
    return f;
  }
  if (a.max_passwd_age_s && *a.max_passwd_age_s != kTimeqForever)
    f.pass_max_days = static_cast<std::int64_t>(*a.max_passwd_age_s / 86400);
  std::vector<std::string> undecided;
  const std::int64_t today = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  for (const auto& u : a.users) {
    if (u.flags & kUfAccountDisable) {
      f.disabled.push_back(u.name);
      continue;
    }
    LoginAccount acc;
    acc.name = u.name;
    acc.uid = u.rid;
    acc.last_change = today - static_cast<std::int64_t>(u.password_age_s / 86400);
    if (!u.blank_logon) {
      undecided.push_back(fmt::format("{}: the blank-password logon was not tried", u.name));
    } else if (*u.blank_logon == 0 || *u.blank_logon == 1327) {
      acc.state = PasswordState::empty;
    } else if (*u.blank_logon == 1326) {
      acc.state = PasswordState::set;
    } else {
      undecided.push_back(fmt::format("{}: LogonUserW failed with error {}", u.name, *u.blank_logon));
    }
    f.login.push_back(std::move(acc));
  }
  for (const auto& w : undecided) f.shadow_error += (f.shadow_error.empty() ? "" : "; ") + w;
  return f;
}

}  // namespace sc

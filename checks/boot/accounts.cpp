// boot.empty_passwords and boot.password_age, the judgement shared by both
// audited OSes: AccountFacts (filled by linux.cpp from passwd/shadow or by
// windows.cpp from the SAM hive) → findings. Evidence names accounts only.
#include <fmt/format.h>

#include <algorithm>

#include "checks/boot/boot_checks.hpp"

namespace sc {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (const auto& x : v) {
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

}  // namespace

Finding check_empty_passwords(const AccountFacts& f, const FindingSpec& spec) {
  if (!f.passwd_error.empty())
    return make_finding(spec, Status::unknown,
                        Text{fmt::format("无法读取账户列表:{}", f.passwd_error), f.passwd_error});
  std::vector<std::string> empty, names;
  int undecided = 0;
  for (const auto& a : f.login) {
    names.push_back(a.name);
    if (!a.state)
      ++undecided;
    else if (*a.state == PasswordState::empty)
      empty.push_back(a.name);
  }
  Evidence ev;
  ev["login_accounts"] = names;
  if (f.windows) {
    if (!f.disabled.empty()) ev["disabled_accounts"] = f.disabled;
  } else {
    ev["uid_min"] = f.uid_min;
  }
  if (f.malformed > 0) ev["malformed_lines"] = static_cast<std::int64_t>(f.malformed);
  if (!empty.empty()) {
    ev["accounts"] = empty;
    return make_finding(
        spec, Status::fail,
        Text{fmt::format("{} 个登录账户未设置密码(空密码):{}", empty.size(), join(empty, "、")),
             fmt::format("{} login account(s) with an empty password: {}", empty.size(), join(empty, ", "))},
        std::move(ev));
  }
  if (undecided > 0) {
    ev["reason"] = f.shadow_error;
    return make_finding(
        spec, Status::unknown,
        Text{fmt::format("无法确定 {} 个登录账户是否设置密码:{}", undecided, f.shadow_error),
             fmt::format("cannot tell whether {} login account(s) have a password: {}", undecided, f.shadow_error)},
        std::move(ev));
  }
  std::string note_zh, note_en;
  if (f.malformed > 0) {
    note_zh = fmt::format("(跳过 {} 行格式错误)", f.malformed);
    note_en = fmt::format(" ({} malformed line(s) skipped)", f.malformed);
  }
  return make_finding(
      spec, Status::pass,
      Text{fmt::format("{} 个登录账户均已设置密码或已锁定{}", names.size(), note_zh),
           fmt::format("all {} login account(s) have a password or are locked{}", names.size(), note_en)},
      std::move(ev));
}

Finding check_password_age(const AccountFacts& f, const BootRules& rules, const Host& host, const FindingSpec& spec) {
  const std::int64_t limit = rules.password_max_days;
  Evidence ev;
  ev["limit_days"] = limit;
  std::vector<std::string> zh, en;  // problems
  bool undecided = false;
  std::string why;

  if (!f.login_defs_error.empty()) {
    undecided = true;
    why = f.login_defs_error;
  } else {
    std::int64_t max = f.pass_max_days.value_or(-1);
    ev["pass_max_days"] = max;
    if (max < 0 || max > limit) {
      std::string v = max < 0 ? std::string("未设置") : std::to_string(max);
      std::string ve = max < 0 ? std::string("not set") : std::to_string(max);
      if (f.windows) {
        v = max < 0 ? std::string("未设置(密码永不过期)") : std::to_string(max);
        ve = max < 0 ? std::string("not set (passwords never expire)") : std::to_string(max);
        zh.push_back(fmt::format("本地安全策略“密码最长使用期限”为 {}(要求不超过 {} 天)", v, limit));
        en.push_back(fmt::format("the local policy's maximum password age is {} (limit {} days)", ve, limit));
      } else {
        zh.push_back(fmt::format("/etc/login.defs 中 PASS_MAX_DAYS 为 {}(要求不超过 {} 天)", v, limit));
        en.push_back(fmt::format("PASS_MAX_DAYS in /etc/login.defs is {} (limit {} days)", ve, limit));
      }
    }
  }

  if (!f.passwd_error.empty()) {
    undecided = true;
    why = f.passwd_error;
  } else {
    std::vector<std::string> old, old_detail;
    const std::int64_t today =
        std::chrono::duration_cast<std::chrono::hours>(host.now().time_since_epoch()).count() / 24;
    for (const auto& a : f.login) {
      if (!a.state) {
        undecided = true;
        why = f.shadow_error;
        continue;
      }
      if (*a.state != PasswordState::set || !a.last_change || *a.last_change == 0) continue;
      std::int64_t age = today - *a.last_change;
      if (age > limit) {
        old.push_back(a.name);
        Time changed{std::chrono::seconds(*a.last_change * 86400)};
        old_detail.push_back(fmt::format("{} {}", a.name, host.zone().date(changed)));
      }
    }
    if (!old.empty()) {
      ev["accounts"] = old;
      ev["last_changed"] = old_detail;
      zh.push_back(fmt::format("{} 个登录账户密码超过 {} 天未更改:{}", old.size(), limit, join(old_detail, "、")));
      en.push_back(fmt::format("{} login account(s) have not changed their password for over {} days: {}", old.size(),
                               limit, join(old_detail, ", ")));
    }
  }

  if (!zh.empty()) {
    if (undecided) {
      ev["reason"] = why;
      zh.push_back(fmt::format("其余无法确定:{}", why));
      en.push_back(fmt::format("the rest cannot be decided: {}", why));
    }
    return make_finding(spec, Status::warn, Text{join(zh, ";"), join(en, "; ")}, std::move(ev));
  }
  if (undecided) {
    ev["reason"] = why;
    return make_finding(
        spec, Status::unknown,
        Text{fmt::format("无法确定密码使用期限:{}", why), fmt::format("cannot decide the password age: {}", why)},
        std::move(ev));
  }
  return make_finding(spec, Status::pass,
                      Text{fmt::format("密码最长使用期限 {} 天(不超过 {} 天),登录账户密码均在期限内定期更改",
                                       f.pass_max_days.value_or(-1), limit),
                           fmt::format("password maximum age {} days (limit {}); every login account changed its "
                                       "password within the limit",
                                       f.pass_max_days.value_or(-1), limit)},
                      std::move(ev));
}

}  // namespace sc

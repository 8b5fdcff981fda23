// The boot probe (report item 2, 开机密码设置): boot loader password, login
// accounts without a password, automatic login, password age. The files are
// listed in boot_checks.hpp; this one holds the finding specs, reads
// rules/boot.yaml and picks the gatherer by the audited machine.
#include <exception>

#include "agent/core/machine.hpp"
#include "checks/boot/boot_checks.hpp"
#include "checks/boot/netuser.hpp"
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

namespace {

std::vector<FindingSpec> boot_specs() {
  std::vector<FindingSpec> s;
  s.push_back(
      {"boot.loader_password", Severity::medium, Text{"引导程序密码", "Boot loader password"},
       Text{"没有引导密码时,任何人都能在开机菜单中修改内核参数(如 init=/bin/sh)绕过登录密码。",
            "Without a boot loader password anyone at the console can edit the kernel command line "
            "(init=/bin/sh) and bypass every login password."},
       Text{"为 GRUB 设置超级用户和 PBKDF2 密码:grub-mkpasswd-pbkdf2 生成散列,在 /etc/grub.d/40_custom 中加入 "
            "set superusers 与 password_pbkdf2,运行 update-grub(RHEL:grub2-setpassword);并设置 BIOS/UEFI "
            "固件密码。",
            "Give GRUB a superuser and a PBKDF2 password: generate it with grub-mkpasswd-pbkdf2, add set "
            "superusers and password_pbkdf2 to /etc/grub.d/40_custom and run update-grub (RHEL: "
            "grub2-setpassword); also set a BIOS/UEFI firmware password."},
       Text{"设置 BIOS/UEFI 开机(固件)密码;或启用 BitLocker 并添加 TPM+PIN 保护器(manage-bde -protectors -add C: "
            "-TPMAndPIN),使 Windows 启动前须输入 PIN。",
            "Set a BIOS/UEFI power-on (firmware) password, or turn on BitLocker with a TPM+PIN protector "
            "(manage-bde -protectors -add C: -TPMAndPIN) so that a PIN is asked before Windows starts."}});
  s.push_back({"boot.empty_passwords", Severity::high, Text{"空密码账户", "Accounts without a password"},
               Text{"空密码的登录账户无需任何口令即可登录,开机密码形同虚设。",
                    "A login account with an empty password logs in without any password: the start-up password "
                    "means nothing."},
               Text{"为所列账户设置密码(passwd 账户名),或锁定不用的账户(passwd -l 账户名)。",
                    "Set a password for the listed accounts (passwd NAME) or lock unused ones (passwd -l NAME)."},
               Text{"为所列账户设置密码(net user 账户名 *),或停用不用的账户(net user 账户名 /active:no)。",
                    "Set a password for the listed accounts (net user NAME *) or disable unused ones (net user NAME "
                    "/active:no)."}});
  s.push_back(
      {"boot.autologin", Severity::high, Text{"自动登录", "Automatic login"},
       Text{"自动登录使开机后无需输入密码即可进入桌面。",
            "Automatic login opens the desktop at start-up without any password."},
       Text{"关闭自动登录:删除或注释 GDM 的 AutomaticLoginEnable/AutomaticLogin、LightDM 的 autologin-user、SDDM "
            "的 [Autologin] User,以及 getty 的 --autologin 覆盖配置。",
            "Turn automatic login off: remove GDM's AutomaticLoginEnable/AutomaticLogin, LightDM's "
            "autologin-user, SDDM's [Autologin] User and any getty --autologin override."},
       Text{"关闭自动登录:在注册表 HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon 中将 AutoAdminLogon "
            "设为 "
            "0 并删除 DefaultPassword(或运行 netplwiz,勾选“要使用本计算机,用户必须输入用户名和密码”)。",
            "Turn automatic login off: set AutoAdminLogon to 0 and delete DefaultPassword under "
            "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon (or run netplwiz and tick \"Users must "
            "enter a user name and password\")."}});
  s.push_back(
      {"boot.password_age", Severity::medium, Text{"密码定期更换", "Password changed regularly"},
       Text{"开机密码应定期更换;长期不变的密码泄露后一直有效。",
            "Start-up passwords must be changed regularly; a password that never changes stays valid "
            "after it leaks."},
       Text{"在 /etc/login.defs 中设置 PASS_MAX_DAYS 90,对现有账户执行 chage -M 90 账户名,并更改所列账户的密码。",
            "Set PASS_MAX_DAYS 90 in /etc/login.defs, run chage -M 90 NAME for existing accounts, and change "
            "the listed accounts' passwords."},
       Text{"将密码最长使用期限设为 90 天(net accounts /maxpwage:90,或本地安全策略 → 账户策略 → "
            "密码策略),取消账户的“密码永不过期”,并更改所列账户的密码。",
            "Set the maximum password age to 90 days (net accounts /maxpwage:90, or Local Security Policy → "
            "Account Policies → Password Policy), clear \"Password never expires\" on the accounts, and change "
            "the listed accounts' passwords."}});
  return s;
}

class BootProbe : public Probe {
 public:
  BootProbe() : specs_(boot_specs()) {}
  std::string_view name() const override { return "boot"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }

  // rules/boot.yaml, then overrides: a scalar or a list in a later file replaces the earlier one.
  void configure(const Rules& rules, const Config&) override {
    BootRules r;
    for (const YamlDoc* d : rules.docs("boot")) {
      if (!d->root || d->root.IsNull()) continue;
      d->expect_map(d->root, "the boot rules");
      d->only_keys(d->root, {"password_max_days", "uid_min_default", "non_login_shells", "grub_configs", "efi_dirs"});
      if (auto n = d->root["password_max_days"]) r.password_max_days = d->integer(n, "password_max_days", 1, 100000);
      if (auto n = d->root["uid_min_default"]) r.uid_min_default = d->integer(n, "uid_min_default", 1, 1000000000);
      if (auto n = d->root["non_login_shells"]) r.non_login_shells = d->str_list(n, "non_login_shells");
      if (auto n = d->root["grub_configs"]) r.grub_configs = d->str_list(n, "grub_configs");
      if (auto n = d->root["efi_dirs"]) r.efi_dirs = d->str_list(n, "efi_dirs");
    }
    rules_ = r;
  }

  std::vector<Finding> run(const Host& host) const override {
    if (auto other_os = findings_for_unsupported_os(host, specs_)) return *other_os;
    std::vector<Finding> out;
    auto guarded = [&](const FindingSpec& spec, auto&& check) {
      try {
        out.push_back(check());
      } catch (const std::exception& e) {
        out.push_back(
            make_finding(spec, Status::unknown,
                         Text{std::string("检查出错:") + e.what(), std::string("check failed: ") + e.what()}));
      }
    };
    // The gatherer by the audited machine; the judgements are the same.
    const bool windows = host.os().os == MachineOs::windows;
    guarded(specs_[0], [&] {
      return windows ? check_windows_loader_password(read_bitlocker_facts(host), specs_[0])
                     : check_loader_password(host, rules_, specs_[0]);
    });
    AccountFacts facts;
    try {
      if (!windows) {
        facts = read_account_facts(host, rules_);
      } else if (NetUserAnswers live = query_netuser(host); live.available) {
        facts = account_facts_from_netuser(live, host.now());
      } else {
        facts = read_windows_account_facts(host);
      }
    } catch (const std::exception& e) {
      facts.passwd_error = e.what();
    }
    guarded(specs_[1], [&] { return check_empty_passwords(facts, specs_[1]); });
    guarded(specs_[2], [&] {
      return check_autologin(windows ? gather_autologin_windows(host) : gather_autologin_linux(host), specs_[2]);
    });
    guarded(specs_[3], [&] { return check_password_age(facts, rules_, host, specs_[3]); });
    return out;
  }

 private:
  std::vector<FindingSpec> specs_;
  BootRules rules_;
};

}  // namespace

std::unique_ptr<Probe> make_boot_probe() { return std::make_unique<BootProbe>(); }

}  // namespace sc

// The four checks of the boot probe, one file each (boot_loader.cpp,
// boot_accounts.cpp, boot_autologin.cpp), and the rules they share.
// checks/boot.cpp holds the probe class, its finding specs and rule loading.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/host.hpp"
#include "checks/formats/shadow.hpp"

namespace sc {

struct BootRules {
  std::int64_t password_max_days = 90;
  std::int64_t uid_min_default = 1000;
  std::vector<std::string> non_login_shells{"nologin", "false", "sync", "shutdown", "halt"};
  std::vector<std::string> grub_configs{"/boot/grub/grub.cfg", "/boot/grub2/grub.cfg"};
  std::vector<std::string> efi_dirs{"/boot/efi/EFI", "/efi/EFI", "/boot/EFI"};
};

// ---- boot.loader_password ----
Finding check_loader_password(const Host& host, const BootRules& rules, const FindingSpec& spec);

// ---- accounts: boot.empty_passwords, boot.password_age ----
struct LoginAccount {
  std::string name;
  std::int64_t uid = 0;
  std::optional<PasswordState> state;       // nullopt: in shadow, which could not be read
  std::optional<std::int64_t> last_change;  // shadow field 3
};

struct AccountFacts {
  std::string passwd_error;  // /etc/passwd unreadable: nothing can be decided
  std::string shadow_error;  // /etc/shadow unreadable (e.g. not root)
  std::vector<LoginAccount> login;
  std::int64_t uid_min = 1000;
  bool uid_min_from_defs = false;
  // PASS_MAX_DAYS; nullopt when login.defs has none (useradd then sets no maximum).
  std::optional<std::int64_t> pass_max_days;
  std::string login_defs_error;  // exists but unreadable
  int malformed = 0;             // passwd + shadow lines skipped
};

// From the three files' read results (errors included), so that an
// unreadable /etc/shadow can be tested without dropping root.
AccountFacts account_facts(const FileResult& passwd, const FileResult& shadow, const FileResult& login_defs,
                           const BootRules& rules);
AccountFacts read_account_facts(const Host& host, const BootRules& rules);

Finding check_empty_passwords(const AccountFacts& facts, const FindingSpec& spec);
Finding check_password_age(const AccountFacts& facts, const BootRules& rules, const Host& host,
                           const FindingSpec& spec);

// ---- boot.autologin ----
Finding check_autologin(const Host& host, const FindingSpec& spec);

}  // namespace sc

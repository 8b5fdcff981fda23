// The boot probe's facts, judgements and gatherers. Judgement (facts →
// finding, one for both audited OSes): accounts.cpp, autologin.cpp; Linux
// gatherers: linux.cpp (accounts), linux_autologin.cpp, linux_loader.cpp
// (GRUB/systemd-boot, which judges its own analysis); boot.cpp holds the
// probe class, its finding specs and rule loading.
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
  std::int64_t uid = 0;                     // Windows: the RID
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
  // Where the facts came from, for the wording: false = passwd/shadow and
  // login.defs; true = the SAM (local accounts; policy MaxPasswordAge).
  bool windows = false;
  std::vector<std::string> disabled;  // Windows: disabled accounts (not login accounts), for evidence
};

// From the three files' read results (errors included), so that an
// unreadable /etc/shadow can be tested without dropping root.
AccountFacts account_facts(const FileResult& passwd, const FileResult& shadow, const FileResult& login_defs,
                           const BootRules& rules);
AccountFacts read_account_facts(const Host& host, const BootRules& rules);

Finding check_empty_passwords(const AccountFacts& facts, const FindingSpec& spec);
Finding check_password_age(const AccountFacts& facts, const BootRules& rules, const Host& host,
                           const FindingSpec& spec);

// Windows: the SAM hive's local accounts (checks/boot/windows.cpp).
AccountFacts read_windows_account_facts(const Host& host);

// ---- boot.loader_password on Windows ----
// BitLocker key protector types of the system volume (Win32_EncryptableVolume
// GetKeyProtectors: 1 TPM, 3 numerical password, 4 TPM+PIN, 5 TPM+key,
// 6 TPM+PIN+key, 8 passphrase, ...). `read` false: could not be asked
// (offline root, no WMI) with `why`.
struct BitLockerFacts {
  bool read = false;
  std::string why;
  bool encrypted = false;  // protection on
  std::vector<int> protectors;
};
// Live on the Windows build (WMI), otherwise "cannot be read" (checks/boot/windows.cpp).
BitLockerFacts read_bitlocker_facts(const Host& host);
Finding check_windows_loader_password(const BitLockerFacts& facts, const FindingSpec& spec);

// ---- boot.autologin ----
struct AutologinHit {
  std::string manager;           // gdm, lightdm, sddm, getty@tty1, inittab, winlogon
  std::string account;           // may be "(guest)"
  std::string where;             // file:line or registry key
  bool stored_password = false;  // a plain-text password is stored beside it (never its value)
};
struct AutologinFacts {
  std::vector<AutologinHit> hits;
  std::vector<std::string> checked;   // files or keys read
  std::vector<std::string> problems;  // unreadable ones
  int malformed = 0;
};
AutologinFacts gather_autologin_linux(const Host& host);
AutologinFacts gather_autologin_windows(const Host& host);
Finding check_autologin(const AutologinFacts& facts, const FindingSpec& spec);

}  // namespace sc

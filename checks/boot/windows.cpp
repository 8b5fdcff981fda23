// The boot probe's evidence gatherers for a Windows machine (live or an
// offline root), filling the same facts the Linux gatherers fill:
// - accounts: the SAM hive's local users (`SAM\Domains\Account\Users\<RID>`
//   F and V values) and the domain policy (`Domains\Account\F`); a stored NT
//   hash is tested against the empty password by nt_hash_is_empty with the
//   boot key from SYSTEM `Control\Lsa` class names; nothing of it is kept.
// - autologin: Winlogon `AutoAdminLogon`, `DefaultUserName`, and whether a
//   `DefaultPassword` is stored (its value is never read into a string).
// - BitLocker: live only (WMI), see read_bitlocker_facts.
#include <fmt/format.h>

#include <algorithm>

#include "agent/core/registry.hpp"
#include "checks/boot/boot_checks.hpp"
#include "checks/formats/sam.hpp"

namespace sc {

namespace {

constexpr std::string_view kAccount = "HKLM\\SAM\\SAM\\Domains\\Account";
constexpr std::string_view kLsa = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa";
constexpr std::string_view kWinlogon = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";

// The boot key from the class names of Lsa\{JD,Skew1,GBG,Data}; nullopt with
// `why` when they cannot be read.
std::optional<std::array<unsigned char, 16>> boot_key(const Registry& reg, std::string* why) {
  std::string parts[4];
  const char* names[4] = {"JD", "Skew1", "GBG", "Data"};
  for (int i = 0; i < 4; ++i) {
    RegKeyResult k = reg.key(fmt::format("{}\\{}", kLsa, names[i]));
    if (!k.found()) {
      *why = !k.error.empty() ? k.error : fmt::format("{}\\{} not found", kLsa, names[i]);
      return std::nullopt;
    }
    parts[i] = k.key.class_name;
  }
  auto key = boot_key_from_lsa_classes(parts[0], parts[1], parts[2], parts[3]);
  if (!key) *why = fmt::format("the class names of {}\\{{JD,Skew1,GBG,Data}} do not hold a boot key", kLsa);
  return key;
}

}  // namespace

AccountFacts read_windows_account_facts(const Host& host) {
  AccountFacts f;
  f.windows = true;
  const Registry& reg = host.registry();
  RegKeyResult dom = reg.key(kAccount);
  if (!dom.found()) {
    f.passwd_error = !dom.error.empty() ? dom.error : fmt::format("{} not found in the SAM hive", kAccount);
    return f;
  }
  std::string_view domain_f;
  if (const RegValue* v = dom.key.value("F")) domain_f = v->data;
  std::string why;
  if (auto d = parse_sam_domain_f(domain_f, &why)) {
    f.pass_max_days = d->max_password_age_days;
  } else {
    f.login_defs_error = fmt::format("{}\\F: {}", kAccount, why);
  }

  RegKeyResult users = reg.key(std::string(kAccount) + "\\Users");
  if (!users.found()) {
    f.passwd_error = !users.error.empty() ? users.error : fmt::format("{}\\Users not found", kAccount);
    return f;
  }
  std::optional<std::array<unsigned char, 16>> key;
  std::string key_why;
  bool key_tried = false;
  std::vector<std::string> undecided_why;
  for (const std::string& sub : users.key.subkeys) {
    if (sub.size() != 8 || sub == "Names") continue;
    RegKeyResult u = reg.key(fmt::format("{}\\Users\\{}", kAccount, sub));
    if (!u.found()) {
      ++f.malformed;
      continue;
    }
    const RegValue* fv = u.key.value("F");
    const RegValue* vv = u.key.value("V");
    auto uf = fv ? parse_sam_user_f(fv->data) : std::nullopt;
    auto uv = vv ? parse_sam_user_v(vv->data) : std::nullopt;
    if (!uf || !uv) {
      ++f.malformed;
      continue;
    }
    if (uf->disabled()) {
      f.disabled.push_back(uv->name);
      continue;
    }
    LoginAccount a;
    a.name = uv->name;
    a.uid = uf->rid;
    if (uf->password_last_set)
      a.last_change =
          std::chrono::duration_cast<std::chrono::hours>(uf->password_last_set->time_since_epoch()).count() / 24;
    if (uv->nt == NtEntry::none) {
      a.state = PasswordState::empty;
    } else {
      if (!key_tried) {
        key_tried = true;
        key = boot_key(reg, &key_why);
      }
      if (!key) {
        undecided_why.push_back(fmt::format("{}: the boot key cannot be read ({})", a.name, key_why));
      } else {
        std::string w;
        EmptyCheck c = nt_hash_is_empty(*key, domain_f, uf->rid, vv->data, &w);
        if (c == EmptyCheck::empty || c == EmptyCheck::no_hash)
          a.state = PasswordState::empty;
        else if (c == EmptyCheck::not_empty)
          a.state = PasswordState::set;
        else
          undecided_why.push_back(fmt::format("{}: {}", a.name, w));
      }
    }
    f.login.push_back(std::move(a));
  }
  if (key) key->fill(0);
  for (const auto& w : undecided_why) f.shadow_error += (f.shadow_error.empty() ? "" : "; ") + w;
  return f;
}

AutologinFacts gather_autologin_windows(const Host& host) {
  AutologinFacts f;
  RegKeyResult k = host.registry().key(kWinlogon);
  if (!k.error.empty()) {
    f.problems.push_back(k.error);
    return f;
  }
  f.checked.push_back(std::string(kWinlogon));
  if (k.absent) return f;
  auto str = [&](std::string_view name) -> std::string {
    const RegValue* v = k.key.value(name);
    if (!v) return {};
    if (auto s = v->string()) return *s;
    if (auto d = v->dword()) return std::to_string(*d);
    return {};
  };
  std::string on = str("AutoAdminLogon");
  if (on != "1") return f;
  AutologinHit h;
  h.manager = "winlogon";
  std::string domain = str("DefaultDomainName");
  h.account = str("DefaultUserName");
  if (h.account.empty()) h.account = "(unnamed)";
  h.where = fmt::format("{}\\AutoAdminLogon", kWinlogon);
  // Whether a password is stored: the value exists and is not empty. Only its
  // size is looked at; the text never leaves the registry value.
  if (const RegValue* pw = k.key.value("DefaultPassword"); pw && pw->data.size() > 2) h.stored_password = true;
  f.hits.push_back(std::move(h));
  return f;
}

}  // namespace sc

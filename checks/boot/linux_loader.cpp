// boot.loader_password: is the boot loader's menu protected? GRUB 2 through
// its generated configs (Debian /boot/grub, RHEL /boot/grub2, EFI vendor
// stubs) and what they include; the generator sources in /etc/grub.d (and
// RHEL's user.cfg) to say when update-grub never copied a password in;
// systemd-boot, which has no password at all. Firmware passwords cannot be
// read from the OS: every detail says so.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "checks/boot/boot_checks.hpp"
#include "checks/formats/grub_cfg.hpp"

namespace sc {

namespace {

const Text kFirmware{"BIOS/UEFI 固件密码无法从操作系统读取,需人工核查",
                     "a BIOS/UEFI firmware password cannot be read from the OS: check it by hand"};

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : std::string(sep)) + x;
  return s;
}

Text with_firmware(const Text& t) { return Text{t.zh + "。" + kFirmware.zh, t.en + "; " + kFirmware.en}; }

// A GRUB path on the audited machine: as is, or under /boot when /boot is the
// partition GRUB reads ("($root)/grub/grub.cfg").
std::string resolve(const Host& host, const std::string& p) {
  if (host.exists(p)) return p;
  if (host.exists("/boot" + p)) return "/boot" + p;
  return {};
}

GrubFs grub_fs(const Host& host) {
  GrubFs fs;
  fs.read = [&host](const std::string& p) {
    GrubFileRead r;
    std::string real = resolve(host, p);
    if (real.empty() || host.is_dir(real)) return r;
    r.exists = true;
    r.path = real;
    FileResult f = host.read_file(real, 4u << 20);
    if (!f.ok())
      r.error = f.error;
    else
      r.data = std::move(f.data);
    return r;
  };
  fs.list = [&host](const std::string& d) {
    std::string real = resolve(host, d);
    return real.empty() ? std::vector<std::string>{} : host.list_dir(real);
  };
  return fs;
}

// update-grub runs the executable files of /etc/grub.d, skipping editor and
// package-manager leftovers (grub_file_is_not_garbage).
bool generator_runs(const Host& host, const std::string& name) {
  if (name.empty() || name.back() == '~' || name.rfind("README", 0) == 0) return false;
  for (const char* junk : {".dpkg-", ".rpmsave", ".rpmnew"})
    if (name.find(junk) != std::string::npos) return false;
  std::error_code ec;
  auto st = std::filesystem::status(host.path("/etc/grub.d/" + name), ec);
  if (ec || !std::filesystem::is_regular_file(st)) return false;
  using std::filesystem::perms;
  return (st.permissions() & (perms::owner_exec | perms::group_exec | perms::others_exec)) != perms::none;
}

struct Sources {
  bool protected_ = false;
  std::vector<std::string> files;  // where the password is set
};

Sources scan_sources(const Host& host) {
  Sources out;
  bool su = false, pw = false, uses_env = false, env_set = false;
  std::vector<std::string> su_files, env_files;
  for (const auto& n : host.list_dir("/etc/grub.d")) {
    if (!generator_runs(host, n)) continue;
    std::string p = "/etc/grub.d/" + n;
    FileResult f = host.read_file(p, 1u << 20);
    if (!f.ok()) continue;
    GrubSourceScan s = scan_grub_source(f.data);
    su = su || s.superusers;
    pw = pw || s.pbkdf2;
    uses_env = uses_env || s.uses_grub2_password;
    if (s.superusers || s.pbkdf2) su_files.push_back(p);
  }
  for (const char* p : {"/boot/grub2/user.cfg", "/boot/grub/user.cfg"}) {
    FileResult f = host.read_file(p, 1u << 20);
    if (f.ok() && scan_grub_source(f.data).grub2_password_set) {
      env_set = true;
      env_files.push_back(p);
    }
  }
  if (su && pw) {
    out.protected_ = true;
    out.files = su_files;
  }
  if (uses_env && env_set) {
    out.protected_ = true;
    for (auto& f : env_files) out.files.push_back(f);
  }
  return out;
}

struct Verdict {
  Status status = Status::unknown;
  Text text;
};

Verdict judge(const std::string& entry, const GrubAnalysis& a) {
  std::string cfg = a.files.empty() ? entry : a.files.front();
  if (a.protected_pbkdf2() || a.protected_plain_only()) {
    std::string users = join(a.superusers, ", ");
    Verdict v;
    if (a.protected_pbkdf2()) {
      v.status = Status::pass;
      v.text = Text{fmt::format("GRUB 已设置引导密码(超级用户 {},password_pbkdf2)", users),
                    fmt::format("GRUB has a boot loader password (superusers {}, password_pbkdf2)", users)};
    } else {
      v.status = Status::warn;
      v.text = Text{fmt::format("GRUB 引导密码为明文(password,超级用户 {}),任何能读取 {} 的人都能看到", users, cfg),
                    fmt::format("the GRUB password is plain text (password, superusers {}): anyone who can read {} "
                                "sees it",
                                users, cfg)};
    }
    if (a.protected_pbkdf2() && !a.plain_users().empty()) {
      v.status = Status::warn;
      v.text.zh += fmt::format(";另有明文密码(账户 {})", join(a.plain_users(), ", "));
      v.text.en += fmt::format("; plain-text password lines remain (users {})", join(a.plain_users(), ", "));
    }
    if (a.conditional) {
      v.status = worse(v.status, Status::warn);
      v.text.zh += ";该密码仅在无法静态确定的条件下生效";
      v.text.en += "; the password is set only under a condition that cannot be decided offline";
    }
    if (a.unrestricted_entries > 0) {
      v.text.zh += fmt::format(";密码仅保护菜单编辑和命令行,{} 个菜单项中有 {} 个无需密码即可启动(--unrestricted)",
                               a.menu_entries, a.unrestricted_entries);
      v.text.en += fmt::format(
          "; the password guards editing and the GRUB shell only: {} of {} menu entries boot "
          "without it (--unrestricted)",
          a.unrestricted_entries, a.menu_entries);
    } else if (a.menu_entries > 0) {
      v.text.zh += ";启动每个菜单项均需密码";
      v.text.en += "; every menu entry needs the password to boot";
    }
    return v;
  }
  if (!a.problems.empty())
    return {Status::unknown, Text{fmt::format("无法确定 GRUB 是否设置引导密码:{}", join(a.problems, ";")),
                                  fmt::format("cannot tell whether GRUB has a password: {}", join(a.problems, "; "))}};
  if (!a.superusers.empty())
    return {Status::fail,
            Text{fmt::format("GRUB 设置了超级用户 {},但未为其设置 password_pbkdf2 密码", join(a.superusers, ", ")),
                 fmt::format("GRUB sets superusers {} but no password_pbkdf2 for them", join(a.superusers, ", "))}};
  return {Status::fail, Text{fmt::format("GRUB 未设置引导密码({} 中无 set superusers 和 password_pbkdf2)", cfg),
                             fmt::format("GRUB has no boot loader password (no set superusers and password_pbkdf2 "
                                         "in {})",
                                         cfg)}};
}

Finding systemd_boot(const Host& host, const BootRules& rules, const FindingSpec& spec) {
  std::vector<std::string> confs{"/boot/efi/loader/loader.conf", "/efi/loader/loader.conf", "/boot/loader/loader.conf"};
  std::string found;
  for (const auto& c : confs)
    if (host.exists(c)) {
      found = c;
      break;
    }
  bool binary = false;
  for (const auto& d : rules.efi_dirs)
    for (const auto& n : host.list_dir(d + "/systemd"))
      if (n.rfind("systemd-boot", 0) == 0) binary = true;
  if (found.empty() && !binary)
    return make_finding(
        spec, Status::unknown,
        with_firmware(Text{"未找到 GRUB 或 systemd-boot 的配置(可能使用其他引导程序,或 /boot 未挂载)",
                           "no GRUB or systemd-boot configuration found (another boot loader, or /boot not mounted)"}),
        Evidence{{"loader", std::string("none found")}, {"firmware_password", std::string("not checked")}});
  bool editor = true;  // systemd-boot's default
  if (!found.empty()) {
    FileResult f = host.read_file(found, 1u << 20);
    if (!f.ok())
      return make_finding(spec, Status::unknown, with_firmware(Text{"无法读取 " + f.error, f.error}),
                          Evidence{{"loader", std::string("systemd-boot")}});
    std::size_t pos = 0;
    while (pos < f.data.size()) {
      std::size_t nl = f.data.find('\n', pos);
      std::string line = f.data.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? f.data.size() : nl + 1;
      std::size_t i = line.find_first_not_of(" \t");
      if (i == std::string::npos || line[i] == '#') continue;
      std::size_t k = line.find_first_of(" \t", i);
      if (k == std::string::npos || line.substr(i, k - i) != "editor") continue;
      std::string v = line.substr(
          line.find_first_not_of(" \t", k) == std::string::npos ? line.size() : line.find_first_not_of(" \t", k));
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.pop_back();
      editor = !(v == "no" || v == "false" || v == "0" || v == "off" || v == "n");
    }
  }
  Evidence ev{
      {"loader", std::string("systemd-boot")}, {"editor", editor}, {"firmware_password", std::string("not checked")}};
  if (!found.empty()) ev["configs"] = std::vector<std::string>{found};
  if (editor)
    return make_finding(spec, Status::fail,
                        with_firmware(Text{"systemd-boot 不支持引导密码,且允许编辑内核命令行(editor 未关闭)",
                                           "systemd-boot has no password, and the kernel command line can be "
                                           "edited (editor is not off)"}),
                        std::move(ev));
  return make_finding(spec, Status::warn,
                      with_firmware(Text{"systemd-boot 不支持引导密码(已关闭 editor,无法编辑内核命令行)",
                                         "systemd-boot has no password (editor is off: the kernel command line "
                                         "cannot be edited)"}),
                      std::move(ev));
}

}  // namespace

Finding check_loader_password(const Host& host, const BootRules& rules, const FindingSpec& spec) {
  std::vector<std::string> entries;
  for (const auto& c : rules.grub_configs)
    if (host.exists(c)) entries.push_back(c);
  for (const auto& d : rules.efi_dirs)
    for (const auto& vendor : host.list_dir(d))
      if (host.exists(d + "/" + vendor + "/grub.cfg")) entries.push_back(d + "/" + vendor + "/grub.cfg");
  if (entries.empty()) return systemd_boot(host, rules, spec);

  GrubFs fs = grub_fs(host);
  std::vector<std::pair<std::string, GrubAnalysis>> runs;
  for (const auto& e : entries) runs.emplace_back(e, analyze_grub(e, fs));
  // A config reached from another one (the EFI stub's configfile) is judged through it.
  std::vector<std::pair<std::string, GrubAnalysis>> tops;
  for (auto& [e, a] : runs) {
    bool included = false;
    for (const auto& [e2, a2] : runs)
      if (e2 != e && std::find(a2.files.begin() + (a2.files.empty() ? 0 : 1), a2.files.end(), e) != a2.files.end())
        included = true;
    if (!included) tops.emplace_back(e, std::move(a));
  }

  Status status = Status::not_applicable;
  std::vector<std::string> zh, en, configs, superusers, pbkdf2_users, plain;
  std::int64_t menu = 0, unrestricted = 0;
  for (const auto& [e, a] : tops) {
    Verdict v = judge(e, a);
    status = worse(status, v.status);
    std::string label = tops.size() > 1 ? e + ": " : "";
    zh.push_back(label + v.text.zh);
    en.push_back(label + v.text.en);
    for (const auto& f : a.files)
      if (std::find(configs.begin(), configs.end(), f) == configs.end()) configs.push_back(f);
    if (a.files.empty()) configs.push_back(e);
    for (const auto& u : a.superusers)
      if (std::find(superusers.begin(), superusers.end(), u) == superusers.end()) superusers.push_back(u);
    for (const auto& [u, k] : a.passwords) {
      auto& list = k == GrubPassword::pbkdf2 ? pbkdf2_users : plain;
      if (k != GrubPassword::invalid && std::find(list.begin(), list.end(), u) == list.end()) list.push_back(u);
    }
    menu += a.menu_entries;
    unrestricted += a.unrestricted_entries;
  }
  Evidence ev{{"loader", std::string("grub")},
              {"configs", configs},
              {"menu_entries", menu},
              {"unrestricted_entries", unrestricted},
              {"firmware_password", std::string("not checked")}};
  if (!superusers.empty()) ev["superusers"] = superusers;
  if (!pbkdf2_users.empty()) ev["password_users"] = pbkdf2_users;
  if (!plain.empty()) ev["plain_password_users"] = plain;

  Sources src = scan_sources(host);
  if (src.protected_ && status == Status::fail) {
    ev["sources_with_password"] = src.files;
    zh.push_back(fmt::format("{} 中设置了密码,但生成的配置中没有:修改后未运行 update-grub(或 grub2-mkconfig)",
                             join(src.files, "、")));
    en.push_back(
        fmt::format("{} set a password but the generated config lacks it: update-grub (or "
                    "grub2-mkconfig) was not run after the change",
                    join(src.files, ", ")));
  }
  return make_finding(spec, status, with_firmware(Text{join(zh, ";"), join(en, "; ")}), std::move(ev));
}

}  // namespace sc

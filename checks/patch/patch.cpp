// The patch probe (report item 5, 操作系统补丁安装): pending security updates,
// the last successful update, and whether an update waits for a reboot —
// from the dpkg status file and apt's lists and logs (or the rpm database),
// all under the root, so a mounted disk is audited like the running machine.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "agent/core/errors.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/platform.hpp"
#include "checks/formats/deb_version.hpp"
#include "checks/formats/rpm_db.hpp"
#include "checks/linux/dpkg_database.hpp"
#include "checks/linux/log_reader.hpp"
#include "checks/not_supported.hpp"
#include "checks/patch/apt_history.hpp"
#include "checks/patch/apt_lists.hpp"
#include "checks/patch/patch_probe.hpp"
#include "checks/probes.hpp"

namespace sc {
namespace patch {

std::vector<FindingSpec> make_specs() {
  std::vector<FindingSpec> s;
  s.push_back(
      {"patch.last_update", Severity::medium, Text{"最近一次系统更新", "Last system update"},
       Text{"长期未更新的系统缺少已公布漏洞的补丁;检查要求及时安装操作系统补丁。",
            "A system not updated for weeks lacks fixes for published vulnerabilities; inspectors "
            "require operating-system patches to be installed promptly."},
       Text{"执行系统更新(apt update && apt upgrade,或 dnf upgrade);离线计算机使用本单位离线更新介质更新。",
            "Update the system (apt update && apt upgrade, or dnf upgrade); air-gapped machines use the "
            "unit's offline update media."},
       Text{"通过 Windows 更新(设置 → 更新和安全)或单位的 WSUS 安装最新的累积更新;离线计算机使用本单位离线更新介质;"
            "已停止支持的 Windows 版本(如 Windows 7)应升级。",
            "Install the latest cumulative update through Windows Update (Settings → Update & Security) or "
            "the unit's WSUS; air-gapped machines use the unit's offline update media; upgrade Windows "
            "versions out of support (such as Windows 7)."}});
  s.push_back({"patch.pending_security", Severity::high, Text{"待安装的安全更新", "Pending security updates"},
               Text{"软件源已发布的安全更新未安装,相应漏洞仍可被利用。",
                    "Security updates published by the distribution are not installed: their vulnerabilities "
                    "remain exploitable."},
               Text{"安装列出的安全更新(apt upgrade 或 "
                    "unattended-upgrade);离线计算机使用最新离线更新介质,并定期更新软件包列表。",
                    "Install the listed security updates (apt upgrade or unattended-upgrade); air-gapped machines "
                    "use the latest offline update media and refresh the package lists."},
               Text{"安装所列的安全更新(Windows 更新,或单位的 WSUS、离线补丁介质);已停止支持的 Windows "
                    "版本应升级到受支持的版本。",
                    "Install the listed security updates (Windows Update, or the unit's WSUS or offline update "
                    "media); move a Windows version out of support to a supported one."}});
  s.push_back({"patch.reboot_required", Severity::low, Text{"更新后待重启", "Reboot pending after updates"},
               Text{"已安装的内核或系统库更新要在重启后才生效。",
                    "Installed kernel or library updates take effect only after a reboot."},
               Text{"在方便时重启计算机,使已安装的更新生效。",
                    "Reboot the computer at a convenient time so that installed updates take effect."}});
  return s;
}

bool glob(const std::string& p, const std::string& s) { return glob_match(p, s); }

std::string base_name(std::string_view path) {
  auto s = path.rfind('/');
  return std::string(s == std::string_view::npos ? path : path.substr(s + 1));
}

std::string local_file_name(const std::string& path) { return path_text(path_from_utf8(path).filename()); }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void PatchProbe::configure(const Rules& rules, const Config&) {
  PatchRules r;
  for (const YamlDoc* d : rules.docs("patch")) {
    const YAML::Node& root = d->root;
    if (!root || root.IsNull()) continue;
    d->expect_map(root, "the patch rules");
    d->only_keys(root, {"last_update_max_days", "lists_max_age_days", "security", "kernel_packages",
                        "max_listed_packages", "windows_release_max_days"});
    if (root["windows_release_max_days"])
      r.windows_release_max_days = d->integer(root["windows_release_max_days"], "windows_release_max_days", 1, 3650);
    if (root["last_update_max_days"])
      r.last_update_max_days = d->integer(root["last_update_max_days"], "last_update_max_days", 1, 3650);
    if (root["lists_max_age_days"])
      r.lists_max_age_days = d->integer(root["lists_max_age_days"], "lists_max_age_days", 1, 3650);
    if (root["max_listed_packages"])
      r.max_listed = d->integer(root["max_listed_packages"], "max_listed_packages", 1, 100000);
    if (root["kernel_packages"]) r.kernel_packages = d->str_list(root["kernel_packages"], "kernel_packages");
    if (const YAML::Node& sec = root["security"]) {
      d->expect_map(sec, "security");
      d->only_keys(sec, {"suites", "labels", "file_names"});
      if (sec["suites"]) r.security.suites = d->str_list(sec["suites"], "security.suites");
      if (sec["labels"]) r.security.labels = d->str_list(sec["labels"], "security.labels");
      if (sec["file_names"]) r.security.file_names = d->str_list(sec["file_names"], "security.file_names");
    }
  }
  // The unit's baseline for air-gapped machines: package → minimum version.
  for (const YamlDoc* d : rules.docs("patch-baseline")) {
    const YAML::Node& root = d->root;
    if (!root || root.IsNull()) continue;
    d->expect_map(root, "the patch baseline");
    d->only_keys(root, {"date", "note", "packages"});
    if (root["date"]) r.baseline_date = d->str(root["date"], "date");
    if (root["note"]) (void)d->str(root["note"], "note");
    if (const YAML::Node& pk = root["packages"]) {
      d->expect_map(pk, "packages (package: minimum version)");
      for (auto it = pk.begin(); it != pk.end(); ++it) {
        std::string name = d->str(it->first, "a package name");
        std::string version = d->str(it->second, "a minimum version");
        std::string why;
        if (!parse_deb_version(version, &why)) d->fail(it->second, fmt::format("bad version '{}': {}", version, why));
        r.baseline[name] = version;
      }
    }
    r.baseline_file = d->file;
  }
  // The Windows build data: the last file wins whole (an override replaces it).
  for (const YamlDoc* d : rules.docs("windows_builds")) {
    if (!d->root || d->root.IsNull()) continue;
    r.windows = load_windows_builds(*d);
  }
  rules_ = std::move(r);
}

std::vector<std::string> PatchProbe::rule_warnings(Time now) const {
  std::vector<std::string> out;
  if (rules_.windows.empty()) return out;
  auto as_of = parse_time(rules_.windows.data_as_of, Zone());
  if (as_of && days_between(*as_of, now) > 60)
    out.push_back(fmt::format("{}: data_as_of {} is {} days old (more than 60): update the Windows build data",
                              rules_.windows.file, rules_.windows.data_as_of, days_between(*as_of, now)));
  return out;
}

std::vector<Finding> PatchProbe::run(const Host& host) const {
  if (auto other_os = findings_for_unsupported_os(host, specs_)) return *other_os;
  try {
    if (host.os().os == MachineOs::windows) return run_windows(host);
    if (host.exists(kStatusFile) || host.is_dir("/var/lib/dpkg")) return run_debian(host);
    for (const char* db : {"/var/lib/rpm", "/usr/lib/sysimage/rpm"})
      if (host.is_dir(db)) return run_rpm(host, db);
    Text why{"未找到软件包数据库(/var/lib/dpkg/status 或 /var/lib/rpm)",
             "no package database found (/var/lib/dpkg/status or /var/lib/rpm)"};
    return {unknown(0, why), unknown(1, why), unknown(2, why)};
  } catch (const std::exception& e) {
    Text why{fmt::format("补丁检查出错:{}", e.what()), fmt::format("patch check failed: {}", e.what())};
    return {unknown(0, why), unknown(1, why), unknown(2, why)};
  }
}

Finding PatchProbe::last_update_finding(const Host& host, std::optional<Time> when, Evidence ev,
                                        const Text& none_why) const {
  ev["limit_days"] = rules_.last_update_max_days;
  if (!when) {
    if (!none_why.empty()) return make_finding(spec(0), Status::unknown, none_why, std::move(ev));
    return make_finding(spec(0), Status::fail,
                        Text{"更新记录中没有成功的安装或升级", "no successful install or upgrade in the update logs"},
                        std::move(ev));
  }
  long days = days_between(*when, host.now());
  ev["last_update"] = host.zone().iso(*when);
  ev["days"] = static_cast<std::int64_t>(days);
  std::string date = host.zone().date(*when);
  if (days > rules_.last_update_max_days)
    return make_finding(
        spec(0), Status::fail,
        Text{fmt::format("最近一次更新 {}({} 天前),超过 {} 天", date, days, rules_.last_update_max_days),
             fmt::format("last update {} ({} days ago), more than {} days", date, days, rules_.last_update_max_days)},
        std::move(ev));
  return make_finding(spec(0), Status::pass,
                      Text{fmt::format("最近一次更新 {}({} 天前)", date, days),
                           fmt::format("last update {} ({} days ago)", date, days)},
                      std::move(ev));
}

Finding PatchProbe::pending_finding(const std::vector<PendingUpdate>& pending, Evidence ev,
                                    std::vector<std::string> problems, bool stale,
                                    const std::string& stale_note) const {
  if (!problems.empty()) ev["problems"] = problems;
  ev["count"] = static_cast<std::int64_t>(pending.size());
  std::string lists_zh, lists_en;
  if (stale) {
    lists_zh = fmt::format(";软件包列表为 {} 的,已超过 {} 天未更新", stale_note, rules_.lists_max_age_days);
    lists_en =
        fmt::format("; the package lists date from {}, more than {} days old", stale_note, rules_.lists_max_age_days);
  }
  if (!pending.empty()) {
    std::vector<std::string> names;
    std::vector<std::string> shown;
    for (const auto& p : pending) {
      if (static_cast<std::int64_t>(names.size()) < rules_.max_listed)
        names.push_back(fmt::format("{} {} → {}", p.name, p.installed, p.candidate));
      if (shown.size() < 5) shown.push_back(p.name);
    }
    if (static_cast<std::int64_t>(pending.size()) > rules_.max_listed)
      names.push_back(fmt::format("… {} more", pending.size() - static_cast<std::size_t>(rules_.max_listed)));
    std::string more = pending.size() > shown.size() ? " …" : "";
    ev["packages"] = names;
    return make_finding(
        spec(1), Status::fail,
        Text{fmt::format("待安装安全更新 {} 个:{}{}{}", pending.size(), join(shown, "、"), more, lists_zh),
             fmt::format("{} pending security updates: {}{}{}", pending.size(), join(shown, ", "), more, lists_en)},
        std::move(ev));
  }
  if (!problems.empty())
    return make_finding(
        spec(1), Status::unknown,
        Text{"未发现待安装安全更新,但部分数据无法读取:" + join(problems, "; "),
             "no pending security update found, but some data could not be read: " + join(problems, "; ")},
        std::move(ev));
  if (stale)
    return make_finding(
        spec(1), Status::warn,
        Text{"按现有软件包列表无待安装安全更新" + lists_zh + ",可能遗漏新发布的安全更新",
             "no pending security update by the current lists" + lists_en + ": newer security updates may be missing"},
        std::move(ev));
  return make_finding(spec(1), Status::pass, Text{"待安装安全更新 0 个", "0 pending security updates"}, std::move(ev));
}

}  // namespace patch

std::unique_ptr<Probe> make_patch_probe() { return std::make_unique<patch::PatchProbe>(); }

}  // namespace sc

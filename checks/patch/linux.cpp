// The patch probe's evidence gatherer for Linux machines: the dpkg status
// file with apt's lists and logs (Debian family) or the rpm database and
// dnf's log (RHEL family), all under the root.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"
#include "checks/formats/deb_version.hpp"
#include "checks/formats/rpm_db.hpp"
#include "checks/linux/dpkg_database.hpp"
#include "checks/linux/log_reader.hpp"
#include "checks/patch/apt_history.hpp"
#include "checks/patch/apt_lists.hpp"
#include "checks/patch/patch_probe.hpp"
#include "checks/probes.hpp"

namespace sc::patch {

// --- Debian family ---------------------------------------------------------------

std::vector<Finding> PatchProbe::run_debian(const Host& host) const {
  std::vector<Finding> out;
  // Installed packages: the dpkg database fact, parsed once for every probe.
  const DpkgDatabase& db = dpkg_database(host);
  const std::vector<DpkgPackage>& packages = db.packages;
  std::vector<std::string> status_problems;
  if (db.stats.truncated)
    status_problems.push_back(fmt::format("{} is truncated: {} packages read", kStatusFile, packages.size()));
  std::vector<Installed> kernels;
  std::size_t installed_count = 0;
  for (const auto& p : packages) {
    if (!p.installed()) continue;
    ++installed_count;
    for (const auto& k : rules_.kernel_packages)
      if (glob(k, p.name)) kernels.push_back({p.name, p.version, p.architecture});
  }

  // patch.last_update
  LastUpdate last = find_last_update(host);
  {
    Evidence ev;
    if (!last.files_read.empty()) ev["logs"] = last.files_read;
    if (!last.problems.empty()) ev["problems"] = last.problems;
    if (last.when) {
      ev["action"] = last.action;
      ev["log"] = last.file;
      if (last.packages) ev["packages"] = static_cast<std::int64_t>(last.packages);
    }
    Text none = last.files_read.empty()
                    ? Text{"未找到更新记录(/var/log/apt/history.log*、/var/log/dpkg.log*)" +
                               (last.problems.empty() ? std::string() : ":" + join(last.problems, "; ")),
                           "no update logs found (/var/log/apt/history.log*, /var/log/dpkg.log*)" +
                               (last.problems.empty() ? std::string() : ": " + join(last.problems, "; "))}
                    : Text{};
    out.push_back(last_update_finding(host, last.when, std::move(ev), none));
  }

  // patch.pending_security
  if (!db.present) {
    out.push_back(unknown(1, Text{fmt::format("无法读取软件包状态:{}", db.reason), db.reason}));
  } else {
    AptListScan scan = scan_apt_lists(host, rules_.security);
    std::unordered_set<std::string_view> names;
    for (const auto& p : packages)
      if (p.installed()) names.insert(p.name);
    SecurityCandidates cands =
        read_security_candidates(host, scan, [&](std::string_view n) { return names.count(n) > 0; });
    bool have_lists = !cands.files_read.empty();
    bool have_baseline = !rules_.baseline.empty();
    for (const auto& [name, version] : rules_.baseline)
      add_candidate(cands.candidates, name, Candidate{"", version, "baseline"});
    Evidence ev;
    ev["installed_packages"] = static_cast<std::int64_t>(installed_count);
    std::vector<std::string> lists;
    for (const auto& f : cands.files_read) lists.push_back(base_name(f));
    if (!lists.empty()) ev["lists"] = lists;
    bool stale = false;
    std::string stale_note;
    if (cands.oldest) {
      long age = days_between(*cands.oldest, host.now());
      ev["lists_date"] = host.zone().iso(*cands.oldest);
      ev["lists_age_days"] = static_cast<std::int64_t>(age);
      stale = age > rules_.lists_max_age_days;
      stale_note = host.zone().date(*cands.oldest);
    }
    if (have_baseline) {
      ev["baseline"] = base_name(rules_.baseline_file);
      if (!rules_.baseline_date.empty()) ev["baseline_date"] = rules_.baseline_date;
      ev["baseline_packages"] = static_cast<std::int64_t>(rules_.baseline.size());
    }
    std::vector<std::string> problems = status_problems;
    problems.insert(problems.end(), cands.problems.begin(), cands.problems.end());
    if (!have_lists && !have_baseline) {
      std::string en =
          !scan.dir_exists        ? "no apt lists (/var/lib/apt/lists) and no baseline (rules.d/patch-baseline.yaml)"
          : scan.security.empty() ? fmt::format(
                                        "{} package lists but none from a security suite, and no baseline "
                                        "(rules.d/patch-baseline.yaml)",
                                        scan.packages_files)
                                  : "security lists could not be read, and no baseline (rules.d/patch-baseline.yaml)";
      std::string zh =
          !scan.dir_exists ? "无软件包列表(/var/lib/apt/lists),也未配置补丁基线(rules.d/patch-baseline.yaml)"
          : scan.security.empty()
              ? fmt::format("有 {} 个软件包列表,但无安全更新源的列表,也未配置补丁基线(rules.d/patch-baseline.yaml)",
                            scan.packages_files)
              : "安全更新列表无法读取,也未配置补丁基线(rules.d/patch-baseline.yaml)";
      if (!problems.empty()) {
        en += ": " + join(problems, "; ");
        zh += ":" + join(problems, "; ");
        ev["problems"] = problems;
      }
      out.push_back(make_finding(spec(1), Status::unknown, Text{zh, en}, std::move(ev)));
    } else {
      std::vector<DpkgPackage> inst;
      for (auto& p : packages)
        if (p.installed()) inst.push_back(p);
      auto pending = find_pending(inst, cands.candidates);
      // Name "pkg:arch" only when the same name is installed for several architectures.
      std::map<std::string, int> arches;
      for (const auto& p : inst) ++arches[p.name];
      for (auto& p : pending)
        if (arches[p.name] > 1) p.name += ":" + p.arch;
      out.push_back(pending_finding(pending, std::move(ev), std::move(problems), stale && !have_baseline, stale_note));
    }
  }

  out.push_back(reboot_finding(host, kernels, false));
  return out;
}

// --- reboot and kernels ---------------------------------------------------------------

Finding PatchProbe::reboot_finding(const Host& host, const std::vector<Installed>& kernels, bool rpm) const {
  Evidence ev;
  auto cmp = [rpm](const std::string& a, const std::string& b) {
    return rpm ? compare_rpm_evr(a, b) : compare_deb_versions(a, b);
  };
  const Installed* newest = nullptr;
  for (const auto& k : kernels)
    if (!newest || cmp(newest->version, k.version) < 0) newest = &k;
  if (newest) ev["newest_kernel"] = fmt::format("{} {}", newest->name, newest->version);

  if (!host.live())
    return make_finding(spec(2), Status::unknown,
                        Text{"离线检查:是否待重启需在本机运行时检查(或使用 --live)",
                             "offline audit: a pending reboot is a fact of the running machine (use --live)"},
                        std::move(ev));

  // Running kernel: /proc under the root (the running machine's own /proc on "/").
  std::string running;
  if (FileResult f = host.read_file("/proc/sys/kernel/osrelease", 4096); f.ok()) {
    running = f.data.substr(0, f.data.find('\n'));
  } else if (host.is_system_root()) {
    running = running_kernel_release();  // uname(2)
  }
  if (!running.empty()) ev["running_kernel"] = running;

  // Debian/Ubuntu: update-notifier-common / needrestart write /run/reboot-required.
  FileResult flag = host.read_file("/run/reboot-required", 4096);
  if (flag.ok()) {
    ev["reboot_required"] = true;
    std::vector<std::string> pkgs;
    if (FileResult p = host.read_file("/run/reboot-required.pkgs", 1u << 20); p.ok()) {
      std::set<std::string> seen;
      std::size_t pos = 0;
      while (pos < p.data.size() && pkgs.size() < 100) {
        auto nl = p.data.find('\n', pos);
        std::string line = p.data.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? p.data.size() : nl + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty() && line.size() < 256 && seen.insert(line).second) pkgs.push_back(line);
      }
    }
    if (!pkgs.empty()) ev["packages"] = pkgs;
    std::string which = pkgs.empty() ? "" : join(pkgs, ", ");
    return make_finding(spec(2), Status::warn,
                        Text{which.empty() ? "已安装的更新等待重启(/run/reboot-required)"
                                           : fmt::format("已安装的更新等待重启:{}", which),
                             which.empty() ? "installed updates wait for a reboot (/run/reboot-required)"
                                           : fmt::format("installed updates wait for a reboot: {}", which)},
                        std::move(ev));
  }
  if (!flag.missing) return make_finding(spec(2), Status::unknown, Text{flag.error, flag.error}, std::move(ev));
  ev["reboot_required"] = false;

  // A newer kernel package than the running one also waits for a reboot.
  if (newest && !running.empty()) {
    const Installed* current = nullptr;
    for (const auto& k : kernels) {
      std::string id = rpm ? fmt::format("{}.{}", k.version.substr(k.version.find(':') + 1), k.arch) : "";
      if (rpm ? id == running
              : (k.name == "linux-image-" + running || k.name == "linux-image-" + running + "-unsigned"))
        current = &k;
    }
    if (current && cmp(current->version, newest->version) < 0) {
      ev["reboot_required"] = true;
      return make_finding(
          spec(2), Status::warn,
          Text{fmt::format("已安装新内核 {} {},正在运行的仍是 {}", newest->name, newest->version, running),
               fmt::format("newer kernel {} {} installed, still running {}", newest->name, newest->version, running)},
          std::move(ev));
    }
  }
  return make_finding(spec(2), Status::pass, Text{"无待重启的更新", "no update waits for a reboot"}, std::move(ev));
}

// --- RHEL family -------------------------------------------------------------------------

std::vector<Finding> PatchProbe::run_rpm(const Host& host, const std::string& db) const {
  std::vector<Finding> out;
  // Reads the audited root's own database: a file fact, allowed offline.
  CommandResult r = host.run({"rpm", "--root", host.root().string(), "-qa", "--qf", kRpmQueryFormat});
  std::vector<RpmPackage> pkgs;
  std::string rpm_error;
  if (!r.ok()) {
    rpm_error = !r.error.empty() ? r.error
                : r.timed_out    ? "rpm timed out"
                                 : fmt::format("rpm exited {}: {}", r.exit_code, r.err.substr(0, 200));
  } else {
    pkgs = parse_rpm_qa(r.out);
    if (pkgs.empty()) rpm_error = "rpm listed no packages";
  }
  Text rpm_why{fmt::format("无法读取 rpm 数据库 {}:{}", db, rpm_error),
               fmt::format("cannot read the rpm database {}: {}", db, rpm_error)};

  // patch.last_update: dnf's rpm log, else the newest install time in the database.
  {
    std::optional<Time> when;
    Evidence ev;
    std::string source;
    std::vector<std::string> logs;
    for (const auto& file : rotated_logs(host, "/var/log", "dnf.rpm.log")) {
      LineReader reader(host, file);
      if (!reader.ok()) continue;
      logs.push_back(file);
      std::string_view line;
      while (reader.next(line))
        if (auto t = parse_dnf_rpm_log_line(line, host.zone()); t && (!when || *t > *when)) {
          when = t;
          source = file;
        }
    }
    if (!logs.empty()) ev["logs"] = logs;
    for (const auto& p : pkgs)
      if (p.install_time && (!when || *p.install_time > *when)) {
        when = p.install_time;
        source = "rpm database";
      }
    if (when) ev["log"] = source;
    Text none = rpm_error.empty() ? Text{} : rpm_why;
    if (!when && logs.empty() && rpm_error.empty())
      none = Text{"rpm 数据库中没有安装时间,且无 /var/log/dnf.rpm.log",
                  "no install times in the rpm database and no /var/log/dnf.rpm.log"};
    out.push_back(last_update_finding(host, when, std::move(ev), none));
  }

  // patch.pending_security: only a baseline can say it offline.
  if (!rpm_error.empty()) {
    out.push_back(unknown(1, rpm_why));
  } else if (rules_.baseline.empty()) {
    out.push_back(make_finding(
        spec(1), Status::unknown,
        Text{"RPM 系统离线时无安全公告数据:请配置补丁基线(rules.d/patch-baseline.yaml)或运行 dnf updateinfo list "
             "--security",
             "no offline security advisory data on RPM systems: configure a baseline (rules.d/patch-baseline.yaml) "
             "or run dnf updateinfo list --security"},
        Evidence{{"installed_packages", static_cast<std::int64_t>(pkgs.size())}}));
  } else {
    std::vector<PendingUpdate> pending;
    for (const auto& p : pkgs) {
      auto it = rules_.baseline.find(p.name);
      if (it != rules_.baseline.end() && compare_rpm_evr(p.evr, it->second) < 0)
        pending.push_back({p.name, p.arch, p.evr, it->second, "baseline"});
    }
    std::sort(pending.begin(), pending.end(), [](auto& a, auto& b) { return a.name < b.name; });
    Evidence ev{{"installed_packages", static_cast<std::int64_t>(pkgs.size())},
                {"baseline", base_name(rules_.baseline_file)},
                {"baseline_packages", static_cast<std::int64_t>(rules_.baseline.size())}};
    if (!rules_.baseline_date.empty()) ev["baseline_date"] = rules_.baseline_date;
    out.push_back(pending_finding(pending, std::move(ev), {}, false, ""));
  }

  std::vector<Installed> kernels;
  for (const auto& p : pkgs)
    for (const auto& k : rules_.kernel_packages)
      if (glob(k, p.name)) kernels.push_back({p.name, p.evr, p.arch});
  out.push_back(reboot_finding(host, kernels, true));
  return out;
}

}  // namespace sc::patch

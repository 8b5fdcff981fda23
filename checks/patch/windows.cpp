// The patch probe on a Windows machine (live or an offline root):
// - pending_security: the OS build from `SOFTWARE\Microsoft\Windows NT
//   \CurrentVersion` (CurrentBuild, UBR, EditionID, InstallationType) judged
//   against rules/windows_builds.yaml (judge_windows_release, pure);
// - last_update: `System` log, Microsoft-Windows-WindowsUpdateClient 19
//   (installed) / 20 (failed), and the install times of Component Based
//   Servicing packages;
// - reboot_required: WindowsUpdate `Auto Update\RebootRequired`, CBS
//   `RebootPending` and Session Manager `PendingFileRenameOperations`.
#include <fmt/format.h>

#include <algorithm>

#include "agent/core/event_log.hpp"
#include "agent/core/registry.hpp"
#include "checks/patch/patch_probe.hpp"

namespace sc::patch {

namespace {

constexpr std::string_view kCurrentVersion = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
constexpr std::string_view kCbs = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing";
constexpr std::string_view kWuReboot =
    "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
constexpr std::string_view kSessionManager = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager";

std::string reg_string(const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  if (!v) return {};
  if (auto s = v->string()) return *s;
  if (auto d = v->dword()) return std::to_string(*d);
  return {};
}

}  // namespace

WinOsFacts read_win_os_facts(const Host& host) {
  WinOsFacts f;
  RegKeyResult k = host.registry().key(kCurrentVersion);
  if (!k.found()) {
    f.error = !k.error.empty() ? k.error : fmt::format("{} not found", kCurrentVersion);
    return f;
  }
  std::string build = reg_string(k.key, "CurrentBuild");
  if (build.empty()) build = reg_string(k.key, "CurrentBuildNumber");
  try {
    f.build = build.empty() ? 0 : std::stoll(build);
  } catch (const std::exception&) {
    f.build = 0;
  }
  if (f.build <= 0) f.error = fmt::format("{}: no CurrentBuild", kCurrentVersion);
  if (const RegValue* u = k.key.value("UBR"))
    if (auto d = u->dword()) f.ubr = *d;
  f.edition = reg_string(k.key, "EditionID");
  f.installation_type = reg_string(k.key, "InstallationType");
  f.product_name = reg_string(k.key, "ProductName");
  return f;
}

std::vector<Finding> PatchProbe::run_windows(const Host& host) const {
  std::vector<Finding> out;

  // patch.last_update
  {
    Evidence ev;
    std::optional<Time> when;
    std::vector<std::string> problems;
    std::string source;
    EventQuery q;
    q.providers = {"Microsoft-Windows-WindowsUpdateClient"};
    q.ids = {19, 20};
    q.max_records = 5000;
    EventLogResult r = host.event_log().query("System", q);
    bool log_read = false;
    if (r.missing || !r.error.empty()) {
      problems.push_back(r.error.empty() ? "the System event log is missing" : r.error);
    } else {
      log_read = true;
      std::int64_t installed = 0, failed_after = 0;
      for (const EventRecord& e : r.records) {
        if (!e.time) continue;
        if (e.event_id == 19) {
          ++installed;
          if (!when || *e.time > *when) {
            when = e.time;
            failed_after = 0;
            source = "System log: WindowsUpdateClient 19";
            if (const std::string* t = e.field("updateTitle")) ev["update"] = *t;
          }
        } else if (e.event_id == 20 && when && *e.time > *when) {
          ++failed_after;
        }
      }
      ev["installed_events"] = installed;
      if (failed_after) ev["failed_since"] = failed_after;
    }
    // CBS packages: InstallTimeHigh/Low (FILETIME) of installed packages.
    RegKeyResult pk = host.registry().key(std::string(kCbs) + "\\Packages");
    if (pk.found()) {
      std::size_t n = 0;
      for (const std::string& name : pk.key.subkeys) {
        if (++n > 20000) break;
        RegKeyResult p = host.registry().key(fmt::format("{}\\Packages\\{}", kCbs, name));
        if (!p.found()) continue;
        const RegValue* hi = p.key.value("InstallTimeHigh");
        const RegValue* lo = p.key.value("InstallTimeLow");
        if (!hi || !lo || !hi->dword() || !lo->dword()) continue;
        std::uint64_t ft = static_cast<std::uint64_t>(*hi->dword()) << 32 | *lo->dword();
        if (auto t = filetime_to_time(ft); t && (!when || *t > *when)) {
          when = t;
          source = "Component Based Servicing package " + name;
          ev.erase("update");
        }
      }
    } else if (!pk.error.empty()) {
      problems.push_back(pk.error);
    }
    if (when) ev["log"] = source;
    if (!problems.empty()) ev["problems"] = problems;
    Text none;
    if (!when && !log_read)
      none =
          Text{"无法读取更新记录:" + join(problems, "; "), "cannot read the update history: " + join(problems, "; ")};
    else if (!when)
      none = Text{};
    out.push_back(last_update_finding(host, when, std::move(ev), none));
  }

  // patch.pending_security
  out.push_back(
      judge_windows_release(rules_.windows, read_win_os_facts(host), host, rules_.windows_release_max_days, spec(1)));

  // patch.reboot_required
  {
    Evidence ev;
    std::vector<std::string> found, problems;
    for (std::string_view k : {kWuReboot, std::string_view("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\"
                                                           "Component Based Servicing\\RebootPending")}) {
      RegKeyResult r = host.registry().key(k);
      if (r.found())
        found.emplace_back(k);
      else if (!r.error.empty())
        problems.push_back(r.error);
    }
    RegValueResult pf = host.registry().value(kSessionManager, "PendingFileRenameOperations");
    if (pf.found()) {
      auto list = pf.value->strings();
      if (list && std::any_of(list->begin(), list->end(), [](const std::string& s) { return !s.empty(); }))
        found.push_back(std::string(kSessionManager) + "\\PendingFileRenameOperations");
    } else if (!pf.error.empty()) {
      problems.push_back(pf.error);
    }
    if (!found.empty()) {
      ev["reboot_required"] = true;
      ev["sources"] = found;
      out.push_back(make_finding(spec(2), Status::warn,
                                 Text{"已安装的更新等待重启(" + join(found, "、") + ")",
                                      "installed updates wait for a reboot (" + join(found, ", ") + ")"},
                                 std::move(ev)));
    } else if (!problems.empty()) {
      out.push_back(unknown(2, Text{"无法确定是否待重启:" + join(problems, "; "),
                                    "cannot tell whether a reboot is pending: " + join(problems, "; ")}));
    } else if (!host.live()) {
      // RebootRequired and RebootPending are volatile keys: a hive file on disk never holds them.
      ev["reboot_required"] = false;
      out.push_back(make_finding(
          spec(2), Status::unknown,
          Text{"离线检查:注册表中无待重命名文件;RebootRequired/RebootPending "
               "为易失键,不保存在离线配置单元中,需在本机运行时检查",
               "offline audit: no pending file renames; RebootRequired/RebootPending are volatile keys that a hive "
               "file never holds: check on the running machine"},
          std::move(ev)));
    } else {
      ev["reboot_required"] = false;
      out.push_back(
          make_finding(spec(2), Status::pass, Text{"无待重启的更新", "no update waits for a reboot"}, std::move(ev)));
    }
  }
  return out;
}

}  // namespace sc::patch

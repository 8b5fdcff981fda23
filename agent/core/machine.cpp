// Which OS the audited root holds, and the Windows host facts (WINDOWS.md).
#include "agent/core/machine.hpp"

#include <fmt/format.h>

#include <charconv>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/win_paths.hpp"

namespace sc {

std::string_view to_string(MachineOs os) {
  switch (os) {
    case MachineOs::linux:
      return "linux";
    case MachineOs::windows:
      return "windows";
    case MachineOs::unknown:
      return "unknown";
  }
  return "unknown";
}

const Text& remediation_for(const FindingSpec& spec, MachineOs os) {
  return os == MachineOs::windows && !spec.remediation_windows.empty() ? spec.remediation_windows : spec.remediation;
}

OsDetection detect_os(const Host& host) {
  // The running machine of the Windows build is Windows even where its
  // hive files cannot be seen (wine keeps its registry in system.reg).
  if (host.is_system_root())
    if (std::optional<MachineOs> os = running_os()) return {*os, "the running system (no --root)"};
  if (auto p = find_case_insensitive(host, "/Windows/System32/config/SYSTEM"))
    return {MachineOs::windows, fmt::format("{} exists", p->substr(1))};
  for (const char* f : {"/etc/os-release", "/usr/lib/os-release", "/etc/passwd"})
    if (host.exists(f)) return {MachineOs::linux, fmt::format("{} exists", std::string_view(f).substr(1))};
  // A Windows disk has no etc/; one without its SYSTEM hive is not Linux either.
  if (auto w = find_case_insensitive(host, "/Windows"); w && host.is_dir(*w))
    return {MachineOs::unknown,
            fmt::format("not a recognisable Linux or Windows system at {}: {} exists but not its SYSTEM hive "
                        "(Windows/System32/config/SYSTEM)",
                        host.root().string(), w->substr(1))};
  if (host.is_dir("/etc")) return {MachineOs::linux, "etc/ exists (without os-release or passwd)"};
  return {MachineOs::unknown,
          fmt::format("not a recognisable Linux or Windows system at {} (no etc/ or Windows/System32/config/SYSTEM)",
                      host.root().string())};
}

namespace {

std::string text(const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  auto s = v ? v->string() : std::nullopt;
  return s ? *s : std::string();
}

std::optional<std::uint32_t> number(const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  return v ? v->dword() : std::nullopt;
}

WindowsZoneRule::Change change(const RegKey& k, std::string_view name) {
  // TimeZoneInformation holds the kernel's RTL_TIME_ZONE_INFORMATION, whose
  // dates are TIME_FIELDS (Year, Month, Day, Hour, Minute, Second,
  // Milliseconds, Weekday), not the SYSTEMTIME of TIME_ZONE_INFORMATION:
  // the real Windows 7 SYSTEM sample (Eastern) stores 00 00 0b 00 01 00 02 00
  // ... 00 00 = November, week 1, 02:00, Sunday.
  WindowsZoneRule::Change c;
  const RegValue* v = k.value(name);
  if (!v || v->data.size() < 16) return c;
  auto w = [&](int i) {
    return static_cast<int>(static_cast<unsigned char>(v->data[2 * i]) |
                            (static_cast<unsigned char>(v->data[2 * i + 1]) << 8));
  };
  c.month = w(1);
  c.week = w(2);
  c.hour = w(3);
  c.minute = w(4);
  c.day_of_week = w(7);
  return c;
}

}  // namespace

std::optional<WindowsZoneRule> windows_zone_rule(const RegKey& tzi) {
  auto bias = number(tzi, "Bias");
  if (!bias) return std::nullopt;
  WindowsZoneRule r;
  r.key_name = text(tzi, "TimeZoneKeyName");
  if (r.key_name.empty()) r.key_name = text(tzi, "StandardName");
  r.bias = static_cast<std::int32_t>(*bias);
  r.standard_bias = static_cast<std::int32_t>(number(tzi, "StandardBias").value_or(0));
  r.daylight_bias = static_cast<std::int32_t>(number(tzi, "DaylightBias").value_or(0));
  r.standard_start = change(tzi, "StandardStart");
  r.daylight_start = change(tzi, "DaylightStart");
  r.dynamic_dst_disabled = number(tzi, "DynamicDaylightTimeDisabled").value_or(0) != 0;
  return r;
}

WindowsFacts windows_facts(const Registry& reg) {
  WindowsFacts f;
  auto note = [&](const std::string& what, const std::string& why) { f.notes.push_back(what + ": " + why); };
  RegKeyResult cn = reg.key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName");
  if (cn.found()) {
    f.hostname = text(cn.key, "ComputerName");
  } else {
    note("hostname unknown", cn.error.empty() ? "no ComputerName key" : cn.error);
  }
  RegKeyResult tz = reg.key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation");
  if (tz.found()) f.zone = windows_zone_rule(tz.key);
  if (!f.zone) note("zone unknown", tz.error.empty() ? "no TimeZoneInformation Bias" : tz.error);

  RegKeyResult cv = reg.key("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
  if (cv.found()) {
    f.product_name = text(cv.key, "ProductName");
    f.edition = text(cv.key, "EditionID");
    f.build = text(cv.key, "CurrentBuild");
    if (f.build.empty()) f.build = text(cv.key, "CurrentBuildNumber");
    f.ubr = number(cv.key, "UBR");
    f.display_version = text(cv.key, "DisplayVersion");
    if (f.display_version.empty()) f.display_version = text(cv.key, "ReleaseId");
    if (f.display_version.empty()) f.display_version = text(cv.key, "CSDVersion");  // "Service Pack 1"
    // Windows 11 kept "Windows 10" in ProductName: the build decides.
    unsigned build = 0;
    std::from_chars(f.build.data(), f.build.data() + f.build.size(), build);
    if (build >= 22000 && f.product_name.rfind("Windows 10", 0) == 0) f.product_name.replace(8, 2, "11");
  } else {
    note("OS version unknown", cv.error.empty() ? "no Windows NT\\CurrentVersion key" : cv.error);
  }
  RegValueResult guid = reg.value("HKLM\\SOFTWARE\\Microsoft\\Cryptography", "MachineGuid");
  if (guid.found() && guid.value->string()) f.machine_id = *guid.value->string();
  return f;
}

std::string WindowsFacts::os_name() const {
  std::string s = product_name.empty() ? "Windows" : product_name;
  if (!display_version.empty()) s += " " + display_version;
  if (!build.empty()) s += fmt::format(" (build {}{})", build, ubr ? fmt::format(".{}", *ubr) : "");
  return s;
}

std::string WindowsFacts::kernel() const {
  if (build.empty()) return "";
  unsigned b = 0;
  std::from_chars(build.data(), build.data() + build.size(), b);
  // NT 10.0 from build 10240; 6.3 (8.1) from 9600; 6.2 (8) from 9200; 6.1 (7) from 7600.
  std::string nt = b >= 10240 ? "10.0" : b >= 9600 ? "6.3" : b >= 9200 ? "6.2" : b >= 7600 ? "6.1" : "";
  if (nt.empty()) return build;
  return fmt::format("{}.{}{}", nt, build, ubr ? fmt::format(".{}", *ubr) : "");
}

std::vector<Finding> unknown_system_findings(const std::vector<FindingSpec>& specs, const OsDetection& os) {
  std::vector<Finding> out;
  std::string why = os.reason.empty() ? "not a recognisable Linux or Windows system" : os.reason;
  for (const auto& s : specs)
    out.push_back(make_finding(s, Status::unknown, Text{"无法识别的系统（既不是 Linux 也不是 Windows）：" + why, why},
                               Evidence{{"machine_os", std::string("unknown")}}));
  return out;
}

}  // namespace sc

// The audited machine as a run-time fact: which operating system the root
// holds (WINDOWS.md "Two axes"), the Windows host facts read from its
// registry (name, OS, build, machine id, zone rule), and the findings a probe
// gives when the root is neither a recognisable Linux nor Windows system.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/time.hpp"

namespace sc {

class Host;
class Registry;
struct RegKey;

enum class MachineOs { linux, windows, unknown };
std::string_view to_string(MachineOs os);

// The rectification measure of `spec` on a machine running `os`.
const Text& remediation_for(const FindingSpec& spec, MachineOs os);

struct OsDetection {
  MachineOs os = MachineOs::unknown;
  // What decided it ("Windows/System32/config/SYSTEM exists"), or for
  // unknown: "not a recognisable Linux or Windows system at /mnt/x (...)".
  std::string reason;
};

// Windows when <root>/Windows/System32/config/SYSTEM exists (any case);
// Linux when <root>/etc/os-release, /usr/lib/os-release or /etc/passwd
// exists, or else an etc/ directory without a Windows/ one; otherwise
// unknown (a data disk, a Windows disk without its SYSTEM hive). The live
// Windows system has its SYSTEM hive, so it is Windows too.
OsDetection detect_os(const Host& host);

// Host facts of a Windows machine, from its registry. Empty strings for what
// could not be read; `notes` says why (hive missing or corrupt).
struct WindowsFacts {
  std::string hostname;              // ComputerName\ComputerName
  std::string product_name;          // "Windows 11 Pro" (corrected from "Windows 10 Pro" for builds >= 22000)
  std::string edition;               // EditionID: "Professional"
  std::string display_version;       // "22H2" (DisplayVersion, else ReleaseId, else CSDVersion)
  std::string build;                 // "19045"
  std::optional<std::uint32_t> ubr;  // 5011
  std::string machine_id;            // SOFTWARE\Microsoft\Cryptography MachineGuid
  std::optional<WindowsZoneRule> zone;
  std::vector<std::string> notes;

  // "Windows 10 Pro 22H2 (build 19045.5011)"
  std::string os_name() const;
  // "10.0.19045.5011" (the NT version, in place of a kernel release)
  std::string kernel() const;
};

WindowsFacts windows_facts(const Registry& registry);

// TimeZoneInformation values → rule; nullopt when Bias is missing.
std::optional<WindowsZoneRule> windows_zone_rule(const RegKey& tzi);

// Every spec of a probe as `unknown` because the root is not a recognisable
// Linux or Windows system (the reason from detect_os).
std::vector<Finding> unknown_system_findings(const std::vector<FindingSpec>& specs, const OsDetection& os);

}  // namespace sc

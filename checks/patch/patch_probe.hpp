// The patch probe's parts shared by its files: rules, the probe class, the
// judgement helpers (patch.cpp) and the evidence gatherers per audited OS
// (linux.cpp: dpkg/apt and rpm). Internal to checks/patch/.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/host.hpp"
#include "agent/core/probe.hpp"
#include "checks/patch/apt_lists.hpp"
#include "checks/patch/windows_builds.hpp"

namespace sc::patch {

inline constexpr std::string_view kStatusFile = "/var/lib/dpkg/status";

struct PatchRules {
  std::int64_t last_update_max_days = 30;
  std::int64_t lists_max_age_days = 7;
  std::int64_t max_listed = 100;
  SecurityListRules security;
  std::vector<std::string> kernel_packages{"linux-image-[0-9]*", "kernel-core", "kernel"};
  std::map<std::string, std::string> baseline;  // package → minimum version
  std::string baseline_date;
  std::string baseline_file;
  WindowsBuilds windows;  // rules/windows_builds.yaml
  std::int64_t windows_release_max_days = 60;
};

// The Windows OS build as read from CurrentVersion (error: could not be read).
struct WinOsFacts {
  std::string error;
  std::int64_t build = 0;
  std::optional<std::uint32_t> ubr;
  std::string edition, installation_type, product_name;
};
WinOsFacts read_win_os_facts(const Host& host);
// patch.pending_security on Windows (windows_judge.cpp): pure but for the clock.
Finding judge_windows_release(const WindowsBuilds& data, const WinOsFacts& facts, const Host& host,
                              std::int64_t limit_days, const FindingSpec& spec);

// A package in either database, reduced to what the findings need.
struct Installed {
  std::string name, version, arch;
};

std::string base_name(std::string_view path);
// The file name of a local path (a rules file): either separator on Windows.
std::string local_file_name(const std::string& path);
std::string join(const std::vector<std::string>& v, std::string_view sep);
bool glob(const std::string& p, const std::string& s);
std::vector<FindingSpec> make_specs();

class PatchProbe : public Probe {
 public:
  PatchProbe() : specs_(make_specs()) {}
  std::string_view name() const override { return "patch"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules& rules, const Config&) override;
  std::vector<Finding> run(const Host& host) const override;
  std::vector<std::string> rule_warnings(Time now) const override;
  std::vector<std::string> rule_files() const override { return {"patch", "patch-baseline", "windows_builds"}; }

 private:
  const FindingSpec& spec(int i) const { return specs_[static_cast<std::size_t>(i)]; }
  Finding unknown(int i, const Text& why) const { return make_finding(spec(i), Status::unknown, why); }

  std::vector<Finding> run_debian(const Host& host) const;
  std::vector<Finding> run_rpm(const Host& host, const std::string& db) const;
  std::vector<Finding> run_windows(const Host& host) const;
  Finding last_update_finding(const Host& host, std::optional<Time> when, Evidence ev, const Text& none_why) const;
  Finding pending_finding(const std::vector<PendingUpdate>& pending, Evidence ev, std::vector<std::string> problems,
                          bool stale, const std::string& stale_note) const;
  Finding reboot_finding(const Host& host, const std::vector<Installed>& kernels, bool rpm) const;

  std::vector<FindingSpec> specs_;
  PatchRules rules_;
};

}  // namespace sc::patch

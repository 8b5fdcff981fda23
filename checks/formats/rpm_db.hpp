// The RHEL family: installed packages from `rpm --root ROOT -qa --qf …` (the
// audited root's own database, read by the machine's rpm), rpm's version
// ordering (rpmvercmp, with ~ and ^), and dnf's rpm log for the last update.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

struct RpmPackage {
  std::string name;
  std::string evr;  // "epoch:version-release", epoch 0 when none
  std::string arch;
  std::optional<Time> install_time;
};

// The --qf format parse_rpm_qa expects: name, EVR, arch, install time, tab-separated.
inline constexpr const char* kRpmQueryFormat =
    "%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\n";
std::vector<RpmPackage> parse_rpm_qa(std::string_view out, std::size_t* bad_lines = nullptr);

// rpmvercmp on one version or release string (<0, 0, >0).
int rpmvercmp(std::string_view a, std::string_view b);
// Compares "[epoch:]version[-release]" strings.
int compare_rpm_evr(std::string_view a, std::string_view b);

// dnf.rpm.log: "2026-11-02T10:15:32+0800 SUBDEBUG Upgrade: openssl-1:3.0.7-25.el9_3.x86_64".
// The time of an Install/Upgrade line, nullopt for other lines.
std::optional<Time> parse_dnf_rpm_log_line(std::string_view line, const Zone& zone);

}  // namespace sc

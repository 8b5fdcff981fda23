// The antivirus probe's facts: what an evidence gatherer found on the
// audited machine (products with how they were detected, their services'
// boot states, their signature dates), whatever its OS. The gatherers
// (linux.cpp, windows.cpp) fill this struct; the judgement (judge.cpp)
// turns it into findings and never asks which OS the facts came from except
// through these fields.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/host.hpp"
#include "checks/antivirus/antivirus_rules.hpp"

namespace sc {

// One service of a product that exists on the machine.
struct AvServiceFact {
  std::string name;  // "clamav-freshclam.service", "WinDefend"
  AvServiceRole role = AvServiceRole::any;
  bool enabled = false;   // starts at boot (systemd enabled; Windows Start 0..2)
  bool disabled = false;  // switched off on purpose: disabled or masked unit; Windows Start 4
  std::string state;      // words for the detail: "masked", "disabled", "Start=3 (manual)"
  std::string where;      // the file or key that decided
};

// The product's state as Windows Security Center reports it (live only).
struct AvSecurityCenterState {
  std::string name;                            // the name WSC gives
  std::optional<std::uint32_t> product_state;  // WMI SecurityCenter2 only
  bool on = false;                             // productState & 0xF000 == 0x1000
  std::string state;                           // "on", "off", "snoozed", "expired"
  bool up_to_date = true;                      // productState & 0x00F0 == 0x00 (0x10 = out of date)
  std::string timestamp;                       // IWscProduct::get_ProductStateTimestamp as given, may be empty
};

struct AvSignatureFact {
  std::optional<Time> built;          // the newest signature date
  std::string database;               // file, key\value or "Security Center" that holds it
  std::string database_dir;           // ClamAV
  std::string date_source;            // "header" | "mtime" | "registry" | "file" | "security_center"
  std::int64_t db_version = -1;       // ClamAV database version
  std::string version;                // a vendor's signature version (AVSignatureVersion), evidence only
  std::vector<std::string> problems;  // corrupt / unreadable databases, "name: reason"
  Text reason;                        // no date: why
  bool reason_from_rules = false;     // the rules say no date can be read (their own words)
  // Security Center's up-to-date bit when no date could be read: false = out of date.
  std::optional<bool> up_to_date;
};

struct AvProductFact {
  std::string id;
  Text name;
  std::string version;                     // product version, may be empty
  std::vector<std::string> detected_by;    // "package clamav 1.0.7", "Uninstall\360安全卫士 (WOW6432Node)"
  std::vector<std::string> service_names;  // what the rules name (for "none installed")
  std::vector<AvServiceFact> services;     // the named services that exist
  std::optional<Text> services_unknown;    // why the services cannot be judged
  std::optional<AvSecurityCenterState> security_center;
  AvSignatureFact signatures;
};

struct AvFacts {
  // Nothing can be decided (no rules, an OS the probe does not know): every
  // finding is unknown with this reason.
  std::optional<Text> cannot_tell;
  std::vector<AvProductFact> products;  // detected
  std::int64_t products_known = 0;
  // No product found, but the evidence was incomplete: why absence is not
  // proof (package database unreadable, SOFTWARE hive missing).
  std::optional<Text> detection_gap;
  Evidence detection_evidence;  // added to antivirus.installed when nothing was found
};

// The gatherers. On Windows, `registry` is the audited machine's registry
// (hive files offline, the Win32 registry live) and `security_center` the
// live Windows Security Center (nullptr offline).
class Registry;
class SecurityCenter;
AvFacts gather_linux_antivirus(const Host& host, const AvRules& rules);
AvFacts gather_windows_antivirus(const Host& host, const Registry& registry, const AvRules& rules,
                                 const SecurityCenter* security_center);

// The judgement: the three findings from the facts, for either OS.
std::vector<Finding> judge_antivirus(const AvFacts& facts, const std::vector<FindingSpec>& specs,
                                     std::int64_t limit_days, Time now, const Zone& zone);

}  // namespace sc

// Scan orchestration: config and rules, the selected probes run
// concurrently with a deadline, findings in report order, the document.
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/config.hpp"
#include "agent/core/host.hpp"
#include "agent/core/probe.hpp"
#include "agent/core/rules.hpp"
#include "agent/document.hpp"

namespace sc {

struct ScanRequest {
  std::filesystem::path root = "/";
  std::optional<std::filesystem::path> config_file;
  std::optional<std::filesystem::path> rules_dir;
  std::optional<std::string> as_of;  // as given on the command line
  std::optional<bool> live;
  std::vector<std::string> only;  // probe names or finding ids
  Lang lang = Lang::en;           // what the scan prints in; the file keeps both languages
  std::chrono::milliseconds probe_timeout{120000};
};

// What the scan read before running probes (config, rules, host): built by
// prepare_scan, which throws UsageError / ConfigError.
struct ScanSetup {
  std::shared_ptr<Host> host;
  Config config;
  Rules rules;
  std::vector<std::shared_ptr<Probe>> probes;  // all built-in, configured
  std::vector<std::string> only;
  // Rule files no probe reads (unread_rule_files), said as warnings by `scan`.
  std::vector<std::string> rule_warnings;
};

// "FILE:1:1: no probe reads a rules file named 'phone' (expected one of:
// antivirus.yaml, …)" for each rule file (base directory or rules.d) whose
// name no probe reads: a misspelled override is otherwise silently ignored
// (issue 14). `selfcheck rules check` refuses them; `scan` warns.
std::vector<std::string> unread_rule_files(const Rules& rules, const std::vector<const Probe*>& probes);

ScanSetup prepare_scan(const ScanRequest& req);
// Loads the config a root implies: --config FILE, else <root>/etc/selfcheck/agent.yaml
// when it exists, else defaults.
// The audited machine's settings folder (agent.yaml, rules.d, unit.key) as an
// absolute path under its root: /etc/selfcheck, or /ProgramData/selfcheck (as
// stored) on a Windows root; on the running machine (no --root) this build's
// own (platform.hpp local_paths(): /etc/selfcheck on Linux,
// "C:/ProgramData/selfcheck" — %ProgramData% — on Windows).
std::string settings_dir(const Host& host);
Config load_config_for(const std::filesystem::path& root, const std::optional<std::filesystem::path>& file);
Config load_config_for(const Host& host, const std::optional<std::filesystem::path>& file);
// Base rules dir (or --rules) then <root>/etc/selfcheck/rules.d, read through the Host.
Rules load_rules_for(const Host& host, const std::optional<std::filesystem::path>& rules_dir);

// Runs the selected probes and builds the sealed document. Never throws for
// a probe's failure: it becomes `unknown` findings with the reason.
Document run_scan(const ScanSetup& setup, const ScanRequest& req);

// Facts about the audited machine for the document's `host` block.
HostInfo host_info(const Host& host, const Config& config);

// zh when LANG / LC_ALL / LC_MESSAGES is zh_*, else en.
Lang lang_from_env();

}  // namespace sc

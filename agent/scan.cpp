// run_scan: probes concurrently, each behind a deadline and a catch-all, so
// one probe's exception or hang never loses another's findings.
#include "agent/scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <set>

#include "agent/core/background.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "agent/core/win_paths.hpp"
#include "checks/formats/deb_version.hpp"

namespace sc {

namespace fs = std::filesystem;

Lang lang_from_env() {
  // Windows: the user's UI language (LANG is not how Windows says it).
  if (auto ui = ui_language()) return *ui;
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return std::string_view(v).rfind("zh", 0) == 0 ? Lang::zh : Lang::en;
  }
  return Lang::en;
}

std::string settings_dir(const Host& host) {
  // The running machine: where this build keeps its settings (platform.hpp;
  // %ProgramData%\selfcheck on Windows, whatever drive that is on).
  if (host.is_system_root()) {
    std::u8string s = local_paths().settings.generic_u8string();
    return std::string(s.begin(), s.end());
  }
  if (host.os().os == MachineOs::windows)  // WINDOWS.md "Paths on Windows": %ProgramData%\selfcheck
    return find_case_insensitive(host, "/ProgramData/selfcheck").value_or("/ProgramData/selfcheck");
  return "/etc/selfcheck";
}

Config load_config_for(const fs::path& root, const std::optional<fs::path>& file) {
  Host::Options o;
  o.root = root.empty() ? fs::path("/") : root;
  o.live = false;
  return load_config_for(Host(o), file);
}

Config load_config_for(const Host& host, const std::optional<fs::path>& file) {
  if (file) return load_config(*file);
  // Through the Host: <settings>/agent.yaml resolved inside the root.
  const std::string conf = settings_dir(host) + "/agent.yaml";
  if (host.lexists(conf)) return load_config(host, conf);
  return Config{};
}

Rules load_rules_for(const Host& host, const std::optional<fs::path>& rules_dir) {
  fs::path base = rules_dir ? *rules_dir : default_rules_dir();
  std::vector<fs::path> required;
  if (rules_dir) required.push_back(*rules_dir);
  return Rules::load({base}, required, host, settings_dir(host) + "/rules.d");
}

std::vector<std::string> unread_rule_files(const Rules& rules, const std::vector<const Probe*>& probes) {
  std::set<std::string> known;
  for (const Probe* p : probes)
    for (const auto& stem : p->rule_files()) known.insert(stem);
  std::vector<std::string> names, out;
  for (const auto& k : known) names.push_back(k + ".yaml");
  for (std::size_t i = 0; i < rules.all().size(); ++i)
    if (!known.count(rules.stems()[i]))
      out.push_back(fmt::format("{}:1:1: no probe reads a rules file named '{}' (expected one of: {})",
                                rules.all()[i].file, rules.stems()[i], fmt::join(names, ", ")));
  return out;
}

ScanSetup prepare_scan(const ScanRequest& req) {
  ScanSetup s;
  std::error_code ec;
  if (!fs::is_directory(req.root, ec)) throw UsageError(fmt::format("--root {}: not a directory", path_text(req.root)));
  Host::Options opts;
  opts.root = req.root;
  opts.live = req.live;
  if (req.as_of) {
    Host::Options zo;
    zo.root = req.root;
    zo.live = false;
    Zone zone = Host(zo).zone();  // the audited machine's zone: <root>/etc/localtime, or a Windows root's registry
    auto t = parse_time(*req.as_of, zone);
    if (!t)
      throw UsageError(
          fmt::format("--as-of '{}': expected ISO 8601 such as 2026-11-20T16:00:00+08:00 or 2026-11-20", *req.as_of));
    opts.as_of = t;
  }
  s.host = std::make_shared<Host>(opts);
  s.config = load_config_for(*s.host, req.config_file);
  s.rules = load_rules_for(*s.host, req.rules_dir);
  for (auto& p : builtin_probes()) {
    p->configure(s.rules, s.config);
    s.probes.push_back(std::shared_ptr<Probe>(std::move(p)));
  }
  std::vector<const Probe*> configured;
  for (const auto& p : s.probes) configured.push_back(p.get());
  s.rule_warnings = unread_rule_files(s.rules, configured);
  // --only: probe names or finding ids, all of them known.
  for (const std::string& want : req.only) {
    bool known = false;
    for (const auto& p : s.probes) {
      if (p->name() == want) known = true;
      for (const auto& spec : p->specs()) known = known || spec.id == want;
    }
    if (!known)
      throw UsageError(fmt::format("--only: unknown probe or finding id '{}' (see `selfcheck probes`)", want));
  }
  s.only = req.only;
  return s;
}

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::string os_release_name(const Host& host) {
  for (const char* p : {"/etc/os-release", "/usr/lib/os-release"}) {
    FileResult r = host.read_file(p, 64 * 1024);
    if (!r.ok()) continue;
    std::string name, version;
    std::size_t pos = 0;
    while (pos < r.data.size()) {
      std::size_t nl = r.data.find('\n', pos);
      std::string line = r.data.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? r.data.size() : nl + 1;
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = line.substr(0, eq), val = line.substr(eq + 1);
      if (val.size() >= 2 && (val.front() == '"' || val.front() == '\'') && val.back() == val.front())
        val = val.substr(1, val.size() - 2);
      if (key == "PRETTY_NAME") return val;
      if (key == "NAME") name = val;
      if (key == "VERSION_ID") version = val;
    }
    if (!name.empty()) return trim(name + " " + version);
  }
  return "";
}

std::string kernel_version(const Host& host) {
  if (host.is_system_root()) {
    if (std::string r = running_kernel_release(); !r.empty()) return r;
  }
  // Offline: the newest kernel installed under /boot.
  return newest_kernel_release(host.list_dir("/boot"));
}

// Every spec of a probe as `unknown` with one reason (exception, timeout).
std::vector<Finding> all_unknown(const Probe& p, const Text& why) {
  std::vector<Finding> out;
  for (const auto& spec : p.specs()) out.push_back(make_finding(spec, Status::unknown, why));
  return out;
}

bool selected(const std::vector<std::string>& only, std::string_view probe, std::string_view id) {
  if (only.empty()) return true;
  for (const auto& o : only)
    if (o == probe || o == id) return true;
  return false;
}

std::string iso_now(const Zone& zone) {
  return zone.iso(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace

HostInfo host_info(const Host& host, const Config& config) {
  HostInfo h;
  h.asset_id = config.asset_id;
  h.owner = config.owner;
  h.department = config.department;
  h.classification = std::string(to_string(config.classification));
  if (host.os().os == MachineOs::windows) {
    // The registry of the audited machine, not the files of a Linux root.
    WindowsFacts w = windows_facts(host.registry());
    h.hostname = w.hostname;
    h.machine_id = w.machine_id;
    h.os = w.os_name();
    h.kernel = w.kernel();
    return h;
  }
  FileResult hn = host.read_file("/etc/hostname", 4096);
  if (hn.ok()) h.hostname = trim(hn.data.substr(0, hn.data.find('\n')));
  if (h.hostname.empty() && host.is_system_root()) {
    h.hostname = local_hostname();
  }
  FileResult mid = host.read_file("/etc/machine-id", 4096);
  if (mid.ok()) h.machine_id = trim(mid.data.substr(0, mid.data.find('\n')));
  h.os = os_release_name(host);
  h.kernel = kernel_version(host);
  return h;
}

Document run_scan(const ScanSetup& setup, const ScanRequest& req) {
  const Host& host = *setup.host;
  auto wall_start = std::chrono::steady_clock::now();
  Document doc;
  doc.agent_version = SELFCHECK_VERSION;
  doc.rules_digest = setup.rules.digest();
  doc.started = iso_now(host.zone());
  doc.as_of = host.zone().iso(host.now());
  doc.root = path_text(host.root());
  doc.host = host_info(host, setup.config);

  struct Running {
    std::shared_ptr<Probe> probe;
    std::future<std::pair<std::vector<Finding>, std::vector<UsbDeviceRecord>>> result;
  };
  std::vector<Running> running;
  for (const auto& p : setup.probes) {
    bool any = false;
    for (const auto& spec : p->specs()) any = any || selected(setup.only, p->name(), spec.id);
    if (!any) continue;
    std::packaged_task<std::pair<std::vector<Finding>, std::vector<UsbDeviceRecord>>()> task(
        [p, h = setup.host] { return std::make_pair(p->run(*h), p->usb_devices(*h)); });
    Running r{p, task.get_future()};
    // In the background: a hung probe must not hold the scan; it keeps Host
    // and Probe alive itself (background.hpp: why not std::thread::detach).
    start_background([task = std::make_shared<decltype(task)>(std::move(task))] { (*task)(); });
    running.push_back(std::move(r));
  }

  auto deadline = std::chrono::steady_clock::now() + req.probe_timeout;
  for (auto& r : running) {
    std::vector<Finding> got;
    const Probe& p = *r.probe;
    if (r.result.wait_until(deadline) != std::future_status::ready) {
      got = all_unknown(p, Text{fmt::format("检查超时({} 秒)", req.probe_timeout.count() / 1000),
                                fmt::format("the check timed out ({} s)", req.probe_timeout.count() / 1000)});
    } else {
      try {
        auto [findings, devices] = r.result.get();
        got = std::move(findings);
        for (auto& d : devices) doc.usb_devices.push_back(std::move(d));
      } catch (const std::exception& e) {
        got = all_unknown(p, Text{fmt::format("检查出错:{}", e.what()), fmt::format("the check failed: {}", e.what())});
      } catch (...) {
        got = all_unknown(p, Text{"检查出错", "the check failed"});
      }
    }
    // In spec order; every selected id present exactly once, with the
    // measure for the audited OS (a Windows PC is not told to run update-grub).
    for (const auto& spec : p.specs()) {
      if (!selected(setup.only, p.name(), spec.id)) continue;
      bool found = false;
      for (auto& f : got) {
        if (f.id != spec.id) continue;
        f.section = std::string(p.name());
        f.remediation = remediation_for(spec, host.os().os);
        doc.findings.push_back(f);
        found = true;
      }
      if (!found) {
        doc.findings.push_back(
            make_finding(spec, Status::unknown, Text{"检查未给出结果", "the check reported nothing"}));
        doc.findings.back().remediation = remediation_for(spec, host.os().os);
      }
    }
  }

  doc.finished = iso_now(host.zone());
  doc.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - wall_start).count();
  finalize(doc);
  FileResult key = host.read_file(settings_dir(host) + "/unit.key", 4096);
  seal(doc, key.ok() ? std::string_view(key.data) : std::string_view());
  return doc;
}

}  // namespace sc

// The probe contract. A probe names itself, lists the finding ids it may emit
// (with rationale and remediation), reads its rules once in configure(), and
// turns a Host into findings in run(). run() never throws: what it cannot
// decide is an `unknown` finding with the reason.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/config.hpp"
#include "agent/core/finding.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/time.hpp"
#include "agent/core/usb_device.hpp"

namespace sc {

// The report item a probe feeds (docs/report.md): the item's heading, and the
// unit summary's wording per finding id ("N 台未安装防病毒软件" / "N have no
// antivirus installed"). The probe table's order is the report's order, so a
// new probe reaches the report and the summary by itself; an id without
// wording is counted under its spec title.
struct ReportItemSpec {
  Text heading;                         // 防病毒软件安装与升级 / Antivirus installation and updates
  std::map<std::string, Text> phrases;  // finding id → what the failing machines "have"
};

class Probe {
 public:
  virtual ~Probe() = default;
  virtual std::string_view name() const = 0;
  virtual const std::vector<FindingSpec>& specs() const = 0;
  // Parse and validate this probe's rule data and the config keys it needs.
  // Throws ConfigError ("file:line:column: what was expected").
  virtual void configure(const Rules& rules, const Config& config) = 0;
  virtual std::vector<Finding> run(const Host& host) const = 0;
  // Devices for the findings file's usb_devices list (the usb probe only).
  virtual std::vector<UsbDeviceRecord> usb_devices(const Host&) const { return {}; }
  // Warnings about the configured rule data for `selfcheck rules check`
  // (e.g. data older than it should be at `now`); never errors.
  virtual std::vector<std::string> rule_warnings(Time /*now*/) const { return {}; }
  // The rule file names (stems) this probe reads through rules.docs(): its
  // own name unless it says otherwise. `selfcheck rules check` refuses a file
  // no probe reads (a misspelled name would otherwise be ignored silently).
  virtual std::vector<std::string> rule_files() const { return {std::string(name())}; }

  // The report item (set by the probe table, or by a probe for itself);
  // without one the heading is the probe's name.
  const ReportItemSpec& report_item() const { return item_; }
  void set_report_item(ReportItemSpec item) { item_ = std::move(item); }

 private:
  ReportItemSpec item_;
};

// The explicit table of built-in probes, in report order (antivirus, boot,
// usb, network, patch), each with its report item.
std::vector<std::unique_ptr<Probe>> builtin_probes();

}  // namespace sc

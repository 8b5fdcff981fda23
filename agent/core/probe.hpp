// The probe contract. A probe names itself, lists the finding ids it may emit
// (with rationale and remediation), reads its rules once in configure(), and
// turns a Host into findings in run(). run() never throws: what it cannot
// decide is an `unknown` finding with the reason.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "agent/core/config.hpp"
#include "agent/core/finding.hpp"
#include "agent/core/host.hpp"
#include "agent/core/rules.hpp"
#include "agent/core/time.hpp"
#include "agent/core/usb_device.hpp"

namespace sc {

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
};

// The explicit table of built-in probes, in report order:
// antivirus, boot, usb, network, patch.
std::vector<std::unique_ptr<Probe>> builtin_probes();

}  // namespace sc

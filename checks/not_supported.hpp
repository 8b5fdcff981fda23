// A placeholder for a probe not built yet: every finding it names is
// `unknown` with "not yet supported" — never a silent pass. And the findings
// of a probe on a machine whose OS it cannot audit (yet): never a pass or a
// fail on evidence that was not read.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "agent/core/host.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/probe.hpp"

namespace sc {

class NotSupportedProbe : public Probe {
 public:
  NotSupportedProbe(std::string name, std::vector<FindingSpec> specs)
      : name_(std::move(name)), specs_(std::move(specs)) {}
  std::string_view name() const override { return name_; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules&, const Config&) override {}
  std::vector<Finding> run(const Host&) const override {
    std::vector<Finding> out;
    for (const auto& s : specs_) out.push_back(make_finding(s, Status::unknown, Text{"尚未支持", "not yet supported"}));
    return out;
  }

 private:
  std::string name_;
  std::vector<FindingSpec> specs_;
};

// Run at the top of a probe's run(): nullopt on a Linux or Windows root (the
// probe goes on with that OS's gatherer); on a root that is neither, every
// finding `unknown` with the reason detect_os gave.
inline std::optional<std::vector<Finding>> findings_for_unsupported_os(const Host& host,
                                                                       const std::vector<FindingSpec>& specs) {
  switch (host.os().os) {
    case MachineOs::linux:
    case MachineOs::windows:
      return std::nullopt;
    case MachineOs::unknown:
      break;
  }
  return unknown_system_findings(specs, host.os());
}

}  // namespace sc

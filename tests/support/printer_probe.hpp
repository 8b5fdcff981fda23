// A sixth probe for tests only ("printer"): its item is none of the first
// five, so tests can show that a new probe reaches the report and the summary
// through the probe table alone.
#pragma once
#include <memory>

#include "agent/core/probe.hpp"
#include "agent/report.hpp"
#include "checks/probes.hpp"

namespace sc::test {

class PrinterProbe : public Probe {
 public:
  PrinterProbe() {
    specs_.push_back({"printer.shared",
                      Severity::high,
                      {"打印机共享", "Shared printer"},
                      {},
                      {"关闭打印机共享", "Turn printer sharing off"}});
    set_report_item(
        {{"打印机共享管理", "Printer sharing"}, {{"printer.shared", {"开启了打印机共享", "share a printer"}}}});
  }
  std::string_view name() const override { return "printer"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules&, const Config&) override {}
  std::vector<Finding> run(const Host&) const override {
    return {make_finding(specs_[0], Status::fail, {"打印机 HP-1 已共享", "printer HP-1 is shared"})};
  }

 private:
  std::vector<FindingSpec> specs_;
};

// The built-in probes and the printer probe, last.
inline std::vector<std::unique_ptr<Probe>> probes_with_printer() {
  auto probes = builtin_probes();
  probes.push_back(std::make_unique<PrinterProbe>());
  return probes;
}

}  // namespace sc::test

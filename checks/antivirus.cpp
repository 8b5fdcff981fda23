// The antivirus probe (placeholder until it is built).
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

std::unique_ptr<Probe> make_antivirus_probe() {
  std::vector<FindingSpec> specs;
  specs.push_back({"antivirus.installed", Severity::medium, Text::same("antivirus.installed"), {}, {}});
  specs.push_back({"antivirus.service_enabled", Severity::medium, Text::same("antivirus.service_enabled"), {}, {}});
  specs.push_back({"antivirus.signature_age", Severity::medium, Text::same("antivirus.signature_age"), {}, {}});
  return std::make_unique<NotSupportedProbe>("antivirus", std::move(specs));
}

}  // namespace sc

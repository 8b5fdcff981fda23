// The patch probe (placeholder until it is built).
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

std::unique_ptr<Probe> make_patch_probe() {
  std::vector<FindingSpec> specs;
  specs.push_back({"patch.last_update", Severity::medium, Text::same("patch.last_update"), {}, {}});
  specs.push_back({"patch.pending_security", Severity::medium, Text::same("patch.pending_security"), {}, {}});
  specs.push_back({"patch.reboot_required", Severity::medium, Text::same("patch.reboot_required"), {}, {}});
  return std::make_unique<NotSupportedProbe>("patch", std::move(specs));
}

}  // namespace sc

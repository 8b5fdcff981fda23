// The one explicit table of built-in probes, in report order. `selfcheck
// probes`, `--only` and the scan all read it. No self-registration.
#include "checks/probes.hpp"

namespace sc {

std::vector<std::unique_ptr<Probe>> builtin_probes() {
  std::vector<std::unique_ptr<Probe>> probes;
  probes.push_back(make_antivirus_probe());
  probes.push_back(make_boot_probe());
  probes.push_back(make_usb_probe());
  probes.push_back(make_network_probe());
  probes.push_back(make_patch_probe());
  return probes;
}

}  // namespace sc

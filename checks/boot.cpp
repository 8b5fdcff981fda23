// The boot probe (placeholder until it is built).
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

std::unique_ptr<Probe> make_boot_probe() {
  std::vector<FindingSpec> specs;
  specs.push_back({"boot.loader_password", Severity::medium, Text::same("boot.loader_password"), {}, {}});
  specs.push_back({"boot.empty_passwords", Severity::medium, Text::same("boot.empty_passwords"), {}, {}});
  specs.push_back({"boot.autologin", Severity::medium, Text::same("boot.autologin"), {}, {}});
  specs.push_back({"boot.password_age", Severity::medium, Text::same("boot.password_age"), {}, {}});
  return std::make_unique<NotSupportedProbe>("boot", std::move(specs));
}

}  // namespace sc

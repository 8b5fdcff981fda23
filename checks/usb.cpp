// The usb probe (placeholder until it is built).
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

std::unique_ptr<Probe> make_usb_probe() {
  std::vector<FindingSpec> specs;
  specs.push_back({"usb.storage_history", Severity::medium, Text::same("usb.storage_history"), {}, {}});
  specs.push_back({"usb.unapproved_storage", Severity::medium, Text::same("usb.unapproved_storage"), {}, {}});
  specs.push_back({"usb.phone_connected", Severity::medium, Text::same("usb.phone_connected"), {}, {}});
  return std::make_unique<NotSupportedProbe>("usb", std::move(specs));
}

}  // namespace sc

// The network probe (placeholder until it is built).
#include "checks/not_supported.hpp"
#include "checks/probes.hpp"

namespace sc {

std::unique_ptr<Probe> make_network_probe() {
  std::vector<FindingSpec> specs;
  specs.push_back({"network.internet_reachable", Severity::medium, Text::same("network.internet_reachable"), {}, {}});
  specs.push_back({"network.default_route", Severity::medium, Text::same("network.default_route"), {}, {}});
  specs.push_back({"network.wireless", Severity::medium, Text::same("network.wireless"), {}, {}});
  specs.push_back({"network.tethering_history", Severity::medium, Text::same("network.tethering_history"), {}, {}});
  specs.push_back({"network.wifi_profiles", Severity::medium, Text::same("network.wifi_profiles"), {}, {}});
  specs.push_back({"network.internet_history", Severity::medium, Text::same("network.internet_history"), {}, {}});
  return std::make_unique<NotSupportedProbe>("network", std::move(specs));
}

}  // namespace sc

// Host::connect on Linux. Placeholder until the network probe's work.
#include "agent/host.hpp"

namespace sc {

ConnectResult Host::connect(const std::string& host, std::uint16_t, milliseconds) const {
  ConnectResult r;
  r.outcome = ConnectOutcome::error;
  r.address = host;
  r.detail = "not yet supported";
  return r;
}

}  // namespace sc

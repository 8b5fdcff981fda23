// Fuzz target: the kernel's routing tables (sc::parse_proc_net_route,
// sc::parse_proc_net_ipv6_route). At most one route a line; a default route
// is a /0 destination on a named interface other than lo, up, not a reject
// route; addresses print as addresses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/ip_networks.hpp"
#include "checks/formats/proc_net_route.hpp"
#include "fuzz_check.hpp"

namespace {

void check(const std::vector<sc::Route>& routes, std::size_t n_lines) {
  FUZZ_CHECK(routes.size() <= n_lines);
  for (const auto& r : routes) {
    auto slash = r.destination.find('/');
    FUZZ_CHECK(slash != std::string::npos);
    FUZZ_CHECK(sc::IpNetwork::parse(r.destination).has_value());
    if (!r.gateway.empty()) FUZZ_CHECK(sc::IpAddress::parse(r.gateway).has_value());
    if (r.is_default) {
      FUZZ_CHECK(r.destination.substr(slash) == "/0");
      FUZZ_CHECK(!r.iface.empty() && r.iface != "lo");
      FUZZ_CHECK((r.flags & 0x1) && !(r.flags & 0x200));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t n = fuzz::lines(text).size();
  check(sc::parse_proc_net_route(text), n);
  check(sc::parse_proc_net_ipv6_route(text), n);
  return 0;
}

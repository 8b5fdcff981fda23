// The kernel's routing tables as /proc/net/route (IPv4) and
// /proc/net/ipv6_route (IPv6) print them: pure parsers for network.default_route.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct Route {
  std::string iface;
  std::string destination;  // "0.0.0.0/0", "::/0", "10.0.0.0/8"
  std::string gateway;      // "192.168.1.1", "" when none
  unsigned flags = 0;       // RTF_* (0x1 up, 0x2 gateway, 0x200 reject)
  bool is_default = false;  // destination /0, up, not a reject route, not on lo
};

// /proc/net/route: a header line, then tab-separated Iface Destination Gateway
// Flags RefCnt Use Metric Mask MTU Window IRTT with addresses in host-order hex.
std::vector<Route> parse_proc_net_route(std::string_view text);
// /proc/net/ipv6_route: no header; dest(32 hex) plen src splen nexthop metric
// refcnt use flags iface, space-separated.
std::vector<Route> parse_proc_net_ipv6_route(std::string_view text);

}  // namespace sc

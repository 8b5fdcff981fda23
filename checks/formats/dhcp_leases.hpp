// DHCP leases the machine obtained: which networks it joined and when.
// ISC dhclient lease files (/var/lib/dhcp/dhclient*.leases,
// /var/lib/NetworkManager/dhclient-*.lease) and the KEY=value lease files of
// NetworkManager's internal client and systemd-networkd.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

struct DhcpLease {
  std::string iface, address, router, server, domain;
  std::optional<Time> renewed;  // dhclient "renew"/"expire" times are UTC; the earliest given
};

// `lease { … }` blocks; a dhclient file keeps every lease it obtained.
std::vector<DhcpLease> parse_dhclient_leases(std::string_view text);
// ADDRESS=, ROUTER=, SERVER_ADDRESS=, DOMAINNAME= (one lease per file).
std::optional<DhcpLease> parse_keyvalue_lease(std::string_view text);

}  // namespace sc

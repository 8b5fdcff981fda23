// Every parser of the network probe survives arbitrary bytes: random input
// and mutations of real-looking text (a quick in-suite fuzz; run the suite
// under SELFCHECK_SANITIZE for UB checks).
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "checks/formats/dhcp_leases.hpp"
#include "checks/formats/ip_networks.hpp"
#include "checks/formats/nmconnection.hpp"
#include "checks/formats/proc_net_route.hpp"
#include "checks/formats/timesync_lines.hpp"
#include "checks/formats/wpa_supplicant.hpp"

using namespace sc;

TEST_CASE("network parsers survive any bytes") {
  std::mt19937 rng(20261120);
  const std::string seeds[] = {
      "[connection]\nid=a\ntype=wifi\n[wifi]\nssid=229;188;160;\n",
      "network={\n\tssid=\"x\"\n\tpsk=\"y\"\n}\n",
      "lease {\n  interface \"eth0\";\n  fixed-address 10.0.0.1;\n  renew 3 2026/11/18 05:10:44;\n}\n",
      "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nenp3s0\t00000000\t0114010A\t0003\t0\t0\t0\t000000"
      "00\n",
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "fe800000000000000a1b2cfffe3d4e5f 00000400 00000001 00000000 00450003 eth0\n",
      "Nov 18 13:10:44 pc systemd-timesyncd[498]: Contacted time server [2001:db8::41]:123 (ntp).\n",
      "Get:1 http://[2001:db8::8]:80/debian bookworm InRelease\n",
      "network:\n  wifis:\n    w:\n      access-points:\n        \"a\": {}\n",
  };
  HistoryPatterns p;
  p.time_sync = {{"systemd-timesyncd", "Contacted time server"}};
  p.connectivity = {{"NetworkManager", {"CONNECTED_GLOBAL"}}};
  for (int round = 0; round < 3000; ++round) {
    std::string s = seeds[static_cast<std::size_t>(round) % std::size(seeds)];
    int edits = static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      std::size_t at = rng() % s.size();
      switch (rng() % 3) {
        case 0:
          s[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          s.erase(at, rng() % 4);
          break;
        default:
          s.insert(at, 1, static_cast<char>(rng() % 256));
          break;
      }
    }
    if (round % 7 == 0) {
      s.assign(rng() % 200, '\0');
      for (auto& c : s) c = static_cast<char>(rng() % 256);
    }
    parse_nmconnection(s);
    parse_wpa_supplicant_conf(s);
    parse_ifupdown_wireless(s);
    parse_netplan_wifi(s);
    iwd_profile_ssid(s);
    parse_dhclient_leases(s);
    parse_keyvalue_lease(s);
    parse_proc_net_route(s);
    parse_proc_net_ipv6_route(s);
    if (auto parts = split_syslog_line(s)) match_history_message(parts->ident, parts->message, p);
    match_history_message("systemd-timesyncd", s, p);
    match_apt_fetch(s);
    apt_log_started(s);
    leading_address(s);
    IpNetwork::parse(s);
    display_ssid(s);
  }
  CHECK(true);
}

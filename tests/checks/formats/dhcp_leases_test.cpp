// Tests for checks/dhcp_leases: dhclient blocks and KEY=value lease files.
#include "checks/formats/dhcp_leases.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_dhclient_leases") {
  auto l = parse_dhclient_leases(
      "default-duid \"\\000\\001\";\nlease {\n  interface \"wlp2s0\";\n  fixed-address 172.20.10.4;\n"
      "  option routers 172.20.10.1;\n  option dhcp-server-identifier 172.20.10.1;\n  option domain-name \"lan\";\n"
      "  renew 3 2026/11/18 05:10:44;\n  rebind 3 2026/11/18 15:22:31;\n  expire 3 2026/11/18 18:16:00;\n}\n"
      "lease {\n  interface \"eth0\";\n}\nlease {\n  interface \"eth0\";\n  fixed-address 10.1.20.31;\n  renew "
      "never;\n");
  REQUIRE(l.size() == 1);  // the second has no address, the third is unterminated
  CHECK(l[0].iface == "wlp2s0");
  CHECK(l[0].address == "172.20.10.4");
  CHECK(l[0].router == "172.20.10.1");
  CHECK(l[0].domain == "lan");
  REQUIRE(l[0].renewed);
  CHECK(Zone().iso(*l[0].renewed) == "2026-11-18T05:10:44+00:00");
}

TEST_CASE("parse_keyvalue_lease") {
  auto l =
      parse_keyvalue_lease("# This is private data. Do not parse.\nADDRESS=192.168.31.117\nROUTER=192.168.31.1 \n");
  REQUIRE(l);
  CHECK(l->address == "192.168.31.117");
  CHECK(l->router == "192.168.31.1");
  CHECK_FALSE(parse_keyvalue_lease("# empty\n"));
}

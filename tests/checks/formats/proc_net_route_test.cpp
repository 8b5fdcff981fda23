// Tests for checks/proc_net_route on text as the kernel prints it.
#include "checks/formats/proc_net_route.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_proc_net_route") {
  const char* text =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT           \n"
      "enp3s0\t00000000\t0114010A\t0003\t0\t0\t100\t00000000\t0\t0\t0          \n"
      "enp3s0\t0014010A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0          \n"
      "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0          \n";
  SUBCASE("default via gateway") {
    auto r = parse_proc_net_route(text);
    REQUIRE(r.size() == 3);
    CHECK(r[0].is_default);
    CHECK(r[0].destination == "0.0.0.0/0");
    CHECK(r[0].gateway == "10.1.20.1");
    CHECK(r[0].iface == "enp3s0");
    CHECK_FALSE(r[1].is_default);
    CHECK(r[1].destination == "10.1.20.0/24");
    CHECK(r[2].destination == "172.17.0.0/16");
  }
  SUBCASE("a default route that is down or a reject route does not count") {
    auto r = parse_proc_net_route(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
        "eth0\t00000000\t0101A8C0\t0002\t0\t0\t0\t00000000\t0\t0\t0\n"
        "eth0\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n");
    REQUIRE(r.size() == 2);
    CHECK_FALSE(r[0].is_default);
    CHECK_FALSE(r[1].is_default);
  }
  SUBCASE("header only, garbage, truncated") {
    CHECK(parse_proc_net_route("Iface\tDestination\tGateway\n").empty());
    CHECK(parse_proc_net_route("eth0\tZZZZZZZZ\t00000000\t0003\t0\t0\t0\t00000000\n").empty());
    CHECK(parse_proc_net_route(std::string("\0\xff\n\t\t", 5)).empty());
  }
}

TEST_CASE("parse_proc_net_ipv6_route") {
  const char* text =
      "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000100 00000001 00000000 00000001   enp3s0\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "fe800000000000000a1b2cfffe3d4e5f 00000400 00000001 00000000 00450003   enp3s0\n"
      "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";
  auto r = parse_proc_net_ipv6_route(text);
  REQUIRE(r.size() == 3);
  CHECK(r[0].destination == "fe80::/64");
  CHECK_FALSE(r[0].is_default);
  CHECK(r[1].is_default);
  CHECK(r[1].destination == "::/0");
  CHECK(r[1].gateway == "fe80::a1b:2cff:fe3d:4e5f");
  CHECK_FALSE(r[2].is_default);  // the kernel's unreachable default on lo
  CHECK(parse_proc_net_ipv6_route("0000 00 garbage\n").empty());
}

TEST_CASE("parse_proc_net_ipv6_route: prefix length over 128 (fuzz regression)") {
  // 0xd0 = 208 bits: not a route (it printed as "::/208").
  const char* text =
      "00000000000000000000000000000000 d0 00000000000000000000000000000000 00 "
      "fe800000000000000a1b2cfffe3d4e5f 00000400 00000001 00000000 00450003     eth0\n"
      "00000000000000000000000000000000 80 00000000000000000000000000000000 00 "
      "00000000000000000000000000000000 00000400 00000001 00000000 00000001     eth0\n";
  auto r = parse_proc_net_ipv6_route(text);
  REQUIRE(r.size() == 1);
  CHECK(r[0].destination == "::/128");
}

// Tests for checks/ip_networks: parsing, prefix matching, what counts as public.
#include "checks/formats/ip_networks.hpp"

#include <doctest/doctest.h>

using namespace sc;

static IpAddress ip(const char* s) {
  auto a = IpAddress::parse(s);
  REQUIRE(a);
  return *a;
}

TEST_CASE("IpAddress::parse") {
  SUBCASE("v4 and v6") {
    CHECK(ip("203.0.113.5").str() == "203.0.113.5");
    CHECK(ip("2001:DB8::1").str() == "2001:db8::1");
    CHECK(ip("2001:db8::1").v6);
  }
  SUBCASE("v4-mapped becomes v4") {
    auto a = ip("::ffff:10.1.2.3");
    CHECK_FALSE(a.v6);
    CHECK(a.str() == "10.1.2.3");
  }
  SUBCASE("garbage") {
    CHECK_FALSE(IpAddress::parse(""));
    CHECK_FALSE(IpAddress::parse("256.1.1.1"));
    CHECK_FALSE(IpAddress::parse("ntp.ubuntu.com"));
    CHECK_FALSE(IpAddress::parse(std::string(200, '1')));
  }
}

TEST_CASE("IpNetwork::contains") {
  auto n = IpNetwork::parse("172.16.0.0/12");
  REQUIRE(n);
  CHECK(n->contains(ip("172.31.255.1")));
  CHECK_FALSE(n->contains(ip("172.32.0.1")));
  CHECK_FALSE(n->contains(ip("2001:db8::1")));
  auto six = IpNetwork::parse("2001:db8:1::/48");
  REQUIRE(six);
  CHECK(six->contains(ip("2001:db8:1:ffff::2")));
  CHECK_FALSE(six->contains(ip("2001:db8:2::2")));
  CHECK(IpNetwork::parse("0.0.0.0/0")->contains(ip("8.8.4.4")));
  CHECK(IpNetwork::parse("10.1.2.3")->prefix == 32);
  CHECK_FALSE(IpNetwork::parse("10.0.0.0/33"));
  CHECK_FALSE(IpNetwork::parse("10.0.0.0/"));
  CHECK_FALSE(IpNetwork::parse("10.0.0.0/x"));
}

TEST_CASE("IpNetworks::is_public") {
  IpNetworks nets({"198.51.100.0/24"});
  SUBCASE("RFC 1918 and ULA are internal") {
    for (const char* s : {"10.9.9.9", "172.20.10.4", "192.168.31.117", "fd12:3456::5"})
      CHECK_FALSE(nets.is_public(ip(s)));
  }
  SUBCASE("config internal_networks extend the defaults") { CHECK_FALSE(nets.is_public(ip("198.51.100.7"))); }
  SUBCASE("never counted") {
    for (const char* s : {"127.0.0.1", "169.254.3.4", "100.64.1.1", "100.127.255.254", "::1", "fe80::1", "0.0.0.0",
                          "224.0.0.251", "ff02::1"})
      CHECK_FALSE(nets.is_public(ip(s)));
  }
  SUBCASE("public") {
    for (const char* s : {"203.0.113.20", "100.128.0.1", "2001:db8:4000::41", "172.32.0.1"})
      CHECK(nets.is_public(ip(s)));
  }
  SUBCASE("bad config entries are reported") {
    std::vector<std::string> bad;
    IpNetworks n2({"10.0.0.0/8", "nonsense"}, &bad);
    CHECK(bad == std::vector<std::string>{"nonsense"});
  }
}

TEST_CASE("leading_address") {
  CHECK(leading_address("203.0.113.20:123 (2.debian.pool.ntp.org).")->str() == "203.0.113.20");
  CHECK(leading_address("[2001:db8:4000::41]:123 (ntp.ubuntu.com).")->str() == "2001:db8:4000::41");
  CHECK(leading_address("2001:db8::5 (ntp.example)")->str() == "2001:db8::5");
  CHECK(leading_address("198.51.100.7, stratum 2")->str() == "198.51.100.7");
  CHECK(leading_address("203.0.113.9.")->str() == "203.0.113.9");
  CHECK_FALSE(leading_address("for the first time 203.0.113.20:123"));
  CHECK_FALSE(leading_address("[2001:db8::1"));
  CHECK_FALSE(leading_address(""));
  CHECK_FALSE(leading_address("deadbeef"));
}

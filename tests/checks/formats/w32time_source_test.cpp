// Tests for checks/formats/w32time_source on the strings of real Time-Service
// events (windows-samples/system.evtx, events 35 and 37).
#include "checks/formats/w32time_source.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_w32time_source") {
  SUBCASE("NTP peer with its address (event 35 of the System sample)") {
    auto s = parse_w32time_source("time.windows.com,0x9 (ntp.m|0x9|0.0.0.0:123->51.140.127.197:123)");
    REQUIRE(s);
    CHECK(s->name == "time.windows.com");
    CHECK(s->address == "51.140.127.197");
  }
  SUBCASE("IPv6 peer") {
    auto s = parse_w32time_source("ntp.example.org,0x8 (ntp.m|0x8|[::]:123->[2001:db8::123]:123)");
    REQUIRE(s);
    CHECK(s->name == "ntp.example.org");
    CHECK(s->address == "2001:db8::123");
  }
  SUBCASE("domain hierarchy source without a peer") {
    auto s = parse_w32time_source("DC01.corp.example");
    REQUIRE(s);
    CHECK(s->name == "DC01.corp.example");
    CHECK(s->address.empty());
  }
  SUBCASE("empty, control characters, over-long") {
    CHECK_FALSE(parse_w32time_source(""));
    CHECK_FALSE(parse_w32time_source("a\x1b[31m"));
    CHECK_FALSE(parse_w32time_source(std::string(600, 'a')));
  }
}

// Tests for Host::connect: loopback only (127.0.0.1): accepted, refused, and
// a black hole that must end at the timeout.
#include <doctest/doctest.h>

#include <chrono>

#include "agent/core/host.hpp"
#include "support/loopback.hpp"

using namespace sc;
using namespace std::chrono_literals;

TEST_CASE("Host::connect") {
  Host host({.root = "/"});
  SUBCASE("a listener accepts") {
    test::Listener l;
    REQUIRE(l.port != 0);
    ConnectResult r = host.connect("127.0.0.1", l.port, 1000ms);
    CHECK(r.outcome == ConnectOutcome::accepted);
    CHECK(r.address == "127.0.0.1");
  }
  SUBCASE("a closed port refuses") {
    ConnectResult r = host.connect("127.0.0.1", test::closed_port(), 1000ms);
    CHECK(r.outcome == ConnectOutcome::refused);
    CHECK(r.elapsed_ms < 1000);
  }
  SUBCASE("a black hole times out within the bound") {
    test::Listener l(0);
    REQUIRE(l.make_black_hole());
    auto start = std::chrono::steady_clock::now();
    ConnectResult r = host.connect("127.0.0.1", l.port, 400ms);
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.outcome == ConnectOutcome::timeout);
    CHECK(took >= 350ms);
    CHECK(took < 1400ms);
  }
  SUBCASE("bracketed literal") {
    test::Listener l;
    CHECK(host.connect("[127.0.0.1]", l.port, 1000ms).outcome == ConnectOutcome::accepted);
  }
}

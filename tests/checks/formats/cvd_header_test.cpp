// Tests for checks/cvd_header: real-looking CVD/CLD/CUD headers, old format
// without build seconds, and corrupt or truncated input.
#include "checks/formats/cvd_header.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace sc;

namespace {

std::string padded(std::string head, std::string body = std::string("\x1f\x8b\x08\x00", 4)) {
  head.resize(512, ' ');
  return head + body;
}

const char* kDaily =
    "ClamAV-VDB:18 Nov 2026 21-12 -0400:27462:2071453:90:b6b505ff2025d4dec937e9dfba52e4c2:X:raynman:1795050720";
const char* kMain =
    "ClamAV-VDB:16 Sep 2021 08-32 -0400:62:6647427:90:9d3ab1d1ac76fd8b6bd5c46e9cfcc7b0:"
    "KIMSnzq6XDRKOU3pbRYDtYSaJvnxDVvkqQ7lcVW5Vq8OUbkIMa63P20NwNpRa0Jl1fcz8kF1NZcAgQ3lUbmlYyaETumn9Ea:raynman:"
    "1631795547";

}  // namespace

TEST_CASE("parse_cvd_header") {
  SUBCASE("daily.cld rebuilt by freshclam") {
    auto r = parse_cvd_header(padded(kDaily));
    REQUIRE(r.ok());
    CHECK(r.header->version == 27462);
    CHECK(r.header->signatures == 2071453);
    CHECK(r.header->flevel == 90);
    CHECK(r.header->dsig == "X");
    CHECK(r.header->builder == "raynman");
    CHECK(r.header->time_text == "18 Nov 2026 21-12 -0400");
    CHECK(r.header->built.time_since_epoch().count() == 1795050720);
    CHECK_FALSE(r.header->built_from_text);
  }
  SUBCASE("main.cvd: stime is the build time, agreeing with the text") {
    auto r = parse_cvd_header(padded(kMain));
    REQUIRE(r.ok());
    CHECK(r.header->version == 62);
    CHECK(r.header->built.time_since_epoch().count() == 1631795547);
    auto text = parse_cvd_time_text(r.header->time_text);
    REQUIRE(text);
    CHECK(std::abs((r.header->built - *text).count()) < 60);
  }
  SUBCASE("header line ended by a newline (buildcld copies the .info line)") {
    std::string h = std::string(kDaily) + "\n";
    auto r = parse_cvd_header(padded(h));
    REQUIRE(r.ok());
    CHECK(r.header->built.time_since_epoch().count() == 1795050720);
  }
  SUBCASE("old format without build seconds falls back to the text time") {
    auto r = parse_cvd_header(padded("ClamAV-VDB:02 Mar 2008 14-20 +0100:6000:250000:26:0123456789abcdef:sig:sven"));
    REQUIRE(r.ok());
    CHECK(r.header->built_from_text);
    // 2008-03-02 13:20 UTC
    CHECK(r.header->built.time_since_epoch().count() == 1204464000);
  }
  SUBCASE("a .cud (unsigned) header parses alike") {
    auto r = parse_cvd_header(padded("ClamAV-VDB:19 Nov 2026 03-00 -0500:5:12:90:X:X:sigtool:1795075200"));
    REQUIRE(r.ok());
    CHECK(r.header->version == 5);
  }
  SUBCASE("truncated") {
    std::string h = padded(kDaily).substr(0, 100);
    auto r = parse_cvd_header(h);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("truncated") != std::string::npos);
    CHECK_FALSE(parse_cvd_header("").ok());
  }
  SUBCASE("zeros instead of a header") {
    auto r = parse_cvd_header(std::string(600, '\0'));
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("ClamAV-VDB") != std::string::npos);
  }
  SUBCASE("version not a number") {
    auto r = parse_cvd_header(padded("ClamAV-VDB:18 Nov 2026 21-12 -0400:27x62:2071453:90:X:X:raynman:1795050720"));
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("version") != std::string::npos);
  }
  SUBCASE("missing builder") {
    CHECK_FALSE(parse_cvd_header(padded("ClamAV-VDB:18 Nov 2026 21-12 -0400:27462:2071453:90:X:X")).ok());
    CHECK_FALSE(parse_cvd_header(padded("ClamAV-VDB:18 Nov 2026 21-12 -0400:27462:2071453:90:X:X::1795050720")).ok());
  }
  SUBCASE("garbage build seconds is corrupt, not zero") {
    auto r = parse_cvd_header(padded("ClamAV-VDB:18 Nov 2026 21-12 -0400:27462:2071453:90:X:X:raynman:17950x"));
    CHECK_FALSE(r.ok());
  }
  SUBCASE("no seconds and an unreadable text time") {
    auto r = parse_cvd_header(padded("ClamAV-VDB:yesterday:27462:2071453:90:X:X:raynman"));
    CHECK_FALSE(r.ok());
  }
  SUBCASE("binary bytes inside the header") {
    std::string h = padded(kDaily);
    h[20] = '\x01';
    CHECK_FALSE(parse_cvd_header(h).ok());
  }
  SUBCASE("version beyond 32 bits") {
    CHECK_FALSE(
        parse_cvd_header(padded("ClamAV-VDB:18 Nov 2026 21-12 -0400:99999999999:1:90:X:X:raynman:1795050720")).ok());
  }
  SUBCASE("random bytes never crash") {
    std::mt19937 rng(42);
    std::string prefix = "ClamAV-VDB:";
    for (int i = 0; i < 2000; ++i) {
      std::string s = (i % 2 ? prefix : "");
      std::size_t n = rng() % 700;
      for (std::size_t k = 0; k < n; ++k) s.push_back(static_cast<char>(i % 3 ? (rng() % 96 + 32) : rng() % 256));
      auto r = parse_cvd_header(s);
      CHECK((r.ok() || !r.error.empty()));
    }
  }
}

TEST_CASE("parse_cvd_time_text") {
  SUBCASE("negative offset") {
    auto t = parse_cvd_time_text("18 Nov 2026 21-12 -0400");
    REQUIRE(t);
    CHECK(t->time_since_epoch().count() == 1795050720);
  }
  SUBCASE("positive offset") {
    auto t = parse_cvd_time_text("19 Nov 2026 09-12 +0800");
    REQUIRE(t);
    CHECK(t->time_since_epoch().count() == 1795050720);
  }
  SUBCASE("bad forms") {
    CHECK_FALSE(parse_cvd_time_text("18 Nov 2026 21:12 -0400"));
    CHECK_FALSE(parse_cvd_time_text("31 Feb 2026 21-12 -0400"));
    CHECK_FALSE(parse_cvd_time_text("18 Nox 2026 21-12 -0400"));
    CHECK_FALSE(parse_cvd_time_text("18 Nov 2026 25-12 -0400"));
    CHECK_FALSE(parse_cvd_time_text("18 Nov 2026 21-12"));
    CHECK_FALSE(parse_cvd_time_text(""));
  }
}

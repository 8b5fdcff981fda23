// Tests for checks/apt_history: history.log stanzas (successful, failed,
// unfinished), dpkg.log actions vs trigger processing, and the search
// through rotated and gzipped logs of fixture roots.
#include "checks/patch/apt_history.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "agent/core/host.hpp"
#include "support/temp_dir.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {
Zone shanghai() { return *Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai"); }
}  // namespace

TEST_CASE("parse_log_time") {
  Zone z = shanghai();
  auto t = parse_log_time("2026-06-06  20:09:44", z);
  REQUIRE(t);
  CHECK(z.iso(*t) == "2026-06-06T20:09:44+08:00");
  CHECK(parse_log_time("2026-06-06 20:09:44", z) == t);
  CHECK_FALSE(parse_log_time("2026-13-06 20:09:44", z));
  CHECK_FALSE(parse_log_time("", z));
}

TEST_CASE("parse_apt_history") {
  Zone z = shanghai();
  const char* text =
      "\nStart-Date: 2026-11-02  10:15:01\nCommandline: apt-get upgrade -y\nRequested-By: admin (1000)\n"
      "Upgrade: openssl:amd64 (3.0.11-1~deb12u1, 3.0.13-1~deb12u1), libssl3:amd64 (3.0.11-1~deb12u1, "
      "3.0.13-1~deb12u1)\n"
      "End-Date: 2026-11-02  10:15:32\n"
      "\nStart-Date: 2026-11-10  09:00:01\nCommandline: apt-get install htop\nInstall: htop:amd64 (3.2.2-2)\n"
      "Error: Sub-process /usr/bin/dpkg returned an error code (1)\nEnd-Date: 2026-11-10  09:00:09\n"
      "\nStart-Date: 2026-11-11  09:00:01\nCommandline: apt-get remove htop\nRemove: htop:amd64 (3.2.2-2)\n"
      "End-Date: 2026-11-11  09:00:03\n"
      "\nStart-Date: 2026-11-12  09:00:01\nCommandline: apt-get upgrade\nUpgrade: vim:amd64 (1, 2)\n"
      "Start-Date: 2026-11-13  09:00:01\nInstall: a:amd64 (1), b:amd64 (2, automatic)\nEnd-Date: 2026-11-13  "
      "09:00:02\n";
  auto e = parse_apt_history(text, z);
  REQUIRE(e.size() == 5);
  SUBCASE("successful upgrade") {
    CHECK(e[0].success());
    CHECK(e[0].upgraded == 2);
    CHECK(z.iso(*e[0].end) == "2026-11-02T10:15:32+08:00");
  }
  SUBCASE("failed run") { CHECK_FALSE(e[1].success()); }
  SUBCASE("remove only is no update") { CHECK_FALSE(e[2].success()); }
  SUBCASE("unfinished run, then the next without a blank line") {
    CHECK_FALSE(e[3].success());
    CHECK(e[4].success());
    CHECK(e[4].installed == 2);
  }
  SUBCASE("random bytes") {
    std::mt19937 rng(3);
    for (int i = 0; i < 100; ++i) {
      std::string junk(std::string(text).substr(0, rng() % 600));
      for (int k = 0; k < 200; ++k) junk.push_back(static_cast<char>(rng()));
      CHECK(parse_apt_history(junk, z).size() <= 6);
    }
  }
}

TEST_CASE("parse_dpkg_log") {
  Zone z = shanghai();
  auto ev = parse_dpkg_log(
      "2026-11-02 10:15:20 startup archives unpack\n"
      "2026-11-02 10:15:20 upgrade openssl:amd64 3.0.11-1~deb12u1 3.0.13-1~deb12u1\n"
      "2026-11-02 10:15:20 status half-installed openssl:amd64 3.0.11-1~deb12u1\n"
      "2026-11-02 10:15:21 install htop:amd64 <none> 3.2.2-2\n"
      "2026-11-02 10:15:22 status installed openssl:amd64 3.0.13-1~deb12u1\n"
      "2026-11-02 10:15:23 trigproc libc-bin:amd64 2.36-9 <none>\n"
      "2026-11-02 10:15:23 status installed libc-bin:amd64 2.36-9\n"
      "2026-11-02 10:15:24 status installed htop:amd64 3.2.2-2\n"
      "garbage\n2026-11-02 10:15:2\n",
      z);
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].action == "upgrade");
  CHECK(ev[0].package == "openssl:amd64");
  CHECK(z.iso(ev[0].time) == "2026-11-02T10:15:22+08:00");
  CHECK(ev[1].action == "install");
  CHECK(ev[1].version == "3.2.2-2");
}

TEST_CASE("find_last_update") {
  fs::path roots = fs::path(SELFCHECK_FIXTURES) / "roots";
  SUBCASE("gzipped rotations only: the newest rotation holds it") {
    Host host({.root = roots / "patch-gz-logs-only"});
    LastUpdate u = find_last_update(host);
    REQUIRE(u.when);
    CHECK(host.zone().iso(*u.when) == "2026-11-02T10:15:32+08:00");
    CHECK(u.file == "/var/log/apt/history.log.1.gz");
    CHECK(u.action == "upgrade");
    CHECK(u.packages == 2);
    CHECK(u.problems.empty());
  }
  SUBCASE("failed and unfinished runs and trigger processing do not count") {
    Host host({.root = roots / "patch-old-last-update"});
    LastUpdate u = find_last_update(host);
    REQUIRE(u.when);
    CHECK(host.zone().iso(*u.when) == "2026-08-01T14:03:40+08:00");
  }
  SUBCASE("no logs") {
    fs::path root = sc::test::unique_temp_dir("no-logs");
    fs::create_directories(root);
    Host host({.root = root});
    LastUpdate u = find_last_update(host);
    CHECK_FALSE(u.when);
    CHECK(u.files_read.empty());
    fs::remove_all(root);
  }
}

TEST_CASE("parse_log_time: years far from 1970 (fuzz regression)") {
  // A nanosecond time_point overflowed (UB) for years beyond ±292 of 1970.
  Zone utc;
  auto t = parse_log_time("7405-11-02 10:15:32", utc);
  REQUIRE(t);
  CHECK(utc.to_civil(*t) == cctz::civil_second(7405, 11, 2, 10, 15, 32));
  auto old = parse_log_time("1000-01-01 00:00:00", utc);
  REQUIRE(old);
  CHECK(utc.to_civil(*old) == cctz::civil_second(1000, 1, 1, 0, 0, 0));
}

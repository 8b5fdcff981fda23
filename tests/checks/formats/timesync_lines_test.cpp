// Tests for checks/timesync_lines: log evidence matchers on real wording.
#include "checks/formats/timesync_lines.hpp"

#include <doctest/doctest.h>

using namespace sc;

static HistoryPatterns patterns() {
  HistoryPatterns p;
  p.time_sync = {{"systemd-timesyncd", "Synchronized to time server for the first time"},
                 {"systemd-timesyncd", "Initial synchronization to time server"},
                 {"systemd-timesyncd", "Synchronized to time server"},
                 {"systemd-timesyncd", "Contacted time server"},
                 {"chronyd", "Selected source"}};
  p.connectivity = {{"NetworkManager", {"NetworkManager state is now CONNECTED_GLOBAL"}},
                    {"NetworkManager", {"connectivity state changed from", "to FULL"}}};
  return p;
}

TEST_CASE("match_history_message") {
  auto p = patterns();
  SUBCASE("timesyncd wordings across versions") {
    auto a = match_history_message("systemd-timesyncd",
                                   "Synchronized to time server 198.51.100.7:123 (0.debian.pool.ntp.org).", p);
    REQUIRE(a);
    CHECK(a->kind == "time_sync");
    CHECK(a->address->str() == "198.51.100.7");
    CHECK(a->server_name == "0.debian.pool.ntp.org");
    auto b = match_history_message(
        "systemd-timesyncd", "Synchronized to time server for the first time 203.0.113.5:123 (ntp.ubuntu.com).", p);
    REQUIRE(b);
    CHECK(b->address->str() == "203.0.113.5");
    auto c =
        match_history_message("systemd-timesyncd[498]",
                              "Initial synchronization to time server [2001:db8:4000::41]:123 (ntp.ubuntu.com).", p);
    REQUIRE(c);
    CHECK(c->address->str() == "2001:db8:4000::41");
    auto d = match_history_message("systemd-timesyncd",
                                   "Contacted time server 203.0.113.20:123 (2.debian.pool.ntp.org).", p);
    REQUIRE(d);
  }
  SUBCASE("chrony") {
    auto a = match_history_message("chronyd", "Selected source 203.0.113.9 (2.debian.pool.ntp.org)", p);
    REQUIRE(a);
    CHECK(a->address->str() == "203.0.113.9");
  }
  SUBCASE("other daemons and non-address text do not match") {
    CHECK_FALSE(match_history_message("bash", "Contacted time server 203.0.113.20:123 (x).", p));
    CHECK_FALSE(
        match_history_message("systemd-timesyncd", "Timed out waiting for reply from 203.0.113.20:123 (x).", p));
    CHECK_FALSE(match_history_message("systemd-timesyncd", "Contacted time server", p));
  }
  SUBCASE("NetworkManager connectivity") {
    auto a = match_history_message(
        "NetworkManager", "<info>  [1795324243.6011] manager: NetworkManager state is now CONNECTED_GLOBAL", p);
    REQUIRE(a);
    CHECK(a->kind == "connectivity");
    CHECK_FALSE(match_history_message(
        "NetworkManager", "<info>  [1795324243.6011] manager: NetworkManager state is now CONNECTED_SITE", p));
    CHECK(match_history_message("NetworkManager",
                                "<info>  [1.2] device (wlp2s0): connectivity state changed from LIMITED to FULL", p));
    CHECK_FALSE(match_history_message(
        "NetworkManager", "<info>  [1.2] device (wlp2s0): connectivity state changed from FULL to LIMITED", p));
  }
}

TEST_CASE("split_syslog_line") {
  SUBCASE("classic") {
    auto s =
        split_syslog_line("Nov  9 09:02:11 pc-0132 systemd-timesyncd[498]: Contacted time server 1.2.3.4:123 (x).");
    REQUIRE(s);
    CHECK(s->stamp == "Nov  9 09:02:11");
    CHECK(s->host == "pc-0132");
    CHECK(s->ident == "systemd-timesyncd");
    CHECK(s->message == "Contacted time server 1.2.3.4:123 (x).");
  }
  SUBCASE("RFC 3339 (rsyslog high-precision)") {
    auto s = split_syslog_line("2026-11-19T09:02:11.123456+08:00 pc-0132 NetworkManager[702]: <info>  [1.2] x");
    REQUIRE(s);
    CHECK(s->stamp == "2026-11-19T09:02:11.123456+08:00");
    CHECK(s->ident == "NetworkManager");
  }
  SUBCASE("not syslog") {
    CHECK_FALSE(split_syslog_line(""));
    CHECK_FALSE(split_syslog_line("Get:1 http://deb.debian.org/debian bookworm InRelease"));
    CHECK_FALSE(split_syslog_line("Nov 19 09:02:11 host"));
  }
}

TEST_CASE("match_apt_fetch") {
  auto a = match_apt_fetch("Get:1 http://deb.debian.org/debian bookworm/main amd64 sl amd64 5.02-1+b1 [12.4 kB]");
  REQUIRE(a);
  CHECK(a->host == "deb.debian.org");
  CHECK(a->url == "http://deb.debian.org/debian");
  CHECK(match_apt_fetch("Hit:2 https://user@[2001:db8::8]:8443/debian bookworm InRelease")->host == "2001:db8::8");
  CHECK(match_apt_fetch("Ign:3 http://10.1.0.8:3142/debian bookworm InRelease")->host == "10.1.0.8");
  CHECK_FALSE(match_apt_fetch("Get: nothing"));
  CHECK_FALSE(match_apt_fetch("Setting up sl (5.02-1+b1) ..."));
  CHECK_FALSE(match_apt_fetch("Get:1 cdrom://[Debian GNU/Linux 12]"));
}

TEST_CASE("apt_log_started") {
  CHECK(apt_log_started("Log started: 2026-11-18  13:20:05") == "2026-11-18 13:20:05");
  CHECK_FALSE(apt_log_started("Log ended: 2026-11-18  13:20:09"));
  CHECK_FALSE(apt_log_started("Log started: junk"));
}

TEST_CASE("match_apt_fetch: a space before \"://\" (fuzz regression)") {
  // The URL ends at the first space; "://" after it threw std::out_of_range.
  CHECK_FALSE(match_apt_fetch("Get:1 a b://host/debian"));
  CHECK_FALSE(match_apt_fetch("Hit:2 x ://"));
  auto f = match_apt_fetch("Get:1 http://deb.debian.org/debian bookworm InRelease");
  REQUIRE(f);
  CHECK(f->host == "deb.debian.org");
}

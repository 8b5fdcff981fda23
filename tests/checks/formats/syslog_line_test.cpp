// Tests for checks/syslog_line: both timestamp forms, tags and pids, the
// kernel uptime prefix, and year inference across New Year.
#include "checks/formats/syslog_line.hpp"

#include <doctest/doctest.h>

using namespace sc;

namespace {
Zone shanghai() { return *Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai"); }
SyslogTimestamp ts_of(std::string_view line) { return *parse_syslog_timestamp(line); }
}  // namespace

TEST_CASE("parse_syslog_line") {
  SUBCASE("classic kernel line with uptime") {
    auto l = parse_syslog_line("Nov 20 10:15:02 PC-0123 kernel: [ 1234.567890] usb 1-1: new high-speed USB device");
    REQUIRE(l);
    CHECK(l->ts.year == 0);
    CHECK(l->ts.month == 11);
    CHECK(l->ts.day == 20);
    CHECK(l->ts.hour == 10);
    CHECK(l->ts.second == 2);
    CHECK_FALSE(l->ts.offset_seconds);
    CHECK(l->host == "PC-0123");
    CHECK(l->tag == "kernel");
    CHECK_FALSE(l->pid);
    CHECK(l->message == "[ 1234.567890] usb 1-1: new high-speed USB device");
  }
  SUBCASE("classic single-digit day is space padded") {
    auto l = parse_syslog_line("Jan  2 03:04:05 host CRON[2231]: (root) CMD (true)");
    REQUIRE(l);
    CHECK(l->ts.month == 1);
    CHECK(l->ts.day == 2);
    CHECK(l->tag == "CRON");
    REQUIRE(l->pid);
    CHECK(*l->pid == 2231);
    CHECK(l->message == "(root) CMD (true)");
  }
  SUBCASE("RFC 3339 high precision") {
    auto l = parse_syslog_line(
        "2026-11-20T10:15:02.123456+08:00 host systemd-timesyncd[601]: Initial synchronization to time server");
    REQUIRE(l);
    CHECK(l->ts.year == 2026);
    CHECK(l->ts.micros == 123456);
    REQUIRE(l->ts.offset_seconds);
    CHECK(*l->ts.offset_seconds == 8 * 3600);
    CHECK(l->tag == "systemd-timesyncd");
    CHECK(*l->pid == 601);
    CHECK(l->message == "Initial synchronization to time server");
  }
  SUBCASE("RFC 3339 with Z and negative offsets") {
    CHECK(*parse_syslog_timestamp("2026-01-01T00:00:00Z host x: y")->offset_seconds == 0);
    CHECK(*parse_syslog_timestamp("2026-01-01T00:00:00.5-05:30 host x: y")->offset_seconds == -(5 * 3600 + 1800));
  }
  SUBCASE("no tag") {
    auto l = parse_syslog_line("Nov 20 10:15:02 host -- MARK --");
    REQUIRE(l);
    CHECK(l->tag.empty());
    CHECK(l->message == "-- MARK --");
  }
  SUBCASE("garbage is refused") {
    CHECK_FALSE(parse_syslog_line(""));
    CHECK_FALSE(parse_syslog_line("Foo 20 10:15:02 host kernel: x"));
    CHECK_FALSE(parse_syslog_line("Nov 20 25:15:02 host kernel: x"));
    CHECK_FALSE(parse_syslog_line("2026-13-20T10:15:02Z host kernel: x"));
    CHECK_FALSE(parse_syslog_line("Nov 20 10:15:02"));
    CHECK_FALSE(parse_syslog_line(std::string_view("\0\0\0\xff", 4)));
  }
}

TEST_CASE("split_kernel_message") {
  SUBCASE("uptime prefix") {
    auto k = split_kernel_message("[ 8465.384812] usb 1-2: new high-speed USB device number 9 using xhci_hcd");
    REQUIRE(k.uptime);
    CHECK(*k.uptime == doctest::Approx(8465.384812));
    CHECK(k.text == "usb 1-2: new high-speed USB device number 9 using xhci_hcd");
  }
  SUBCASE("no prefix (RHEL imjournal, journal)") {
    auto k = split_kernel_message("usb 1-2: USB disconnect, device number 9");
    CHECK_FALSE(k.uptime);
    CHECK(k.text == "usb 1-2: USB disconnect, device number 9");
  }
  SUBCASE("a bracket that is not an uptime") {
    auto k = split_kernel_message("[UFW BLOCK] IN=eth0");
    CHECK_FALSE(k.uptime);
    CHECK(k.text == "[UFW BLOCK] IN=eth0");
  }
}

TEST_CASE("SyslogYears") {
  Zone z = shanghai();
  SUBCASE("December then January: the year turns") {
    SyslogYears y;
    CHECK(y.observe(ts_of("Dec 30 08:00:00 h k: x")) == 0);
    CHECK(y.observe(ts_of("Dec 31 23:59:59 h k: x")) == 0);
    CHECK(y.observe(ts_of("Jan  1 00:00:01 h k: x")) == 1);
    CHECK(y.observe(ts_of("Jan  2 10:00:00 h k: x")) == 1);
    auto as_of = parse_time("2027-01-05T12:00:00+08:00", z);
    int base = y.base_year(*as_of, z);
    CHECK(base == 2026);
    CHECK(z.iso(syslog_time(ts_of("Dec 31 23:59:59 h k: x"), base, z)) == "2026-12-31T23:59:59+08:00");
  }
  SUBCASE("lines a little out of order do not turn the year") {
    SyslogYears y;
    y.observe(ts_of("Dec  1 00:00:02 h k: x"));
    CHECK(y.observe(ts_of("Nov 30 23:59:59 h k: x")) == 0);
  }
  SUBCASE("a last line after the anchor belongs to the year before") {
    SyslogYears y;
    y.observe(ts_of("Nov 20 10:00:00 h k: x"));
    auto as_of = parse_time("2026-03-01T00:00:00+08:00", z);
    CHECK(y.base_year(*as_of, z) == 2025);
  }
  SUBCASE("a line the same day as a date-only --as-of stays in that year") {
    SyslogYears y;
    y.observe(ts_of("Nov 20 10:00:00 h k: x"));
    CHECK(y.base_year(*parse_time("2026-11-20", z), z) == 2026);
  }
  SUBCASE("mtime consistent with the last line") {
    SyslogYears y;
    y.observe(ts_of("Nov 20 10:00:00 h k: x"));
    CHECK(y.consistent_anchor(*parse_time("2026-11-20T10:00:05+08:00", z), z));
    CHECK_FALSE(y.consistent_anchor(*parse_time("2027-03-01T00:00:00+08:00", z), z));
  }
  SUBCASE("lines with a year fix the base") {
    SyslogYears y;
    y.observe(ts_of("2024-12-31T23:00:00+08:00 h k: x"));
    CHECK(y.base_year(*parse_time("2026-11-20", z), z) == 2024);
  }
}

TEST_CASE("syslog_time") {
  Zone z = shanghai();
  Time as_of = *parse_time("2026-11-20T16:00:00+08:00", z);
  auto one_line = [&](std::string_view stamp) {
    SyslogYears y;
    y.observe(*parse_syslog_timestamp(stamp));
    return z.iso(syslog_time(*parse_syslog_timestamp(stamp), y.base_year(as_of, z), z));
  };
  SUBCASE("classic stamp: the latest year not after the anchor") {
    CHECK(one_line("Nov 19 09:02:11") == "2026-11-19T09:02:11+08:00");
    CHECK(one_line("Nov  9 01:02:03") == "2026-11-09T01:02:03+08:00");
    CHECK(one_line("Dec 30 23:00:00") == "2025-12-30T23:00:00+08:00");
  }
  SUBCASE("RFC 3339 stamp keeps its own year and offset") {
    CHECK(z.iso(syslog_time(*parse_syslog_timestamp("2026-11-19T09:02:11.123456+00:00"), 1999, z)) ==
          "2026-11-19T17:02:11+08:00");
  }
  SUBCASE("not a stamp") {
    CHECK_FALSE(parse_syslog_timestamp("Foo 19 09:02:11"));
    CHECK_FALSE(parse_syslog_timestamp("Nov 19 25:02:11"));
    CHECK_FALSE(parse_syslog_timestamp(""));
  }
}

TEST_CASE("rotated_base_years") {
  Zone z = shanghai();
  Time as_of = *parse_time("2027-01-10T12:00:00+08:00", z);
  // syslog.1 (Dec) then syslog (Jan), oldest first.
  std::vector<SyslogYears> years(3);
  years[0].observe(ts_of("Dec 20 08:00:00 h k: x"));
  years[0].observe(ts_of("Dec 31 23:00:00 h k: x"));
  years[2].observe(ts_of("Jan  2 10:00:00 h k: x"));
  years[2].observe(ts_of("Jan  9 10:00:00 h k: x"));
  SUBCASE("no mtimes: the next file's first line anchors the one before") {
    auto base = rotated_base_years(years, {std::nullopt, std::nullopt, std::nullopt}, as_of, z);
    CHECK(base == std::vector<int>{2026, 1970, 2027});
  }
  SUBCASE("a consistent mtime wins over the next file") {
    std::vector<std::optional<Time>> m{*parse_time("2025-12-31T23:00:30+08:00", z), std::nullopt, std::nullopt};
    CHECK(rotated_base_years(years, m, as_of, z)[0] == 2025);
  }
  SUBCASE("an inconsistent mtime (a copy, a checkout) is ignored") {
    std::vector<std::optional<Time>> m{*parse_time("2027-06-01T00:00:00+08:00", z), std::nullopt, std::nullopt};
    CHECK(rotated_base_years(years, m, as_of, z)[0] == 2026);
  }
}

TEST_CASE("parse_syslog_line: pid field too long (fuzz regression)") {
  // More than 10 digits between the brackets: no pid, no overflow (UBSan
  // found `v * 10` overflowing on 20 digits).
  auto l = parse_syslog_line("Nov 20 10:15:02 host kernel[12345678901234567890123]: text");
  REQUIRE(l);
  CHECK(l->tag == "kernel");
  CHECK_FALSE(l->pid);
  CHECK(l->message == "text");
  auto ok = parse_syslog_line("Nov 20 10:15:02 host sshd[9999999999]: text");
  REQUIRE(ok);
  CHECK(ok->pid == 9999999999);
}

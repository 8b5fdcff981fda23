// Tests for the USB history fact: merging sources, year anchors from file
// modification times, hostile log bytes, and nothing written under a root.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "agent/core/host.hpp"
#include "checks/usb/usb_scan.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

Zone shanghai() { return *Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai"); }

fs::path temp_root(const std::string& name) {
  fs::path tmp = fs::temp_directory_path() / ("selfcheck-usbh-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "var/log");
  fs::create_directories(tmp / "etc");
  fs::copy_file("/usr/share/zoneinfo/Asia/Shanghai", tmp / "etc/localtime");
  return tmp;
}

UsbConnectionSeen conn(std::string serial, Time t, std::string family, std::string source) {
  UsbConnectionSeen s;
  s.c.vid = "0781";
  s.c.pid = "5583";
  s.c.serial = std::move(serial);
  s.c.drivers = {"usb-storage"};
  s.connected = s.last = t;
  s.family = std::move(family);
  s.source = std::move(source);
  return s;
}

void set_mtime(const fs::path& p, Time t) {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = t.time_since_epoch().count();
  times[0].tv_nsec = times[1].tv_nsec = 0;
  REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("merge_connections") {
  Zone z = shanghai();
  Time t0 = *parse_time("2026-11-18T10:15:02+08:00", z);
  SUBCASE("the same plug in syslog, kern.log and the journal counts once") {
    auto d =
        merge_connections({conn("S1", t0, "syslog", "/var/log/syslog"), conn("S1", t0, "kern.log", "/var/log/kern.log"),
                           conn("S1", t0 + std::chrono::seconds(1), "journal", "journal")},
                          {}, std::nullopt, std::nullopt);
    REQUIRE(d.size() == 1);
    CHECK(d[0].connections == 1);
    CHECK(d[0].sources == std::vector<std::string>{"/var/log/syslog", "/var/log/kern.log", "journal"});
    CHECK(d[0].kind == UsbKind::storage);
  }
  SUBCASE("boot-time messages stamped late by rsyslog still match the journal") {
    auto d = merge_connections(
        {conn("S1", t0 + std::chrono::seconds(14), "syslog", "/var/log/syslog"), conn("S1", t0, "journal", "journal")},
        {}, t0 - std::chrono::hours(1), t0 + std::chrono::hours(1));
    REQUIRE(d.size() == 1);
    CHECK(d[0].connections == 1);
    CHECK_FALSE(d[0].unconfirmed);
  }
  SUBCASE("two quick plugs in one log stay two") {
    auto d = merge_connections({conn("S1", t0, "syslog", "/var/log/syslog"),
                                conn("S1", t0 + std::chrono::seconds(3), "syslog", "/var/log/syslog")},
                               {}, std::nullopt, std::nullopt);
    REQUIRE(d.size() == 1);
    CHECK(d[0].connections == 2);
  }
  SUBCASE("different serials are different devices") {
    auto d = merge_connections({conn("S1", t0, "syslog", "a"), conn("S2", t0, "syslog", "a")}, {}, std::nullopt,
                               std::nullopt);
    CHECK(d.size() == 2);
  }
  SUBCASE("text-only inside the journal's time is unconfirmed; outside it is trusted") {
    Time from = t0 - std::chrono::hours(1), to = t0 + std::chrono::hours(1);
    auto in = merge_connections({conn("S1", t0, "syslog", "/var/log/syslog")}, {}, from, to);
    CHECK(in[0].unconfirmed);
    auto out = merge_connections({conn("S1", t0 + std::chrono::hours(2), "syslog", "/var/log/syslog")}, {}, from, to);
    CHECK_FALSE(out[0].unconfirmed);
  }
  SUBCASE("ledger times join the log's, earlier connections are kept") {
    UsbSeen l;
    l.vid = "0781";
    l.pid = "5583";
    l.serial = "S1";
    l.connection_times = {t0 - std::chrono::hours(240), t0};
    l.connections = 5;  // 3 whose times were not kept
    l.first_seen = t0 - std::chrono::hours(480);
    l.last_seen = t0;
    auto d = merge_connections({conn("S1", t0, "syslog", "/var/log/syslog")}, {l}, std::nullopt, std::nullopt);
    REQUIRE(d.size() == 1);
    CHECK(d[0].connections == 5);
    CHECK(d[0].first_seen == l.first_seen);
    CHECK(d[0].sources == std::vector<std::string>{"ledger", "/var/log/syslog"});
  }
}

TEST_CASE("scan_text_family") {
  Zone z = shanghai();
  SUBCASE("the file's mtime anchors the year when it fits the last line") {
    fs::path root = temp_root("mtime");
    fs::path src = fs::path(SELFCHECK_FIXTURES) / "roots/usb-classic-yearwrap/var/log";
    fs::copy_file(src / "syslog", root / "var/log/syslog");
    fs::copy_file(src / "syslog.1", root / "var/log/syslog.1");
    set_mtime(root / "var/log/syslog", *parse_time("2027-01-05T11:00:30+08:00", z));
    Host::Options o;
    o.root = root;
    o.as_of = parse_time("2028-06-01T00:00:00+08:00", z);  // much later: mtime decides
    Host host(o);
    UsbHistory h;
    std::vector<UsbConnectionSeen> conns;
    TextLogStats stats;
    scan_text_family(host, "syslog", conns, h, &stats);
    CHECK(stats.files == 2);
    bool found = false;
    for (const auto& c : conns)
      if (c.c.pid == "0749") {
        found = true;
        CHECK(z.iso(c.connected) == "2026-12-31T23:50:12+08:00");
        CHECK(c.source == "/var/log/syslog.1");
      }
    CHECK(found);
    fs::remove_all(root);
  }
  SUBCASE("hostile bytes: NULs, invalid UTF-8, a multi-megabyte line, false needles") {
    fs::path root = temp_root("garbage");
    {
      std::ofstream f(root / "var/log/syslog", std::ios::binary);
      std::mt19937 rng(42);
      for (int i = 0; i < 20000; ++i) {
        std::string line;
        int len = static_cast<int>(rng() % 200);
        for (int k = 0; k < len; ++k) line += static_cast<char>(rng() % 256);
        if (i % 7 == 0) line += "device number ";
        if (i % 11 == 0) line = "Nov 20 10:15:02 h kernel: usb 1-2: new USB device number " + line;
        f << line << '\n';
      }
      f << std::string(5u << 20, 'x') << " device number \n";
      f << "Nov 20 10:15:02 h kernel: usb 1-2: New USB device found, idVendor=0781, idProduct=5583\n";
      f << "Nov 20 10:15:03 h kernel: usb 1-2: SerialNumber: \xff\xfe\x00zz\n";
    }
    Host::Options o;
    o.root = root;
    o.as_of = parse_time("2026-11-20T16:00:00+08:00", z);
    Host host(o);
    UsbHistory h = build_usb_history(host);
    CHECK(h.any_source);
    bool cut = false;
    for (const auto& p : h.problems) cut = cut || p.find("over-long lines") != std::string::npos;
    CHECK(cut);
    for (const auto& d : h.devices) {
      CHECK(d.vid.size() == 4);
      CHECK(d.serial.size() <= 128);
    }
    fs::remove_all(root);
  }
  SUBCASE("an unreadable log is a problem, not a crash") {
    fs::path root = temp_root("dir");
    fs::create_directories(root / "var/log/kern.log");  // a directory where a log should be
    Host::Options o;
    o.root = root;
    Host host(o);
    UsbHistory h;
    std::vector<UsbConnectionSeen> conns;
    scan_text_family(host, "kern.log", conns, h);
    CHECK(conns.empty());
    fs::remove_all(root);
  }
}

TEST_CASE("build_usb_history") {
  SUBCASE("nothing is written under a root other than /") {
    fs::path root = temp_root("nowrite");
    fs::path src = fs::path(SELFCHECK_FIXTURES) / "roots/usb-ledger-rotated";
    fs::copy(src / "var", root / "var", fs::copy_options::recursive);
    auto before = fs::last_write_time(root / "var/lib/selfcheck/usb-ledger.yaml");
    Host::Options o;
    o.root = root;
    Host host(o);
    UsbHistory h = build_usb_history(host);
    CHECK(h.ledger_note.empty());
    CHECK(fs::last_write_time(root / "var/lib/selfcheck/usb-ledger.yaml") == before);
    CHECK(std::distance(fs::directory_iterator(root / "var/lib/selfcheck"), fs::directory_iterator()) == 1);
    fs::remove_all(root);
  }
  SUBCASE("the fact is computed once per host") {
    Host::Options o;
    o.root = fs::path(SELFCHECK_FIXTURES) / "roots/usb-rhel-messages";
    Host host(o);
    const UsbHistory& a = usb_history(host);
    const UsbHistory& b = usb_history(host);
    CHECK(&a == &b);
  }
}

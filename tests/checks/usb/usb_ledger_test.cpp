// Tests for checks/usb_ledger: round trip, and refusal of anything corrupt.
#include "checks/usb/usb_ledger.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_ledger") {
  Zone z = *Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai");
  SUBCASE("format then parse gives the devices back") {
    UsbSeen d;
    d.vid = "0781";
    d.pid = "5583";
    d.serial = "4C531001550917108394";
    d.vendor = "SanDisk \"quoted\"";
    d.product = "Ultra Fit: 闪存";
    d.kind = UsbKind::storage;
    d.drivers = {"usb-storage"};
    d.scsi_disk = true;
    d.first_seen = *parse_time("2026-11-18T10:15:02+08:00", z);
    d.last_seen = *parse_time("2026-11-20T09:20:00+08:00", z);
    d.connection_times = {*d.first_seen, *parse_time("2026-11-20T09:05:30+08:00", z)};
    d.connections = 5;
    Ledger l = parse_ledger(format_ledger({d}, z), z);
    REQUIRE(l.error.empty());
    REQUIRE(l.devices.size() == 1);
    const UsbSeen& r = l.devices[0];
    CHECK(r.vid == "0781");
    CHECK(r.serial == d.serial);
    CHECK(r.vendor == d.vendor);
    CHECK(r.product == d.product);
    CHECK(r.kind == UsbKind::storage);
    CHECK(r.drivers == d.drivers);
    CHECK(r.scsi_disk);
    CHECK(r.first_seen == d.first_seen);
    CHECK(r.last_seen == d.last_seen);
    CHECK(r.connection_times == d.connection_times);
    CHECK(r.connections == 5);
    CHECK(r.sources == std::vector<std::string>{"ledger"});
  }
  SUBCASE("an empty ledger") {
    Ledger l = parse_ledger(format_ledger({}, z), z);
    CHECK(l.error.empty());
    CHECK(l.devices.empty());
  }
  SUBCASE("corrupt ledgers are refused as a whole") {
    for (std::string_view bad : std::initializer_list<std::string_view>{
             "", "[1, 2", "schema: other/1\ndevices: []\n", "schema: selfcheck.usb-ledger/1\ndevices: {a: 1}\n",
             "schema: selfcheck.usb-ledger/1\ndevices: [{vid: xyz, pid: \"0001\"}]\n",
             "schema: selfcheck.usb-ledger/1\ndevices: [{vid: [1], pid: \"0001\"}]\n",
             std::string_view("\x00\xff\xfe", 3)}) {
      Ledger l = parse_ledger(bad, z);
      CHECK_FALSE(l.error.empty());
      CHECK(l.devices.empty());
    }
  }
}

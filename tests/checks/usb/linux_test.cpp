// Tests for the Linux USB gatherer (checks/usb/linux.cpp): history that
// exists but cannot be read (issue 13.1), floods of connections (13.3) and
// forged identities (13.2) on whole temporary machine roots.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "agent/core/host.hpp"
#include "checks/usb/facts.hpp"
#include "checks/usb/linux_test_support.hpp"

using namespace sc;
namespace fs = std::filesystem;

using namespace sc::test_usb;

TEST_CASE("gather_usb_facts_linux: history that exists but cannot be read") {
  SUBCASE("a log that is a directory is unreadable, not read") {
    fs::path root = temp_root("dir");
    write(root / "var/log/syslog", kStick);
    fs::create_directories(root / "var/log/kern.log");
    UsbFacts f = gather(root);
    CHECK(f.any_source);
    CHECK(unreadable_names(f, "/var/log/kern.log", "directory"));
    CHECK(std::find(f.sources_read.begin(), f.sources_read.end(), "/var/log/kern.log") == f.sources_read.end());
    fs::remove_all(root);
  }
  SUBCASE("a journal file libsystemd would skip is unreadable") {
    fs::path root = temp_root("journal");
    write(root / "var/log/syslog", kStick);
    fs::create_directories(root / "var/log/journal/5c9d1a4e7b2f4e8a9c3d6b1e0f2a7c4d");
    write(root / "var/log/journal/5c9d1a4e7b2f4e8a9c3d6b1e0f2a7c4d/system.journal", "not a journal at all\n");
    UsbFacts f = gather(root);
    CHECK(unreadable_names(f, "journal", "bad signature"));
    fs::remove_all(root);
  }
}

TEST_CASE("gather_usb_facts_linux: floods are counted, never silently cut") {
  SUBCASE("300,000 connections of one flapping device, then a real stick") {
    fs::path root = temp_root("flood");
    {
      std::ofstream f(root / "var/log/syslog", std::ios::binary);
      for (int i = 0; i < 300000; ++i) {
        int dev = 2 + i % 120;
        f << "Nov 19 08:00:00 pc kernel: usb 1-5: new full-speed USB device number " << dev << " using xhci_hcd\n"
          << "Nov 19 08:00:00 pc kernel: usb 1-5: New USB device found, idVendor=046d, idProduct=c52b, "
             "bcdDevice=12.11\n"
          << "Nov 19 08:00:01 pc kernel: usb 1-5: USB disconnect, device number " << dev << "\n";
      }
      f << kStick;
    }
    UsbFacts f = gather(root);
    const UsbSeen* flap = device(f, "c52b");
    REQUIRE(flap);
    CHECK(flap->connections == 300000);
    const UsbSeen* stick = device(f, "5583");
    REQUIRE(stick);
    CHECK(stick->serial == "4C531001550917108394");
    CHECK(f.dropped_connections == 0);
    fs::remove_all(root);
  }
  SUBCASE("past the cap on distinct devices, what was left out is said") {
    fs::path root = temp_root("distinct");
    {
      std::ofstream f(root / "var/log/syslog", std::ios::binary);
      for (int i = 0; i < 20100; ++i) {
        f << "Nov 19 08:00:00 pc kernel: usb 1-5: new full-speed USB device number 7 using xhci_hcd\n"
          << "Nov 19 08:00:00 pc kernel: usb 1-5: New USB device found, idVendor=046d, idProduct=c52b\n"
          << "Nov 19 08:00:00 pc kernel: usb 1-5: SerialNumber: FLOOD" << i << "\n"
          << "Nov 19 08:00:01 pc kernel: usb 1-5: USB disconnect, device number 7\n";
      }
    }
    UsbFacts f = gather(root);
    CHECK(f.dropped_connections == 100);
    CHECK(f.distinct_cap == 20000);
    CHECK(std::any_of(f.problems.begin(), f.problems.end(),
                      [](const std::string& p) { return p.find("left out") != std::string::npos; }));
    fs::remove_all(root);
  }
}

TEST_CASE("gather_usb_facts_linux: a firewall burst between a device's own lines") {
  // The slow path after a new device reads a window of lines (issue 14's
  // speed work shortened it): a burst of UFW lines there must not hide the
  // drive's usb-storage line.
  fs::path root = temp_root("burst");
  std::string log = kStick, burst;
  for (int i = 0; i < 300; ++i)
    burst +=
        "Nov 20 10:15:02 pc kernel: [ 100.135000] [UFW BLOCK] IN=wlp2s0 OUT= MAC=01:00:5e:00:00:01 "
        "SRC=192.168.1.1 DST=224.0.0.1 LEN=36 TOS=0x00 PREC=0xC0 TTL=1 ID=0 DF PROTO=2\n";
  log.insert(log.find("Nov 20 10:15:02 pc kernel: [ 100.140000] usb-storage"), burst);
  write(root / "var/log/syslog", log);
  UsbFacts f = gather(root);
  const UsbSeen* stick = device(f, "5583");
  REQUIRE(stick);
  CHECK(stick->kind == UsbKind::storage);
  fs::remove_all(root);
}

TEST_CASE("gather_usb_facts_linux: a forged identity for a plugged-in stick") {
  fs::path root = temp_root("forged");
  std::string log = kStick;
  log.insert(log.find("Nov 20 10:25:02"),
             "Nov 20 10:20:00 pc kernel: usb 1-2: New USB device found, idVendor=0781, idProduct=5567, "
             "bcdDevice= 1.00\n"
             "Nov 20 10:20:00 pc kernel: usb 1-2: SerialNumber: 4C530001230822117223\n");
  write(root / "var/log/syslog", log);
  UsbFacts f = gather(root);
  const UsbSeen* stick = device(f, "5583");
  const UsbSeen* forged = device(f, "5567");
  REQUIRE(stick);
  REQUIRE(forged);
  CHECK(stick->conflict);
  CHECK(forged->conflict);
  CHECK(stick->kind == UsbKind::storage);
  REQUIRE(f.conflicts.size() == 1);
  CHECK(f.conflicts[0].first == "0781:5583 serial 4C531001550917108394");
  CHECK(f.conflicts[0].second == "0781:5567 serial 4C530001230822117223");
  CHECK(f.conflicts[0].where == "port 1-2 device number 9");
  fs::remove_all(root);
}

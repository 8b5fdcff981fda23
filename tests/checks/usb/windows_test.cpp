// Tests for checks/usb/windows.cpp on real bytes: the SYSTEM hive of a real
// Windows 7 machine (regipy's test data, tests/fixtures/windows/samples)
// holds one USB drive, an HP v100w (USB\VID_03F0&PID_3207 and
// USBSTOR\Disk&Ven_HP&Prod_v100w&Rev_1024\AA951D0000007252&0, the Windows 7
// Properties layout), VMware's virtual USB hub and mouse (a composite device
// whose functions join it through ParentIdPrefix), and a virtual SCSI disk
// that is not USB. The System channel sample adds UserPnp 20001/20003.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "agent/core/host.hpp"
#include "checks/usb/facts.hpp"
#include "support/windows_samples.hpp"

using namespace sc;

TEST_CASE("gather_usb_facts_windows") {
  SUBCASE("the real Windows 7 SYSTEM hive: its USBSTOR drive, serial and first install") {
    test::SampleRoot root("usbwin");
    REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
    Host host({.root = root.path(), .live = false});
    REQUIRE(host.os().os == MachineOs::windows);
    UsbFacts f = gather_usb_facts_windows(host);
    CHECK(f.any_source);
    CHECK(f.unreadable.empty());
    auto hp = std::find_if(f.devices.begin(), f.devices.end(), [](const UsbSeen& d) { return d.vid == "03f0"; });
    REQUIRE(hp != f.devices.end());
    CHECK(hp->pid == "3207");
    CHECK(hp->serial == "AA951D0000007252");
    CHECK(hp->vendor == "HP");
    CHECK(hp->product == "v100w");
    CHECK(hp->kind == UsbKind::storage);
    CHECK(hp->serial_case_insensitive);
    // First installed 2011-04-01 04:52:37 UTC (the USB key's FILETIME; the
    // disk's is a second later): 00:52 on the machine's clock (Eastern, DST).
    REQUIRE(hp->first_seen);
    CHECK(host.zone().iso(*hp->first_seen) == "2011-04-01T00:52:37-04:00");
    CHECK(hp->connections == 1);
    CHECK(std::count_if(f.devices.begin(), f.devices.end(),
                        [](const UsbSeen& d) { return d.kind == UsbKind::storage; }) == 1);
    // VMware's mouse is one device with its two functions, not three.
    CHECK(std::count_if(f.devices.begin(), f.devices.end(),
                        [](const UsbSeen& d) { return d.vid == "0e0f" && d.pid == "0003"; }) == 1);
    CHECK(f.missing_from_enum.empty());
    auto mounted = std::find(hp->sources.begin(), hp->sources.end(), "registry MountedDevices");
    CHECK(mounted != hp->sources.end());
  }
  SUBCASE("the real System channel: UserPnp device installs join the devices") {
    test::SampleRoot root("usbwin-evtx");
    REQUIRE(root.add("SYSTEM", "Windows/System32/config/SYSTEM"));
    REQUIRE(root.add("system.evtx", "Windows/System32/winevt/Logs/System.evtx"));
    Host host({.root = root.path(), .live = false});
    UsbFacts f = gather_usb_facts_windows(host);
    CHECK(std::find(f.sources_read.begin(), f.sources_read.end(), "event log System") != f.sources_read.end());
    // USB\VID_0E0F&PID_0008\000650268328 (VMware's virtual Bluetooth) was
    // installed in 2017 on the machine that wrote the log: only the event
    // log knows it, which is what a cleaned registry looks like.
    auto bt = std::find_if(f.devices.begin(), f.devices.end(),
                           [](const UsbSeen& d) { return d.vid == "0e0f" && d.pid == "0008"; });
    REQUIRE(bt != f.devices.end());
    CHECK(bt->serial == "000650268328");
    REQUIRE(bt->first_seen);
    CHECK(host.zone().date(*bt->first_seen).rfind("2017-", 0) == 0);
    CHECK_FALSE(f.missing_from_enum.empty());
  }
  SUBCASE("a corrupt SYSTEM hive is unreadable, never 'no devices'") {
    test::SampleRoot root("usbwin-bad");
    std::filesystem::create_directories(root.path() / "Windows/System32/config");
    std::ofstream(root.path() / "Windows/System32/config/SYSTEM") << "regf and then nothing a hive has";
    Host host({.root = root.path(), .live = false});
    UsbFacts f = gather_usb_facts_windows(host);
    CHECK_FALSE(f.unreadable.empty());
    CHECK(f.devices.empty());
  }
}

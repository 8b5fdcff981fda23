// Tests for checks/usb/windows_merge: Windows USB records from several
// sources tied into devices, each connection counted once, and the devices a
// cleaned registry no longer holds.
#include "checks/usb/windows_merge.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "agent/core/rules.hpp"
#include "checks/usb/usb_rules.hpp"

using namespace sc;
using namespace std::chrono;

namespace {

Time at(int day, int h, int m = 0, int s = 0) {
  return sys_days{year{2026} / 3 / day} + hours{h} + minutes{m} + seconds{s};
}

WinUsbRecord rec(const std::string& instance_id, WinSource from, std::vector<Time> times = {}, std::string service = "",
                 std::string container = "") {
  WinUsbRecord r;
  r.id = *parse_device_reference(instance_id);
  r.from = from;
  r.source = from == WinSource::enum_key ? "registry" : from == WinSource::setupapi ? "setupapi.dev.log" : "other";
  r.times = std::move(times);
  r.service = std::move(service);
  r.container = std::move(container);
  return r;
}

const UsbSeen* find(const WinUsbMerged& m, const std::string& vid, const std::string& serial) {
  for (const auto& d : m.devices)
    if (d.vid == vid && d.serial == serial) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("merge_windows_usb") {
  SUBCASE("USB and USBSTOR keys of one drive are one device, tied by serial") {
    std::vector<WinUsbRecord> rs{
        rec("USB\\VID_0781&PID_5567\\4C530001230822117223", WinSource::enum_key, {at(12, 1, 14, 5)}, "USBSTOR"),
        rec("USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230822117223&0", WinSource::enum_key,
            {at(12, 1, 14, 7), at(18, 2)}, "disk")};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    const UsbSeen& d = m.devices[0];
    CHECK(d.vid == "0781");
    CHECK(d.pid == "5567");
    CHECK(d.serial == "4C530001230822117223");
    CHECK(d.vendor == "SanDisk");
    CHECK(d.product == "Cruzer Blade");
    CHECK(d.kind == UsbKind::storage);
    CHECK(d.scsi_disk);
    CHECK(d.serial_case_insensitive);
    CHECK(d.connections == 2);  // 01:14:05 and 01:14:07 are one connection; the 18th another
    CHECK(d.first_seen == at(12, 1, 14, 5));
    CHECK(d.last_seen == at(18, 2));
    CHECK(m.missing_from_enum.empty());
  }
  SUBCASE("a Windows-made serial: tied by ContainerID, serial empty") {
    std::vector<WinUsbRecord> rs{
        rec("USBSTOR\\Disk&Ven_Generic&Prod_Flash_Disk&Rev_8.07\\7&3a1b2c3d&0&0", WinSource::enum_key, {}, "disk",
            "{1111}"),
        rec("USB\\VID_058F&PID_6387\\6&2c4f8e1a&0&3", WinSource::enum_key, {at(5, 7)}, "USBSTOR", "{1111}")};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].vid == "058f");
    CHECK(m.devices[0].serial == "");
    CHECK(m.devices[0].product == "Flash Disk");
  }
  SUBCASE("a UAS drive: the SCSI disk joins its USB device by ContainerID; internal disks are left out") {
    std::vector<WinUsbRecord> rs{
        rec("USB\\VID_04E8&PID_4001\\S5TANS0R123456K", WinSource::enum_key, {at(9, 6, 30)}, "UASPStor", "{c0ff}"),
        rec("SCSI\\Disk&Ven_Samsung&Prod_PSSD_T7&Rev_0\\7&1a2b3c4d&0&000000", WinSource::enum_key, {}, "disk",
            "{c0ff}"),
        rec("SCSI\\Disk&Ven_NVMe&Prod_SAMSUNG_MZVL2512\\5&2f6a1b3c&0&000000", WinSource::enum_key, {}, "disk",
            "{00000000-0000-0000-ffff-ffffffffffff}")};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].kind == UsbKind::storage);
    CHECK(m.devices[0].vendor == "Samsung");
    CHECK(m.devices[0].product == "PSSD T7");
    CHECK(std::find(m.devices[0].drivers.begin(), m.devices[0].drivers.end(), "uas") != m.devices[0].drivers.end());
  }
  SUBCASE("serials compare case-insensitively across sources") {
    std::vector<WinUsbRecord> rs{rec("USB\\VID_0781&PID_5567\\4c53abc", WinSource::enum_key, {at(1, 1)}, "USBSTOR"),
                                 rec("SWD\\WPDBUSENUM\\_??_USBSTOR#DISK&VEN_SANDISK&PROD_X&REV_1#4C53ABC&0#{53f56307}",
                                     WinSource::setupapi, {at(1, 1, 0, 30)})};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].serial == "4c53abc");  // the registry's spelling
    CHECK(m.devices[0].connections == 1);
  }
  SUBCASE("a cleaned registry: devices only in the logs are named") {
    std::vector<WinUsbRecord> rs{
        rec("USB\\VID_0951&PID_1666\\E0D55EA574F1F3B1A9B70C8F", WinSource::setupapi, {at(1, 2, 11, 12)}),
        rec("USBSTOR\\Disk&Ven_Kingston&Prod_DataTraveler_3.0&Rev_PMAP\\E0D55EA574F1F3B1A9B70C8F&0",
            WinSource::setupapi, {at(1, 2, 11, 14)}),
        rec("USBSTOR\\Disk&Ven_Kingston&Prod_DataTraveler_3.0&Rev_PMAP\\E0D55EA574F1F3B1A9B70C8F&0",
            WinSource::mounted_devices)};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].vid == "0951");
    CHECK(m.devices[0].vendor == "Kingston");
    CHECK(m.devices[0].connections == 1);
    REQUIRE(m.missing_from_enum.size() == 1);
    CHECK(m.missing_from_enum[0].find("E0D55EA574F1F3B1A9B70C8F") != std::string::npos);
    CHECK(m.missing_from_enum[0].find("setupapi.dev.log") != std::string::npos);
    CHECK(merge_windows_usb(rs, false).missing_from_enum.empty());  // Enum keys unread: nothing to compare
  }
  SUBCASE("a disk known only from the logs with no serial tie joins the USB device installed just before it") {
    std::vector<WinUsbRecord> rs{
        rec("USB\\VID_090C&PID_1000\\6&1a&0&1", WinSource::setupapi, {at(2, 3, 0, 0)}),
        rec("USBSTOR\\Disk&Ven_SMI&Prod_USB_DISK&Rev_1100\\7&2b&0&0", WinSource::setupapi, {at(2, 3, 0, 4)})};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].vid == "090c");
    CHECK(m.devices[0].kind == UsbKind::storage);
  }
  SUBCASE("a disk no source ties to a USB device keeps an empty vid/pid") {
    std::vector<WinUsbRecord> rs{rec("USBSTOR\\Disk&Ven_A&Prod_B&Rev_1\\SER9&0", WinSource::mounted_devices)};
    auto m = merge_windows_usb(rs, true);
    REQUIRE(m.devices.size() == 1);
    CHECK(m.devices[0].vid == "");
    CHECK(m.devices[0].serial == "SER9");
    CHECK(m.devices[0].connections == 1);
    CHECK_FALSE(m.devices[0].first_seen);
  }
  SUBCASE("composite phone: interfaces join the parent (ParentIdPrefix), services give the drivers") {
    auto parent = rec("USB\\VID_05AC&PID_12A8\\00008030001A2B3C", WinSource::enum_key, {at(10, 8)}, "usbaapl64");
    parent.parent_prefix = "7&1c3e4f5a&0";
    auto eth = rec("USB\\VID_05AC&PID_12A8&MI_02\\7&1c3e4f5a&0&0002", WinSource::enum_key, {}, "netaapl64");
    auto mtp = rec("USB\\VID_2717&PID_FF40\\5d8c7a0b", WinSource::enum_key, {at(2, 6)}, "WUDFWpdMtp");
    auto wpd = rec("SWD#WPDBUSENUM#_??_USB#VID_2717&PID_FF40#5D8C7A0B#{6ac27878}", WinSource::wpd);
    wpd.name = "Redmi Note 8";
    wpd.mtp = true;
    auto m = merge_windows_usb({eth, parent, mtp, wpd}, true);
    REQUIRE(m.devices.size() == 2);
    const UsbSeen* apple = find(m, "05ac", "00008030001A2B3C");
    REQUIRE(apple);
    // Apple Mobile Ethernet: tethering by the one list in rules/usb.yaml, not by a list of the merge's own.
    CHECK(apple->kind == UsbKind::other);
    UsbRules rules = parse_usb_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
    CHECK(rules.is_tethering(*apple));
    UsbSeen modem = *apple;
    modem.vid = "2c7c";  // Quectel: no phone maker
    modem.pid = "0125";
    modem.drivers = {"cdc_mbim"};  // a driver only usb.yaml's list names
    CHECK(rules.kind(modem) == UsbKind::network);
    auto has = [](const UsbSeen& d, const char* drv) {
      return std::find(d.drivers.begin(), d.drivers.end(), drv) != d.drivers.end();
    };
    CHECK(has(*apple, "ipheth"));
    CHECK(has(*apple, "usbaapl"));
    const UsbSeen* mi = find(m, "2717", "5d8c7a0b");
    REQUIRE(mi);
    CHECK(mi->product == "Redmi Note 8");
    CHECK(has(*mi, "mtp"));
  }
}

TEST_CASE("drivers_for_service") {
  CHECK(drivers_for_service("USBSTOR") == std::vector<std::string>{"usb-storage", "USBSTOR"});
  CHECK(drivers_for_service("UASPStor") == std::vector<std::string>{"uas", "UASPStor"});
  CHECK(drivers_for_service("rndismp6") == std::vector<std::string>{"rndis_host", "rndismp6"});
  CHECK(drivers_for_service("UsbNcm") == std::vector<std::string>{"cdc_ncm", "UsbNcm"});
  CHECK(drivers_for_service("HidUsb") == std::vector<std::string>{"HidUsb"});
  CHECK(drivers_for_service("").empty());
}

TEST_CASE("classes_from_ids") {
  CHECK(classes_from_ids({"USB\\Class_08&SubClass_06&Prot_50", "USB\\Class_08", "USB\\Class_FF"}) ==
        std::vector<int>{8, 0xff});
  CHECK(classes_from_ids({"USB\\MS_COMP_MTP", "USB\\Class_x"}).empty());
}

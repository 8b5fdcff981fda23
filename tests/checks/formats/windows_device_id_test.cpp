// Tests for checks/formats/windows_device_id: instance ids and device paths
// as the registry, setupapi.dev.log, event logs and MountedDevices write them.
#include "checks/formats/windows_device_id.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_device_instance_id") {
  SUBCASE("USBSTOR disk: serial without the &N LUN suffix, model words") {
    auto id = parse_device_instance_id("USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230822117223&0");
    REQUIRE(id);
    CHECK(id->usbstor());
    CHECK(id->type == "Disk");
    CHECK(id->vendor == "SanDisk");
    CHECK(id->product == "Cruzer Blade");
    CHECK(id->revision == "1.00");
    CHECK(id->serial == "4C530001230822117223");
    CHECK_FALSE(id->windows_made);
    CHECK(id->instance == "4C530001230822117223&0");
  }
  SUBCASE("the real Windows 7 sample's drive") {
    auto id = parse_device_instance_id("USBSTOR\\Disk&Ven_HP&Prod_v100w&Rev_1024\\AA951D0000007252&0");
    REQUIRE(id);
    CHECK(id->vendor == "HP");
    CHECK(id->product == "v100w");
    CHECK(id->serial == "AA951D0000007252");
  }
  SUBCASE("an instance whose second character is '&' was made up by Windows: no serial") {
    auto id = parse_device_instance_id("USBSTOR\\Disk&Ven_Generic&Prod_Flash_Disk&Rev_8.07\\7&2a8d1b2c&0&0");
    REQUIRE(id);
    CHECK(id->windows_made);
    CHECK(id->serial == "");
    CHECK(id->product == "Flash Disk");
    auto usb = parse_device_instance_id("USB\\VID_0E0F&PID_0003\\6&2ab01149&0&1");
    REQUIRE(usb);
    CHECK(usb->windows_made);
    CHECK(usb->serial == "");
  }
  SUBCASE("a serial that merely contains '&' later keeps it, only a numeric suffix goes") {
    auto id = parse_device_instance_id("USBSTOR\\Disk&Ven_A&Prod_B&Rev_1\\0123&AB&1");
    REQUIRE(id);
    CHECK(id->serial == "0123&AB");
    auto id2 = parse_device_instance_id("USBSTOR\\Disk&Ven_A&Prod_B&Rev_1\\0123&AB");
    REQUIRE(id2);
    CHECK(id2->serial == "0123&AB");
  }
  SUBCASE("USB device: vid/pid lower-case, the serial is the whole instance") {
    auto id = parse_device_instance_id("USB\\VID_0781&PID_5567\\4C530001230822117223");
    REQUIRE(id);
    CHECK(id->usb());
    CHECK(id->vid == "0781");
    CHECK(id->pid == "5567");
    CHECK(id->serial == "4C530001230822117223");
    CHECK(id->interface == "");
    auto lower = parse_device_instance_id("usb\\vid_05ac&pid_12a8\\00008030001a2b3c");
    REQUIRE(lower);
    CHECK(lower->enumerator == "USB");
    CHECK(lower->vid == "05ac");
    CHECK(lower->pid == "12a8");
  }
  SUBCASE("a composite device's function") {
    auto id = parse_device_instance_id("USB\\VID_05AC&PID_12A8&MI_00\\7&1c3e4f5a&0&0000");
    REQUIRE(id);
    CHECK(id->vid == "05ac");
    CHECK(id->interface == "00");
    CHECK(id->windows_made);
  }
  SUBCASE("not a USB id: root hubs, bad hex") {
    auto hub = parse_device_instance_id("USB\\ROOT_HUB20\\5&25f23b66&0");
    REQUIRE(hub);
    CHECK_FALSE(hub->usb());
    auto bad = parse_device_instance_id("USB\\VID_07G1&PID_5567\\X");
    REQUIRE(bad);
    CHECK(bad->vid == "");
  }
  SUBCASE("UAS disk under SCSI") {
    auto id = parse_device_instance_id("SCSI\\Disk&Ven_Samsung&Prod_PSSD_T7&Rev_0\\7&1a2b3c4d&0&000000");
    REQUIRE(id);
    CHECK(id->scsi());
    CHECK(id->vendor == "Samsung");
    CHECK(id->product == "PSSD T7");
    CHECK(id->serial == "");
  }
  SUBCASE("malformed") {
    CHECK_FALSE(parse_device_instance_id(""));
    CHECK_FALSE(parse_device_instance_id("USBSTOR"));
    CHECK_FALSE(parse_device_instance_id("USBSTOR\\Disk"));
    CHECK_FALSE(parse_device_instance_id("USBSTOR\\\\x"));
    CHECK_FALSE(parse_device_instance_id("A\\B\\C\\D"));
    CHECK_FALSE(parse_device_instance_id("US B\\x\\y"));
    CHECK_FALSE(parse_device_instance_id(std::string(600, 'A') + "\\B\\C"));
  }
  SUBCASE("untrusted bytes come out clean") {
    const char raw[] = "USBSTOR\\Disk&Ven_\x01\xff&Prod_x\\S\x7f";
    auto id = parse_device_instance_id(std::string_view(raw, sizeof raw - 1));
    REQUIRE(id);
    CHECK(id->vendor == "??");
    CHECK(id->serial == "S?");
  }
}

TEST_CASE("parse_device_path") {
  SUBCASE("MountedDevices value text") {
    auto id = parse_mounted_device(
        "_??_USBSTOR#Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00#4C530001230822117223&0#{53f56307-b6bf-11d0-94f2-"
        "00a0c91efb8b}");
    REQUIRE(id);
    CHECK(id->usbstor());
    CHECK(id->serial == "4C530001230822117223");
    CHECK(id->product == "Cruzer Blade");
  }
  SUBCASE("fixed disks are not paths") {
    CHECK_FALSE(parse_mounted_device("DMIO:ID:\x12\x34"));
    CHECK_FALSE(parse_mounted_device("\x9c\x4e\x1a\x2b"));
    CHECK_FALSE(parse_mounted_device("_??_IDE#DiskST3500#5&1&0&0.0.0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}"));
  }
  SUBCASE("Windows Portable Devices keys wrap the USBSTOR device, upper-cased") {
    auto w7 = parse_device_path(
        "WPDBUSENUMROOT#UMB#2&37C186B&1&STORAGE#VOLUME#_??_USBSTOR#DISK&VEN_SANDISK&PROD_CRUZER_BLADE&REV_1.00#"
        "4C530001230822117223&0#");
    REQUIRE(w7);
    CHECK(w7->usbstor());
    CHECK(w7->serial == "4C530001230822117223");
    auto w10 = parse_device_path(
        "SWD#WPDBUSENUM#_??_USBSTOR#DISK&VEN_SANDISK&PROD_CRUZER_BLADE&REV_1.00#4C530001230822117223&0#{53F56307-"
        "B6BF-11D0-94F2-00A0C91EFB8B}");
    REQUIRE(w10);
    CHECK(w10->vendor == "SANDISK");
  }
  SUBCASE("an MTP phone") {
    auto id =
        parse_device_path("SWD#WPDBUSENUM#_??_USB#VID_2717&PID_FF40#5D8C7A0B#{6ac27878-a6fa-4155-ba85-f98f491d4f33}");
    REQUIRE(id);
    CHECK(id->usb());
    CHECK(id->vid == "2717");
    CHECK(id->pid == "ff40");
    CHECK(id->serial == "5D8C7A0B");
  }
  SUBCASE("a WPD device without a USB path") {
    CHECK_FALSE(parse_device_path("SWD#WPDBUSENUM#{2D8D4C9F-0F31-11E6-9C1A-000C29B8A5F9}#0000000000100000"));
    CHECK_FALSE(parse_device_path("STORAGE#VOLUME#x"));
  }
  SUBCASE("references: instance ids, SWD wrappers, paths") {
    auto a = parse_device_reference(
        "SWD\\WPDBUSENUM\\_??_USBSTOR#Disk&Ven_A&Prod_B&Rev_1#SER1&0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}");
    REQUIRE(a);
    CHECK(a->usbstor());
    CHECK(a->serial == "SER1");
    auto b = parse_device_reference("  USB\\VID_0781&PID_5567\\4C53  ");
    REQUIRE(b);
    CHECK(b->serial == "4C53");
    auto c =
        parse_device_reference("\\\\?\\USBSTOR#Disk&Ven_A&Prod_B&Rev_1#SER2&0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}");
    REQUIRE(c);
    CHECK(c->serial == "SER2");
    CHECK_FALSE(parse_device_reference("HID\\VID_0E0F&PID_000A&COL01"));
  }
}

TEST_CASE("same_serial_ci") {
  CHECK(same_serial_ci("4c530001230822117223", "4C530001230822117223"));
  CHECK_FALSE(same_serial_ci("4C53", "4C530"));
  CHECK(same_serial_ci("", ""));
}

TEST_CASE("id_words") {
  CHECK(id_words("Cruzer_Blade") == "Cruzer Blade");
  CHECK(id_words("v100w___") == "v100w");
}

// Tests for checks/usb_rules: the shipped rules, overrides, and refusals.
#include "checks/usb/usb_rules.hpp"

#include <doctest/doctest.h>

#include "agent/core/errors.hpp"

using namespace sc;

namespace {
UsbSeen dev(std::string vid, std::string pid, std::string product = "", std::vector<std::string> drivers = {}) {
  UsbSeen d;
  d.vid = vid;
  d.pid = pid;
  d.product = product;
  d.drivers = drivers;
  return d;
}
}  // namespace

TEST_CASE("parse_usb_rules") {
  UsbRules r = parse_usb_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
  SUBCASE("phones by vendor and product id, never by vendor alone") {
    CHECK(r.kind(dev("2717", "ff48")) == UsbKind::phone);                  // Xiaomi MTP
    CHECK(r.kind(dev("12d1", "107e")) == UsbKind::phone);                  // Huawei MTP
    CHECK(r.kind(dev("05ac", "12a8")) == UsbKind::phone);                  // iPhone
    CHECK(r.kind(dev("05ac", "024f")) == UsbKind::other);                  // Apple keyboard
    CHECK(r.kind(dev("12d1", "1506", "", {"option"})) == UsbKind::other);  // Huawei modem
    CHECK(r.kind(dev("12d1", "14dc", "", {"cdc_ether"})) == UsbKind::network);
  }
  SUBCASE("MTP/PTP hints and phone drivers") {
    CHECK(r.phone_reason(dev("2717", "9999", "Android MTP Device")) == "MTP");  // a phone maker's vid
    CHECK(r.phone_reason(dev("1234", "0001", "SMTPX")).empty());                // whole words only
    CHECK(r.phone_reason(dev("1234", "0001", "", {"ipheth"})) == "ipheth");
  }
  SUBCASE("storage and tethering from drivers") {
    CHECK(r.kind(dev("0781", "5583", "", {"usb-storage"})) == UsbKind::storage);
    CHECK(r.kind(dev("04e8", "4001", "", {"uas"})) == UsbKind::storage);
    CHECK(r.kind(dev("0b95", "1790", "", {"cdc_ncm"})) == UsbKind::network);
  }
  SUBCASE("an override replaces a phone by id and appends new ones") {
    auto base = YamlDoc::load_file(std::string(SELFCHECK_SOURCE_RULES_DIR) + "/usb.yaml");
    auto over = YamlDoc::load_string(
        "phones:\n  - {id: xiaomi, vid: \"2717\", pids: [\"ff48\"]}\n  - {id: acme, vid: \"1234\", pids: "
        "[\"0001-0010\"]}\n"
        "phone_hints: []\n",
        "/etc/selfcheck/rules.d/usb.yaml");
    UsbRules o = parse_usb_rules(Rules::from_docs({base, over}));
    CHECK(o.kind(dev("2717", "ff48")) == UsbKind::phone);
    CHECK(o.kind(dev("2717", "ff40")) == UsbKind::other);
    CHECK(o.kind(dev("1234", "0005")) == UsbKind::phone);
    CHECK(o.phones.size() == r.phones.size() + 1);
  }
  SUBCASE("bad rules are refused with file:line:column") {
    auto bad = [](std::string text) {
      return parse_usb_rules(Rules::from_docs({YamlDoc::load_string(text, "usb.yaml")}));
    };
    CHECK_THROWS_WITH_AS(bad("phones:\n  - {id: x, vid: \"12g1\", pids: [\"0001\"]}\n"),
                         doctest::Contains("usb.yaml:2:"), ConfigError);
    CHECK_THROWS_WITH_AS(bad("phones:\n  - {id: x, vid: \"12d1\", pids: [\"0010-0001\"]}\n"),
                         doctest::Contains("ends before it starts"), ConfigError);
    CHECK_THROWS_WITH_AS(bad("phone_vendors: []\n"), doctest::Contains("unknown key 'phone_vendors'"), ConfigError);
    CHECK_THROWS_WITH_AS(bad("storage_drivers: usb-storage\n"), doctest::Contains("expected a list"), ConfigError);
    CHECK_THROWS_WITH_AS(bad("phones:\n  - {id: x, pids: [\"0001\"]}\n"), doctest::Contains("missing key 'vid'"),
                         ConfigError);
  }
}

// Issue 14: kinds as real devices present themselves.
TEST_CASE("parse_usb_rules: real devices") {
  UsbRules r = parse_usb_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
  SUBCASE("Google's adb, fastboot and accessory modes are phones") {
    for (const char* pid : {"4ee0", "4ee3", "4ee4", "4ee7", "2d00", "2d01"}) {
      CAPTURE(pid);
      CHECK(r.kind(dev("18d1", pid)) == UsbKind::phone);
    }
  }
  SUBCASE("'MTP' or 'Android' alone make no phone") {
    // Quectel EC25 LTE modem: "Manufacturer: Android", "Product: Android".
    UsbSeen modem = dev("2c7c", "0125", "Android", {"option", "qmi_wwan"});
    modem.vendor = "Android";
    CHECK(r.phone_reason(modem).empty());
    CHECK(r.kind(modem) == UsbKind::network);
    CHECK(r.kind(dev("04a9", "32b4", "Canon Digital Camera MTP")) == UsbKind::other);  // a camera
    // A ZTE modem (a phone maker's vendor id) calling itself Android, bound to modem drivers.
    CHECK(r.phone_reason(dev("19d2", "1405", "Android", {"cdc_ether"})).empty());
    // A phone maker's unlisted product speaking MTP is still a phone.
    CHECK(r.phone_reason(dev("04e8", "6899", "SAMSUNG_Android MTP")) == "MTP");
  }
  SUBCASE("the tethering list is the one in usb.yaml, modems included") {
    for (const char* d : {"rndis_host", "cdc_ether", "cdc_ncm", "ipheth", "cdc_mbim", "qmi_wwan", "huawei_cdc_ncm"}) {
      CAPTURE(d);
      CHECK(r.is_tethering(dev("1234", "0001", "", {d})));
    }
  }
}

TEST_CASE("classify_devices") {
  UsbRules r = parse_usb_rules(Rules::load({SELFCHECK_SOURCE_RULES_DIR}));
  UsbSeen mtp = dev("12d1", "107e", "HUAWEI P30");
  mtp.serial = "WCR0218B27000917";
  UsbSeen storage = dev("12d1", "1037", "Mass Storage", {"usb-storage"});
  storage.serial = "WCR0218B27000917";
  UsbSeen other_stick = dev("12d1", "1037", "Mass Storage", {"usb-storage"});
  other_stick.serial = "0123456789ABCDEF";  // a placeholder many devices share
  UsbSeen generic = dev("0781", "5583", "", {"usb-storage"});
  generic.serial = "0123456789ABCDEF";
  auto c = classify_devices(r, {mtp, storage, other_stick, generic});
  SUBCASE("the handset's mass-storage mode is the phone (model by serial)") {
    CHECK(c[0].kind == UsbKind::phone);
    CHECK(c[1].kind == UsbKind::phone);
    CHECK(c[1].handset == 0);
    CHECK(c[1].phone.find("same handset as 12d1:107e") != std::string::npos);
  }
  SUBCASE("placeholder serials tie nothing together") {
    CHECK(c[2].kind == UsbKind::storage);
    CHECK(c[3].kind == UsbKind::storage);
    CHECK(c[3].handset == 3);
  }
}

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
    CHECK(r.phone_reason(dev("1234", "0001", "Android MTP Device")) == "MTP");
    CHECK(r.phone_reason(dev("1234", "0001", "SMTPX")).empty());  // whole words only
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

// Tests for checks/nmconnection: NetworkManager keyfiles as NM writes them.
#include "checks/formats/nmconnection.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_nmconnection") {
  SUBCASE("wifi with a psk: SSID kept, key not") {
    auto c = parse_nmconnection(
        "[connection]\nid=Office-5G\nuuid=7b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b\ntype=wifi\ninterface-name=wlp2s0\n"
        "timestamp=1795318200\n\n[wifi]\nmode=infrastructure\nssid=Office-5G\n\n[wifi-security]\nkey-mgmt=wpa-psk\n"
        "psk=Sup3rSecretPsk!2026\n");
    CHECK(c.wifi());
    CHECK(c.id == "Office-5G");
    CHECK(c.ssid == "Office-5G");
    CHECK(c.wifi_mode == "infrastructure");
    CHECK(c.timestamp == 1795318200);
    CHECK(c.uuid == "7b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b");
  }
  SUBCASE("non-ASCII SSID as NM's byte list, legacy section names") {
    auto c = parse_nmconnection(
        "[connection]\nid=x\ntype=802-11-wireless\n\n[802-11-wireless]\n"
        "ssid=229;188;160;228;184;137;231;154;132;105;80;104;111;110;101;\n");
    CHECK(c.wifi());
    CHECK(c.ssid == "张三的iPhone");
  }
  SUBCASE("escapes and spaces") {
    auto c = parse_nmconnection("[wifi]\nssid = My\\sNet\\;1 \n");
    CHECK(c.ssid == "My Net;1");
    CHECK(c.type == "wifi");
  }
  SUBCASE("binary SSID shown as hex") {
    auto c = parse_nmconnection("[connection]\ntype=wifi\n[wifi]\nssid=1;2;255;\n");
    CHECK(c.ssid == "0x0102ff");
  }
  SUBCASE("ethernet is not wifi") {
    auto c = parse_nmconnection("[connection]\nid=Wired connection 1\ntype=ethernet\n[ethernet]\n");
    CHECK_FALSE(c.wifi());
  }
  SUBCASE("garbage") {
    CHECK_FALSE(parse_nmconnection(std::string("\0[\xff=\n=", 6)).wifi());
    CHECK(parse_nmconnection("[connection\ntimestamp=99999999999999999999\n").timestamp == std::nullopt);
  }
}

TEST_CASE("display_ssid") {
  CHECK(display_ssid("Guest") == "Guest");
  CHECK(display_ssid("\xe4\xb8") == "0xe4b8");  // cut UTF-8
  CHECK(display_ssid("a\nb") == "0x610a62");
  CHECK(display_ssid("") == "0x");
}

// Tests for checks/wpa_supplicant: wpa_supplicant.conf, ifupdown, netplan, iwd.
#include "checks/formats/wpa_supplicant.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("parse_wpa_supplicant_conf") {
  const char* text =
      "ctrl_interface=DIR=/run/wpa_supplicant GROUP=netdev\nupdate_config=1\n\n"
      "network={\n\tssid=\"ChinaNet-8F2A\"\n\tpsk=\"wpa-conf-secret-99\"\n\tkey_mgmt=WPA-PSK\n}\n\n"
      "network={\n\tssid=4775657374\n\tpsk=0f4a5c3e2b1d\n\tdisabled=1\n}\n"
      "network = {\n  ssid=P\"a\\x20b\"\n}\n"
      "# network={\n#\tssid=\"commented\"\n# }\n";
  auto n = parse_wpa_supplicant_conf(text);
  REQUIRE(n.size() == 3);
  CHECK(n[0].ssid == "ChinaNet-8F2A");
  CHECK_FALSE(n[0].disabled);
  CHECK(n[1].ssid == "Guest");
  CHECK(n[1].disabled);
  CHECK(n[2].ssid == "a b");
  SUBCASE("unterminated block and garbage") {
    CHECK(parse_wpa_supplicant_conf("network={\nssid=\"x\"\n").empty());
    CHECK(parse_wpa_supplicant_conf(std::string("\0}\xff", 3)).empty());
  }
}

TEST_CASE("parse_ifupdown_wireless") {
  auto w = parse_ifupdown_wireless(
      "auto lo\niface lo inet loopback\n\nallow-hotplug wlp2s0\niface wlp2s0 inet dhcp\n\twpa-ssid \"CMCC-Lab\"\n"
      "\twpa-psk  ifupdown-secret-77\n\nallow-hotplug wlan1\niface wlan1 inet manual\n\twpa-conf "
      "/etc/wpa_supplicant/wlan1.conf\n"
      "iface wlan2 inet dhcp\n  wireless-essid Cafe\n  wireless-essid any\n");
  CHECK(w.ssids == std::vector<std::string>{"CMCC-Lab", "Cafe"});
  CHECK(w.wpa_confs == std::vector<std::string>{"/etc/wpa_supplicant/wlan1.conf"});
}

TEST_CASE("parse_netplan_wifi") {
  SUBCASE("access points") {
    auto s = parse_netplan_wifi(
        "network:\n  version: 2\n  wifis:\n    wlp2s0:\n      dhcp4: true\n      access-points:\n"
        "        \"Office-5G\":\n          password: \"secret\"\n        Guest: {}\n");
    CHECK(s == std::vector<std::string>{"Office-5G", "Guest"});
  }
  SUBCASE("no wifis, bad YAML") {
    CHECK(parse_netplan_wifi("network:\n  ethernets:\n    eth0: {dhcp4: true}\n").empty());
    std::string err;
    CHECK(parse_netplan_wifi("network: [\n", &err).empty());
    CHECK_FALSE(err.empty());
  }
}

TEST_CASE("iwd_profile_ssid") {
  CHECK(iwd_profile_ssid("Office.psk") == "Office");
  CHECK(iwd_profile_ssid("=e5bc a0.psk") == "");
  CHECK(iwd_profile_ssid("=e5bca0e4b889.open") == "张三");
  CHECK(iwd_profile_ssid("settings.conf") == "");
  CHECK(iwd_profile_ssid(".psk") == "");
}

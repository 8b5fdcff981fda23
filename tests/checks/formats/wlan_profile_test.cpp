// Tests for checks/formats/wlan_profile on profiles as Windows writes them
// (netsh wlan export profile layout, WLANProfile schema v1).
#include "checks/formats/wlan_profile.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sc;

namespace {

const char* kWpa2 = R"(<?xml version="1.0"?>
<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
	<name>ChinaNet-8a3F</name>
	<SSIDConfig>
		<SSID>
			<hex>4368696E614E65742D38613346</hex>
			<name>ChinaNet-8a3F</name>
		</SSID>
	</SSIDConfig>
	<connectionType>ESS</connectionType>
	<connectionMode>auto</connectionMode>
	<MSM>
		<security>
			<authEncryption>
				<authentication>WPA2PSK</authentication>
				<encryption>AES</encryption>
				<useOneX>false</useOneX>
			</authEncryption>
			<sharedKey>
				<keyType>passPhrase</keyType>
				<protected>false</protected>
				<keyMaterial>S3cr3t-Passw0rd-9931</keyMaterial>
			</sharedKey>
		</security>
	</MSM>
</WLANProfile>
)";

}  // namespace

TEST_CASE("parse_wlan_profile") {
  SUBCASE("WPA2 personal with a plain-text key: names only") {
    std::string err;
    auto p = parse_wlan_profile(kWpa2, &err);
    REQUIRE_MESSAGE(p, err);
    CHECK(p->name == "ChinaNet-8a3F");
    REQUIRE(p->ssids.size() == 1);
    CHECK(p->ssids[0] == "ChinaNet-8a3F");
    CHECK(p->connection_type == "ESS");
    CHECK(p->connection_mode == "auto");
    CHECK(p->authentication == "WPA2PSK");
    CHECK(p->has_key);
    // No field holds any part of the key.
    for (const std::string* s : {&p->name, &p->connection_type, &p->connection_mode, &p->authentication})
      CHECK(s->find("S3cr3t") == std::string::npos);
  }
  SUBCASE("an SSID given only in hex (non-UTF-8 names)") {
    auto p = parse_wlan_profile(
        "<WLANProfile xmlns=\"http://www.microsoft.com/networking/WLAN/profile/v1\"><name>x</name>"
        "<SSIDConfig><SSID><hex>E58A9EE585AC</hex></SSID></SSIDConfig></WLANProfile>");
    REQUIRE(p);
    REQUIRE(p->ssids.size() == 1);
    CHECK(p->ssids[0] == "\xE5\x8A\x9E\xE5\x85\xAC");  // 办公
  }
  SUBCASE("UTF-16 with a byte-order mark") {
    std::string ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><WLANProfile><name>Cafe</name></WLANProfile>";
    std::string u16 = "\xFF\xFE";
    for (char c : ascii) {
      u16 += c;
      u16 += '\0';
    }
    auto p = parse_wlan_profile(u16);
    REQUIRE(p);
    CHECK(p->name == "Cafe");
  }
  SUBCASE("not a profile, malformed, garbage") {
    std::string err;
    CHECK_FALSE(parse_wlan_profile("<Other/>", &err));
    CHECK(err == "not a WLANProfile document");
    CHECK_FALSE(parse_wlan_profile("<WLANProfile><name>x</WLANProfile>", &err));
    CHECK(err.find("mismatched tag") != std::string::npos);
    CHECK_FALSE(parse_wlan_profile(std::string("\0\xff<\x01", 4)));
    CHECK_FALSE(parse_wlan_profile(""));
  }
  SUBCASE("deep nesting is refused, not recursed") {
    std::string deep = "<WLANProfile>";
    for (int i = 0; i < 200; ++i) deep += "<a>";
    for (int i = 0; i < 200; ++i) deep += "</a>";
    deep += "</WLANProfile>";
    std::string err;
    CHECK_FALSE(parse_wlan_profile(deep, &err));
    CHECK(err == "elements nested too deeply");
  }
}

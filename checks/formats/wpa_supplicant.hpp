// Saved Wi-Fi networks outside NetworkManager: wpa_supplicant.conf network
// blocks, ifupdown wireless stanzas (/etc/network/interfaces), netplan
// "wifis", and iwd's profile file names. SSIDs only; keys are never kept.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct WpaNetwork {
  std::string ssid;  // display form (display_ssid)
  bool disabled = false;
};

// network={ ssid="…" | ssid=hex | ssid=P"…" … } blocks.
std::vector<WpaNetwork> parse_wpa_supplicant_conf(std::string_view text);

struct IfupdownWireless {
  std::vector<std::string> ssids;      // wpa-ssid / wireless-essid
  std::vector<std::string> wpa_confs;  // wpa-conf paths (followed by the probe)
};
IfupdownWireless parse_ifupdown_wireless(std::string_view text);

// netplan YAML: network.wifis.<iface>.access-points keys. Sets `error` on bad YAML.
std::vector<std::string> parse_netplan_wifi(std::string_view text, std::string* error = nullptr);

// iwd profile file name ("Office.psk", "=e58a9ee585ac.psk") → SSID; "" when not a profile.
std::string iwd_profile_ssid(std::string_view file_name);

}  // namespace sc

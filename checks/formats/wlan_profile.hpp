// A Windows WLAN profile (C:\ProgramData\Microsoft\Wlansvc\Profiles
// \Interfaces\{GUID}\{GUID}.xml, the WLANProfile schema v1): the network's
// name, its SSIDs and how it connects. The key (sharedKey/keyMaterial) is
// never read into memory that outlives the parser's callback, and never
// returned: only names leave this file.
// Schema: learn.microsoft.com "WLAN_profile Schema Elements" (WLANProfile,
// SSIDConfig/SSID/name|hex, connectionType ESS|IBSS, connectionMode auto|manual,
// MSM/security/authEncryption/authentication).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct WlanProfile {
  std::string name;                // <WLANProfile><name>
  std::vector<std::string> ssids;  // SSIDConfig/SSID/name (or hex decoded when printable)
  std::string connection_type;     // ESS | IBSS
  std::string connection_mode;     // auto | manual
  std::string authentication;      // open | WPA2PSK | WPA3SAE | …
  bool has_key = false;            // a sharedKey element exists (its content is never kept)
};

// nullopt with `error` set when the bytes are not a well-formed WLANProfile
// document (expat's message with line:column). Survives any bytes; the
// document is bounded by the caller's read cap.
std::optional<WlanProfile> parse_wlan_profile(std::string_view xml, std::string* error = nullptr);

}  // namespace sc

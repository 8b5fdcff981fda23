// NetworkManager keyfile profiles (/etc/NetworkManager/system-connections/
// *.nmconnection, GKeyFile INI): the connection's name, type and Wi-Fi SSID.
// Secrets ([wifi-security] psk, [802-1x] password …) are never kept.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sc {

struct NmConnection {
  std::string id, uuid, type;  // type "wifi" / "802-11-wireless" / "ethernet" / "gsm" …
  std::string ssid;            // for display (see display_ssid)
  std::string wifi_mode;       // infrastructure | ap | adhoc | mesh, "" when unset
  std::string interface_name;
  std::optional<std::int64_t> timestamp;  // [connection] timestamp= (last activation, Unix seconds)
  bool wifi() const { return type == "wifi" || type == "802-11-wireless"; }
};

NmConnection parse_nmconnection(std::string_view text);

// An SSID's bytes as text for a finding: valid UTF-8 without control
// characters as is, otherwise "0x" + hex.
std::string display_ssid(std::string_view bytes);

// GKeyFile value unescaping (\s \n \t \r \\ and NM's \; ).
std::string keyfile_unescape(std::string_view v);

}  // namespace sc

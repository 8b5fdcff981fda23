// Fuzz target: saved Wi-Fi networks outside NetworkManager: wpa_supplicant.conf
// (sc::parse_wpa_supplicant_conf), ifupdown stanzas, netplan YAML and iwd
// profile names. Privacy property: every secret's value (psk=, password=,
// wep_key0= …, wpa-psk, wireless-key, netplan password:) is replaced by a
// marker the input does not contain; it must not appear in any SSID or path.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/wpa_supplicant.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::string_view kMarker = "Fz7qSecretPsk9X";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool one_of(std::string_view k, std::initializer_list<std::string_view> set) {
  for (auto s : set)
    if (k == s) return true;
  return false;
}

// The line with its secret value replaced, or the line as it was.
std::string mask(std::string_view line) {
  std::string_view t = trim(line);
  const std::size_t indent = static_cast<std::size_t>(t.data() - line.data());
  if (auto eq = t.find('=');
      eq != std::string_view::npos &&
      one_of(trim(t.substr(0, eq)), {"psk", "password", "wep_key0", "wep_key1", "wep_key2", "wep_key3", "sae_password",
                                     "private_key_passwd", "private_key2_passwd", "pin", "pac_file"}))
    return std::string(line.substr(0, indent)) + std::string(t.substr(0, eq + 1)) + "\"" + std::string(kMarker) + "\"";
  if (auto sp = t.find_first_of(" \t");
      sp != std::string_view::npos &&
      one_of(t.substr(0, sp), {"wpa-psk", "wpa-password", "wireless-key", "wireless-key1", "wireless-key2",
                               "wireless-key3", "wireless-key4"}))
    return std::string(line.substr(0, indent)) + std::string(t.substr(0, sp + 1)) + std::string(kMarker);
  if (auto colon = t.find(':');
      colon != std::string_view::npos && one_of(trim(t.substr(0, colon)), {"password", "\"password\"", "psk"}))
    return std::string(line.substr(0, indent)) + std::string(t.substr(0, colon + 1)) + " \"" + std::string(kMarker) +
           "\"";
  return std::string(line);
}

void check_all(const std::vector<std::string>& v) {
  for (const auto& s : v) FUZZ_CHECK(s.find(kMarker) == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (text.find(kMarker) != std::string_view::npos) return 0;
  std::string masked;
  for (std::string_view line : fuzz::lines(text)) masked.append(mask(line)).push_back('\n');

  for (const auto& n : sc::parse_wpa_supplicant_conf(masked)) {
    FUZZ_CHECK(n.ssid.find(kMarker) == std::string::npos);
    FUZZ_CHECK(fuzz::valid_utf8(n.ssid) && !fuzz::has_control(n.ssid));
  }
  auto ifu = sc::parse_ifupdown_wireless(masked);
  check_all(ifu.ssids);
  check_all(ifu.wpa_confs);
  std::string error;
  auto netplan = sc::parse_netplan_wifi(masked, &error);
  // A multi-line YAML key (quoted, or a "? |" block) may hold a whole masked
  // line as part of an SSID: the marker then comes with its key's name.
  for (const auto& s : netplan)
    FUZZ_CHECK(s.find(kMarker) == std::string::npos || s.find("password") != std::string::npos ||
               s.find("psk") != std::string::npos);
  for (std::string_view line : fuzz::lines(text)) {
    std::string s = sc::iwd_profile_ssid(line);
    FUZZ_CHECK(fuzz::valid_utf8(s) && !fuzz::has_control(s));
  }
  return 0;
}

// Fuzz target: NetworkManager keyfiles (sc::parse_nmconnection) and their
// helpers. Privacy property: every secret's value ([wifi-security] psk,
// [802-1x] password, wep-key0 …, any section) is replaced by a marker the
// input does not contain, and a [wifi-security] psk with it is appended;
// the marker must not appear in anything parsed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/nmconnection.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::string_view kMarker = "Fz7qSecretPsk9X";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool secret_key(std::string_view k) {
  for (std::string_view s : {"psk", "password", "wep-key0", "wep-key1", "wep-key2", "wep-key3", "leap-password", "pin",
                             "private-key-password", "phase2-private-key-password", "password-raw"})
    if (k == s) return true;
  return false;
}

void check_text(const std::string& s) { FUZZ_CHECK(s.find(kMarker) == std::string::npos); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (text.find(kMarker) != std::string_view::npos) return 0;
  std::string masked;
  for (std::string_view line : fuzz::lines(text)) {
    auto eq = line.find('=');
    if (eq != std::string_view::npos && secret_key(trim(line.substr(0, eq))))
      masked.append(line.substr(0, eq + 1)).append(kMarker);
    else
      masked.append(line);
    masked.push_back('\n');
  }
  masked.append("[wifi-security]\nkey-mgmt=wpa-psk\npsk=").append(kMarker).append("\n");

  sc::NmConnection c = sc::parse_nmconnection(masked);
  for (const std::string* s : {&c.id, &c.uuid, &c.type, &c.ssid, &c.wifi_mode, &c.interface_name}) check_text(*s);
  FUZZ_CHECK(fuzz::valid_utf8(c.ssid) && !fuzz::has_control(c.ssid));
  (void)c.wifi();

  // The helpers on the raw text.
  std::string shown = sc::display_ssid(text.substr(0, 64));
  FUZZ_CHECK(fuzz::valid_utf8(shown) && !fuzz::has_control(shown));
  (void)sc::keyfile_unescape(text.substr(0, 256));
  return 0;
}

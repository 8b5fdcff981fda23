// Parsers of wpa_supplicant.conf, ifupdown wireless options, netplan wifis
// and iwd profile names.
#include "checks/formats/wpa_supplicant.hpp"

#include <yaml-cpp/yaml.h>

#include "agent/core/text.hpp"
#include "checks/formats/nmconnection.hpp"

namespace sc {

namespace {

// Blanks and stray CRs (CRLF files) around keys, values and lines.
constexpr std::string_view kTrimmed = " \t\r";

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Even-length hex → bytes; nullopt otherwise.
bool unhex(std::string_view s, std::string& out) {
  if (s.empty() || s.size() % 2 || s.size() > 64) return false;
  out.clear();
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int a = hexval(s[i]), b = hexval(s[i + 1]);
    if (a < 0 || b < 0) return false;
    out.push_back(static_cast<char>(a * 16 + b));
  }
  return true;
}

// printf-style escapes of wpa_supplicant's P"…" strings.
std::string unescape_printf(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char n = s[++i];
    if (n == 'x' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
      i += 2;
    } else if (n == 'n')
      out.push_back('\n');
    else if (n == 't')
      out.push_back('\t');
    else if (n == 'e')
      out.push_back('\033');
    else
      out.push_back(n);
  }
  return out;
}

std::string wpa_ssid_value(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return display_ssid(v.substr(1, v.size() - 2));
  if (v.size() >= 3 && v[0] == 'P' && v[1] == '"' && v.back() == '"')
    return display_ssid(unescape_printf(v.substr(2, v.size() - 3)));
  std::string bytes;
  if (unhex(v, bytes)) return display_ssid(bytes);
  return display_ssid(v);
}

template <class F>
void each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    f(trim(text.substr(0, nl), kTrimmed));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace

std::vector<WpaNetwork> parse_wpa_supplicant_conf(std::string_view text) {
  std::vector<WpaNetwork> out;
  bool in_block = false;
  WpaNetwork cur;
  bool have_ssid = false;
  each_line(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    if (!in_block) {
      if (line.rfind("network", 0) == 0) {
        auto rest = trim(line.substr(7), kTrimmed);
        if (!rest.empty() && rest.front() == '=') rest = trim(rest.substr(1), kTrimmed);
        if (rest == "{") {
          in_block = true;
          cur = {};
          have_ssid = false;
        }
      }
      return;
    }
    if (line == "}") {
      if (have_ssid) out.push_back(cur);
      in_block = false;
      return;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) return;
    auto key = trim(line.substr(0, eq), kTrimmed);
    auto val = trim(line.substr(eq + 1), kTrimmed);
    if (key == "ssid") {
      cur.ssid = wpa_ssid_value(val);
      have_ssid = true;
    } else if (key == "disabled") {
      cur.disabled = val == "1";
    }
  });
  return out;
}

IfupdownWireless parse_ifupdown_wireless(std::string_view text) {
  IfupdownWireless out;
  each_line(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    auto sp = line.find_first_of(" \t");
    if (sp == std::string_view::npos) return;
    auto key = line.substr(0, sp);
    auto val = trim(line.substr(sp), kTrimmed);
    if (val.empty()) return;
    if (key == "wpa-ssid" || key == "wireless-essid") {
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      if (key == "wireless-essid" && (val == "any" || val == "off")) return;
      out.ssids.push_back(display_ssid(val));
    } else if (key == "wpa-conf" || key == "wpa-roam") {
      out.wpa_confs.push_back(std::string(val));
    }
  });
  return out;
}

std::vector<std::string> parse_netplan_wifi(std::string_view text, std::string* error) {
  std::vector<std::string> out;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) return out;
    YAML::Node wifis = root["network"].IsMap() ? root["network"]["wifis"] : YAML::Node();
    if (!wifis || !wifis.IsMap()) return out;
    for (const auto& iface : wifis) {
      if (!iface.second.IsMap()) continue;
      YAML::Node aps = iface.second["access-points"];
      if (!aps || !aps.IsMap()) continue;
      for (const auto& ap : aps)
        if (ap.first.IsScalar()) out.push_back(display_ssid(ap.first.Scalar()));
    }
  } catch (const std::exception& e) {
    if (error) *error = e.what();
  }
  return out;
}

std::string iwd_profile_ssid(std::string_view name) {
  std::string_view stem;
  for (std::string_view ext : {".psk", ".open", ".8021x"}) {
    if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext) {
      stem = name.substr(0, name.size() - ext.size());
      break;
    }
  }
  if (stem.empty()) return {};
  if (stem.front() == '=') {
    std::string bytes;
    if (!unhex(stem.substr(1), bytes)) return {};
    return display_ssid(bytes);
  }
  return display_ssid(stem);
}

}  // namespace sc

// GKeyFile reading for NetworkManager profiles: sections, key=value lines,
// the SSID as a string or as NM's ";"-separated byte list (non-ASCII SSIDs).
#include "checks/formats/nmconnection.hpp"

#include <cstdio>

#include "agent/core/text.hpp"

namespace sc {

namespace {

// Blanks and stray CRs (CRLF files) around keys, values and lines.
constexpr std::string_view kTrimmed = " \t\r";

// "229;138;158;" → bytes; nullopt unless the whole value is such a list.
std::optional<std::string> byte_list(std::string_view v) {
  if (v.find(';') == std::string_view::npos) return std::nullopt;
  std::string out;
  int cur = -1;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      cur = (cur < 0 ? 0 : cur) * 10 + (c - '0');
      if (cur > 255) return std::nullopt;
    } else if (c == ';') {
      if (cur < 0) return std::nullopt;
      out.push_back(static_cast<char>(cur));
      cur = -1;
    } else {
      return std::nullopt;
    }
  }
  if (cur >= 0) out.push_back(static_cast<char>(cur));
  if (out.size() > 32) return std::nullopt;  // an SSID is at most 32 bytes
  return out;
}

bool valid_utf8_printable(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    std::size_t n;  // continuation bytes
    if (c < 0x80)
      n = 0;
    else if (c >= 0xc2 && c <= 0xdf)
      n = 1;
    else if (c >= 0xe0 && c <= 0xef)
      n = 2;
    else if (c >= 0xf0 && c <= 0xf4)
      n = 3;
    else
      return false;
    if (n >= s.size() - i) {
      if (n > 0) return false;
    }
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

std::string keyfile_unescape(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 >= v.size()) {
      out.push_back(v[i]);
      continue;
    }
    char n = v[++i];
    switch (n) {
      case 's':
        out.push_back(' ');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      default:
        out.push_back(n);
        break;  // \\ \; and unknown escapes
    }
  }
  return out;
}

std::string display_ssid(std::string_view bytes) {
  if (!bytes.empty() && valid_utf8_printable(bytes)) return std::string(bytes);
  std::string out = "0x";
  char buf[3];
  for (unsigned char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

NmConnection parse_nmconnection(std::string_view text) {
  NmConnection c;
  std::string section;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl), kTrimmed);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      auto close = line.find(']');
      section = std::string(line.substr(1, close == std::string_view::npos ? line.size() - 1 : close - 1));
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, eq), kTrimmed);
    std::string_view raw = trim(line.substr(eq + 1), kTrimmed);
    // Only the keys below are looked at: secrets are never copied anywhere.
    if (section == "connection") {
      if (key == "id")
        c.id = keyfile_unescape(raw);
      else if (key == "uuid")
        c.uuid = std::string(raw);
      else if (key == "type")
        c.type = std::string(raw);
      else if (key == "interface-name")
        c.interface_name = keyfile_unescape(raw);
      else if (key == "timestamp") {
        std::int64_t v = 0;
        bool ok = !raw.empty() && raw.size() <= 12;
        for (char ch : raw) ok = ok && ch >= '0' && ch <= '9';
        if (ok) {
          for (char ch : raw) v = v * 10 + (ch - '0');
          c.timestamp = v;
        }
      }
    } else if (section == "wifi" || section == "802-11-wireless") {
      if (key == "ssid") {
        if (auto bytes = byte_list(raw))
          c.ssid = display_ssid(*bytes);
        else
          c.ssid = display_ssid(keyfile_unescape(raw));
      } else if (key == "mode") {
        c.wifi_mode = std::string(raw);
      }
    }
  }
  if (c.type.empty() && !c.ssid.empty()) c.type = "wifi";  // very old keyfiles
  return c;
}

}  // namespace sc

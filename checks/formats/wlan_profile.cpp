// WLAN profile XML through libexpat (a real XML parser: entities, CDATA,
// encodings declared in the prolog — Windows writes UTF-8 or UTF-16 with a
// BOM). Only the elements named in wlan_profile.hpp are collected; text under
// sharedKey is dropped as it arrives.
#include "checks/formats/wlan_profile.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <memory>

namespace sc {

namespace {

constexpr std::size_t kMaxText = 1024;  // longest element text kept (SSIDs are ≤ 32 bytes)
constexpr std::size_t kMaxSsids = 64;
constexpr int kMaxDepth = 64;

struct State {
  WlanProfile p;
  std::vector<std::string> path;  // local element names from the root
  std::string text;
  bool root_ok = false;
  bool too_deep = false;
};

std::string_view local_name(const char* qname) {
  std::string_view n(qname);
  // expat with a namespace separator gives "uri|local"; without, "prefix:local".
  auto bar = n.rfind('|');
  if (bar != std::string_view::npos) n.remove_prefix(bar + 1);
  auto colon = n.rfind(':');
  if (colon != std::string_view::npos) n.remove_prefix(colon + 1);
  return n;
}

bool in(const State& s, std::initializer_list<std::string_view> tail) {
  if (s.path.size() < tail.size()) return false;
  std::size_t i = s.path.size() - tail.size();
  for (auto t : tail)
    if (s.path[i++] != t) return false;
  return true;
}

bool in_key(const State& s) {
  for (const auto& e : s.path)
    if (e == "sharedKey" || e == "keyMaterial") return true;
  return false;
}

std::string hex_ssid(std::string_view hex) {
  std::string out;
  if (hex.size() % 2 != 0 || hex.size() > 64) return {};
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int a = val(hex[i]), b = val(hex[i + 1]);
    if (a < 0 || b < 0) return {};
    out += static_cast<char>(a * 16 + b);
  }
  return out;
}

void XMLCALL on_start(void* ud, const XML_Char* name, const XML_Char**) {
  auto* s = static_cast<State*>(ud);
  if (s->path.size() >= static_cast<std::size_t>(kMaxDepth)) {
    s->too_deep = true;
    s->path.emplace_back();
    return;
  }
  std::string_view n = local_name(name);
  if (s->path.empty()) s->root_ok = (n == "WLANProfile");
  s->path.emplace_back(n);
  s->text.clear();
}

void XMLCALL on_text(void* ud, const XML_Char* t, int len) {
  auto* s = static_cast<State*>(ud);
  if (in_key(*s)) return;  // the key never leaves expat's buffer
  if (s->text.size() + static_cast<std::size_t>(len) <= kMaxText) s->text.append(t, static_cast<std::size_t>(len));
}

void XMLCALL on_end(void* ud, const XML_Char*) {
  auto* s = static_cast<State*>(ud);
  if (s->path.empty()) return;
  WlanProfile& p = s->p;
  std::string text = s->text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
    text.pop_back();
  std::size_t a = text.find_first_not_of(" \n\r\t");
  text = a == std::string::npos ? std::string() : text.substr(a);
  if (in(*s, {"WLANProfile", "name"})) {
    p.name = text;
  } else if (in(*s, {"SSIDConfig", "SSID", "name"})) {
    if (p.ssids.size() < kMaxSsids && !text.empty()) p.ssids.push_back(text);
  } else if (in(*s, {"SSIDConfig", "SSID", "hex"})) {
    // Used when there is no <name>; taken only if no name follows.
    std::string decoded = hex_ssid(text);
    if (!decoded.empty() && p.ssids.size() < kMaxSsids) p.ssids.push_back("\x01" + decoded);
  } else if (in(*s, {"WLANProfile", "connectionType"})) {
    p.connection_type = text;
  } else if (in(*s, {"WLANProfile", "connectionMode"})) {
    p.connection_mode = text;
  } else if (in(*s, {"authEncryption", "authentication"})) {
    p.authentication = text;
  } else if (s->path.back() == "sharedKey") {
    p.has_key = true;
  }
  s->path.pop_back();
  s->text.clear();
}

}  // namespace

std::optional<WlanProfile> parse_wlan_profile(std::string_view xml, std::string* error) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate(nullptr), XML_ParserFree);
  if (!parser) {
    if (error) *error = "out of memory";
    return std::nullopt;
  }
  State s;
  XML_SetUserData(parser.get(), &s);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    if (error)
      *error =
          fmt::format("{}:{}: {}", XML_GetCurrentLineNumber(parser.get()), XML_GetCurrentColumnNumber(parser.get()) + 1,
                      XML_ErrorString(XML_GetErrorCode(parser.get())));
    return std::nullopt;
  }
  if (!s.root_ok || s.too_deep) {
    if (error) *error = s.too_deep ? "elements nested too deeply" : "not a WLANProfile document";
    return std::nullopt;
  }
  // A <hex> SSID counts only when the SSID had no <name>.
  std::vector<std::string> ssids;
  bool named = false;
  for (const auto& x : s.p.ssids) named = named || x.empty() || x[0] != '\x01';
  for (auto& x : s.p.ssids) {
    if (!x.empty() && x[0] == '\x01') {
      if (!named) ssids.push_back(x.substr(1));
    } else {
      ssids.push_back(x);
    }
  }
  s.p.ssids = std::move(ssids);
  return std::move(s.p);
}

}  // namespace sc

// Parsers of dhclient lease blocks and KEY=value lease files.
#include "checks/formats/dhcp_leases.hpp"

#include "agent/core/text.hpp"

namespace sc {

namespace {

// Blanks and CRs around a lease line or value, and dhclient's closing ';'.
std::string_view trim_lease(std::string_view s) { return trim_back(trim_front(s, " \t\r"), " \t\r;"); }

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return std::string(v.substr(0, 255));
}

// "4 2026/11/19 03:40:30" (weekday, date, time, UTC) → Time.
std::optional<Time> lease_time(std::string_view v) {
  auto sp = v.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::string s(trim_lease(v.substr(sp + 1)));
  if (s.size() != 19 || s[4] != '/' || s[7] != '/') return std::nullopt;
  s[4] = '-';
  s[7] = '-';
  s[10] = 'T';
  return parse_time(s + "Z", Zone());
}

}  // namespace

std::vector<DhcpLease> parse_dhclient_leases(std::string_view text) {
  std::vector<DhcpLease> out;
  bool in = false;
  DhcpLease cur;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim_lease(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!in) {
      if (line == "lease {" || line == "lease6 {") {
        in = true;
        cur = {};
      }
      continue;
    }
    if (line == "}") {
      if (!cur.address.empty() && out.size() < 10000) out.push_back(cur);
      in = false;
      continue;
    }
    auto sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    std::string_view key = line.substr(0, sp), val = trim_lease(line.substr(sp + 1));
    if (key == "interface")
      cur.iface = unquote(val);
    else if (key == "fixed-address")
      cur.address = unquote(val);
    else if (key == "renew" || key == "expire" || key == "rebind") {
      if (auto t = lease_time(val); t && (!cur.renewed || *t < *cur.renewed)) cur.renewed = t;
    } else if (key == "option") {
      auto sp2 = val.find(' ');
      if (sp2 == std::string_view::npos) continue;
      std::string_view name = val.substr(0, sp2), v = trim_lease(val.substr(sp2 + 1));
      if (name == "routers")
        cur.router = unquote(v.substr(0, v.find(',')));
      else if (name == "dhcp-server-identifier")
        cur.server = unquote(v);
      else if (name == "domain-name")
        cur.domain = unquote(v);
    }
  }
  return out;
}

std::optional<DhcpLease> parse_keyvalue_lease(std::string_view text) {
  DhcpLease l;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim_lease(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq), val = line.substr(eq + 1);
    if (key == "ADDRESS")
      l.address = unquote(val);
    else if (key == "ROUTER")
      l.router = unquote(val.substr(0, val.find(' ')));
    else if (key == "SERVER_ADDRESS")
      l.server = unquote(val);
    else if (key == "DOMAINNAME")
      l.domain = unquote(val);
  }
  if (l.address.empty()) return std::nullopt;
  return l;
}

}  // namespace sc

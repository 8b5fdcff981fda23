// Parsing of the Windows Time source string; see w32time_source.hpp.
#include "checks/formats/w32time_source.hpp"

namespace sc {

namespace {

bool printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace

std::optional<W32TimeSource> parse_w32time_source(std::string_view s) {
  if (s.empty() || s.size() > 512 || !printable(s)) return std::nullopt;
  W32TimeSource out;
  std::string_view head = s.substr(0, s.find(' '));
  out.name = std::string(head.substr(0, head.find(',')));
  if (out.name.find_first_of("()|") != std::string::npos) out.name.clear();
  auto arrow = s.find("->");
  if (arrow != std::string_view::npos) {
    std::string_view peer = s.substr(arrow + 2);
    peer = peer.substr(0, peer.find_first_of(") "));
    if (!peer.empty() && peer.front() == '[') {  // [v6]:123
      auto close = peer.find(']');
      if (close != std::string_view::npos) out.address = std::string(peer.substr(1, close - 1));
    } else {
      auto colon = peer.rfind(':');
      // IPv4 "a.b.c.d:123"; a bare IPv6 address has several colons.
      if (colon != std::string_view::npos && peer.find(':') == colon)
        out.address = std::string(peer.substr(0, colon));
      else
        out.address = std::string(peer);
    }
  }
  if (out.name.empty() && out.address.empty()) return std::nullopt;
  return out;
}

}  // namespace sc

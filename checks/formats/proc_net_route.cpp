// Parsers of /proc/net/route and /proc/net/ipv6_route.
#include "checks/formats/proc_net_route.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>  // inet_pton, inet_ntop (ws2_32)
#else
#include <arpa/inet.h>
#endif

#include <cstdint>
#include <cstring>
#include <optional>

namespace sc {

namespace {

constexpr unsigned kRtfUp = 0x0001, kRtfReject = 0x0200;

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size() && out.size() < 32) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::optional<std::uint64_t> hex(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    v = v * 16 + static_cast<std::uint64_t>(d);
  }
  return v;
}

// /proc/net/route prints the in-memory (network order) u32 with %08X, so on
// a little-endian machine the bytes come reversed; memcpy of the value
// restores the network order on the machine that wrote it. Audits read the
// file on the machine itself, so host order is right.
std::string ipv4_text(std::uint32_t v) {
  in_addr a{};
  std::memcpy(&a, &v, 4);
  char buf[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &a, buf, sizeof buf);
  return buf;
}

int mask_bits(std::uint32_t mask_host_order_bytes) {
  int bits = 0;
  for (std::uint32_t m = mask_host_order_bytes; m; m &= m - 1) ++bits;
  return bits;
}

std::optional<std::string> ipv6_text(std::string_view hex32) {
  if (hex32.size() != 32) return std::nullopt;
  std::uint8_t b[16];
  for (int i = 0; i < 16; ++i) {
    auto v = hex(hex32.substr(static_cast<std::size_t>(i) * 2, 2), 2);
    if (!v) return std::nullopt;
    b[i] = static_cast<std::uint8_t>(*v);
  }
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, b, buf, sizeof buf);
  return std::string(buf);
}

template <class F>
void each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    f(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace

std::vector<Route> parse_proc_net_route(std::string_view text) {
  std::vector<Route> out;
  each_line(text, [&](std::string_view line) {
    auto f = fields(line);
    if (f.size() < 8 || f[0] == "Iface") return;
    auto dest = hex(f[1], 8), gw = hex(f[2], 8), flags = hex(f[3], 8), mask = hex(f[7], 8);
    if (!dest || !gw || !flags || !mask) return;
    Route r;
    r.iface = std::string(f[0]);
    r.flags = static_cast<unsigned>(*flags);
    r.destination = ipv4_text(static_cast<std::uint32_t>(*dest)) + "/" +
                    std::to_string(mask_bits(static_cast<std::uint32_t>(*mask)));
    if (*gw != 0) r.gateway = ipv4_text(static_cast<std::uint32_t>(*gw));
    r.is_default = *dest == 0 && *mask == 0 && (r.flags & kRtfUp) && !(r.flags & kRtfReject) && r.iface != "lo";
    out.push_back(std::move(r));
  });
  return out;
}

std::vector<Route> parse_proc_net_ipv6_route(std::string_view text) {
  std::vector<Route> out;
  each_line(text, [&](std::string_view line) {
    auto f = fields(line);
    if (f.size() < 10) return;
    auto dest = ipv6_text(f[0]);
    auto plen = hex(f[1], 2);
    auto gw = ipv6_text(f[4]);
    auto flags = hex(f[8], 8);
    if (!dest || !plen || !gw || !flags || *plen > 128) return;  // not a prefix length (found by fuzz_proc_net_route)
    Route r;
    r.iface = std::string(f[9]);
    r.flags = static_cast<unsigned>(*flags);
    r.destination = *dest + "/" + std::to_string(*plen);
    if (*gw != "::") r.gateway = *gw;
    r.is_default = *dest == "::" && *plen == 0 && (r.flags & kRtfUp) && !(r.flags & kRtfReject) && r.iface != "lo";
    out.push_back(std::move(r));
  });
  return out;
}

}  // namespace sc

// Address parsing with inet_pton and prefix matching for IpNetworks.
#include "checks/formats/ip_networks.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>  // inet_pton, inet_ntop (ws2_32)
#else
#include <arpa/inet.h>
#endif

#include <cstring>

namespace sc {

namespace {

bool is_digits(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  char buf[64];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress a;
  if (text.find(':') == std::string_view::npos) {
    in_addr v4{};
    if (inet_pton(AF_INET, buf, &v4) != 1) return std::nullopt;
    std::memcpy(a.bytes.data(), &v4, 4);
    return a;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, buf, &v6) != 1) return std::nullopt;
  static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6.s6_addr, mapped, 12) == 0) {
    std::memcpy(a.bytes.data(), v6.s6_addr + 12, 4);
    return a;
  }
  a.v6 = true;
  std::memcpy(a.bytes.data(), v6.s6_addr, 16);
  return a;
}

std::string IpAddress::str() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  auto slash = text.find('/');
  auto addr = IpAddress::parse(text.substr(0, slash));
  if (!addr) return std::nullopt;
  IpNetwork n;
  n.base = *addr;
  int max = addr->v6 ? 128 : 32;
  n.prefix = max;
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    if (!is_digits(bits)) return std::nullopt;
    int p = 0;
    for (char c : bits) p = p * 10 + (c - '0');
    // An IPv4-mapped IPv6 network (::ffff:10.0.0.0/104) is stored as IPv4.
    if (!addr->v6 && text.find(':') != std::string_view::npos) p -= 96;
    if (p < 0 || p > max) return std::nullopt;
    n.prefix = p;
  }
  return n;
}

bool IpNetwork::contains(const IpAddress& a) const {
  if (a.v6 != base.v6) return false;
  int full = prefix / 8, rest = prefix % 8;
  if (std::memcmp(a.bytes.data(), base.bytes.data(), static_cast<std::size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a.bytes[static_cast<std::size_t>(full)] & mask) == (base.bytes[static_cast<std::size_t>(full)] & mask);
}

IpNetworks::IpNetworks(const std::vector<std::string>& extra, std::vector<std::string>* bad) {
  for (const char* d : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"})
    nets_.push_back(*IpNetwork::parse(d));
  for (const auto& e : extra) {
    if (auto n = IpNetwork::parse(e))
      nets_.push_back(*n);
    else if (bad)
      bad->push_back(e);
  }
}

bool IpNetworks::internal(const IpAddress& a) const {
  for (const auto& n : nets_)
    if (n.contains(a)) return true;
  return false;
}

bool IpNetworks::never_counts(const IpAddress& a) {
  static const std::vector<IpNetwork> never = [] {
    std::vector<IpNetwork> v;
    for (const char* s : {"0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "224.0.0.0/4",
                          "255.255.255.255/32", "::/128", "::1/128", "fe80::/10", "ff00::/8"})
      v.push_back(*IpNetwork::parse(s));
    return v;
  }();
  for (const auto& n : never)
    if (n.contains(a)) return true;
  return false;
}

std::optional<IpAddress> leading_address(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return IpAddress::parse(text.substr(1, close - 1));
  }
  std::size_t n = 0;
  while (n < text.size() && n < 64) {
    char c = text[n];
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    if (!ok) break;
    ++n;
  }
  std::string_view tok = text.substr(0, n);
  while (!tok.empty() && (tok.back() == '.' || tok.back() == ':')) tok.remove_suffix(1);
  if (tok.empty()) return std::nullopt;
  if (auto a = IpAddress::parse(tok)) return a;
  // "203.0.113.5:123": an IPv4 address with a port.
  auto colon = tok.find(':');
  if (colon != std::string_view::npos && tok.find(':', colon + 1) == std::string_view::npos)
    return IpAddress::parse(tok.substr(0, colon));
  return std::nullopt;
}

}  // namespace sc

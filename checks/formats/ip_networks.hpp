// Address classification for network.internet_history: is an address seen in
// a log "the Internet"? Internal networks (RFC 1918, IPv6 ULA, and the
// config's internal_networks) are not; loopback, link-local, 100.64.0.0/10
// (carrier-grade NAT), unspecified and multicast never count.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// An IPv4 or IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) is stored as IPv4.
struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4
  static std::optional<IpAddress> parse(std::string_view text);
  std::string str() const;
};

struct IpNetwork {
  IpAddress base;
  int prefix = 0;
  // "10.0.0.0/8", "fd00::/8", or a bare address (a /32 or /128).
  static std::optional<IpNetwork> parse(std::string_view text);
  bool contains(const IpAddress& a) const;
};

class IpNetworks {
 public:
  // RFC 1918 + fc00::/7, then `extra` (config internal_networks).
  // Entries that do not parse are returned in `bad` (the config already
  // validates their shape).
  explicit IpNetworks(const std::vector<std::string>& extra = {}, std::vector<std::string>* bad = nullptr);
  bool internal(const IpAddress& a) const;
  // Loopback, link-local, 100.64.0.0/10, unspecified, multicast, broadcast.
  static bool never_counts(const IpAddress& a);
  // An address that is evidence of the Internet: neither internal nor never-counting.
  bool is_public(const IpAddress& a) const { return !never_counts(a) && !internal(a); }

 private:
  std::vector<IpNetwork> nets_;
};

// Finds the address at the start of `text` as logs print it:
// "203.0.113.5:123 (ntp…)", "[2001:db8::1]:123", "2001:db8::1", "203.0.113.5,".
// Returns nullopt when the text does not start with an address.
std::optional<IpAddress> leading_address(std::string_view text);

}  // namespace sc

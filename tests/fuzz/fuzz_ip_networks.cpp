// Fuzz target: address and network parsing for network.internet_history
// (sc::IpAddress, sc::IpNetwork, sc::IpNetworks, sc::leading_address), one
// candidate a line. An address prints and reads back to itself; a network
// contains its own base, and its prefix is in range; the classification is
// consistent (public = neither internal nor never-counting).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/ip_networks.hpp"
#include "fuzz_check.hpp"

namespace {

void check_address(const sc::IpAddress& a) {
  std::string s = a.str();
  FUZZ_CHECK(!s.empty());
  auto back = sc::IpAddress::parse(s);
  FUZZ_CHECK(back && back->v6 == a.v6 && back->bytes == a.bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  std::vector<std::string> extra;
  for (std::string_view line : fuzz::lines(text)) {
    if (extra.size() < 64) extra.emplace_back(line);
    if (auto a = sc::IpAddress::parse(line)) check_address(*a);
    if (auto n = sc::IpNetwork::parse(line)) {
      FUZZ_CHECK(n->prefix >= 0 && n->prefix <= (n->base.v6 ? 128 : 32));
      FUZZ_CHECK(n->contains(n->base));
      check_address(n->base);
    }
    if (auto a = sc::leading_address(line)) check_address(*a);
  }
  std::vector<std::string> bad;
  sc::IpNetworks nets(extra, &bad);
  FUZZ_CHECK(bad.size() <= extra.size());
  for (const auto& e : extra) {
    auto n = sc::IpNetwork::parse(e);
    if (!n) continue;
    FUZZ_CHECK(nets.internal(n->base));  // an internal network's base is internal
  }
  for (std::string_view line : fuzz::lines(text)) {
    auto a = sc::leading_address(line);
    if (!a) continue;
    FUZZ_CHECK(nets.is_public(*a) == (!sc::IpNetworks::never_counts(*a) && !nets.internal(*a)));
  }
  return 0;
}

// Fuzz target: DHCP lease files (sc::parse_dhclient_leases for ISC dhclient
// `lease { … }` blocks, sc::parse_keyvalue_lease for NetworkManager's and
// networkd's KEY=value files). At most one lease per "lease" word; an
// address field that is set is an address.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/dhcp_leases.hpp"
#include "checks/formats/ip_networks.hpp"
#include "fuzz_check.hpp"

namespace {

std::size_t count(std::string_view text, std::string_view word) {
  std::size_t n = 0;
  for (auto p = text.find(word); p != std::string_view::npos; p = text.find(word, p + 1)) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  auto leases = sc::parse_dhclient_leases(text);
  FUZZ_CHECK(leases.size() <= count(text, "lease"));
  for (const auto& l : leases)
    for (const std::string* s : {&l.iface, &l.address, &l.router, &l.server, &l.domain})
      FUZZ_CHECK(s->size() <= text.size());
  if (auto kv = sc::parse_keyvalue_lease(text))
    for (const std::string* s : {&kv->iface, &kv->address, &kv->router, &kv->server, &kv->domain})
      FUZZ_CHECK(s->size() <= text.size());
  return 0;
}

// Small shared pieces of the network facts: accumulating evidence with
// bounds, the offline wording, and public package mirrors.
#include "checks/network/facts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "agent/core/text.hpp"

namespace sc {

void WifiProfiles::add(const std::string& ssid, const std::string& file) {
  if (std::find(ssids.begin(), ssids.end(), ssid) == ssids.end()) ssids.push_back(ssid);
  profiles.push_back(ssid + " (" + file + ")");
}

void History::add_address(std::string a) {
  if (public_addresses.size() < 64) public_addresses.insert(std::move(a));
}

void History::add(std::string e) {
  ++count;
  if (events.size() < kNetworkMaxEvents) events.push_back(std::move(e));
}

bool NetworkRules::public_mirror(std::string_view h) const {
  std::string host = to_lower(h);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (const auto& m : public_mirrors) {
    if (host == m) return true;
    if (host.size() > m.size() && host.ends_with(m) && host[host.size() - m.size() - 1] == '.') return true;
  }
  return false;
}

Text offline_text(std::string_view what_zh, std::string_view what_en) {
  return Text{fmt::format("离线审计:{}只能在被检查的计算机上运行时判断(或使用 --live)", what_zh),
              fmt::format("offline audit: {} can only be decided on the running machine (or with --live)", what_en)};
}

}  // namespace sc

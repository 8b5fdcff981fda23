// The network probe's facts: what the judgement (network.cpp) needs, filled by
// one gatherer per audited OS (linux.cpp, windows.cpp). The judgement never
// asks which OS the facts came from except through these fields.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "checks/formats/ip_networks.hpp"
#include "checks/formats/timesync_lines.hpp"

namespace sc {

class Host;

constexpr std::size_t kNetworkMaxEvents = 20;  // evidence lines kept per finding

// Rules and config the gatherers need (read once by the probe's configure()).
struct NetworkRules {
  std::vector<std::string> syslog_files{"syslog", "messages", "daemon.log"};
  std::vector<std::string> journal_units;
  std::vector<std::string> public_mirrors;
  std::vector<std::string> public_time_servers;  // Windows Time sources that are the Internet
  HistoryPatterns patterns;
  std::shared_ptr<const IpNetworks> nets = std::make_shared<IpNetworks>();
  // A package mirror's host name is public (itself or a subdomain of a listed one).
  bool public_mirror(std::string_view host) const;
};

// Default routes (network.default_route).
struct RouteFacts {
  std::optional<Text> unknown;        // why it cannot be decided (offline audit, unreadable)
  std::vector<std::string> defaults;  // "0.0.0.0/0 via 192.0.2.1 dev eth0"
  std::int64_t checked = 0;           // routes (or interfaces) examined
  std::string source;                 // where they were read ("/proc/net/route", "registry Tcpip")
};

// Wireless adapters (network.wireless).
struct WirelessFacts {
  std::optional<Text> unknown;
  std::vector<std::string> wireless;  // interfaces / adapters that are wireless
  std::vector<std::string> all;       // every interface examined
};

// Saved Wi-Fi networks (network.wifi_profiles): names only, never keys.
struct WifiProfiles {
  std::vector<std::string> ssids;     // unique, in order found
  std::vector<std::string> profiles;  // "SSID (file)"
  std::vector<std::string> problems;
  std::map<std::string, std::string> nm_names;  // NetworkManager uuid → connection id (Linux)
  void add(const std::string& ssid, const std::string& file);
};

// Evidence of Internet use (network.internet_history).
struct History {
  std::vector<std::string> events;  // first kNetworkMaxEvents
  std::int64_t count = 0;
  std::set<std::string> public_addresses;
  std::vector<std::string> networks_joined;
  std::vector<std::string> sources_read;
  std::vector<std::string> problems;
  std::optional<Text> headline;  // the most telling evidence as a sentence (Windows: the last network joined)
  void add_address(std::string a);
  void add(std::string e);
};

struct NetworkFacts {
  RouteFacts routes;
  WirelessFacts wireless;
  WifiProfiles wifi;
  History history;
  // Sources of history the audited OS has (named in the "no logs" reason).
  Text history_sources{"系统日志、journal、apt 日志", "syslog, journal, apt term.log"};
};

// The gatherers, one per audited OS.
NetworkFacts gather_network_linux(const Host& host, const NetworkRules& rules);
NetworkFacts gather_network_windows(const Host& host, const NetworkRules& rules);

// "offline audit: X can only be decided on the running machine (or with --live)".
Text offline_text(std::string_view what_zh, std::string_view what_en);

}  // namespace sc

// The network probe's Linux gatherer: default routes (/proc/net/route, live
// only), wireless interfaces (/sys/class/net, live only), saved Wi-Fi
// networks (NetworkManager, wpa_supplicant, ifupdown, netplan, iwd: SSIDs
// only), and evidence of Internet use in the logs (time sync with public
// servers, NetworkManager connectivity, apt downloads, DHCP leases).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"
#include "agent/core/text.hpp"
#include "checks/formats/dhcp_leases.hpp"
#include "checks/formats/ip_networks.hpp"
#include "checks/formats/nmconnection.hpp"
#include "checks/formats/proc_net_route.hpp"
#include "checks/formats/syslog_line.hpp"
#include "checks/formats/timesync_lines.hpp"
#include "checks/formats/wpa_supplicant.hpp"
#include "checks/linux/log_reader.hpp"
#include "checks/network/facts.hpp"

namespace sc {

namespace {

RouteFacts read_routes(const Host& host) {
  RouteFacts r;
  r.source = "/proc/net/route";
  if (!host.live()) {
    r.unknown = offline_text("路由表", "the routing table");
    return r;
  }
  FileResult v4 = host.read_file("/proc/net/route", 4u << 20);
  if (!v4.ok()) {
    r.unknown = Text{"无法读取路由表:" + v4.error, v4.error};
    return r;
  }
  std::vector<Route> routes = parse_proc_net_route(v4.data);
  FileResult v6 = host.read_file("/proc/net/ipv6_route", 4u << 20);  // missing when IPv6 is off
  if (v6.ok())
    for (auto& x : parse_proc_net_ipv6_route(v6.data)) routes.push_back(std::move(x));
  for (const auto& x : routes)
    if (x.is_default)
      r.defaults.push_back(x.destination + (x.gateway.empty() ? "" : " via " + x.gateway) + " dev " + x.iface);
  r.checked = static_cast<std::int64_t>(routes.size());
  return r;
}

WirelessFacts read_wireless(const Host& host) {
  WirelessFacts w;
  if (!host.live()) {
    w.unknown = offline_text("网卡检查", "network interfaces");
    return w;
  }
  if (!host.is_dir("/sys/class/net")) {
    w.unknown = Text{"无法列出网络接口(/sys/class/net)", "cannot list network interfaces (/sys/class/net)"};
    return w;
  }
  for (const auto& iface : host.list_dir("/sys/class/net")) {
    w.all.push_back(iface);
    std::string base = "/sys/class/net/" + iface;
    if (host.exists(base + "/wireless") || host.exists(base + "/phy80211")) w.wireless.push_back(iface);
  }
  return w;
}

WifiProfiles read_wifi(const Host& host) {
  WifiProfiles w;
  auto read = [&](const std::string& file) -> std::optional<std::string> {
    FileResult r = host.read_file(file, 1u << 20);
    if (r.ok()) return std::move(r.data);
    if (!r.missing) w.problems.push_back(r.error);
    return std::nullopt;
  };
  for (const char* dir : {"/etc/NetworkManager/system-connections", "/run/NetworkManager/system-connections"}) {
    for (const auto& name : host.list_dir(dir)) {
      std::string file = std::string(dir) + "/" + name;
      if (host.is_dir(file) || name.ends_with("~") || name.ends_with(".swp")) continue;
      auto text = read(file);
      if (!text) continue;
      NmConnection c = parse_nmconnection(*text);
      if (!c.uuid.empty()) w.nm_names[c.uuid] = c.id.empty() ? name : c.id;
      if (c.wifi()) w.add(c.ssid.empty() ? c.id : c.ssid, file);
    }
  }
  std::vector<std::string> wpa_files;
  for (const auto& name : host.list_dir("/etc/wpa_supplicant"))
    if (name.ends_with(".conf")) wpa_files.push_back("/etc/wpa_supplicant/" + name);
  std::vector<std::string> ifupdown{"/etc/network/interfaces"};
  for (const auto& name : host.list_dir("/etc/network/interfaces.d"))
    ifupdown.push_back("/etc/network/interfaces.d/" + name);
  for (const auto& file : ifupdown) {
    auto text = read(file);
    if (!text) continue;
    IfupdownWireless iw = parse_ifupdown_wireless(*text);
    for (const auto& ssid : iw.ssids) w.add(ssid, file);
    for (const auto& conf : iw.wpa_confs)
      if (!conf.empty() && conf.front() == '/' &&
          std::find(wpa_files.begin(), wpa_files.end(), conf) == wpa_files.end())
        wpa_files.push_back(conf);
  }
  for (const auto& file : wpa_files) {
    auto text = read(file);
    if (!text) continue;
    for (const auto& n : parse_wpa_supplicant_conf(*text)) w.add(n.ssid, file);
  }
  for (const char* dir : {"/etc/netplan", "/lib/netplan", "/run/netplan"}) {
    for (const auto& name : host.list_dir(dir)) {
      if (!name.ends_with(".yaml")) continue;
      std::string file = std::string(dir) + "/" + name;
      auto text = read(file);
      if (!text) continue;
      std::string err;
      for (const auto& ssid : parse_netplan_wifi(*text, &err)) w.add(ssid, file);
      if (!err.empty()) w.problems.push_back(file + ": " + err);
    }
  }
  for (const auto& name : host.list_dir("/var/lib/iwd")) {
    std::string ssid = iwd_profile_ssid(name);
    if (!ssid.empty()) w.add(ssid, "/var/lib/iwd/" + name);
  }
  return w;
}

void scan_syslog(const Host& host, const NetworkRules& rules, History& h) {
  const Zone& zone = host.zone();
  for (const auto& base : rules.syslog_files) {
    std::vector<std::string> files = rotated_logs(host, "/var/log", base);
    std::vector<SyslogYears> years(files.size());
    // Events kept in h.events whose time waits for the file's year, known
    // once the whole family is read.
    struct Pending {
      std::size_t event, file;
      int year_index;
      SyslogTimestamp ts;
    };
    std::vector<Pending> pending;
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
      const std::string& file = files[fi];
      LineReader reader(host.path(file));
      if (!reader.ok()) {
        h.problems.push_back(reader.error());
        continue;
      }
      h.sources_read.push_back(file);
      std::string_view line;
      while (reader.next(line)) {
        auto sl = parse_syslog_line(line);
        if (!sl) continue;
        int year_index = years[fi].observe(sl->ts);
        auto hit = match_history_message(sl->tag, sl->message, rules.patterns);
        if (!hit) continue;
        std::string what;
        if (hit->kind == "time_sync") {
          if (!hit->address || !rules.nets->is_public(*hit->address)) continue;
          h.add_address(hit->address->str());
          what = fmt::format("time sync with {}{} ({})", hit->address->str(),
                             hit->server_name.empty() ? "" : " (" + hit->server_name + ")", file);
        } else {
          what = fmt::format("NetworkManager connectivity full ({})", file);
        }
        if (h.events.size() < kNetworkMaxEvents) pending.push_back({h.events.size(), fi, year_index, sl->ts});
        h.add(std::move(what));
      }
      if (reader.truncated()) h.problems.push_back(file + ": " + reader.error());
    }
    std::vector<std::optional<Time>> mtimes;
    for (const auto& f : files) mtimes.push_back(host.mtime(f));
    std::vector<int> base_years = rotated_base_years(years, mtimes, host.now(), zone);
    for (const Pending& p : pending)
      h.events[p.event] =
          zone.iso(syslog_time(p.ts, base_years[p.file] + p.year_index, zone)) + " " + h.events[p.event];
  }
}

void scan_journal(const Host& host, const NetworkRules& rules, History& h) {
  std::vector<std::string> idents;
  for (const auto& p : rules.patterns.time_sync)
    if (std::find(idents.begin(), idents.end(), p.ident) == idents.end()) idents.push_back(p.ident);
  for (const auto& p : rules.patterns.connectivity)
    if (std::find(idents.begin(), idents.end(), p.ident) == idents.end()) idents.push_back(p.ident);
  JournalQuery q;
  q.identifiers = std::move(idents);
  q.units = rules.journal_units;
  JournalScan js = read_journal(host, q, [&](std::int64_t usec, std::string_view ident, std::string_view message) {
    auto hit = match_history_message(ident, message, rules.patterns);
    if (!hit) return;
    std::string when = host.zone().iso(Time(std::chrono::seconds(usec / 1000000)));
    if (hit->kind == "time_sync") {
      if (!hit->address || !rules.nets->is_public(*hit->address)) return;
      h.add_address(hit->address->str());
      h.add(fmt::format("{} time sync with {}{} (journal)", when, hit->address->str(),
                        hit->server_name.empty() ? "" : " (" + hit->server_name + ")"));
    } else {
      h.add(fmt::format("{} NetworkManager connectivity full (journal)", when));
    }
  });
  if (js.complete()) h.sources_read.push_back("journal");
  for (auto& p : js.problems) h.problems.push_back(std::move(p));
}

void scan_apt(const Host& host, const NetworkRules& rules, History& h) {
  for (const auto& file : rotated_logs(host, "/var/log/apt", "term.log")) {
    LineReader reader(host.path(file));
    if (!reader.ok()) {
      h.problems.push_back(reader.error());
      continue;
    }
    h.sources_read.push_back(file);
    std::string started;
    std::string_view line;
    std::set<std::string> seen;  // one event per mirror per session
    while (reader.next(line)) {
      if (auto st = apt_log_started(line)) {
        auto t = parse_time(*st, host.zone());
        started = t ? host.zone().iso(*t) : *st;
        seen.clear();
        continue;
      }
      auto fetch = match_apt_fetch(line);
      if (!fetch) continue;
      bool evidence = false;
      if (auto a = IpAddress::parse(fetch->host)) {
        evidence = rules.nets->is_public(*a);
        if (evidence) h.add_address(a->str());
      } else {
        evidence = rules.public_mirror(fetch->host);
      }
      if (!evidence || !seen.insert(fetch->host).second) continue;
      h.add(fmt::format("{} apt download from {} ({})", started.empty() ? "?" : started, fetch->host, file));
    }
  }
}

void scan_leases(const Host& host, const NetworkRules& rules, History& h) {
  auto record = [&](const DhcpLease& l, const std::string& file) {
    std::string when = l.renewed ? " " + host.zone().iso(*l.renewed) : "";
    std::string e = fmt::format("{}{}{}{}{} ({})", l.address, l.iface.empty() ? "" : " on " + l.iface,
                                l.router.empty() ? "" : " via " + l.router,
                                l.domain.empty() ? "" : " domain " + l.domain, when, file);
    if (h.networks_joined.size() < kNetworkMaxEvents * 2) h.networks_joined.push_back(e);
    if (auto a = IpAddress::parse(l.address); a && rules.nets->is_public(*a)) {
      h.add_address(a->str());
      h.add("public DHCP address " + e);
    }
  };
  auto read = [&](const std::string& file) -> std::optional<std::string> {
    FileResult r = host.read_file(file, 4u << 20);
    if (r.ok()) {
      h.sources_read.push_back(file);
      return std::move(r.data);
    }
    if (!r.missing) h.problems.push_back(r.error);
    return std::nullopt;
  };
  for (const char* dir : {"/var/lib/dhcp", "/var/lib/dhclient", "/var/lib/NetworkManager"}) {
    for (const auto& name : host.list_dir(dir)) {
      std::string file = std::string(dir) + "/" + name;
      bool dhclient = name.ends_with(".leases") || (name.rfind("dhclient", 0) == 0 && name.ends_with(".lease"));
      bool internal = name.rfind("internal-", 0) == 0 && name.ends_with(".lease");
      if (!dhclient && !internal) continue;
      auto text = read(file);
      if (!text) continue;
      if (dhclient) {
        for (const auto& l : parse_dhclient_leases(*text)) record(l, file);
      } else if (auto l = parse_keyvalue_lease(*text)) {
        // internal-<uuid>-<iface>.lease
        std::string stem = name.substr(9, name.size() - 9 - 6);
        if (stem.size() > 37 && stem[36] == '-') l->iface = stem.substr(37);
        record(*l, file);
      }
    }
  }
  for (const auto& name : host.list_dir("/run/systemd/netif/leases")) {
    std::string file = "/run/systemd/netif/leases/" + name;
    if (auto text = read(file))
      if (auto l = parse_keyvalue_lease(*text)) record(*l, file);
  }
}

void scan_nm_timestamps(const Host& host, const WifiProfiles& w, History& h) {
  FileResult r = host.read_file("/var/lib/NetworkManager/timestamps", 1u << 20);
  if (!r.ok()) {
    if (!r.missing) h.problems.push_back(r.error);
    return;
  }
  h.sources_read.push_back("/var/lib/NetworkManager/timestamps");
  std::string_view text = r.data;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    auto eq = line.find('=');
    if (eq == std::string_view::npos || line.front() == '[' || line.front() == '#') continue;
    std::string uuid(line.substr(0, eq));
    std::string_view v = line.substr(eq + 1);
    long long secs = 0;
    bool ok = !v.empty() && v.size() <= 12;
    for (char c : v) ok = ok && c >= '0' && c <= '9';
    if (!ok) continue;
    for (char c : v) secs = secs * 10 + (c - '0');
    if (secs == 0) continue;
    auto it = w.nm_names.find(uuid);
    std::string name = it != w.nm_names.end() ? it->second : uuid;
    if (h.networks_joined.size() < kNetworkMaxEvents * 2)
      h.networks_joined.push_back(fmt::format("NetworkManager connection \"{}\" last used {}", name,
                                              host.zone().iso(Time(std::chrono::seconds(secs)))));
  }
}

}  // namespace

NetworkFacts gather_network_linux(const Host& host, const NetworkRules& rules) {
  NetworkFacts f;
  f.routes = read_routes(host);
  f.wireless = read_wireless(host);
  try {
    f.wifi = read_wifi(host);
  } catch (const std::exception& e) {
    f.wifi.problems.push_back(e.what());
  }
  History& h = f.history;
  scan_syslog(host, rules, h);
  scan_journal(host, rules, h);
  scan_apt(host, rules, h);
  scan_leases(host, rules, h);
  scan_nm_timestamps(host, f.wifi, h);
  return f;
}

}  // namespace sc

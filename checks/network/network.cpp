// The network probe: a confidential machine (涉密计算机) must not reach, nor
// ever have reached, the Internet. Live facts (reachability of the configured
// targets, default routes, wireless interfaces) and offline facts (USB
// tethering history, saved Wi-Fi profiles, log evidence of Internet use).
// On any other machine every finding is not_applicable and nothing is tried.
#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <set>
#include <thread>

#include "agent/core/errors.hpp"
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
#include "checks/probes.hpp"
#include "checks/usb/usb_history.hpp"

namespace sc {

namespace {

constexpr std::size_t kMaxEvents = 20;   // evidence lines kept per finding
constexpr std::size_t kMaxTargets = 64;  // connection attempts per scan

struct Target {
  std::string text;  // as configured
  std::string host;  // without brackets
  std::uint16_t port = 0;
};

std::optional<Target> parse_target(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= s.size() || s.size() - colon - 1 > 5)
    return std::nullopt;
  long port = 0;
  for (char c : s.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > 65535) return std::nullopt;
  std::string host = s.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return std::nullopt;  // IPv6 needs brackets: "[2001:db8::1]:53"
  }
  if (host.empty()) return std::nullopt;
  return Target{s, host, static_cast<std::uint16_t>(port)};
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
  return out;
}

Text offline_text(std::string_view what_zh, std::string_view what_en) {
  return Text{fmt::format("离线审计:{}只能在被检查的计算机上运行时判断(或使用 --live)", what_zh),
              fmt::format("offline audit: {} can only be decided on the running machine (or with --live)", what_en)};
}

// Evidence collected for network.internet_history.
struct History {
  std::vector<std::string> events;  // first kMaxEvents
  std::int64_t count = 0;
  std::set<std::string> public_addresses;
  std::vector<std::string> networks_joined;
  std::vector<std::string> sources_read;
  std::vector<std::string> problems;
  void add_address(std::string a) {
    if (public_addresses.size() < 64) public_addresses.insert(std::move(a));
  }
  void add(std::string e) {
    ++count;
    if (events.size() < kMaxEvents) events.push_back(std::move(e));
  }
};

struct WifiProfiles {
  std::vector<std::string> ssids;     // unique, in order found
  std::vector<std::string> profiles;  // "SSID (file)"
  std::vector<std::string> problems;
  std::map<std::string, std::string> nm_names;  // uuid → connection id (all NM profiles)
  void add(const std::string& ssid, const std::string& file) {
    if (std::find(ssids.begin(), ssids.end(), ssid) == ssids.end()) ssids.push_back(ssid);
    profiles.push_back(ssid + " (" + file + ")");
  }
};

class NetworkProbe : public Probe {
 public:
  NetworkProbe();
  std::string_view name() const override { return "network"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules& rules, const Config& config) override;
  std::vector<Finding> run(const Host& host) const override;

 private:
  Finding reachable(const Host& host) const;
  Finding default_route(const Host& host) const;
  Finding wireless(const Host& host) const;
  Finding tethering(const Host& host) const;
  Finding wifi(const Host& host, const WifiProfiles& w) const;
  Finding history(const Host& host, const WifiProfiles& w) const;
  WifiProfiles read_wifi(const Host& host) const;
  void scan_syslog(const Host& host, History& h) const;
  void scan_journal(const Host& host, History& h) const;
  void scan_apt(const Host& host, History& h) const;
  void scan_leases(const Host& host, History& h) const;
  void scan_nm_timestamps(const Host& host, const WifiProfiles& w, History& h) const;
  bool public_mirror(std::string_view host) const;
  const FindingSpec& spec(std::string_view id) const;

  std::vector<FindingSpec> specs_;
  bool confidential_ = false;
  std::vector<std::string> targets_;
  std::vector<std::string> bad_targets_;
  std::vector<std::string> internal_networks_;
  std::unique_ptr<IpNetworks> nets_ = std::make_unique<IpNetworks>();
  milliseconds timeout_{1500};
  std::vector<std::string> tethering_drivers_{"rndis_host", "cdc_ether", "cdc_ncm", "ipheth"};
  std::vector<std::string> syslog_files_{"syslog", "messages", "daemon.log"};
  std::vector<std::string> journal_units_;
  std::vector<std::string> public_mirrors_;
  HistoryPatterns patterns_;
};

NetworkProbe::NetworkProbe() {
  specs_.push_back({"network.internet_reachable", Severity::high, Text{"互联网连通性", "Internet reachability"},
                    Text{"涉密计算机不得连接互联网:配置的探测目标有应答即说明存在通往外部网络的路径。",
                         "A confidential computer must not connect to the Internet: an answer from a configured "
                         "probe target shows a path to outside networks."},
                    Text{"立即断开本机的外部网络连接(拔除网线、禁用网卡),核查连接用途并上报保密管理部门。",
                         "Disconnect the machine from external networks at once (unplug the cable, disable the "
                         "adapter), find out why it was connected and report to the security officer."}});
  specs_.push_back({"network.default_route", Severity::high, Text{"默认路由", "Default route"},
                    Text{"涉密计算机不应有指向其他网络的默认路由。",
                         "A confidential computer should have no default route towards other networks."},
                    Text{"删除默认网关配置(网络设置中清空网关),仅保留涉密网络内部所需的路由。",
                         "Remove the default gateway (clear the gateway in the network settings); keep only the "
                         "routes the confidential network needs."}});
  specs_.push_back({"network.wireless", Severity::high, Text{"无线网卡", "Wireless interface"},
                    Text{"涉密计算机不得配备无线网卡,无线连接可绕过物理隔离。",
                         "A confidential computer must have no wireless adapter: a wireless link bypasses physical "
                         "isolation."},
                    Text{"拆除无线网卡(含内置 Wi-Fi 模块),无法拆除的在 BIOS 中禁用并登记。",
                         "Remove the wireless adapter (including built-in Wi-Fi modules); where it cannot be "
                         "removed, disable it in the firmware setup and record it."}});
  specs_.push_back({"network.tethering_history", Severity::high, Text{"USB 共享网络记录", "USB tethering history"},
                    Text{"手机 USB 共享网络或 USB 上网卡会使涉密计算机连入互联网。",
                         "A phone's USB tethering or a USB modem connects a confidential computer to the Internet."},
                    Text{"核查接入的手机或上网卡及其使用人,对本机进行保密检查;禁止在涉密计算机上连接手机。",
                         "Identify the phone or modem and who connected it, have the machine examined by the "
                         "security officer; forbid connecting phones to confidential computers."}});
  specs_.push_back({"network.wifi_profiles", Severity::high, Text{"已保存的无线网络", "Saved Wi-Fi networks"},
                    Text{"已保存的无线网络配置说明本机曾经或可以连接无线网络。",
                         "Saved Wi-Fi networks show the machine has joined, or can join, a wireless network."},
                    Text{"删除已保存的无线网络配置,查明连接过的无线网络及时间并上报。",
                         "Delete the saved Wi-Fi profiles, find out which wireless networks were joined and when, "
                         "and report it."}});
  specs_.push_back({"network.internet_history", Severity::high, Text{"互联网连接记录", "Internet connection history"},
                    Text{"时间同步、联网检测和软件源下载记录说明本机曾连接互联网。",
                         "Time synchronisation, connectivity checks and package downloads in the logs show the "
                         "machine has reached the Internet."},
                    Text{"查明连接互联网的时间、方式和责任人,对本机进行保密检查;关闭时间同步、联网检测和外部软件源。",
                         "Find out when, how and by whom the machine was connected, have it examined by the "
                         "security officer; disable time synchronisation, connectivity checks and external "
                         "package sources."}});
}

const FindingSpec& NetworkProbe::spec(std::string_view id) const {
  for (const auto& s : specs_)
    if (s.id == id) return s;
  return specs_.front();
}

void NetworkProbe::configure(const Rules& rules, const Config& config) {
  std::vector<std::string> targets;
  std::map<std::string, HistoryPatterns::AddressPhrase> time_sync;
  std::vector<std::string> time_sync_order;
  std::map<std::string, HistoryPatterns::Contains> connectivity;
  std::vector<std::string> connectivity_order;
  for (const YamlDoc* d : rules.docs("network")) {
    if (d->root.IsNull()) continue;
    d->expect_map(d->root, "network rules");
    d->only_keys(d->root, {"targets", "tethering_drivers", "syslog_files", "time_sync", "connectivity", "journal_units",
                           "public_mirrors"});
    if (auto n = d->root["targets"]) {
      targets = d->str_list(n, "targets");
      for (std::size_t i = 0; i < targets.size(); ++i)
        if (!parse_target(targets[i]))
          d->fail(n[i], fmt::format("targets: expected address:port (\"[v6]:port\" for IPv6), found '{}'", targets[i]));
    }
    if (auto n = d->root["tethering_drivers"]) tethering_drivers_ = d->str_list(n, "tethering_drivers");
    if (auto n = d->root["syslog_files"]) syslog_files_ = d->str_list(n, "syslog_files");
    if (auto n = d->root["journal_units"]) journal_units_ = d->str_list(n, "journal_units");
    if (auto n = d->root["public_mirrors"]) public_mirrors_ = d->str_list(n, "public_mirrors");
    if (auto n = d->root["time_sync"]) {
      d->expect_list(n, "time_sync");
      for (const auto& e : n) {
        d->expect_map(e, "time_sync entry");
        d->only_keys(e, {"id", "ident", "phrase"});
        for (const char* k : {"id", "ident", "phrase"})
          if (!e[k]) d->fail(e, fmt::format("time_sync entry needs '{}'", k));
        std::string id = d->str(e["id"], "id");
        HistoryPatterns::AddressPhrase p{d->str(e["ident"], "ident"), d->str(e["phrase"], "phrase")};
        if (p.phrase.empty()) d->fail(e["phrase"], "phrase: expected a non-empty string");
        if (!time_sync.count(id)) time_sync_order.push_back(id);
        time_sync[id] = p;
      }
    }
    if (auto n = d->root["connectivity"]) {
      d->expect_list(n, "connectivity");
      for (const auto& e : n) {
        d->expect_map(e, "connectivity entry");
        d->only_keys(e, {"id", "ident", "all"});
        for (const char* k : {"id", "ident", "all"})
          if (!e[k]) d->fail(e, fmt::format("connectivity entry needs '{}'", k));
        std::string id = d->str(e["id"], "id");
        HistoryPatterns::Contains c{d->str(e["ident"], "ident"), d->str_list(e["all"], "all")};
        if (c.all.empty()) d->fail(e["all"], "all: expected at least one string");
        if (!connectivity.count(id)) connectivity_order.push_back(id);
        connectivity[id] = c;
      }
    }
  }
  patterns_ = {};
  // Longer phrases first: "Synchronized to time server for the first time"
  // before "Synchronized to time server".
  for (const auto& id : time_sync_order) patterns_.time_sync.push_back(time_sync[id]);
  std::stable_sort(patterns_.time_sync.begin(), patterns_.time_sync.end(),
                   [](const auto& a, const auto& b) { return a.phrase.size() > b.phrase.size(); });
  for (const auto& id : connectivity_order) patterns_.connectivity.push_back(connectivity[id]);

  confidential_ = config.classification == Classification::confidential;
  targets_ = config.targets ? *config.targets : targets;
  timeout_ = milliseconds(config.timeout_ms);
  internal_networks_ = config.internal_networks;
  nets_ = std::make_unique<IpNetworks>(internal_networks_);
}

std::vector<Finding> NetworkProbe::run(const Host& host) const {
  std::vector<Finding> out;
  if (!confidential_) {
    for (const auto& s : specs_)
      out.push_back(
          make_finding(s, Status::not_applicable,
                       Text{"非涉密计算机,不检查互联网隔离", "not a confidential machine: isolation not checked"}));
    return out;
  }
  auto guard = [&](std::string_view id, auto&& f) {
    try {
      out.push_back(f());
    } catch (const std::exception& e) {
      out.push_back(
          make_finding(spec(id), Status::unknown,
                       Text{fmt::format("检查出错:{}", e.what()), fmt::format("check failed: {}", e.what())}));
    }
  };
  // Reachability runs while the files are read; it is bounded by the timeout.
  std::future<Finding> reach;
  bool reach_started = false;
  try {
    reach = std::async(std::launch::async, [&] { return reachable(host); });
    reach_started = true;
  } catch (const std::exception&) {
  }
  WifiProfiles w;
  try {
    w = read_wifi(host);
  } catch (const std::exception& e) {
    w.problems.push_back(e.what());
  }
  std::vector<Finding> rest;
  guard("network.default_route", [&] { return default_route(host); });
  guard("network.wireless", [&] { return wireless(host); });
  guard("network.tethering_history", [&] { return tethering(host); });
  guard("network.wifi_profiles", [&] { return wifi(host, w); });
  guard("network.internet_history", [&] { return history(host, w); });
  rest.swap(out);
  guard("network.internet_reachable", [&] { return reach_started ? reach.get() : reachable(host); });
  for (auto& f : rest) out.push_back(std::move(f));
  return out;
}

// --- network.internet_reachable ------------------------------------------------

Finding NetworkProbe::reachable(const Host& host) const {
  const FindingSpec& s = spec("network.internet_reachable");
  if (!host.live()) return make_finding(s, Status::unknown, offline_text("连通性探测", "reachability"));
  std::vector<Target> targets;
  std::vector<std::string> bad;
  for (const auto& t : targets_) {
    if (auto p = parse_target(t))
      targets.push_back(*p);
    else
      bad.push_back(t);
  }
  if (targets.size() > kMaxTargets) targets.resize(kMaxTargets);
  if (targets.empty())
    return make_finding(s, Status::unknown,
                        Text{"未配置探测目标(network.targets)", "no probe targets configured (network.targets)"});
  std::vector<ConnectResult> results(targets.size());
  {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          results[i] = host.connect(targets[i].host, targets[i].port, timeout_);
        } catch (const std::exception& e) {
          results[i].outcome = ConnectOutcome::error;
          results[i].detail = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  std::vector<std::string> lines, accepted, refused, resolved;
  std::size_t errors = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const ConnectResult& r = results[i];
    std::string addr = r.address.empty() || r.address == targets[i].host ? "" : " [" + r.address + "]";
    lines.push_back(fmt::format("{}{}: {} ({} ms{})", targets[i].text, addr, to_string(r.outcome), r.elapsed_ms,
                                r.detail.empty() ? "" : ", " + r.detail));
    if (r.outcome == ConnectOutcome::accepted) accepted.push_back(targets[i].text);
    if (r.outcome == ConnectOutcome::refused) refused.push_back(targets[i].text);
    if (r.detail.rfind("resolved ", 0) == 0) resolved.push_back(targets[i].text);
    if (r.outcome == ConnectOutcome::error) ++errors;
  }
  Evidence ev{{"targets", lines}, {"timeout_ms", static_cast<std::int64_t>(timeout_.count())}};
  if (!bad.empty()) ev["ignored_targets"] = bad;
  if (!accepted.empty()) {
    ev["accepted"] = accepted;
    return make_finding(
        s, Status::fail,
        Text{fmt::format("探测目标有应答,本机可连接外部网络:{}", join(accepted, "、")),
             fmt::format("a probe target answered, the machine can reach outside networks: {}", join(accepted, ", "))},
        ev);
  }
  if (!refused.empty() || !resolved.empty()) {
    if (!refused.empty()) ev["refused"] = refused;
    if (!resolved.empty()) ev["resolved"] = resolved;
    std::vector<std::string> seen = refused;
    for (const auto& r : resolved)
      if (std::find(seen.begin(), seen.end(), r) == seen.end()) seen.push_back(r);
    return make_finding(
        s, Status::warn,
        Text{fmt::format("探测目标拒绝连接或域名可解析,说明存在通往该目标的网络路径:{}", join(seen, "、")),
             fmt::format("a probe target refused the connection or its name resolved: a network path exists: {}",
                         join(seen, ", "))},
        ev);
  }
  if (errors == targets.size())
    return make_finding(s, Status::unknown,
                        Text{"无法进行连通性探测(本机不允许建立连接)", "could not attempt any connection"}, ev);
  return make_finding(s, Status::pass,
                      Text{fmt::format("{} 个探测目标均不可达", targets.size()),
                           fmt::format("none of the {} probe targets is reachable", targets.size())},
                      ev);
}

// --- network.default_route -------------------------------------------------------

Finding NetworkProbe::default_route(const Host& host) const {
  const FindingSpec& s = spec("network.default_route");
  if (!host.live()) return make_finding(s, Status::unknown, offline_text("路由表", "the routing table"));
  FileResult v4 = host.read_file("/proc/net/route", 4u << 20);
  if (!v4.ok()) return make_finding(s, Status::unknown, Text{"无法读取路由表:" + v4.error, v4.error});
  std::vector<Route> routes = parse_proc_net_route(v4.data);
  FileResult v6 = host.read_file("/proc/net/ipv6_route", 4u << 20);  // missing when IPv6 is off
  if (v6.ok())
    for (auto& r : parse_proc_net_ipv6_route(v6.data)) routes.push_back(std::move(r));
  std::vector<std::string> defaults;
  for (const auto& r : routes)
    if (r.is_default)
      defaults.push_back(r.destination + (r.gateway.empty() ? "" : " via " + r.gateway) + " dev " + r.iface);
  if (!defaults.empty())
    return make_finding(s, Status::fail,
                        Text{"存在默认路由:" + join(defaults, ";"), "default route present: " + join(defaults, "; ")},
                        {{"routes", defaults}});
  return make_finding(s, Status::pass, Text{"无默认路由", "no default route"},
                      {{"routes_checked", static_cast<std::int64_t>(routes.size())}});
}

// --- network.wireless ------------------------------------------------------------

Finding NetworkProbe::wireless(const Host& host) const {
  const FindingSpec& s = spec("network.wireless");
  if (!host.live()) return make_finding(s, Status::unknown, offline_text("网卡检查", "network interfaces"));
  if (!host.is_dir("/sys/class/net"))
    return make_finding(s, Status::unknown,
                        Text{"无法列出网络接口(/sys/class/net)", "cannot list network interfaces (/sys/class/net)"});
  std::vector<std::string> wifi, all;
  for (const auto& iface : host.list_dir("/sys/class/net")) {
    all.push_back(iface);
    std::string base = "/sys/class/net/" + iface;
    if (host.exists(base + "/wireless") || host.exists(base + "/phy80211")) wifi.push_back(iface);
  }
  if (!wifi.empty())
    return make_finding(s, Status::fail,
                        Text{"存在无线网卡:" + join(wifi, "、"), "wireless interface present: " + join(wifi, ", ")},
                        {{"interfaces", wifi}});
  return make_finding(s, Status::pass, Text{"无无线网卡", "no wireless interface"}, {{"interfaces_checked", all}});
}

// --- network.tethering_history ---------------------------------------------------

Finding NetworkProbe::tethering(const Host& host) const {
  const FindingSpec& s = spec("network.tethering_history");
  const UsbHistory& h = usb_history(host);
  if (!h.any_source) {
    std::string why = h.problems.empty() ? "no USB history source could be read" : join(h.problems, "; ");
    return make_finding(s, Status::unknown, Text{"无法读取 USB 设备历史:" + why, "USB history unavailable: " + why});
  }
  std::vector<std::string> found;
  for (const auto& d : h.devices) {
    std::vector<std::string> drivers;
    for (const auto& drv : d.drivers)
      if (std::find(tethering_drivers_.begin(), tethering_drivers_.end(), drv) != tethering_drivers_.end())
        drivers.push_back(drv);
    if (drivers.empty() && d.kind != UsbKind::network) continue;
    std::string name =
        d.vendor.empty() && d.product.empty() ? "" : " " + d.vendor + (d.vendor.empty() ? "" : " ") + d.product;
    std::string when = d.first_seen ? ", first seen " + host.zone().iso(*d.first_seen) : "";
    std::string last = d.last_seen ? ", last seen " + host.zone().iso(*d.last_seen) : "";
    found.push_back(fmt::format("{}:{}{}{}{}{}", d.vid, d.pid, name,
                                drivers.empty() ? "" : " (" + join(drivers, ",") + ")", when, last));
  }
  Evidence ev{{"sources", h.sources_read}};
  if (!found.empty()) {
    ev["devices"] = found;
    return make_finding(
        s, Status::fail,
        Text{fmt::format("发现 USB 共享网络/上网设备接入记录 {} 个:{}", found.size(), join(found, ";")),
             fmt::format("{} USB tethering/modem device(s) were attached: {}", found.size(), join(found, "; "))},
        ev);
  }
  if (!h.problems.empty()) {
    ev["problems"] = h.problems;
    return make_finding(
        s, Status::unknown,
        Text{"部分日志无法读取:" + join(h.problems, ";"), "some logs unreadable: " + join(h.problems, "; ")}, ev);
  }
  return make_finding(s, Status::pass,
                      Text{"未发现 USB 共享网络设备接入记录", "no USB tethering device in the history"}, ev);
}

// --- network.wifi_profiles -------------------------------------------------------

WifiProfiles NetworkProbe::read_wifi(const Host& host) const {
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

Finding NetworkProbe::wifi(const Host&, const WifiProfiles& w) const {
  const FindingSpec& s = spec("network.wifi_profiles");
  if (!w.ssids.empty()) {
    Evidence ev{{"ssids", w.ssids}, {"profiles", w.profiles}, {"count", static_cast<std::int64_t>(w.ssids.size())}};
    if (!w.problems.empty()) ev["problems"] = w.problems;
    return make_finding(s, Status::fail,
                        Text{fmt::format("保存有无线网络配置 {} 个:{}", w.ssids.size(), join(w.ssids, "、")),
                             fmt::format("{} saved Wi-Fi network(s): {}", w.ssids.size(), join(w.ssids, ", "))},
                        ev);
  }
  if (!w.problems.empty())
    return make_finding(s, Status::unknown,
                        Text{"部分网络配置无法读取:" + join(w.problems, ";"),
                             "some network configurations are unreadable: " + join(w.problems, "; ")},
                        {{"problems", w.problems}});
  return make_finding(s, Status::pass, Text{"未发现已保存的无线网络", "no saved Wi-Fi network"});
}

// --- network.internet_history ----------------------------------------------------

bool NetworkProbe::public_mirror(std::string_view h) const {
  std::string host = to_lower(h);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (const auto& m : public_mirrors_) {
    if (host == m) return true;
    if (host.size() > m.size() && host.ends_with(m) && host[host.size() - m.size() - 1] == '.') return true;
  }
  return false;
}

void NetworkProbe::scan_syslog(const Host& host, History& h) const {
  const Zone& zone = host.zone();
  for (const auto& base : syslog_files_) {
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
      LineReader reader(host, file);
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
        auto hit = match_history_message(sl->tag, sl->message, patterns_);
        if (!hit) continue;
        std::string what;
        if (hit->kind == "time_sync") {
          if (!hit->address || !nets_->is_public(*hit->address)) continue;
          h.add_address(hit->address->str());
          what = fmt::format("time sync with {}{} ({})", hit->address->str(),
                             hit->server_name.empty() ? "" : " (" + hit->server_name + ")", file);
        } else {
          what = fmt::format("NetworkManager connectivity full ({})", file);
        }
        if (h.events.size() < kMaxEvents) pending.push_back({h.events.size(), fi, year_index, sl->ts});
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

void NetworkProbe::scan_journal(const Host& host, History& h) const {
  std::vector<std::string> idents;
  for (const auto& p : patterns_.time_sync)
    if (std::find(idents.begin(), idents.end(), p.ident) == idents.end()) idents.push_back(p.ident);
  for (const auto& p : patterns_.connectivity)
    if (std::find(idents.begin(), idents.end(), p.ident) == idents.end()) idents.push_back(p.ident);
  JournalQuery q;
  q.identifiers = std::move(idents);
  q.units = journal_units_;
  JournalScan js = read_journal(host, q, [&](std::int64_t usec, std::string_view ident, std::string_view message) {
    auto hit = match_history_message(ident, message, patterns_);
    if (!hit) return;
    std::string when = host.zone().iso(Time(std::chrono::seconds(usec / 1000000)));
    if (hit->kind == "time_sync") {
      if (!hit->address || !nets_->is_public(*hit->address)) return;
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

void NetworkProbe::scan_apt(const Host& host, History& h) const {
  for (const auto& file : rotated_logs(host, "/var/log/apt", "term.log")) {
    LineReader reader(host, file);
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
        evidence = nets_->is_public(*a);
        if (evidence) h.add_address(a->str());
      } else {
        evidence = public_mirror(fetch->host);
      }
      if (!evidence || !seen.insert(fetch->host).second) continue;
      h.add(fmt::format("{} apt download from {} ({})", started.empty() ? "?" : started, fetch->host, file));
    }
  }
}

void NetworkProbe::scan_leases(const Host& host, History& h) const {
  auto record = [&](const DhcpLease& l, const std::string& file) {
    std::string when = l.renewed ? " " + host.zone().iso(*l.renewed) : "";
    std::string e = fmt::format("{}{}{}{}{} ({})", l.address, l.iface.empty() ? "" : " on " + l.iface,
                                l.router.empty() ? "" : " via " + l.router,
                                l.domain.empty() ? "" : " domain " + l.domain, when, file);
    if (h.networks_joined.size() < kMaxEvents * 2) h.networks_joined.push_back(e);
    if (auto a = IpAddress::parse(l.address); a && nets_->is_public(*a)) {
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

void NetworkProbe::scan_nm_timestamps(const Host& host, const WifiProfiles& w, History& h) const {
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
    if (h.networks_joined.size() < kMaxEvents * 2)
      h.networks_joined.push_back(fmt::format("NetworkManager connection \"{}\" last used {}", name,
                                              host.zone().iso(Time(std::chrono::seconds(secs)))));
  }
}

Finding NetworkProbe::history(const Host& host, const WifiProfiles& w) const {
  const FindingSpec& s = spec("network.internet_history");
  History h;
  scan_syslog(host, h);
  scan_journal(host, h);
  scan_apt(host, h);
  scan_leases(host, h);
  scan_nm_timestamps(host, w, h);
  Evidence ev{{"sources", h.sources_read}};
  if (!h.networks_joined.empty()) ev["networks_joined"] = h.networks_joined;
  if (!h.problems.empty()) ev["problems"] = h.problems;
  if (h.count > 0) {
    ev["events"] = h.events;
    ev["count"] = h.count;
    if (!h.public_addresses.empty())
      ev["public_addresses"] = std::vector<std::string>(h.public_addresses.begin(), h.public_addresses.end());
    return make_finding(s, Status::fail,
                        Text{fmt::format("日志显示本机曾连接互联网({} 条记录),如:{}", h.count, h.events.front()),
                             fmt::format("the logs show the machine reached the Internet ({} record(s)), e.g. {}",
                                         h.count, h.events.front())},
                        ev);
  }
  if (!h.problems.empty())
    return make_finding(
        s, Status::unknown,
        Text{"部分日志无法读取:" + join(h.problems, ";"), "some logs are unreadable: " + join(h.problems, "; ")}, ev);
  if (h.sources_read.empty())
    return make_finding(
        s, Status::unknown,
        Text{"未找到可检查的日志(系统日志、journal、apt 日志)", "no logs to examine (syslog, journal, apt term.log)"},
        ev);
  return make_finding(s, Status::pass, Text{"日志中未发现互联网连接记录", "no Internet connection found in the logs"},
                      ev);
}

}  // namespace

std::unique_ptr<Probe> make_network_probe() { return std::make_unique<NetworkProbe>(); }

}  // namespace sc

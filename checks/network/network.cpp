// The network probe: a confidential machine (涉密计算机) must not reach, nor
// ever have reached, the Internet. The judgement: reachability of the
// configured targets (bounded connects through the Host), USB tethering from
// the shared USB fact, and default routes, wireless adapters, saved Wi-Fi
// networks and evidence of Internet use from the facts of the audited OS's
// gatherer (linux.cpp, windows.cpp). On any other machine every finding is
// not_applicable and nothing is tried.
#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

#include "agent/core/errors.hpp"
#include "agent/core/machine.hpp"
#include "agent/core/text.hpp"
#include "checks/formats/ip_networks.hpp"
#include "checks/network/facts.hpp"
#include "checks/probes.hpp"
#include "checks/usb/usb_history.hpp"
#include "checks/usb/usb_rules.hpp"

namespace sc {

namespace {

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

class NetworkProbe : public Probe {
 public:
  NetworkProbe();
  std::string_view name() const override { return "network"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }
  void configure(const Rules& rules, const Config& config) override;
  std::vector<Finding> run(const Host& host) const override;

 private:
  Finding reachable(const Host& host) const;
  Finding default_route(const RouteFacts& r) const;
  Finding wireless(const WirelessFacts& w) const;
  Finding tethering(const Host& host) const;
  Finding wifi(const WifiProfiles& w) const;
  Finding history(const NetworkFacts& f) const;
  const FindingSpec& spec(std::string_view id) const;

  std::vector<FindingSpec> specs_;
  bool confidential_ = false;
  std::vector<std::string> targets_;
  std::vector<std::string> bad_targets_;
  std::vector<std::string> internal_networks_;
  milliseconds timeout_{1500};
  std::vector<std::string> tethering_drivers_;  // rules/usb.yaml tethering_drivers: one list for both probes
  NetworkRules rules_;
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
  tethering_drivers_ = parse_usb_rules(rules).tethering_drivers;
  for (const YamlDoc* d : rules.docs("network")) {
    if (d->root.IsNull()) continue;
    d->expect_map(d->root, "network rules");
    d->only_keys(d->root, {"targets", "tethering_drivers", "syslog_files", "time_sync", "connectivity", "journal_units",
                           "public_mirrors", "public_time_servers"});
    if (auto n = d->root["targets"]) {
      targets = d->str_list(n, "targets");
      for (std::size_t i = 0; i < targets.size(); ++i)
        if (!parse_target(targets[i]))
          d->fail(n[i], fmt::format("targets: expected address:port (\"[v6]:port\" for IPv6), found '{}'", targets[i]));
    }
    if (auto n = d->root["tethering_drivers"])
      d->fail(n, "tethering_drivers: moved to usb.yaml (one list for the usb and network probes)");
    if (auto n = d->root["syslog_files"]) rules_.syslog_files = d->str_list(n, "syslog_files");
    if (auto n = d->root["journal_units"]) rules_.journal_units = d->str_list(n, "journal_units");
    if (auto n = d->root["public_mirrors"]) rules_.public_mirrors = d->str_list(n, "public_mirrors");
    if (auto n = d->root["public_time_servers"]) {
      rules_.public_time_servers = d->str_list(n, "public_time_servers");
      for (auto& t : rules_.public_time_servers) t = to_lower(t);
    }
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
  rules_.patterns = {};
  // Longer phrases first: "Synchronized to time server for the first time"
  // before "Synchronized to time server".
  for (const auto& id : time_sync_order) rules_.patterns.time_sync.push_back(time_sync[id]);
  std::stable_sort(rules_.patterns.time_sync.begin(), rules_.patterns.time_sync.end(),
                   [](const auto& a, const auto& b) { return a.phrase.size() > b.phrase.size(); });
  for (const auto& id : connectivity_order) rules_.patterns.connectivity.push_back(connectivity[id]);

  confidential_ = config.classification == Classification::confidential;
  targets_ = config.targets ? *config.targets : targets;
  timeout_ = milliseconds(config.timeout_ms);
  internal_networks_ = config.internal_networks;
  rules_.nets = std::make_shared<IpNetworks>(internal_networks_);
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
  if (host.os().os == MachineOs::unknown) return unknown_system_findings(specs_, host.os());
  auto guard = [&](std::string_view id, auto&& f) {
    try {
      out.push_back(f());
    } catch (const std::exception& e) {
      out.push_back(
          make_finding(spec(id), Status::unknown,
                       Text{fmt::format("检查出错:{}", e.what()), fmt::format("check failed: {}", e.what())}));
    }
  };
  // Reachability runs while the evidence is gathered; it is bounded by the timeout.
  std::future<Finding> reach;
  bool reach_started = false;
  try {
    reach = std::async(std::launch::async, [&] { return reachable(host); });
    reach_started = true;
  } catch (const std::exception&) {
  }
  NetworkFacts facts;
  std::string gather_error;
  try {
    facts =
        host.os().os == MachineOs::windows ? gather_network_windows(host, rules_) : gather_network_linux(host, rules_);
  } catch (const std::exception& e) {
    gather_error = e.what();
  }
  auto decide = [&](auto&& f) {
    if (!gather_error.empty()) throw std::runtime_error(gather_error);
    return f();
  };
  guard("network.default_route", [&] { return decide([&] { return default_route(facts.routes); }); });
  guard("network.wireless", [&] { return decide([&] { return wireless(facts.wireless); }); });
  guard("network.tethering_history", [&] { return tethering(host); });
  guard("network.wifi_profiles", [&] { return decide([&] { return wifi(facts.wifi); }); });
  guard("network.internet_history", [&] { return decide([&] { return history(facts); }); });
  std::vector<Finding> rest;
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

Finding NetworkProbe::default_route(const RouteFacts& r) const {
  const FindingSpec& s = spec("network.default_route");
  if (r.unknown) return make_finding(s, Status::unknown, *r.unknown);
  if (!r.defaults.empty())
    return make_finding(
        s, Status::fail,
        Text{"存在默认路由:" + join(r.defaults, ";"), "default route present: " + join(r.defaults, "; ")},
        {{"routes", r.defaults}});
  return make_finding(s, Status::pass, Text{"无默认路由", "no default route"}, {{"routes_checked", r.checked}});
}

// --- network.wireless ------------------------------------------------------------

Finding NetworkProbe::wireless(const WirelessFacts& w) const {
  const FindingSpec& s = spec("network.wireless");
  if (w.unknown) return make_finding(s, Status::unknown, *w.unknown);
  if (!w.wireless.empty())
    return make_finding(
        s, Status::fail,
        Text{"存在无线网卡:" + join(w.wireless, "、"), "wireless interface present: " + join(w.wireless, ", ")},
        {{"interfaces", w.wireless}});
  return make_finding(s, Status::pass, Text{"无无线网卡", "no wireless interface"}, {{"interfaces_checked", w.all}});
}

// --- network.tethering_history ---------------------------------------------------

Finding NetworkProbe::tethering(const Host& host) const {
  const FindingSpec& s = spec("network.tethering_history");
  const UsbHistory& h = usb_history(host);
  if (!h.any_source) {
    std::string why = h.problems.empty() ? "no USB history source could be read" : join(h.problems, "; ");
    return make_finding(s, Status::unknown, Text{"无法读取 USB 设备历史:" + why, "USB history unavailable: " + why});
  }
  std::vector<std::string> found, found_zh;  // the evidence (English) and the Chinese detail's list
  for (const auto& d : h.devices) {
    std::vector<std::string> drivers;
    for (const auto& drv : d.drivers)
      if (std::find(tethering_drivers_.begin(), tethering_drivers_.end(), drv) != tethering_drivers_.end())
        drivers.push_back(drv);
    if (drivers.empty() && d.kind != UsbKind::network) continue;
    std::string name =
        d.vendor.empty() && d.product.empty() ? "" : " " + d.vendor + (d.vendor.empty() ? "" : " ") + d.product;
    std::string first = d.first_seen ? host.zone().iso(*d.first_seen) : "";
    std::string last = d.last_seen ? host.zone().iso(*d.last_seen) : "";
    std::string id =
        fmt::format("{}:{}{}{}", d.vid, d.pid, name, drivers.empty() ? "" : " (" + join(drivers, ",") + ")");
    found.push_back(id + (first.empty() ? "" : ", first seen " + first) + (last.empty() ? "" : ", last seen " + last));
    // Issue 14: the Chinese text says its dates in Chinese (a zh summary of a
    // scan made without a Chinese locale has no English in it).
    found_zh.push_back(id + (first.empty() ? "" : ",首次接入 " + first) + (last.empty() ? "" : ",最后接入 " + last));
  }
  Evidence ev{{"sources", h.sources_read}};
  if (!found.empty()) {
    ev["devices"] = found;
    return make_finding(
        s, Status::fail,
        Text{fmt::format("发现 USB 共享网络/上网设备接入记录 {} 个:{}", found.size(), join(found_zh, ";")),
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

Finding NetworkProbe::wifi(const WifiProfiles& w) const {
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

Finding NetworkProbe::history(const NetworkFacts& f) const {
  const FindingSpec& s = spec("network.internet_history");
  const History& h = f.history;
  Evidence ev{{"sources", h.sources_read}};
  if (!h.networks_joined.empty()) ev["networks_joined"] = h.networks_joined;
  if (!h.problems.empty()) ev["problems"] = h.problems;
  if (h.count > 0) {
    ev["events"] = h.events;
    ev["count"] = h.count;
    if (!h.public_addresses.empty())
      ev["public_addresses"] = std::vector<std::string>(h.public_addresses.begin(), h.public_addresses.end());
    if (h.headline)
      return make_finding(s, Status::fail,
                          Text{fmt::format("{}(共 {} 条互联网连接记录)", h.headline->zh, h.count),
                               fmt::format("{} ({} Internet record(s) in all)", h.headline->en, h.count)},
                          ev);
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
        Text{"未找到可检查的日志(" + f.history_sources.zh + ")", "no logs to examine (" + f.history_sources.en + ")"},
        ev);
  return make_finding(s, Status::pass, Text{"日志中未发现互联网连接记录", "no Internet connection found in the logs"},
                      ev);
}

}  // namespace

std::unique_ptr<Probe> make_network_probe() { return std::make_unique<NetworkProbe>(); }

}  // namespace sc

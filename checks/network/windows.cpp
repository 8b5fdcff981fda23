// The network probe's Windows gatherer (WINDOWS.md, network rows), offline
// through the Host's registry and event-log facades — and live on Windows
// through the same facades over the running system:
// - default routes: the gateways configured on the TCP/IP interfaces
//   (SYSTEM\…\Services\Tcpip\Parameters\Interfaces\{GUID} DefaultGateway,
//   DhcpDefaultGateway), named by their adapter;
// - wireless adapters: network-class devices whose NDIS physical medium or
//   interface type is wireless (…\Control\Class\{4d36e972-…}\NNNN);
// - saved Wi-Fi networks: the WLAN service's profile XML files (names only);
// - Internet evidence: NetworkList profiles (wireless and mobile-broadband
//   networks joined, with their local SYSTEMTIME dates), public addresses on
//   the interfaces, Time-Service 35/37 naming a public time source, WLAN-
//   AutoConfig 8001 connections and NetworkProfile 10000 with Internet
//   connectivity.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "agent/core/event_log.hpp"
#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/text.hpp"
#include "agent/core/win_paths.hpp"
#include "checks/formats/ip_networks.hpp"
#include "checks/formats/systemtime.hpp"
#include "checks/formats/w32time_source.hpp"
#include "checks/formats/wlan_profile.hpp"
#include "checks/network/facts.hpp"

namespace sc {

namespace {

constexpr const char* kNetClass =
    "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e972-e325-11ce-bfc1-08002be10318}";
constexpr const char* kTcpipInterfaces = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces";
constexpr const char* kNetworkList = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\NetworkList";
constexpr const char* kWlanProfiles = "/ProgramData/Microsoft/Wlansvc/Profiles/Interfaces";
constexpr std::size_t kMaxKeys = 4096;  // adapters, interfaces, profiles examined at most

struct Adapter {
  std::string description;  // DriverDesc
  bool wireless = false;
  std::string medium;  // why it is wireless ("802.11", "mobile broadband", …)
};

// NDIS_PHYSICAL_MEDIUM (ntddndis.h): 1 WirelessLan, 8 WirelessWan,
// 9 Native802_11, 12 WiMax; IF_TYPE_* (ipifcons.h): 71 IEEE80211,
// 243/244 WWANPP/WWANPP2 (mobile broadband).
std::string wireless_medium(std::optional<std::uint32_t> physical, std::optional<std::uint32_t> if_type) {
  if (physical) switch (*physical) {
      case 1:
      case 9:
        return "802.11";
      case 8:
        return "mobile broadband";
      case 12:
        return "WiMAX";
      default:
        break;
    }
  if (if_type) switch (*if_type) {
      case 71:
        return "802.11";
      case 243:
      case 244:
        return "mobile broadband";
      default:
        break;
    }
  return {};
}

std::string lower(std::string s) { return to_lower(s); }

// Network adapters by NetCfgInstanceId (lower case). `error` when the
// SYSTEM hive could not be read.
std::map<std::string, Adapter> read_adapters(const Host& host, std::string& error) {
  std::map<std::string, Adapter> out;
  RegKeyResult cls = host.registry().key(kNetClass);
  if (!cls.error.empty()) {
    error = cls.error;
    return out;
  }
  if (cls.absent) return out;
  std::size_t n = 0;
  for (const auto& sub : cls.key.subkeys) {
    if (++n > kMaxKeys) break;
    if (sub.size() != 4 || !std::all_of(sub.begin(), sub.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;  // "Properties" and the like
    RegKeyResult k = host.registry().key(std::string(kNetClass) + "\\" + sub);
    if (!k.found()) continue;
    const RegValue* id = k.key.value("NetCfgInstanceId");
    if (!id || !id->string()) continue;
    Adapter a;
    if (const RegValue* d = k.key.value("DriverDesc"); d && d->string()) a.description = *d->string();
    const RegValue* pm = k.key.value("*PhysicalMediaType");
    const RegValue* it = k.key.value("*IfType");
    a.medium = wireless_medium(pm ? pm->dword() : std::nullopt, it ? it->dword() : std::nullopt);
    a.wireless = !a.medium.empty();
    out[lower(*id->string())] = std::move(a);
  }
  return out;
}

std::string adapter_name(const std::map<std::string, Adapter>& adapters, const std::string& guid) {
  auto it = adapters.find(lower(guid));
  return it != adapters.end() && !it->second.description.empty() ? it->second.description : guid;
}

std::vector<std::string> gateways(const RegValue* v) {
  std::vector<std::string> out;
  if (!v) return out;
  std::vector<std::string> list;
  if (auto m = v->strings())
    list = *m;
  else if (auto s = v->string())
    list.push_back(*s);
  for (auto& g : list)
    if (!g.empty() && g != "0.0.0.0") out.push_back(g);
  return out;
}

void read_interfaces(const Host& host, const NetworkRules& rules, const std::map<std::string, Adapter>& adapters,
                     RouteFacts& routes, History& h) {
  routes.source = "registry Tcpip interfaces";
  RegKeyResult ifs = host.registry().key(kTcpipInterfaces);
  if (!ifs.error.empty()) {
    routes.unknown = Text{"无法读取 TCP/IP 接口配置:" + ifs.error, "cannot read the TCP/IP interfaces: " + ifs.error};
    return;
  }
  if (ifs.absent) {
    routes.unknown = Text{"注册表中没有 TCP/IP 接口配置", "the registry holds no TCP/IP interface configuration"};
    return;
  }
  std::size_t n = 0;
  for (const auto& guid : ifs.key.subkeys) {
    if (++n > kMaxKeys) break;
    RegKeyResult k = host.registry().key(std::string(kTcpipInterfaces) + "\\" + guid);
    if (!k.found()) continue;
    ++routes.checked;
    std::string name = adapter_name(adapters, guid);
    for (const char* v : {"DefaultGateway", "DhcpDefaultGateway"})
      for (const auto& g : gateways(k.key.value(v)))
        routes.defaults.push_back(
            fmt::format("0.0.0.0/0 via {} ({}{})", g, name, std::string(v) == "DhcpDefaultGateway" ? ", DHCP" : ""));
    for (const char* v : {"DhcpIPAddress", "IPAddress"}) {
      for (const auto& a : gateways(k.key.value(v))) {
        auto ip = IpAddress::parse(a);
        if (!ip || !rules.nets->is_public(*ip)) continue;
        h.add_address(ip->str());
        h.add(fmt::format("public address {} on {} (registry Tcpip)", ip->str(), name));
      }
    }
  }
  std::sort(routes.defaults.begin(), routes.defaults.end());
  routes.defaults.erase(std::unique(routes.defaults.begin(), routes.defaults.end()), routes.defaults.end());
}

WifiProfiles read_wlan_profiles(const Host& host) {
  WifiProfiles w;
  auto dir = find_case_insensitive(host, kWlanProfiles);
  if (!dir) return w;  // the WLAN service never saved a profile
  std::size_t files = 0;
  for (const auto& iface : host.list_dir(*dir)) {
    std::string idir = *dir + "/" + iface;
    if (!host.is_dir(idir)) continue;
    for (const auto& name : host.list_dir(idir)) {
      if (name.size() < 4 || lower(name.substr(name.size() - 4)) != ".xml") continue;
      if (++files > kMaxKeys) break;
      std::string file = idir + "/" + name;
      FileResult r = host.read_file(file, 256u << 10);
      if (!r.ok()) {
        if (!r.missing) w.problems.push_back(r.error);
        continue;
      }
      std::string err;
      auto p = parse_wlan_profile(r.data, &err);
      if (!p) {
        w.problems.push_back(file + ": " + err);
        continue;
      }
      if (p->ssids.empty() && !p->name.empty()) p->ssids.push_back(p->name);
      for (const auto& ssid : p->ssids) w.add(ssid, file);
    }
  }
  return w;
}

std::optional<Time> systemtime_value(const Host& host, const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  if (!v) return std::nullopt;
  auto cs = parse_systemtime(v->data);
  if (!cs) return std::nullopt;
  return host.zone().from_civil(*cs);
}

// NetworkList NameType: IF_TYPE_* of the network (6 wired, 71 wireless,
// 23 PPP — dial-up and mobile broadband, 243/244 mobile broadband).
std::string network_kind(std::optional<std::uint32_t> t) {
  if (!t) return "unknown";
  switch (*t) {
    case 6:
      return "wired";
    case 71:
      return "wireless";
    case 23:
    case 243:
    case 244:
      return "mobile broadband";
    default:
      return fmt::format("type {}", *t);
  }
}

void read_network_list(const Host& host, NetworkFacts& f) {
  History& h = f.history;
  std::string profiles = std::string(kNetworkList) + "\\Profiles";
  RegKeyResult pk = host.registry().key(profiles);
  if (!pk.error.empty()) {
    h.problems.push_back(pk.error);
    return;
  }
  h.sources_read.push_back("registry NetworkList");
  if (pk.absent) return;
  // Gateway MACs and DNS suffixes of unmanaged networks, by profile GUID.
  std::map<std::string, std::string> signature;
  std::string unmanaged = std::string(kNetworkList) + "\\Signatures\\Unmanaged";
  RegKeyResult uk = host.registry().key(unmanaged);
  if (uk.found()) {
    std::size_t n = 0;
    for (const auto& sig : uk.key.subkeys) {
      if (++n > kMaxKeys) break;
      RegKeyResult s = host.registry().key(unmanaged + "\\" + sig);
      if (!s.found()) continue;
      const RegValue* guid = s.key.value("ProfileGuid");
      if (!guid || !guid->string()) continue;
      std::string extra;
      if (const RegValue* mac = s.key.value("DefaultGatewayMac"); mac && mac->data.size() == 6) {
        std::string m;
        for (unsigned char c : mac->data) m += fmt::format("{}{:02x}", m.empty() ? "" : ":", c);
        extra += " gateway MAC " + m;
      }
      if (const RegValue* dns = s.key.value("DnsSuffix");
          dns && dns->string() && !dns->string()->empty() && *dns->string() != "<none>")
        extra += " DNS suffix " + *dns->string();
      signature[lower(*guid->string())] = extra;
    }
  }
  struct Joined {
    Time last;
    std::string name, kind, line;
  };
  std::vector<Joined> online;  // wireless and mobile-broadband networks
  std::size_t n = 0;
  for (const auto& guid : pk.key.subkeys) {
    if (++n > kMaxKeys) break;
    RegKeyResult p = host.registry().key(profiles + "\\" + guid);
    if (!p.found()) continue;
    const RegValue* nm = p.key.value("ProfileName");
    std::string name = nm && nm->string() ? *nm->string() : guid;
    const RegValue* nt = p.key.value("NameType");
    std::string kind = network_kind(nt ? nt->dword() : std::nullopt);
    auto created = systemtime_value(host, p.key, "DateCreated");
    auto last = systemtime_value(host, p.key, "DateLastConnected");
    auto sig = signature.find(lower(guid));
    std::string line = fmt::format("{} network \"{}\"{}{}{} (NetworkList)", kind, name,
                                   created ? ", first connected " + host.zone().iso(*created) : "",
                                   last ? ", last connected " + host.zone().iso(*last) : "",
                                   sig != signature.end() ? "," + sig->second : "");
    if (h.networks_joined.size() < kNetworkMaxEvents * 2) h.networks_joined.push_back(line);
    if (kind == "wireless" || kind == "mobile broadband")
      online.push_back({last.value_or(created.value_or(Time{})), name, kind, line});
  }
  // Newest first: the headline names the last network joined.
  std::stable_sort(online.begin(), online.end(), [](const Joined& a, const Joined& b) { return a.last > b.last; });
  for (const auto& j : online) h.add(j.line);
  if (!online.empty() && !h.headline) {
    const Joined& j = online.front();
    std::string when = j.last == Time{} ? "" : host.zone().iso(j.last);
    bool wifi = j.kind == "wireless";
    h.headline = Text{
        fmt::format("该涉密计算机曾连接{} \"{}\"{}", wifi ? "无线网络" : "移动宽带网络", j.name,
                    when.empty() ? "" : ",最后连接时间 " + when),
        fmt::format("this confidential computer joined the {} network \"{}\"{}", wifi ? "wireless" : "mobile broadband",
                    j.name, when.empty() ? "" : ", last connected " + when)};
  }
}

std::string when(const Host& host, const EventRecord& e) { return e.time ? host.zone().iso(*e.time) : "?"; }

// One event log channel's records of a provider; a missing channel is not a
// source (and not "no events"); an unreadable one is a problem.
std::vector<EventRecord> read_events(const Host& host, History& h, const std::string& channel,
                                     const std::string& provider, std::vector<std::uint32_t> ids) {
  EventQuery q;
  q.providers = {provider};
  q.ids = std::move(ids);
  q.max_records = 2000;
  EventLogResult r = host.event_log().query(channel, q);
  if (r.missing) return {};
  if (!r.error.empty()) {
    h.problems.push_back(r.error);
    return {};
  }
  h.sources_read.push_back("event log " + channel);
  return std::move(r.records);
}

bool public_time_server(const NetworkRules& rules, std::string_view name) {
  std::string host = lower(std::string(name));
  for (const auto& m : rules.public_time_servers) {
    if (host == m) return true;
    if (host.size() > m.size() && host.ends_with(m) && host[host.size() - m.size() - 1] == '.') return true;
  }
  return false;
}

void read_time_service(const Host& host, const NetworkRules& rules, History& h) {
  for (const auto& e : read_events(host, h, "System", "Microsoft-Windows-Time-Service", {35, 37})) {
    const std::string* s = e.field("1");
    if (!s) s = e.field("TimeSource");
    if (!s) continue;
    auto src = parse_w32time_source(*s);
    if (!src) continue;
    bool evidence = false;
    if (auto a = IpAddress::parse(src->address)) {
      evidence = rules.nets->is_public(*a);
      if (evidence) h.add_address(a->str());
    } else {
      evidence = public_time_server(rules, src->name);
    }
    if (!evidence) continue;
    h.add(fmt::format("{} time sync with {}{} (Time-Service {})", when(host, e),
                      src->name.empty() ? src->address : src->name,
                      src->address.empty() || src->name.empty() ? "" : " (" + src->address + ")", e.event_id));
  }
}

void read_wlan_events(const Host& host, History& h) {
  for (const auto& e : read_events(host, h, "Microsoft-Windows-WLAN-AutoConfig/Operational",
                                   "Microsoft-Windows-WLAN-AutoConfig", {8001})) {
    const std::string* ssid = e.field("SSID");
    if (!ssid) ssid = e.field("ProfileName");
    h.add(fmt::format("{} connected to Wi-Fi \"{}\" (WLAN-AutoConfig 8001)", when(host, e), ssid ? *ssid : "?"));
  }
}

void read_network_profile_events(const Host& host, History& h) {
  for (const auto& e : read_events(host, h, "Microsoft-Windows-NetworkProfile/Operational",
                                   "Microsoft-Windows-NetworkProfile", {10000})) {
    const std::string* name = e.field("Name");
    const std::string* state = e.field("State");
    std::uint32_t bits = 0;
    if (state) {
      try {
        bits = static_cast<std::uint32_t>(std::stoul(*state, nullptr, 0));
      } catch (const std::exception&) {
      }
    }
    // NLM_CONNECTIVITY (netlistmgr.h): 0x40 IPV4_INTERNET, 0x400 IPV6_INTERNET.
    std::string line =
        fmt::format("{} network \"{}\" connected (NetworkProfile 10000)", when(host, e), name ? *name : "?");
    if (bits & 0x440)
      h.add(line + " with Internet access");
    else if (h.networks_joined.size() < kNetworkMaxEvents * 2)
      h.networks_joined.push_back(line);
  }
}

}  // namespace

NetworkFacts gather_network_windows(const Host& host, const NetworkRules& rules) {
  NetworkFacts f;
  f.history_sources = Text{"NetworkList 注册表、系统事件日志(Time-Service)、WLAN-AutoConfig 与 NetworkProfile 日志",
                           "the NetworkList registry, the System event log (Time-Service), the WLAN-AutoConfig and "
                           "NetworkProfile logs"};
  std::string adapters_error;
  auto adapters = read_adapters(host, adapters_error);
  if (!adapters_error.empty()) {
    f.wireless.unknown =
        Text{"无法读取网卡列表:" + adapters_error, "cannot list the network adapters: " + adapters_error};
  } else {
    for (const auto& [guid, a] : adapters) {
      std::string name = a.description.empty() ? guid : a.description;
      f.wireless.all.push_back(name);
      if (a.wireless) f.wireless.wireless.push_back(name + " (" + a.medium + ")");
    }
  }
  read_interfaces(host, rules, adapters, f.routes, f.history);
  try {
    f.wifi = read_wlan_profiles(host);
  } catch (const std::exception& e) {
    f.wifi.problems.push_back(e.what());
  }
  read_network_list(host, f);
  read_time_service(host, rules, f.history);
  read_wlan_events(host, f.history);
  read_network_profile_events(host, f.history);
  return f;
}

}  // namespace sc

// The administrator's agent.yaml: strict parsing with positions.
#include "agent/core/config.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/yaml_util.hpp"

namespace sc {

std::string_view to_string(Classification c) {
  switch (c) {
    case Classification::confidential:
      return "confidential";
    case Classification::internal:
      return "internal";
    case Classification::public_:
      return "public";
  }
  return "internal";
}

static std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool UsbEntry::matches(std::string_view v, std::string_view p, std::string_view s) const {
  if (lower(std::string(v)) != vid || lower(std::string(p)) != pid) return false;
  return !serial || *serial == s;
}

namespace {

std::string hex4(const YamlDoc& d, const YAML::Node& n, std::string_view what) {
  std::string s = lower(d.str(n, what));
  bool ok = s.size() == 4 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
  if (!ok) d.fail(n, fmt::format("{}: expected 4 hex digits (e.g. \"0781\"), found '{}'", what, s));
  return s;
}

std::vector<UsbEntry> usb_list(const YamlDoc& d, const YAML::Node& n, std::string_view what) {
  d.expect_list(n, what);
  std::vector<UsbEntry> out;
  for (const auto& item : n) {
    d.expect_map(item, what);
    d.only_keys(item, {"vid", "pid", "serial", "note"});
    if (!item["vid"]) d.fail(item, fmt::format("{}: entry needs 'vid'", what));
    if (!item["pid"]) d.fail(item, fmt::format("{}: entry needs 'pid'", what));
    UsbEntry e;
    e.vid = hex4(d, item["vid"], "vid");
    e.pid = hex4(d, item["pid"], "pid");
    if (item["serial"]) e.serial = d.str(item["serial"], "serial");
    if (item["note"]) e.note = d.str(item["note"], "note");
    out.push_back(std::move(e));
  }
  return out;
}

// An IPv4 or IPv6 network "address/prefix" (or a single address), checked
// with inet_pton(3): "999.1.1.1/8", "10.0.0.0/33", "::g/64" are refused.
bool valid_cidr(const std::string& s) {
  auto slash = s.find('/');
  std::string addr = s.substr(0, slash);
  bool v6 = addr.find(':') != std::string::npos;
  unsigned char buf[16];
  if (addr.empty() || ::inet_pton(v6 ? AF_INET6 : AF_INET, addr.c_str(), buf) != 1) return false;
  if (slash != std::string::npos) {
    std::string bits = s.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), ::isdigit)) return false;
    if (std::stoi(bits) > (v6 ? 128 : 32)) return false;
  }
  return true;
}

}  // namespace

Config parse_config(std::string_view text, const std::string& file_name) {
  YamlDoc d = YamlDoc::load_string(text, file_name);
  Config c;
  c.source = file_name;
  if (d.root.IsNull()) return c;  // empty file: all defaults
  d.expect_map(d.root, "config");
  d.only_keys(d.root, {"host", "usb", "network", "spool", "spool_keep"});
  if (auto h = d.root["host"]) {
    d.expect_map(h, "host");
    d.only_keys(h, {"asset_id", "owner", "department", "classification"});
    if (h["asset_id"]) c.asset_id = d.str(h["asset_id"], "host.asset_id");
    if (h["owner"]) c.owner = d.str(h["owner"], "host.owner");
    if (h["department"]) c.department = d.str(h["department"], "host.department");
    if (auto cl = h["classification"]) {
      std::string v = d.str(cl, "host.classification");
      if (v == "confidential")
        c.classification = Classification::confidential;
      else if (v == "internal")
        c.classification = Classification::internal;
      else if (v == "public")
        c.classification = Classification::public_;
      else
        d.fail(cl, fmt::format("host.classification: expected confidential, internal or public, found '{}'", v));
      c.classification_given = true;
    }
  }
  if (auto u = d.root["usb"]) {
    d.expect_map(u, "usb");
    d.only_keys(u, {"approved", "collection_drives"});
    if (u["approved"]) c.approved = usb_list(d, u["approved"], "usb.approved");
    if (u["collection_drives"]) c.collection_drives = usb_list(d, u["collection_drives"], "usb.collection_drives");
  }
  if (auto n = d.root["network"]) {
    d.expect_map(n, "network");
    d.only_keys(n, {"targets", "internal_networks", "timeout_ms"});
    if (auto t = n["targets"]) {
      std::vector<std::string> targets;
      d.expect_list(t, "network.targets");
      for (const auto& item : t) {
        std::string s = d.str(item, "network.targets");
        auto colon = s.rfind(':');
        bool ok = colon != std::string::npos && colon > 0 && colon + 1 < s.size();
        if (ok) {
          std::string port = s.substr(colon + 1);
          ok = port.size() <= 5 && std::all_of(port.begin(), port.end(), ::isdigit) && std::stol(port) > 0 &&
               std::stol(port) < 65536;
        }
        if (!ok) d.fail(item, fmt::format("network.targets: expected host:port (e.g. \"127.0.0.1:9\"), found '{}'", s));
        targets.push_back(s);
      }
      c.targets = std::move(targets);
    }
    if (auto in = n["internal_networks"]) {
      d.expect_list(in, "network.internal_networks");
      for (const auto& item : in) {
        std::string s = d.str(item, "network.internal_networks");
        if (!valid_cidr(s))
          d.fail(item,
                 fmt::format("network.internal_networks: expected an address/prefix (e.g. 10.0.0.0/8), found '{}'", s));
        c.internal_networks.push_back(s);
      }
    }
    if (n["timeout_ms"]) c.timeout_ms = d.integer(n["timeout_ms"], "network.timeout_ms", 1, 60000);
  }
  if (d.root["spool"]) {
    std::string s = d.str(d.root["spool"], "spool");
    // "/var/lib/selfcheck" on every build; on Windows also "C:\\...".
    if (s.empty() || (s[0] != '/' && !path_from_utf8(s).is_absolute()))
      d.fail(d.root["spool"], fmt::format("spool: expected an absolute path, found '{}'", s));
    c.spool = path_from_utf8(s);
  }
  if (d.root["spool_keep"]) c.spool_keep = d.integer(d.root["spool_keep"], "spool_keep", 1, 10000);
  return c;
}

Config load_config(const std::filesystem::path& file) {
  FileResult r = read_local_file(file, kMaxConfigBytes);
  if (!r.ok()) throw ConfigError(fmt::format("{}:1:1: cannot read the config file: {}", file.string(), r.error));
  return parse_config(r.data, file.string());
}

Config load_config(const Host& host, std::string_view abs) {
  FileResult r = host.read_file(abs, kMaxConfigBytes);
  std::string name = host.path(abs).string();
  if (r.ok() && r.truncated) r.error = fmt::format("{} is larger than {} bytes", abs, kMaxConfigBytes);
  if (!r.ok()) throw ConfigError(fmt::format("{}:1:1: cannot read the config file: {}", name, r.error));
  return parse_config(r.data, name);
}

}  // namespace sc

// The USB ledger file: YAML (yaml-cpp), every string quoted, times ISO 8601
// with the machine's offset. A file that does not parse is refused as a whole
// (the caller starts afresh and says so).
#include "checks/usb/usb_ledger.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "checks/formats/kernel_usb.hpp"

namespace sc {

namespace {

UsbKind kind_from(std::string_view s) {
  if (s == "storage") return UsbKind::storage;
  if (s == "phone") return UsbKind::phone;
  if (s == "network") return UsbKind::network;
  return UsbKind::other;
}

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  if (!v) return {};
  if (!v.IsScalar()) throw std::runtime_error(std::string(key) + ": expected a string");
  return clean_device_string(v.Scalar());
}

bool hex4(const std::string& s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Ledger parse_ledger(std::string_view text, const Zone& zone) {
  Ledger out;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) throw std::runtime_error("expected a map");
    if (!root["schema"] || !root["schema"].IsScalar() || root["schema"].Scalar() != "selfcheck.usb-ledger/1")
      throw std::runtime_error("unknown schema");
    const YAML::Node devs = root["devices"];
    if (devs && !devs.IsNull()) {
      if (!devs.IsSequence()) throw std::runtime_error("devices: expected a list");
      for (const auto& d : devs) {
        if (!d.IsMap()) throw std::runtime_error("device: expected a map");
        UsbSeen u;
        u.vid = scalar(d, "vid");
        u.pid = scalar(d, "pid");
        if (!hex4(u.vid) || !hex4(u.pid)) throw std::runtime_error("device: vid/pid must be 4 hex digits");
        u.serial = scalar(d, "serial");
        u.vendor = scalar(d, "vendor");
        u.product = scalar(d, "product");
        u.bcd = scalar(d, "bcd");
        u.kind = kind_from(scalar(d, "kind"));
        if (d["drivers"] && d["drivers"].IsSequence())
          for (const auto& x : d["drivers"])
            if (x.IsScalar() && u.drivers.size() < 16) u.drivers.push_back(clean_device_string(x.Scalar()));
        u.scsi_disk = d["scsi_disk"] && d["scsi_disk"].IsScalar() && d["scsi_disk"].as<bool>(false);
        u.unconfirmed = d["unconfirmed"] && d["unconfirmed"].IsScalar() && d["unconfirmed"].as<bool>(false);
        if (auto t = parse_time(scalar(d, "first_seen"), zone)) u.first_seen = *t;
        if (auto t = parse_time(scalar(d, "last_seen"), zone)) u.last_seen = *t;
        if (d["times"] && d["times"].IsSequence())
          for (const auto& x : d["times"])
            if (x.IsScalar() && u.connection_times.size() < kLedgerTimesKept)
              if (auto t = parse_time(x.Scalar(), zone)) u.connection_times.push_back(*t);
        std::sort(u.connection_times.begin(), u.connection_times.end());
        std::int64_t n = 0;
        if (d["connections"] && d["connections"].IsScalar()) n = d["connections"].as<std::int64_t>(0);
        u.connections = std::max<std::int64_t>(n, static_cast<std::int64_t>(u.connection_times.size()));
        u.sources = {"ledger"};
        out.devices.push_back(std::move(u));
        if (out.devices.size() >= 10000) break;
      }
    }
  } catch (const std::exception& e) {
    out.devices.clear();
    out.error = e.what();
  }
  return out;
}

std::string format_ledger(const std::vector<UsbSeen>& devices, const Zone& zone) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "schema" << YAML::Value << YAML::DoubleQuoted << "selfcheck.usb-ledger/1";
  e << YAML::Key << "devices" << YAML::Value << YAML::BeginSeq;
  for (const UsbSeen& u : devices) {
    auto q = [&](const char* k, const std::string& v) {
      e << YAML::Key << k << YAML::Value << YAML::DoubleQuoted << v;
    };
    e << YAML::BeginMap;
    q("vid", u.vid);
    q("pid", u.pid);
    q("serial", u.serial);
    q("vendor", u.vendor);
    q("product", u.product);
    q("bcd", u.bcd);
    q("kind", std::string(to_string(u.kind)));
    e << YAML::Key << "drivers" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& d : u.drivers) e << YAML::DoubleQuoted << d;
    e << YAML::EndSeq;
    e << YAML::Key << "scsi_disk" << YAML::Value << u.scsi_disk;
    e << YAML::Key << "unconfirmed" << YAML::Value << u.unconfirmed;
    q("first_seen", u.first_seen ? zone.iso(*u.first_seen) : "");
    q("last_seen", u.last_seen ? zone.iso(*u.last_seen) : "");
    e << YAML::Key << "connections" << YAML::Value << u.connections;
    e << YAML::Key << "times" << YAML::Value << YAML::BeginSeq;
    std::size_t skip = u.connection_times.size() > kLedgerTimesKept ? u.connection_times.size() - kLedgerTimesKept : 0;
    for (std::size_t i = skip; i < u.connection_times.size(); ++i)
      e << YAML::DoubleQuoted << zone.iso(u.connection_times[i]);
    e << YAML::EndSeq;
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return "# selfcheck USB ledger: every USB device its scans have seen (written by selfcheck; do not edit)\n" +
         std::string(e.c_str()) + "\n";
}

}  // namespace sc

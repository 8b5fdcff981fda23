// Merging the Windows USB records into devices (see windows_merge.hpp).
#include "checks/usb/windows_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "agent/core/text.hpp"
#include "checks/formats/setupapi_log.hpp"
#include "checks/usb/usb_ledger.hpp"

namespace sc {

namespace {

constexpr std::string_view kNullContainer = "{00000000-0000-0000-ffff-ffffffffffff}";

std::string upper(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

struct Node {
  UsbSeen d;
  std::vector<Time> times;
  std::optional<Time> removed;
  std::set<WinSource> from;
  bool storage = false, uas = false, linked_storage = false;
  std::string usb_name, storage_vendor, storage_product;
};

class Merger {
 public:
  std::vector<Node> nodes;

  void add(const WinUsbRecord& r) {
    const WindowsDeviceId& id = r.id;
    if (id.usb() && id.interface.empty()) return apply(r, usb_node(r));
    if (id.usb()) return apply(r, interface_parent(r));
    if (id.usbstor()) return apply(r, storage_node(r));
    if (id.scsi()) {
      std::size_t n = find_instance(r);
      if (n == npos && !r.container.empty()) {
        auto it = container_.find(r.container);
        if (it != container_.end() && nodes[it->second].uas) n = it->second;
      }
      if (n != npos) apply(r, n);  // other SCSI disks are internal ones
    }
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::map<std::string, std::size_t> by_key_, instance_, serial_, container_, prefix_;

  static std::string full_id(const WindowsDeviceId& id) {
    return upper(id.enumerator + "\\" + id.device + "\\" + id.instance);
  }

  std::size_t find_instance(const WinUsbRecord& r) const {
    auto it = instance_.find(full_id(r.id));
    return it == instance_.end() ? npos : it->second;
  }

  std::size_t make(const std::string& key, std::string vid, std::string pid, std::string serial) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return it->second;
    Node n;
    n.d.vid = std::move(vid);
    n.d.pid = std::move(pid);
    n.d.serial = std::move(serial);
    n.d.serial_case_insensitive = true;
    nodes.push_back(std::move(n));
    by_key_[key] = nodes.size() - 1;
    return nodes.size() - 1;
  }

  std::size_t usb_node(const WinUsbRecord& r) {
    const auto& id = r.id;
    std::size_t n = make(id.vid + ":" + id.pid + ":" + upper(id.serial), id.vid, id.pid, id.serial);
    if (!id.serial.empty()) serial_.emplace(upper(id.serial), n);
    if (!r.parent_prefix.empty()) prefix_.emplace(upper(r.parent_prefix), n);
    return n;
  }

  std::size_t interface_parent(const WinUsbRecord& r) {
    if (std::size_t n = find_instance(r); n != npos) return n;
    if (!r.container.empty() && r.container != kNullContainer) {
      auto it = container_.find(r.container);
      if (it != container_.end()) return it->second;
    }
    std::string inst = upper(r.id.instance);
    for (const auto& [prefix, n] : prefix_)
      if (inst.rfind(prefix, 0) == 0) return n;
    std::size_t found = npos, count = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].d.vid == r.id.vid && nodes[i].d.pid == r.id.pid) found = i, ++count;
    if (count == 1) return found;
    return make(r.id.vid + ":" + r.id.pid + ":", r.id.vid, r.id.pid, "");
  }

  std::size_t storage_node(const WinUsbRecord& r) {
    if (std::size_t n = find_instance(r); n != npos) return n;
    if (!r.id.serial.empty()) {
      auto it = serial_.find(upper(r.id.serial));
      if (it != serial_.end()) return it->second;
    }
    if (!r.container.empty() && r.container != kNullContainer) {
      auto it = container_.find(r.container);
      if (it != container_.end()) return it->second;
    }
    // Logs only: a USB device with no disk tied to it yet, first seen within
    // the gap before this disk (the USB install section precedes USBSTOR's).
    if (!r.times.empty()) {
      Time t = *std::min_element(r.times.begin(), r.times.end());
      std::size_t found = npos, count = 0;
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node& c = nodes[i];
        if (c.linked_storage || c.d.vid.empty() || c.times.empty()) continue;
        Time first = *std::min_element(c.times.begin(), c.times.end());
        if (first <= t && t - first <= kWinConnectionGap && (c.d.serial.empty() || c.storage)) found = i, ++count;
      }
      if (count == 1) return found;
    }
    return make("stor:" + upper(r.id.vendor + "|" + r.id.product + "|" + r.id.serial), "", "", r.id.serial);
  }

  void apply(const WinUsbRecord& r, std::size_t i) {
    Node& n = nodes[i];
    instance_.emplace(full_id(r.id), i);
    if (!r.container.empty() && r.container != kNullContainer) container_.emplace(r.container, i);
    n.from.insert(r.from);
    add_unique(n.d.sources, r.source);
    for (const auto& drv : drivers_for_service(r.service)) add_unique(n.d.drivers, drv);
    for (int c : r.classes)
      if (std::find(n.d.interface_classes.begin(), n.d.interface_classes.end(), c) == n.d.interface_classes.end())
        n.d.interface_classes.push_back(c);
    if (r.mtp) add_unique(n.d.drivers, "mtp");
    n.times.insert(n.times.end(), r.times.begin(), r.times.end());
    if (r.removed && (!n.removed || *r.removed > *n.removed)) n.removed = r.removed;
    std::string svc = to_lower(r.service);
    if (svc == "uaspstor") n.uas = true;
    if (r.id.usbstor() || r.id.scsi() || svc == "usbstor" || svc == "uaspstor") n.storage = true;
    if (std::find(r.classes.begin(), r.classes.end(), 8) != r.classes.end()) n.storage = true;
    if (r.id.usbstor() || r.id.scsi()) {
      n.linked_storage = true;
      if (n.storage_vendor.empty()) n.storage_vendor = r.id.vendor;
      if (n.storage_product.empty()) n.storage_product = r.id.product;
      if (n.d.serial.empty() && !r.id.serial.empty() && n.d.vid.empty()) n.d.serial = r.id.serial;
    }
    if (!r.name.empty() && (n.usb_name.empty() || r.from == WinSource::wpd)) n.usb_name = r.name;
  }
};

std::vector<Time> cluster_starts(std::vector<Time> times) {
  std::sort(times.begin(), times.end());
  std::vector<Time> out;
  Time last{};
  for (Time t : times) {
    if (out.empty() || t - last > kWinConnectionGap) out.push_back(t);
    last = t;
  }
  return out;
}

}  // namespace

std::vector<std::string> drivers_for_service(std::string_view service) {
  std::string s = to_lower(service);
  std::vector<std::string> out;
  if (s.empty()) return out;
  if (s == "usbstor") out.push_back("usb-storage");
  if (s == "uaspstor") out.push_back("uas");
  if (s == "rndismp" || s == "rndismp6") out.push_back("rndis_host");
  if (s == "usbncm") out.push_back("cdc_ncm");
  if (s == "netaapl" || s == "netaapl64") out.push_back("ipheth");
  if (s == "usbaapl" || s == "usbaapl64") out.push_back("usbaapl");
  if (s == "wudfwpdmtp" || s == "wpdmtpdr") out.push_back("mtp");
  out.push_back(std::string(service));
  return out;
}

std::vector<int> classes_from_ids(const std::vector<std::string>& ids) {
  std::vector<int> out;
  for (const auto& id : ids) {
    std::string u = upper(id);
    std::size_t p = u.find("\\CLASS_");
    if (p == std::string::npos || p + 9 > u.size()) continue;
    std::string h = u.substr(p + 7, 2);
    if (!std::isxdigit(static_cast<unsigned char>(h[0])) || !std::isxdigit(static_cast<unsigned char>(h[1]))) continue;
    int c = std::stoi(h, nullptr, 16);
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

WinUsbMerged merge_windows_usb(const std::vector<WinUsbRecord>& records, bool enum_readable) {
  // Enum keys first (they carry ContainerID and ParentIdPrefix that tie the
  // rest), devices before interfaces before disks; the logs after.
  auto rank = [](const WinUsbRecord& r) {
    int src = r.from == WinSource::enum_key ? 0 : 1;
    int kind = r.id.usb() && r.id.interface.empty() ? 0 : r.id.usb() ? 1 : r.id.usbstor() ? 2 : 3;
    return src * 10 + kind;
  };
  std::vector<const WinUsbRecord*> order;
  for (const auto& r : records) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return rank(*a) < rank(*b); });
  Merger m;
  for (const WinUsbRecord* r : order) m.add(*r);

  WinUsbMerged out;
  for (Node& n : m.nodes) {
    UsbSeen& d = n.d;
    if (n.storage) {
      d.scsi_disk = true;
      add_unique(d.drivers, n.uas ? "uas" : "usb-storage");
      d.kind = UsbKind::storage;
      d.vendor = clean_text(n.storage_vendor, 128);
      d.product = clean_text(n.storage_product.empty() ? n.usb_name : n.storage_product, 128);
    } else {
      d.product = clean_text(n.usb_name, 128);
      // Network and phone: decided from rules/usb.yaml (tethering_drivers,
      // the one list) by the judgement, as on Linux (issue 14).
      d.kind = UsbKind::other;
    }
    std::vector<Time> starts = cluster_starts(n.times);
    d.connections = std::max<std::int64_t>(1, static_cast<std::int64_t>(starts.size()));
    if (!n.times.empty()) {
      d.first_seen = *std::min_element(n.times.begin(), n.times.end());
      d.last_seen = *std::max_element(n.times.begin(), n.times.end());
    }
    if (n.removed && (!d.last_seen || *n.removed > *d.last_seen)) d.last_seen = n.removed;
    if (!d.first_seen && d.last_seen) d.first_seen = d.last_seen;
    if (starts.size() > kLedgerTimesKept) starts.erase(starts.begin(), starts.end() - kLedgerTimesKept);
    d.connection_times = std::move(starts);
    if (enum_readable && !n.from.count(WinSource::enum_key) && !n.from.count(WinSource::present)) {
      std::string name = d.vendor.empty() ? d.product : d.vendor + (d.product.empty() ? "" : " " + d.product);
      if (name.empty()) name = d.vid + ":" + d.pid;
      out.missing_from_enum.push_back(
          fmt::format("{} serial {} in {}", name, d.serial.empty() ? "(none)" : d.serial, fmt::join(d.sources, ", ")));
    }
    out.devices.push_back(std::move(d));
  }
  return out;
}

}  // namespace sc

// Parsing and applying rules/usb.yaml.
#include "checks/usb/usb_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "agent/core/text.hpp"

namespace sc {

namespace {

int hex4(const YamlDoc& d, const YAML::Node& n, std::string_view s, std::string_view what) {
  bool ok = s.size() == 4 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
  if (!ok) d.fail(n, fmt::format("{}: expected 4 hex digits (e.g. \"12d1\"), found '{}'", what, s));
  return std::stoi(std::string(s), nullptr, 16);
}

bool has(const std::vector<std::string>& v, const std::vector<std::string>& any) {
  for (const auto& x : any)
    if (std::find(v.begin(), v.end(), x) != v.end()) return true;
  return false;
}

// `word` in `text` as a whole word, any case.
bool has_word(const std::string& text, const std::string& word) {
  if (word.empty()) return false;
  std::string t = to_lower(text), w = to_lower(word);
  for (std::size_t p = t.find(w); p != std::string::npos; p = t.find(w, p + 1)) {
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(t[p - 1]));
    std::size_t e = p + w.size();
    bool right = e >= t.size() || !std::isalnum(static_cast<unsigned char>(t[e]));
    if (left && right) return true;
  }
  return false;
}

}  // namespace

UsbRules parse_usb_rules(const Rules& rules) {
  UsbRules r;
  for (const YamlDoc* dp : rules.docs("usb")) {
    const YamlDoc& d = *dp;
    if (!d.root || d.root.IsNull()) continue;
    d.expect_map(d.root, "usb rules");
    d.only_keys(d.root,
                {"storage_drivers", "tethering_drivers", "modem_drivers", "phone_drivers", "phone_hints", "phones"});
    if (auto n = d.root["storage_drivers"]) r.storage_drivers = d.str_list(n, "storage_drivers");
    if (auto n = d.root["tethering_drivers"]) r.tethering_drivers = d.str_list(n, "tethering_drivers");
    if (auto n = d.root["modem_drivers"]) r.modem_drivers = d.str_list(n, "modem_drivers");
    if (auto n = d.root["phone_drivers"]) r.phone_drivers = d.str_list(n, "phone_drivers");
    if (auto n = d.root["phone_hints"]) r.phone_hints = d.str_list(n, "phone_hints");
    if (auto n = d.root["phones"]) {
      d.expect_list(n, "phones");
      for (const auto& e : n) {
        d.expect_map(e, "phones entry");
        d.only_keys(e, {"id", "vendor", "vid", "pids"});
        if (!e["id"]) d.fail(e, "phones entry: missing key 'id'");
        if (!e["vid"]) d.fail(e, "phones entry: missing key 'vid'");
        if (!e["pids"]) d.fail(e, "phones entry: missing key 'pids'");
        PhoneRule p;
        p.id = d.str(e["id"], "id");
        p.vendor = e["vendor"] ? d.str(e["vendor"], "vendor") : p.id;
        p.vid = to_lower(d.str(e["vid"], "vid"));
        hex4(d, e["vid"], p.vid, "vid");
        d.expect_list(e["pids"], "pids");
        for (const auto& x : e["pids"]) {
          std::string s = to_lower(d.str(x, "pids"));
          std::size_t dash = s.find('-');
          int lo = hex4(d, x, s.substr(0, dash), "pids");
          int hi = dash == std::string::npos ? lo : hex4(d, x, s.substr(dash + 1), "pids");
          if (hi < lo) d.fail(x, fmt::format("pids: range '{}' ends before it starts", s));
          p.pids.emplace_back(lo, hi);
        }
        auto same = std::find_if(r.phones.begin(), r.phones.end(), [&](const PhoneRule& q) { return q.id == p.id; });
        if (same != r.phones.end())
          *same = std::move(p);
        else
          r.phones.push_back(std::move(p));
      }
    }
  }
  return r;
}

std::string UsbRules::phone_reason(const UsbSeen& d) const {
  int pid = -1;
  if (d.pid.size() == 4 && std::all_of(d.pid.begin(), d.pid.end(), [](unsigned char c) { return std::isxdigit(c); }))
    pid = std::stoi(d.pid, nullptr, 16);
  for (const PhoneRule& p : phones) {
    if (p.vid != d.vid) continue;
    for (auto [lo, hi] : p.pids)
      if (pid >= lo && pid <= hi) return p.vendor;
  }
  for (const auto& drv : phone_drivers)
    if (std::find(d.drivers.begin(), d.drivers.end(), drv) != d.drivers.end()) return drv;
  bool phone_maker = std::any_of(phones.begin(), phones.end(), [&](const PhoneRule& p) { return p.vid == d.vid; });
  if (!phone_maker || has(d.drivers, tethering_drivers) || has(d.drivers, modem_drivers)) return "";
  for (const auto& h : phone_hints)
    if (has_word(d.product, h) || has_word(d.vendor, h)) return h;
  return "";
}

bool UsbRules::is_storage(const UsbSeen& d) const { return d.scsi_disk || has(d.drivers, storage_drivers); }
bool UsbRules::is_tethering(const UsbSeen& d) const { return has(d.drivers, tethering_drivers); }

UsbKind UsbRules::kind(const UsbSeen& d) const {
  if (!phone_reason(d).empty()) return UsbKind::phone;
  if (is_storage(d)) return UsbKind::storage;
  if (is_tethering(d)) return UsbKind::network;
  return d.kind == UsbKind::phone ? UsbKind::other : d.kind;
}

std::vector<UsbClassified> classify_devices(const UsbRules& rules, const std::vector<UsbSeen>& devices) {
  std::vector<UsbClassified> out(devices.size());
  std::map<std::string, std::size_t> handsets;  // vid + serial → the phone standing for them
  auto key = [](const UsbSeen& d) {
    std::string s = d.serial;
    if (d.serial_case_insensitive) s = to_lower(s);
    return d.vid + "\n" + s;
  };
  // A serial identifies a handset only when it is one: not empty, not a
  // placeholder many cheap devices share.
  auto usable = [](const UsbSeen& d) {
    if (d.serial.size() < 6) return false;
    std::string s = to_lower(d.serial);
    return s != "0123456789abcdef" && s != "000000000000" && s.find_first_not_of('0') != std::string::npos;
  };
  for (std::size_t i = 0; i < devices.size(); ++i) {
    out[i].phone = rules.phone_reason(devices[i]);
    out[i].kind = rules.kind(devices[i]);
    out[i].handset = i;
    if (!out[i].phone.empty() && usable(devices[i])) handsets.emplace(key(devices[i]), i);
  }
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (!usable(devices[i])) continue;
    auto it = handsets.find(key(devices[i]));
    if (it == handsets.end()) continue;
    out[i].handset = it->second;
    if (out[i].phone.empty()) {
      const UsbSeen& p = devices[it->second];
      out[i].phone = fmt::format("{} (same handset as {}:{})", out[it->second].phone, p.vid, p.pid);
      out[i].kind = UsbKind::phone;
    }
  }
  return out;
}

}  // namespace sc

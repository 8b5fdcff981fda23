// The USB facts of an audited Windows machine (live, or a mounted disk
// offline): the registry's memory of every device it installed (Enum\USB,
// Enum\USBSTOR, Enum\SCSI for UAS drives, the device Properties FILETIMEs),
// Windows Portable Devices (MTP/PTP phones), MountedDevices, the device
// installation log setupapi.dev.log with its rotations, the event logs that
// record connections (Partition/Diagnostic 1006, Kernel-PnP 400/410,
// DriverFrameworks-UserMode 2003/2100, System UserPnp 20001/20003), the
// agent's own ledger and, live, what is plugged in now. Fills the same
// UsbFacts as the Linux gatherer; checks/usb/windows_merge.cpp ties the
// records together. A source that is absent is not "no devices"; one that
// exists but cannot be read makes the findings unknown (UsbFacts::unreadable).
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>

#include "agent/core/event_log.hpp"
#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/text.hpp"
#include "agent/core/win_paths.hpp"
#include "checks/formats/setupapi_log.hpp"
#include "checks/formats/windows_device_id.hpp"
#include "checks/usb/facts.hpp"
#include "checks/usb/usb_ledger.hpp"
#include "checks/usb/windows_merge.hpp"

namespace sc {

namespace {
constexpr std::size_t kSetupapiMaxBytes = 256u << 20;  // one setupapi.dev.log (+ rotations each)
}  // namespace

namespace {

constexpr std::string_view kEnum = "HKLM\\SYSTEM\\CurrentControlSet\\Enum";
// DEVPKEY_Device_* activity timestamps (devpkey.h): {83da6326-…} pid 100
// InstallDate, 101 FirstInstallDate, 102 LastArrivalDate, 103 LastRemovalDate.
// Windows 8+ stores the key Properties\{fmtid}\00PP with a default value of
// type 0xFFFF0010 (DEVPROP_TYPE_FILETIME); Windows 7 stores the key
// Properties\{fmtid}\000000PP\00000000 with "Type" and "Data" values (as in
// the real sample hive).
constexpr std::string_view kDateProps = "{83da6326-97a6-4088-9453-a1923f573b29}";
constexpr std::string_view kWpdClass = "{eec5ad98-8080-425f-922a-dabf3de3f69a}";
constexpr std::string_view kWinLedger = "/ProgramData/selfcheck/usb-ledger.yaml";

std::string str_value(const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  if (!v) return "";
  if (auto s = v->string()) return *s;
  return "";
}

std::vector<std::string> multi_value(const RegKey& k, std::string_view name) {
  const RegValue* v = k.value(name);
  if (!v) return {};
  if (auto s = v->strings()) return *s;
  if (auto s = v->string()) return {*s};
  return {};
}

// "@usbstor.inf,%genericbulkonly.devicedesc%;USB Mass Storage Device" → the text after ';'.
std::string display_text(std::string s) {
  if (!s.empty() && s[0] == '@') {
    std::size_t semi = s.rfind(';');
    s = semi == std::string::npos ? "" : s.substr(semi + 1);
  }
  return clean_text(trim(s), 128);
}

std::optional<Time> filetime_bytes(std::string_view data) {
  if (data.size() != 8) return std::nullopt;
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(data[static_cast<std::size_t>(i)]);
  return filetime_to_time(v);
}

struct Reader {
  const Host& host;
  const Registry& reg;
  UsbFacts& f;
  std::vector<WinUsbRecord>& recs;

  void unreadable(const std::string& source, const std::string& why) {
    f.unreadable.push_back({source, why});
    f.problems.push_back(source + ": " + why);
  }

  // One activity date of a device instance key, either layout.
  std::optional<Time> date(const std::string& inst_path, int pid) {
    std::string base = inst_path + "\\Properties\\" + std::string(kDateProps);
    RegKeyResult w8 = reg.key(fmt::format("{}\\{:04X}", base, pid));
    if (w8.found())
      if (const RegValue* v = w8.key.value("")) return filetime_bytes(v->data);
    RegKeyResult w7 = reg.key(fmt::format("{}\\{:08X}\\00000000", base, pid));
    if (w7.found())
      if (const RegValue* v = w7.key.value("Data")) return filetime_bytes(v->data);
    return std::nullopt;
  }

  // Enum\<enumerator>: every device instance. Returns false when the hive could not be read.
  bool read_enum(std::string_view enumerator) {
    std::string path = fmt::format("{}\\{}", kEnum, enumerator);
    RegKeyResult top = reg.key(path);
    if (!top.error.empty()) {
      if (!top.hive_missing) unreadable("SYSTEM hive", top.error);
      return false;
    }
    std::string source = fmt::format("registry Enum\\{}", enumerator);
    if (top.absent) {
      f.sources_read.push_back(source + " (absent)");
      return true;
    }
    f.sources_read.push_back(source);
    for (const std::string& dev : top.key.subkeys) {
      RegKeyResult dk = reg.key(path + "\\" + dev);
      if (!dk.found()) continue;
      for (const std::string& inst : dk.key.subkeys) {
        std::string ip = path + "\\" + dev + "\\" + inst;
        auto id = parse_device_instance_id(std::string(enumerator) + "\\" + dev + "\\" + inst);
        if (!id) continue;
        if (enumerator == "USB" && !id->usb()) continue;  // root hubs
        RegKeyResult ik = reg.key(ip);
        if (!ik.found()) continue;
        WinUsbRecord r;
        r.id = std::move(*id);
        r.from = WinSource::enum_key;
        r.source = source;
        r.service = clean_text(str_value(ik.key, "Service"), 64);
        r.container = to_lower(str_value(ik.key, "ContainerID"));
        r.parent_prefix = str_value(ik.key, "ParentIdPrefix");
        std::string name = str_value(ik.key, "FriendlyName");
        r.name = display_text(name.empty() ? str_value(ik.key, "DeviceDesc") : name);
        std::vector<std::string> ids = multi_value(ik.key, "CompatibleIDs");
        for (auto& h : multi_value(ik.key, "HardwareID")) ids.push_back(h);
        r.classes = classes_from_ids(ids);
        for (const auto& c : ids)
          if (iequals(c, "USB\\MS_COMP_MTP")) r.mtp = true;
        if (iequals(str_value(ik.key, "ClassGUID"), kWpdClass)) r.mtp = true;
        for (int pid : {100, 101, 102})
          if (auto t = date(ip, pid)) r.times.push_back(*t);
        r.removed = date(ip, 103);
        recs.push_back(std::move(r));
      }
    }
    return true;
  }

  void read_wpd() {
    RegKeyResult top = reg.key("HKLM\\SOFTWARE\\Microsoft\\Windows Portable Devices\\Devices");
    if (!top.error.empty()) {
      if (!top.hive_missing) f.problems.push_back("SOFTWARE hive: " + top.error);
      return;
    }
    if (top.absent) return;
    f.sources_read.push_back("registry Windows Portable Devices");
    for (const std::string& sub : top.key.subkeys) {
      auto id = parse_device_path(sub);
      if (!id) continue;
      RegKeyResult k = reg.key(std::string(top.key.path) + "\\" + sub);
      WinUsbRecord r;
      r.from = WinSource::wpd;
      r.source = "registry Windows Portable Devices";
      if (k.found()) r.name = display_text(str_value(k.key, "FriendlyName"));
      r.mtp = id->usb();                  // a portable device that is not a USB disk's volume: MTP/PTP
      if (id->usbstor()) r.name.clear();  // a volume label, not the drive's model
      r.id = std::move(*id);
      recs.push_back(std::move(r));
    }
  }

  void read_mounted_devices() {
    RegKeyResult k = reg.key("HKLM\\SYSTEM\\MountedDevices");
    if (!k.found()) return;
    f.sources_read.push_back("registry MountedDevices");
    for (const RegValue& v : k.key.values) {
      if (v.data.size() < 16 || v.data.size() > 4096) continue;
      auto id = parse_mounted_device(utf16le_to_utf8(v.data));
      if (!id) continue;
      WinUsbRecord r;
      r.id = std::move(*id);
      r.from = WinSource::mounted_devices;
      r.source = "registry MountedDevices";
      recs.push_back(std::move(r));
    }
  }

  void read_setupapi() {
    auto dir = find_case_insensitive(host, "/Windows/INF");
    if (!dir) return;
    std::vector<std::pair<std::string, std::string>> files;  // (order key, path)
    for (const std::string& name : host.list_dir(*dir)) {
      std::string stamp;
      if (is_setupapi_dev_log(name, &stamp)) files.emplace_back(stamp.empty() ? "~" : stamp, *dir + "/" + name);
    }
    std::sort(files.begin(), files.end());
    for (const auto& [key, file] : files) {
      const std::string abs = file;  // (a lambda below names it: no structured binding there)
      // Through the Host: resolved inside the root, regular files only,
      // bounded (issue 13 item 6), and streamed: the parser keeps one line,
      // so memory does not grow with the log. A log past the cap is read in
      // part and says so.
      const Zone& zone = host.zone();
      SetupapiLogParser p([&](SetupapiSection&& s) {
        if (s.title.rfind("Device Install", 0) != 0 || !s.start) return;
        auto id = parse_device_reference(s.instance);
        if (!id || !(id->usb() || id->usbstor() || id->scsi())) return;
        WinUsbRecord r;
        r.id = std::move(*id);
        r.from = WinSource::setupapi;
        r.source = abs;
        r.times.push_back(zone.from_civil(*s.start));
        recs.push_back(std::move(r));
      });
      FileResult data = host.read_file_chunks(abs, kSetupapiMaxBytes, [&p](std::string_view piece) { p.feed(piece); });
      if (data.missing) continue;
      p.finish();  // sections read before a read error are real: kept
      if (!data.ok()) {
        unreadable(abs, data.error);
        continue;
      }
      if (data.truncated)
        f.problems.push_back(fmt::format("{}: only the first {} bytes were read", abs, kSetupapiMaxBytes));
      f.sources_read.push_back(abs);
    }
  }

  // Records that show the device there but are not a new connection:
  // Partition/Diagnostic 1006 is written on arrival and on removal (a removal
  // has Capacity 0, Jason Hale, "USB Device Tracking using the
  // Partition/Diagnostic Event Log", df-stream.com); DriverFrameworks 2100
  // is any PnP or power operation of the UMDF host, removal included.
  static bool removal(const EventRecord& e) {
    if (e.event_id == 2100) return true;
    if (e.event_id == 1006)
      if (const std::string* c = e.field("Capacity")) return *c == "0";
    return false;
  }

  void read_events(std::string_view channel, std::vector<std::string> providers, std::vector<std::uint32_t> ids) {
    EventQuery q;
    q.providers = std::move(providers);
    q.ids = std::move(ids);
    EventLogResult res = host.event_log().query(channel, q);
    if (res.missing) return;  // disabled or never written: no evidence either way
    std::string source = fmt::format("event log {}", channel);
    if (!res.error.empty()) {
      if (res.records.empty()) return unreadable(res.source.empty() ? source : res.source, res.error);
      f.problems.push_back(source + ": " + res.error);
    }
    f.sources_read.push_back(source);
    if (res.truncated)
      f.problems.push_back(source + ": only the newest " + std::to_string(q.max_records) + " records read");
    for (const EventRecord& e : res.records) {
      if (!e.time) continue;
      std::vector<std::string> seen;
      for (const auto& [name, value] : e.data) {
        if (value.size() > 1024) continue;
        auto id = parse_device_reference(value);
        if (!id || !(id->usb() || id->usbstor() || id->scsi())) continue;
        std::string key = id->enumerator + "\\" + id->device + "\\" + id->instance;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        WinUsbRecord r;
        r.id = std::move(*id);
        r.from = WinSource::event_log;
        r.source = fmt::format("{} {}", source, e.event_id);
        if (removal(e))
          r.removed = *e.time;
        else
          r.times.push_back(*e.time);
        recs.push_back(std::move(r));
      }
    }
  }

  bool read_ledger() {
    FileResult lf = host.read_file(kWinLedger);
    if (!lf.ok()) {
      if (!lf.missing) f.problems.push_back(lf.error);
      return false;
    }
    Ledger l = parse_ledger(lf.data, host.zone());
    if (!l.error.empty()) {
      f.problems.push_back(fmt::format("{} is corrupt ({}): started a new ledger", kWinLedger, l.error));
      return false;
    }
    f.sources_read.push_back(std::string(kWinLedger));
    for (const UsbSeen& d : l.devices) recs.push_back(ledger_record(d, WinSource::ledger, "ledger"));
    return true;
  }

  static WinUsbRecord ledger_record(const UsbSeen& d, WinSource from, const std::string& source) {
    WinUsbRecord r;
    std::string inst = d.serial.empty() ? "0&ledger" : d.serial;
    if (auto id = parse_device_instance_id(fmt::format("USB\\VID_{}&PID_{}\\{}", d.vid, d.pid, inst))) r.id = *id;
    r.from = from;
    r.source = source;
    r.name = d.product;
    if (d.kind == UsbKind::storage) r.classes.push_back(8);
    r.times = d.connection_times;
    if (d.first_seen) r.times.push_back(*d.first_seen);
    return r;
  }

  bool read_present() {
    if (!host.live()) {
      f.sources_read.push_back("present: not checked (offline audit)");
      return false;
    }
    std::string err;
    std::vector<UsbPresent> now = host.usb_present(&err);
    if (!err.empty()) {
      f.problems.push_back("USB devices plugged in now: " + err);
      return false;
    }
    f.sources_read.push_back("present");
    for (const UsbPresent& p : now) {
      UsbSeen d;
      d.vid = p.vid;
      d.pid = p.pid;
      d.serial = p.serial;
      d.product = clean_text(p.product, 128);
      d.connection_times = {host.now()};
      WinUsbRecord r = ledger_record(d, WinSource::present, "present");
      r.classes = p.interface_classes;
      recs.push_back(std::move(r));
    }
    return true;
  }
};

}  // namespace

UsbFacts gather_usb_facts_windows(const Host& host) {
  UsbFacts f;
  std::vector<WinUsbRecord> recs;
  try {
    Reader rd{host, host.registry(), f, recs};
    // One unreadable SYSTEM hive is said once, not once per key.
    bool enum_ok = rd.read_enum("USB") && rd.read_enum("USBSTOR") && rd.read_enum("SCSI");
    rd.read_wpd();
    rd.read_mounted_devices();
    rd.read_setupapi();
    rd.read_events("Microsoft-Windows-Partition/Diagnostic", {}, {1006});
    rd.read_events("Microsoft-Windows-Kernel-PnP/Configuration", {}, {400, 410});
    rd.read_events("Microsoft-Windows-DriverFrameworks-UserMode/Operational", {}, {2003, 2100});
    rd.read_events("System", {"Microsoft-Windows-UserPnp"}, {20001, 20003});
    bool ledger = rd.read_ledger();
    bool present = rd.read_present();

    WinUsbMerged m = merge_windows_usb(recs, enum_ok);
    f.devices = std::move(m.devices);
    f.missing_from_enum = std::move(m.missing_from_enum);
    std::size_t read = 0;
    for (const auto& s : f.sources_read)
      if (s.find("(absent)") == std::string::npos && s.rfind("present:", 0) != 0) ++read;
    f.any_source = enum_ok || read > 0 || ledger || present;

    // The ledger is written on the running machine only; devices whose
    // vid/pid no source named (a disk seen only in logs) cannot be kept there.
    if (host.is_system_root()) {
      try {
        std::vector<UsbSeen> keep;
        for (const UsbSeen& d : f.devices)
          if (!d.vid.empty() && !d.pid.empty()) keep.push_back(d);
        std::error_code ec;
        fs::create_directories(host.path("/ProgramData/selfcheck"), ec);
        host.write_file_atomic(host.path(kWinLedger), format_ledger(keep, host.zone()));
        f.ledger_note = "ledger written";
      } catch (const std::exception& e) {
        f.ledger_note = std::string("ledger not written: ") + e.what();
      }
    }
  } catch (const std::exception& e) {
    f.problems.push_back(std::string("USB history incomplete: ") + e.what());
  }
  return f;
}

}  // namespace sc

// The usb probe (report item 3, 移动存储介质使用管理): every USB storage
// device and phone ever connected, from the shared USB history fact (kernel
// logs, journal, ledger, devices plugged in now), judged against the
// administrator's approved drives and the inspection team's collection drives.
#include "checks/usb/usb.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "checks/not_supported.hpp"
#include "checks/probes.hpp"
#include "checks/usb/usb_rules.hpp"

namespace sc {

namespace {

const FindingSpec kHistory{
    "usb.storage_history", Severity::info, Text{"USB 存储设备接入记录", "USB storage connection history"},
    Text{"检查组核查本机接入过的全部移动存储介质,作为是否交叉使用的依据。",
         "Inspectors review every removable storage device ever connected, the basis for the cross-use check."},
    Text{"定期核对 USB 存储设备接入记录,只使用登记的专用移动存储介质。",
         "Review the USB storage history regularly; use only registered drives."}};

const FindingSpec kUnapproved{
    "usb.unapproved_storage", Severity::high, Text{"未登记 USB 存储设备", "Unregistered USB storage devices"},
    Text{"未经登记的移动存储介质可能带入病毒或带出数据,且无法追溯。",
         "An unregistered drive can bring malware in or carry data out, and cannot be traced."},
    Text{"核查该设备来源及拷贝内容;登记或收回该设备;对本机进行病毒查杀。",
         "Find out where the device came from and what was copied; register or withdraw it; run a virus scan on "
         "this computer."}};

const FindingSpec kPhone{
    "usb.phone_connected", Severity::high, Text{"手机连接记录", "Phones connected"},
    Text{"手机连接计算机(含充电、传文件、共享网络)可能造成数据外泄或使涉密计算机接入互联网。",
         "A phone connected to a computer (charging, file transfer, tethering) can leak data or connect a "
         "confidential computer to the Internet."},
    Text{"禁止手机连接本机(含充电);核查连接期间的数据拷贝和网络连接;对使用人进行保密教育。",
         "Forbid connecting phones to this computer, even for charging; check what was copied and whether it went "
         "online meanwhile; brief the user on security rules."}};

struct Judged {
  const UsbSeen* d = nullptr;
  UsbKind kind = UsbKind::other;
  bool approved = false, collection = false;
  std::string phone;        // why it is a phone
  std::size_t handset = 0;  // devices of one handset (model by serial) share it
};

std::string name_of(const UsbSeen& d) {
  std::string n = d.vendor;
  if (!d.product.empty()) n += (n.empty() ? "" : " ") + d.product;
  if (n.empty()) n = d.vid + ":" + d.pid;
  return n;
}

std::string first_minute(const UsbSeen& d, const Zone& z) { return d.first_seen ? z.minute(*d.first_seen) : "?"; }

// "SanDisk Ultra Fit(序列号 4C53…,2026-11-18 10:15 首次接入)"
Text mention(const UsbSeen& d, const Zone& z) {
  std::string serial_zh = d.serial.empty() ? "无序列号" : "序列号 " + d.serial;
  std::string serial_en = d.serial.empty() ? "no serial number" : "serial " + d.serial;
  std::string extra_zh = d.unconfirmed ? ",仅见于文本日志、内核日志中无记录" : "";
  std::string extra_en = d.unconfirmed ? "; only in text logs, not in the kernel journal" : "";
  return Text{fmt::format("{}({},{} 首次接入{})", name_of(d), serial_zh, first_minute(d, z), extra_zh),
              fmt::format("{} ({}, first connected {}{})", name_of(d), serial_en, first_minute(d, z), extra_en)};
}

std::string evidence_line(const UsbSeen& d, const Zone& z) {
  return fmt::format("{}:{} {} serial={} first={} last={} connections={} sources={}", d.vid, d.pid, name_of(d),
                     d.serial.empty() ? "(none)" : d.serial, d.first_seen ? z.iso(*d.first_seen) : "",
                     d.last_seen ? z.iso(*d.last_seen) : "", d.connections, fmt::join(d.sources, ","));
}

Text join_mentions(const std::vector<const UsbSeen*>& ds, const Zone& z) {
  Text t;
  std::size_t shown = std::min<std::size_t>(ds.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) {
    Text m = mention(*ds[i], z);
    t.zh += (i ? ";" : "") + m.zh;
    t.en += (i ? "; " : "") + m.en;
  }
  if (ds.size() > shown) {
    t.zh += fmt::format(" 等 {} 个", ds.size());
    t.en += fmt::format(" and {} more", ds.size() - shown);
  }
  return t;
}

class UsbProbe : public Probe {
 public:
  UsbProbe() : specs_{kHistory, kUnapproved, kPhone} {}
  std::string_view name() const override { return "usb"; }
  const std::vector<FindingSpec>& specs() const override { return specs_; }

  void configure(const Rules& rules, const Config& config) override {
    rules_ = parse_usb_rules(rules);
    approved_ = config.approved;
    collection_ = config.collection_drives;
    confidential_ = config.classification == Classification::confidential;
  }

  std::vector<Judged> judge(const UsbFacts& h) const {
    std::vector<Judged> out;
    std::vector<UsbClassified> cls = classify_devices(rules_, h.devices);
    for (std::size_t i = 0; i < h.devices.size(); ++i) {
      const UsbSeen& d = h.devices[i];
      Judged j;
      j.d = &d;
      j.kind = cls[i].kind;
      j.phone = cls[i].phone;
      j.handset = cls[i].handset;
      for (const auto& e : collection_) j.collection = j.collection || usb_entry_matches(e, d);
      for (const auto& e : approved_) j.approved = j.approved || usb_entry_matches(e, d);
      out.push_back(j);
    }
    return out;
  }

  std::vector<Finding> run(const Host& host) const override {
    if (auto other_os = findings_for_unsupported_os(host, specs_)) return *other_os;
    try {
      return run_checked(host);
    } catch (const std::exception& e) {
      std::vector<Finding> out;
      for (const auto& s : specs_)
        out.push_back(make_finding(s, Status::unknown, Text{std::string("检查出错:") + e.what(), e.what()}));
      return out;
    }
  }

  std::vector<Finding> run_checked(const Host& host) const { return judge_facts(usb_facts(host), host.zone()); }

 public:
  // Facts → findings. Asks the machine nothing: what the facts do not say
  // (sources unreadable, devices left out) makes a finding unknown or warn,
  // never a pass.
  std::vector<Finding> judge_facts(const UsbFacts& h, const Zone& z) const {
    Evidence common;
    common["sources"] = h.sources_read;
    if (!h.problems.empty()) common["problems"] = h.problems;
    if (!h.ledger_note.empty()) common["ledger"] = h.ledger_note;
    std::vector<std::string> unreadable;
    for (const auto& u : h.unreadable)
      unreadable.push_back(u.reason.find(u.source) != std::string::npos ? u.reason : u.source + ": " + u.reason);
    if (!unreadable.empty()) common["unreadable"] = unreadable;
    std::vector<Finding> out;

    if (!h.any_source) {
      std::string why = h.problems.empty()
                            ? std::string("no kernel log found (/var/log/syslog, kern.log, messages, the journal)")
                            : fmt::format("{}", fmt::join(h.problems, "; "));
      Text t{"无法读取任何 USB 记录来源:" + why, "no USB record source could be read: " + why};
      for (const auto& s : specs_) out.push_back(make_finding(s, Status::unknown, t, common));
      return out;
    }
    // History that exists but could not be read: no pass can be claimed.
    std::string unread = fmt::format("{}", fmt::join(unreadable, "; "));
    Text unread_t{"USB 记录来源无法读取(" + unread + "),无法确认",
                  "USB history unreadable (" + unread + "), cannot tell"};

    std::vector<Judged> all = judge(h);
    std::vector<const UsbSeen*> storage, unapproved, unconfirmed_only, phones;
    std::vector<std::size_t> handsets;
    std::int64_t storage_connections = 0;
    for (const Judged& j : all) {
      bool is_storage = rules_.is_storage(*j.d);
      if (is_storage) {
        storage.push_back(j.d);
        storage_connections += j.d->connections;
        if (!j.approved && !j.collection) (j.d->unconfirmed ? unconfirmed_only : unapproved).push_back(j.d);
      }
      if (!j.phone.empty() && std::find(handsets.begin(), handsets.end(), j.handset) == handsets.end()) {
        handsets.push_back(j.handset);
        phones.push_back(&h.devices[j.handset]);
      }
    }

    // What the history cannot vouch for: forged identities, storage without
    // identity, devices left out past the cap. Each is a warning by itself.
    std::vector<std::string> doubts_ev;
    Text doubts;
    auto doubt = [&](const std::string& zh, const std::string& en) {
      doubts.zh += (doubts.zh.empty() ? "" : ";") + zh;
      doubts.en += (doubts.en.empty() ? "" : "; ") + en;
    };
    if (!h.conflicts.empty()) {
      for (const UsbConflict& c : h.conflicts)
        doubts_ev.push_back(fmt::format("conflict {}: {} then {} at {} in {}", c.where, c.first, c.second,
                                        c.time ? z.iso(*c.time) : "?", c.source));
      const UsbConflict& c = h.conflicts.front();
      // The example said in Chinese (issue 14): "端口 1-3 设备号 5:0781:5583(序列号 …)".
      auto zh_of = [](std::string s) {
        auto swap = [&s](std::string_view from, std::string_view to) {
          for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
            s.replace(p, from.size(), to);
        };
        swap(" (no serial)", "(无序列号)");
        if (s.find(" serial ") != std::string::npos) {
          swap(" serial ", "(序列号 ");
          s += ")";
        }
        if (s.rfind("port ", 0) == 0) s.replace(0, 5, "端口 ");
        swap(" device number ", " 设备号 ");
        return s;
      };
      doubt(fmt::format("同一连接出现两个设备身份 {} 处(可能为伪造的日志行),如 {}:{} 与 {}", h.conflicts.size(),
                        zh_of(c.where), zh_of(c.first), zh_of(c.second)),
            fmt::format("{} connection(s) printed a second device identity (possibly forged log lines), e.g. {}: "
                        "{} then {}",
                        h.conflicts.size(), c.where, c.first, c.second));
    }
    if (h.anonymous_storage > 0) {
      for (const auto& e : h.anonymous_storage_evidence) doubts_ev.push_back("storage without identity " + e);
      doubt(fmt::format("{} 次 USB 存储设备接入无设备身份(内核未记录厂商/产品/序列号),无法核对是否登记",
                        h.anonymous_storage),
            fmt::format("{} USB storage connection(s) without identity (the kernel logged no vendor/product/serial): "
                        "cannot check registration",
                        h.anonymous_storage));
    }
    if (h.dropped_connections > 0) {
      doubts_ev.push_back(
          fmt::format("left out: {} connections beyond {} distinct devices", h.dropped_connections, h.distinct_cap));
      doubt(fmt::format("设备种类超过 {} 个,另有 {} 次接入未纳入检查", h.distinct_cap, h.dropped_connections),
            fmt::format("more than {} distinct devices: {} further connections were left out", h.distinct_cap,
                        h.dropped_connections));
    }

    {  // usb.storage_history: the count, never fails by itself
      Evidence ev = common;
      ev["devices"] = static_cast<std::int64_t>(storage.size());
      ev["connections"] = storage_connections;
      std::vector<std::string> lines;
      for (const UsbSeen* d : storage) lines.push_back(evidence_line(*d, z));
      ev["storage_devices"] = lines;
      if (h.anonymous_storage > 0) ev["storage_without_identity"] = h.anonymous_storage;
      if (h.dropped_connections > 0) ev["left_out_connections"] = h.dropped_connections;
      Text t{fmt::format("发现 USB 存储设备接入记录 {} 条(设备 {} 个)", storage_connections, storage.size()),
             fmt::format("{} USB storage connections found ({} devices)", storage_connections, storage.size())};
      if (!h.problems.empty()) {
        t.zh += fmt::format(";{} 个来源不完整,见证据", h.problems.size());
        t.en += fmt::format("; {} source problems, see evidence", h.problems.size());
      }
      if (!doubts.en.empty()) {
        t.zh += ";" + doubts.zh;
        t.en += "; " + doubts.en;
      }
      Status st = Status::pass;
      if (!h.missing_from_enum.empty()) {  // a cleaned registry (Windows)
        st = Status::warn;
        ev["missing_from_registry"] = h.missing_from_enum;
        const std::string& first = h.missing_from_enum.front();
        // "NAME serial S in SOURCES" said in Chinese (issue 14: no English in a zh text).
        std::string first_zh = first;
        if (auto ps = first.find(" serial "); ps != std::string::npos) {
          auto pi = first.find(" in ", ps + 8);
          std::string serial = first.substr(ps + 8, pi == std::string::npos ? std::string::npos : pi - ps - 8);
          first_zh = fmt::format("{}(序列号 {}{})", first.substr(0, ps), serial == "(none)" ? "无" : serial,
                                 pi == std::string::npos ? "" : ",见于 " + first.substr(pi + 4));
          for (auto pr = first_zh.find("registry "); pr != std::string::npos; pr = first_zh.find("registry ", pr))
            first_zh.replace(pr, 9, "注册表 ");
        }
        t.zh += fmt::format(
            ";记录来源不一致:{} 个设备见于 setupapi.dev.log、事件日志或 MountedDevices,注册表 Enum 键中却已无记录"
            "(注册表可能被清理过),如 {}",
            h.missing_from_enum.size(), first_zh);
        t.en += fmt::format(
            "; the sources disagree: {} device(s) appear in setupapi.dev.log, the event logs or MountedDevices but "
            "no longer in the registry's Enum keys (the registry may have been cleaned), e.g. {}",
            h.missing_from_enum.size(), first);
      }
      if (!unreadable.empty()) {
        st = Status::unknown;
        t.zh = unread_t.zh + ";已读到的记录:" + t.zh;
        t.en = unread_t.en + "; from what was read: " + t.en;
      }
      out.push_back(make_finding(kHistory, st, t, ev));
    }

    {  // usb.unapproved_storage
      Evidence ev = common;
      std::vector<std::string> lines, serials;
      for (const UsbSeen* d : unapproved) {
        lines.push_back(evidence_line(*d, z) + (d->conflict ? " conflict" : ""));
        serials.push_back(d->serial);
      }
      for (const UsbSeen* d : unconfirmed_only) lines.push_back("unconfirmed " + evidence_line(*d, z));
      for (const auto& x : doubts_ev) lines.push_back(x);
      ev["devices"] = lines;
      ev["count"] = static_cast<std::int64_t>(unapproved.size());
      if (!serials.empty()) ev["serials"] = serials;
      if (!unapproved.empty()) {
        Text m = join_mentions(unapproved, z);
        Text t{fmt::format("接入过未登记的 USB 存储设备 {} 个:{}", unapproved.size(), m.zh),
               fmt::format("{} unregistered USB storage device(s) connected: {}", unapproved.size(), m.en)};
        if (!unconfirmed_only.empty()) {
          t.zh += fmt::format(";另有 {} 个仅见于文本日志的记录待核实", unconfirmed_only.size());
          t.en += fmt::format("; {} more only in text logs, to be verified", unconfirmed_only.size());
        }
        if (!doubts.en.empty()) {
          t.zh += ";" + doubts.zh;
          t.en += "; " + doubts.en;
        }
        out.push_back(make_finding(kUnapproved, Status::fail, t, ev));
      } else if (!unconfirmed_only.empty() || !doubts.en.empty()) {
        Text t;
        if (!unconfirmed_only.empty()) {
          Text m = join_mentions(unconfirmed_only, z);
          t = Text{"未登记 USB 存储设备记录仅见于文本日志、内核日志中无记录(可能为伪造的日志行),需核实:" + m.zh,
                   "Unregistered USB storage appears only in text logs, not in the kernel journal covering that "
                   "time (possibly forged log lines); verify: " +
                       m.en};
        }
        if (!doubts.en.empty()) {
          t.zh += (t.zh.empty() ? "" : ";") + doubts.zh + ",需核实";
          t.en += (t.en.empty() ? "" : "; ") + doubts.en + "; verify";
        }
        if (!unreadable.empty()) {
          t.zh += ";" + unread_t.zh;
          t.en += "; " + unread_t.en;
        }
        out.push_back(make_finding(kUnapproved, Status::warn, t, ev));
      } else if (!unreadable.empty()) {
        out.push_back(make_finding(kUnapproved, Status::unknown, unread_t, ev));
      } else {
        out.push_back(make_finding(kUnapproved, Status::pass,
                                   Text{fmt::format("接入过的 {} 个 USB 存储设备均已登记", storage.size()),
                                        fmt::format("all {} USB storage devices seen are registered", storage.size())},
                                   ev));
      }
    }

    {  // usb.phone_connected
      Evidence ev = common;
      std::vector<std::string> lines;
      for (const Judged& j : all)
        if (!j.phone.empty()) lines.push_back(evidence_line(*j.d, z) + " phone=" + j.phone);
      ev["devices"] = lines;
      ev["count"] = static_cast<std::int64_t>(phones.size());
      ev["classification"] = std::string(confidential_ ? "confidential" : "not confidential");
      if (!phones.empty()) {
        Text m = join_mentions(phones, z);
        Text t{fmt::format("发现手机连接记录 {} 个设备:{}", phones.size(), m.zh),
               fmt::format("{} phone(s) connected: {}", phones.size(), m.en)};
        if (confidential_) {
          t.zh += "(涉密计算机)";
          t.en += " (confidential computer)";
        }
        out.push_back(make_finding(kPhone, confidential_ ? Status::fail : Status::warn, t, ev));
      } else if (!unreadable.empty()) {
        out.push_back(make_finding(kPhone, Status::unknown, unread_t, ev));
      } else {
        out.push_back(make_finding(kPhone, Status::pass, Text{"未发现手机连接记录", "no phone connection found"}, ev));
      }
    }
    return out;
  }

 public:
  std::vector<UsbDeviceRecord> usb_devices(const Host& host) const override {
    std::vector<UsbDeviceRecord> out;
    try {
      const UsbHistory& h = usb_history(host);
      for (const Judged& j : judge(h)) {
        const UsbSeen& d = *j.d;
        UsbDeviceRecord r;
        r.vid = d.vid;
        r.pid = d.pid;
        r.serial = d.serial;
        r.vendor = d.vendor;
        r.product = d.product;
        r.kind = std::string(to_string(j.kind));
        r.first_seen = d.first_seen ? host.zone().iso(*d.first_seen) : "";
        r.last_seen = d.last_seen ? host.zone().iso(*d.last_seen) : "";
        r.connections = d.connections;
        r.approved = j.approved || j.collection;
        r.role = j.collection ? "collection" : "";
        r.sources = d.sources;
        out.push_back(std::move(r));
      }
    } catch (...) {
    }
    return out;
  }

 private:
  std::vector<FindingSpec> specs_;
  UsbRules rules_;
  std::vector<UsbEntry> approved_, collection_;
  bool confidential_ = false;
};

}  // namespace

std::unique_ptr<Probe> make_usb_probe() { return std::make_unique<UsbProbe>(); }

std::vector<Finding> judge_usb_facts(const UsbFacts& facts, const Rules& rules, const Config& config,
                                     const Zone& zone) {
  UsbProbe p;
  p.configure(rules, config);
  return p.judge_facts(facts, zone);
}

}  // namespace sc

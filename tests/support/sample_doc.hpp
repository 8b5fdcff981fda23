// Findings documents for tests of the document, integrity, collection and
// summary code: one machine described by a few parameters.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>

#include "agent/document.hpp"
#include "support/temp_dir.hpp"

namespace sc::test {

struct MachineSpec {
  std::string hostname = "PC-0123";
  std::string machine_id = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  std::string asset_id = "A-17";
  std::string owner = "张三";
  std::string department = "办公室";
  std::string classification = "confidential";
  std::string as_of = "2026-11-20T16:00:00+08:00";
  bool av_ok = true;
  bool unapproved_usb = false;
  std::string usb_serial = "4C531001550917108394";
  bool boot_unknown = false;
};

inline Finding finding(const std::string& id, Status st, Text detail, Text remediation = {}) {
  Finding f;
  f.id = id;
  f.section = std::string(section_of(id));
  f.status = st;
  f.severity = st == Status::fail ? Severity::high : Severity::info;
  f.title = Text::same(id);
  f.detail = std::move(detail);
  f.remediation = std::move(remediation);
  return f;
}

inline Document machine(const MachineSpec& m) {
  Document d;
  d.agent_version = "0.1.0";
  d.rules_digest = "sha256:0000";
  d.started = d.as_of = m.as_of;
  d.finished = m.as_of;
  d.root = "/";
  d.host = {m.hostname,   m.machine_id,    "Debian GNU/Linux 12 (bookworm)", "6.1.0-26-amd64", m.asset_id, m.owner,
            m.department, m.classification};
  if (m.av_ok) {
    d.findings.push_back(
        finding("antivirus.installed", Status::pass, {"已安装 ClamAV 1.0.7", "ClamAV 1.0.7 installed"}));
    d.findings.push_back(finding("antivirus.signature_age", Status::pass,
                                 {"病毒库 2026-11-19 更新(1 天前)", "signatures of 2026-11-19 (1 day old)"}));
  } else {
    d.findings.push_back(
        finding("antivirus.installed", Status::pass, {"已安装 ClamAV 1.0.7", "ClamAV 1.0.7 installed"}));
    d.findings.push_back(finding("antivirus.signature_age", Status::fail,
                                 {"病毒库 2026-10-01 更新(50 天前)", "signatures of 2026-10-01 (50 days old)"},
                                 {"立即升级病毒库", "Update the virus signatures now"}));
  }
  d.findings.push_back(finding("boot.loader_password", m.boot_unknown ? Status::unknown : Status::pass,
                               m.boot_unknown ? Text{"无法读取 /boot/grub/grub.cfg", "cannot read /boot/grub/grub.cfg"}
                                              : Text{"GRUB 已设置引导密码", "GRUB has a boot password"}));
  if (m.unapproved_usb) {
    Finding f = finding(
        "usb.unapproved_storage", Status::fail,
        {"接入过未登记的 USB 存储设备 SanDisk Ultra Fit(" + m.usb_serial + ")",
         "unapproved USB storage SanDisk Ultra Fit (" + m.usb_serial + ") connected"},
        {"核查该设备来源及拷贝内容;登记或收回该设备", "Check where the device came from; register or withdraw it"});
    f.evidence["devices"] = std::vector<std::string>{"0781:5583 SanDisk Ultra Fit serial=" + m.usb_serial +
                                                     " first=2026-11-18T10:15:00+08:00 connections=1"};
    f.evidence["serials"] = std::vector<std::string>{m.usb_serial};
    d.findings.push_back(f);
  } else {
    d.findings.push_back(
        finding("usb.unapproved_storage", Status::pass, {"未发现未登记的 USB 存储设备", "no unapproved USB storage"}));
  }
  UsbDeviceRecord u;
  u.vid = "0781";
  u.pid = "5583";
  u.serial = m.usb_serial;
  u.vendor = "SanDisk";
  u.product = "Ultra Fit";
  u.kind = "storage";
  u.first_seen = "2026-11-18T10:15:00+08:00";
  u.last_seen = u.first_seen;
  u.connections = 1;
  u.approved = !m.unapproved_usb;
  u.sources = {"/var/log/syslog"};
  d.usb_devices.push_back(u);
  UsbDeviceRecord c = u;
  c.vid = "0951";
  c.pid = "1666";
  c.serial = "E0D55EA573F1F3B1A9B70C8F";
  c.vendor = "Kingston";
  c.product = "DataTraveler";
  c.approved = true;
  c.role = "collection";
  d.usb_devices.push_back(c);
  if (m.classification == "confidential")
    d.findings.push_back(finding("network.default_route", Status::pass, {"无默认路由", "no default route"}));
  else
    d.findings.push_back(finding("network.default_route", Status::not_applicable,
                                 {"非涉密计算机,不适用", "not a confidential computer"}));
  d.findings.push_back(
      finding("patch.pending_security", Status::pass, {"待安装安全更新 0 个", "0 security updates pending"}));
  finalize(d);
  return d;
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A fresh directory of its own (tests run in parallel).
inline std::filesystem::path temp_dir(const std::string& name) { return unique_temp_dir("doc-" + name); }

}  // namespace sc::test

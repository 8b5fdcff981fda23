// The usb probe on whole fixture machines (tests/fixtures/roots/usb-*).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "agent/core/config.hpp"
#include "agent/core/rules.hpp"
#include "checks/probes.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

struct Scan {
  std::vector<Finding> findings;
  std::vector<UsbDeviceRecord> devices;
  const Finding& get(std::string_view id) const {
    auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
    REQUIRE(it != findings.end());
    return *it;
  }
  const UsbDeviceRecord& dev(std::string_view vid, std::string_view pid) const {
    auto it = std::find_if(devices.begin(), devices.end(),
                           [&](const UsbDeviceRecord& d) { return d.vid == vid && d.pid == pid; });
    REQUIRE(it != devices.end());
    return *it;
  }
};

Scan scan(const std::string& scenario, const std::string& as_of) {
  fs::path root = fs::path(SELFCHECK_FIXTURES) / "roots" / scenario;
  Host::Options o;
  o.root = root;
  o.as_of = parse_time(as_of, Zone());
  Host host(o);
  Rules rules = Rules::load({SELFCHECK_SOURCE_RULES_DIR});
  fs::path cfg = root / "etc/selfcheck/agent.yaml";
  if (!fs::exists(cfg)) cfg = root / "ProgramData/selfcheck/agent.yaml";  // a Windows root
  Config config = load_config(cfg);
  auto probe = make_usb_probe();
  probe->configure(rules, config);
  Scan s;
  s.findings = probe->run(host);
  s.devices = probe->usb_devices(host);
  return s;
}

std::int64_t num(const Finding& f, const std::string& key) { return std::get<std::int64_t>(f.evidence.at(key)); }
const std::vector<std::string>& list(const Finding& f, const std::string& key) {
  return std::get<std::vector<std::string>>(f.evidence.at(key));
}
bool any_contains(const std::vector<std::string>& v, std::string_view s) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& x) { return x.find(s) != std::string::npos; });
}

}  // namespace

TEST_CASE("usb probe on fixture machines") {
  SUBCASE("Debian 12 rotated and gzipped logs: approved, unapproved, collection drive") {
    Scan s = scan("usb-debian-rotated", "2026-11-20T16:00:00+08:00");
    CHECK(s.get("usb.storage_history").status == Status::pass);
    CHECK(num(s.get("usb.storage_history"), "devices") == 3);
    CHECK(num(s.get("usb.storage_history"), "connections") == 5);
    const Finding& u = s.get("usb.unapproved_storage");
    CHECK(u.status == Status::fail);
    CHECK(num(u, "count") == 1);
    CHECK(u.detail.zh.find("SanDisk Ultra Fit(序列号 4C531001550917108394,2026-11-18 10:15 首次接入)") !=
          std::string::npos);
    CHECK(u.detail.en.find("serial 4C531001550917108394, first connected 2026-11-18 10:15") != std::string::npos);
    CHECK(s.get("usb.phone_connected").status == Status::pass);

    const auto& ultra = s.dev("0781", "5583");
    CHECK(ultra.kind == "storage");
    CHECK(ultra.first_seen == "2026-11-18T10:15:02+08:00");
    CHECK(ultra.last_seen == "2026-11-20T09:20:00+08:00");
    CHECK(ultra.connections == 2);  // syslog and kern.log hold each plug once
    CHECK_FALSE(ultra.approved);
    CHECK(std::find(ultra.sources.begin(), ultra.sources.end(), "/var/log/kern.log") != ultra.sources.end());
    const auto& cruzer = s.dev("0781", "5567");
    CHECK(cruzer.approved);
    CHECK(cruzer.role.empty());
    CHECK(cruzer.connections == 2);
    CHECK(cruzer.first_seen == "2026-11-16T09:30:11+08:00");  // from syslog.2.gz
    const auto& kingston = s.dev("0951", "1666");
    CHECK(kingston.approved);
    CHECK(kingston.role == "collection");
    CHECK(s.dev("046d", "c31c").kind == "other");
    CHECK(std::none_of(s.devices.begin(), s.devices.end(), [](const auto& d) { return d.pid == "0610"; }));  // hub
    CHECK(s.dev("093a", "2510").kind == "other");  // the mouse behind the hub
  }
  SUBCASE("classic syslog across New Year") {
    Scan s = scan("usb-classic-yearwrap", "2027-01-05T12:00:00+08:00");
    CHECK(s.get("usb.unapproved_storage").status == Status::fail);
    const auto& reader = s.dev("05e3", "0749");
    CHECK(reader.serial.empty());
    CHECK(reader.first_seen == "2026-12-31T23:50:12+08:00");
    CHECK(reader.last_seen == "2027-01-01T00:10:00+08:00");
    const auto& toshiba = s.dev("0930", "6545");
    CHECK(toshiba.first_seen == "2027-01-01T00:12:30+08:00");
    CHECK(toshiba.approved);
    CHECK(s.get("usb.unapproved_storage").detail.zh.find("无序列号,2026-12-31 23:50 首次接入") != std::string::npos);
  }
  SUBCASE("RHEL messages: approval by model, uas disk, vendor ids alone are no phone") {
    Scan s = scan("usb-rhel-messages", "2026-11-20T16:00:00+08:00");
    CHECK(s.get("usb.unapproved_storage").status == Status::pass);
    CHECK(s.get("usb.phone_connected").status == Status::pass);
    CHECK(s.dev("0781", "5567").approved);  // entry without serial approves the model
    CHECK(s.dev("04e8", "4001").kind == "storage");
    CHECK(s.dev("05ac", "024f").kind == "other");    // Apple keyboard
    CHECK(s.dev("12d1", "14dc").kind == "network");  // Huawei modem
    CHECK(s.dev("0781", "5567").first_seen == "2026-11-12T14:00:00+08:00");
  }
  SUBCASE("journal only: a phone on a confidential machine fails") {
    Scan s = scan("usb-journal-only", "2026-11-20T16:00:00+08:00");
    const Finding& p = s.get("usb.phone_connected");
    CHECK(p.status == Status::fail);
    CHECK(num(p, "count") == 1);  // one handset (serial a1b2c3d4) in MTP then tethering mode (issue 14)
    CHECK(p.detail.zh.find("Xiaomi Redmi Note 8(序列号 a1b2c3d4,2026-11-19 14:02 首次接入)") != std::string::npos);
    CHECK(s.dev("2717", "ff88").kind == "phone");
    CHECK(s.dev("2717", "ff48").first_seen == "2026-11-19T14:02:11+08:00");  // UTC journal time, shown +08:00
    CHECK(s.get("usb.unapproved_storage").status == Status::pass);
    CHECK(s.dev("0781", "5567").sources == std::vector<std::string>{"journal"});
    CHECK(list(s.get("usb.storage_history"), "sources")[0] == "journal");
  }
  SUBCASE("issue 13.2: forged identity lines for a plugged-in stick's port do not approve it") {
    Scan s = scan("usb-forged-identity", "2026-11-20T16:00:00+08:00");
    const Finding& u = s.get("usb.unapproved_storage");
    CHECK(u.status == Status::fail);
    CHECK(u.detail.en.find("Ultra Fit") != std::string::npos);
    CHECK(u.detail.en.find("second device identity") != std::string::npos);
    CHECK(any_contains(list(u, "devices"),
                       "conflict port 1-3 device number 5: 0781:5583 serial 4C531001550917108394 "
                       "then 0781:5567 serial 4C530001230822117223"));
    // Issue 14: the example reads in Chinese in the Chinese text.
    CHECK(u.detail.zh.find("如 端口 1-3 设备号 5:0781:5583(序列号 4C531001550917108394) 与 0781:5567(序列号 "
                           "4C530001230822117223)") != std::string::npos);
    CHECK(u.detail.zh.find("serial") == std::string::npos);
  }
  SUBCASE("issue 14: 2.6.32's 'scsi5 : usb-storage 1-1:1.0' makes the drive storage") {
    Scan s = scan("usb-old-kernel", "2010-06-20T16:00:00+08:00");
    CHECK(s.get("usb.unapproved_storage").status == Status::fail);
    CHECK(s.dev("0480", "a006").kind == "storage");
    CHECK(s.dev("0480", "a006").last_seen == "2010-06-19T11:00:00+08:00");  // "USB disconnect, address 6"
  }
  SUBCASE("issue 14: storage without any identity (2.6.18) warns") {
    Scan s = scan("usb-anonymous-storage", "2010-06-20T16:00:00+08:00");
    const Finding& u = s.get("usb.unapproved_storage");
    CHECK(u.status == Status::warn);
    CHECK(u.detail.en.find("without identity") != std::string::npos);
    CHECK(any_contains(list(u, "devices"), "port 3-3 2010-06-19T10:15:00+08:00 /var/log/messages"));
  }
  SUBCASE("issue 14: phones as real kernels print them") {
    Scan s = scan("usb-phone-modes", "2026-11-20T16:00:00+08:00");
    const Finding& p = s.get("usb.phone_connected");
    CHECK(p.status == Status::warn);
    CHECK(num(p, "count") == 3);  // Pixel (adb), Huawei (MTP + mass storage: one handset), iPhone
    CHECK(s.dev("18d1", "4ee7").kind == "phone");
    CHECK(s.dev("12d1", "1037").kind == "phone");
    CHECK(s.dev("2c7c", "0125").kind == "network");                         // an LTE modem calling itself "Android"
    CHECK(s.dev("05ac", "12a8").last_seen == "2026-11-19T12:30:00+08:00");  // apple-mfi-fastcharge's disconnect
  }
  SUBCASE("issue 14: a cleaned Windows registry's example device reads in Chinese") {
    Scan s = scan("win-usb-wiped", "2026-11-20T16:00:00+08:00");
    const Finding& h = s.get("usb.storage_history");
    CHECK(h.status == Status::warn);
    CHECK(h.detail.zh.find("如 Kingston DataTraveler 3.0(序列号 E0D55EA574F1F3B1A9B70C8F,见于 ") != std::string::npos);
    CHECK(h.detail.zh.find("注册表 MountedDevices)") != std::string::npos);
    CHECK(h.detail.zh.find(" serial ") == std::string::npos);
    CHECK(any_contains(list(h, "missing_from_registry"),
                       "Kingston DataTraveler 3.0 serial E0D55EA574F1F3B1A9B70C8F in "));
  }
  SUBCASE("a forged kernel line is not the kernel") {
    Scan s = scan("usb-forged", "2026-11-20T16:00:00+08:00");
    const Finding& u = s.get("usb.unapproved_storage");
    CHECK(u.status == Status::warn);
    CHECK(num(u, "count") == 0);
    CHECK(any_contains(list(u, "devices"), "unconfirmed 090c:1000"));
    const auto& forged = s.dev("090c", "1000");
    CHECK(any_contains(forged.sources, "unconfirmed"));
    const auto& cruzer = s.dev("0781", "5567");
    CHECK(cruzer.connections == 1);  // syslog and journal: one event
    CHECK(cruzer.sources == std::vector<std::string>{"/var/log/syslog", "journal"});
  }
  SUBCASE("the ledger keeps what the logs lost") {
    Scan s = scan("usb-ledger-rotated", "2026-11-20T16:00:00+08:00");
    const Finding& u = s.get("usb.unapproved_storage");
    CHECK(u.status == Status::fail);
    CHECK(u.detail.zh.find("Netac OnlyDisk(序列号 A1B2C3D4E5F6,2026-09-03 14:20 首次接入)") != std::string::npos);
    CHECK(s.dev("0dd8", "1000").connections == 2);
    CHECK(s.dev("0781", "5567").connections == 2);  // ledger's 2, the log's one of them again
    CHECK(s.dev("0781", "5567").first_seen == "2026-10-08T10:00:00+08:00");
  }
  SUBCASE("a corrupt ledger: start afresh and say so") {
    Scan s = scan("usb-ledger-corrupt", "2026-11-20T16:00:00+08:00");
    const Finding& h = s.get("usb.storage_history");
    CHECK(h.status == Status::pass);
    CHECK(any_contains(list(h, "problems"), "usb-ledger.yaml is corrupt"));
    CHECK(num(h, "devices") == 1);
  }
  SUBCASE("a truncated .gz keeps what was read and notes it") {
    Scan s = scan("usb-truncated-gz", "2026-11-20T16:00:00+08:00");
    CHECK(s.get("usb.unapproved_storage").status == Status::fail);
    CHECK(any_contains(list(s.get("usb.storage_history"), "problems"), "/var/log/syslog.1.gz"));
    CHECK(s.dev("0781", "5583").first_seen == "2026-11-17T09:00:00+08:00");
  }
  SUBCASE("nothing readable: unknown, never no devices") {
    Scan s = scan("usb-no-logs", "2026-11-20T16:00:00+08:00");
    for (const auto& f : s.findings) {
      CHECK(f.status == Status::unknown);
      CHECK(f.detail.en.find("no kernel log found") != std::string::npos);
    }
  }
  SUBCASE("a phone on a machine that is not confidential warns") {
    Scan s = scan("usb-phone-internal", "2026-11-20T16:00:00+08:00");
    CHECK(s.get("usb.phone_connected").status == Status::warn);
    CHECK(s.dev("05ac", "12a8").kind == "phone");
  }
}

// The Linux USB gatherer: the USB facts (facts.hpp) from the text kernel
// logs and their rotations, the kernel journal, the agent's ledger and (live)
// the devices plugged in now. Gathering only: no judgement here.
#include <fmt/format.h>

#include <algorithm>

#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"
#include "checks/usb/facts.hpp"
#include "checks/usb/usb_ledger.hpp"
#include "checks/usb/usb_scan.hpp"

namespace sc {

namespace {

void add_unique(std::vector<std::string>& v, std::string_view s) {
  if (v.size() < 64 && std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
}

}  // namespace

UsbFacts gather_usb_facts_linux(const Host& host) {
  UsbFacts h;
  std::vector<UsbConnectionSeen> conns;
  try {
    for (const char* base : {"syslog", "kern.log", "messages"}) scan_text_family(host, base, conns, h);

    JournalScan js = scan_kernel_journal(host, conns, h);

    // The ledger: earlier scans' devices.
    std::vector<UsbSeen> ledger;
    FileResult lf = host.read_file(kLedgerPath);
    bool ledger_read = false;
    if (lf.ok()) {
      Ledger l = parse_ledger(lf.data, host.zone());
      if (l.error.empty()) {
        ledger = std::move(l.devices);
        ledger_read = true;
        h.sources_read.push_back(std::string(kLedgerPath));
      } else {
        h.problems.push_back(fmt::format("{} is corrupt ({}): started a new ledger", kLedgerPath, l.error));
      }
    } else if (!lf.missing) {
      h.problems.push_back(lf.error);
    }

    bool journal_ok = js.read && js.files > 0;
    h.devices =
        merge_connections(conns, ledger, journal_ok ? js.from : std::nullopt, journal_ok ? js.to : std::nullopt);

    // What is plugged in now (live only).
    bool present_read = false;
    if (host.live()) {
      std::string err;
      std::vector<UsbPresent> now = host.usb_present(&err);
      if (!err.empty()) {
        h.problems.push_back("USB devices plugged in now: " + err);
      } else {
        present_read = true;
        h.sources_read.push_back("present");
      }
      for (const UsbPresent& p : now) {
        bool storage =
            std::find(p.interface_classes.begin(), p.interface_classes.end(), 8) != p.interface_classes.end();
        bool hub = std::find(p.interface_classes.begin(), p.interface_classes.end(), 9) != p.interface_classes.end();
        if (hub) continue;
        auto it = std::find_if(h.devices.begin(), h.devices.end(), [&](const UsbSeen& d) {
          return d.vid == p.vid && d.pid == p.pid && d.serial == p.serial;
        });
        if (it == h.devices.end()) {
          UsbSeen d;
          d.vid = p.vid;
          d.pid = p.pid;
          d.serial = p.serial;
          d.vendor = p.vendor;
          d.product = p.product;
          d.first_seen = host.now();
          d.connections = 1;
          d.connection_times = {host.now()};
          d.kind = storage ? UsbKind::storage : UsbKind::other;
          h.devices.push_back(std::move(d));
          it = h.devices.end() - 1;
        }
        it->last_seen = host.now();
        if (storage && it->kind == UsbKind::other) it->kind = UsbKind::storage;
        if (it->unconfirmed) {
          it->unconfirmed = false;
          it->sources.erase(std::remove_if(it->sources.begin(), it->sources.end(),
                                           [](const std::string& s) { return s.rfind("unconfirmed", 0) == 0; }),
                            it->sources.end());
        }
        add_unique(it->sources, "present");
      }
    } else {
      h.sources_read.push_back("present: not checked (offline audit)");
    }

    std::size_t text_files = 0;
    for (const auto& s : h.sources_read)
      if (s.rfind("/var/log/", 0) == 0) ++text_files;
    h.any_source = text_files > 0 || journal_ok || ledger_read || present_read;

    // The ledger is written on the running machine only.
    if (host.is_system_root()) {
      try {
        std::error_code ec;
        fs::create_directories(host.path("/var/lib/selfcheck"), ec);
        host.write_file_atomic(host.path(kLedgerPath), format_ledger(h.devices, host.zone()));
        h.ledger_note = "ledger written";
      } catch (const std::exception& e) {
        h.ledger_note = std::string("ledger not written: ") + e.what();
      }
    }
  } catch (const std::exception& e) {
    h.problems.push_back(std::string("USB history incomplete: ") + e.what());
  }
  return h;
}

}  // namespace sc

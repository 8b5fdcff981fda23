// The memoized USB history fact: text logs (one streaming pass per log family,
// memmem prefilter on whole blocks), the kernel journal, the agent's ledger and
// the devices plugged in now, merged into one device list.
#include "checks/usb/usb_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/journal.hpp"
#include "checks/formats/literal_search.hpp"
#include "checks/formats/syslog_line.hpp"
#include "checks/linux/log_reader.hpp"
#include "checks/usb/usb_ledger.hpp"
#include "checks/usb/usb_scan.hpp"

namespace sc {

#ifdef _WIN32
// memrchr is a GNU extension the Windows C runtime lacks.
static const void* memrchr(const void* s, int c, std::size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(s) + n;
  while (n-- > 0)
    if (*--p == static_cast<unsigned char>(c)) return p;
  return nullptr;
}
#endif

std::string_view to_string(UsbKind k) {
  switch (k) {
    case UsbKind::storage:
      return "storage";
    case UsbKind::phone:
      return "phone";
    case UsbKind::network:
      return "network";
    case UsbKind::other:
      return "other";
  }
  return "other";
}

namespace {

// Every kernel message that starts or ends a USB connection contains this;
// blocks without it (and not just after a new device) are skipped unparsed.
constexpr std::string_view kNeedle = "device number ";
constexpr std::size_t kMaxConnections = 200000;
// Lines read one by one after a new device (descriptors, usb-storage/uas,
// "Attached SCSI removable disk", network drivers follow within seconds).
constexpr std::size_t kHotLines = 5000;

// Time tokens for text lines: the file index, and either an absolute instant
// (lines with a year) or the packed month-day-time plus year index, resolved
// once the file's year is known.
constexpr When kAbsolute = When(1) << 62;
constexpr int kFileShift = 44;

When token_abs(std::size_t file, Time t) {
  return kAbsolute | (static_cast<When>(file & 0xfff) << kFileShift) |
         (t.time_since_epoch().count() & ((When(1) << kFileShift) - 1));
}

When token_rel(std::size_t file, int year_index, const SyslogTimestamp& ts) {
  When v = ts.second | ts.minute << 6 | ts.hour << 12 | ts.day << 17 | ts.month << 22;
  v |= static_cast<When>(std::min(year_index, 63)) << 26;
  return v | (static_cast<When>(file & 0xfff) << kFileShift);
}

std::size_t token_file(When w) { return static_cast<std::size_t>((w >> kFileShift) & 0xfff); }

Time resolve(When w, const std::vector<int>& base_years, const Zone& zone) {
  if (w & kAbsolute) return Time(std::chrono::seconds(w & ((When(1) << kFileShift) - 1)));
  SyslogTimestamp ts;
  ts.second = w & 63;
  ts.minute = (w >> 6) & 63;
  ts.hour = (w >> 12) & 31;
  ts.day = (w >> 17) & 31;
  ts.month = (w >> 22) & 15;
  int idx = (w >> 26) & 63;
  std::size_t f = token_file(w);
  int base = f < base_years.size() ? base_years[f] : 1970;
  return syslog_time(ts, base + idx, zone);
}

std::string_view first_line(std::string_view block) {
  std::size_t nl = block.find('\n');
  return nl == std::string_view::npos ? block : block.substr(0, nl);
}

std::string_view last_line(std::string_view block) {
  if (!block.empty() && block.back() == '\n') block.remove_suffix(1);
  const void* p = memrchr(block.data(), '\n', block.size());
  if (!p) return block;
  std::size_t at = static_cast<std::size_t>(static_cast<const char*>(p) - block.data()) + 1;
  return block.substr(at);
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void add_unique(std::vector<std::string>& v, std::string_view s, std::size_t cap = 64) {
  if (v.size() < cap && !contains(v, s)) v.emplace_back(s);
}

}  // namespace

UsbKind kind_from_kernel(const std::vector<std::string>& drivers, bool scsi_disk) {
  if (scsi_disk || contains(drivers, "usb-storage") || contains(drivers, "uas")) return UsbKind::storage;
  for (const char* d : {"rndis_host", "cdc_ether", "cdc_ncm", "ipheth"})
    if (contains(drivers, d)) return UsbKind::network;
  return UsbKind::other;
}

void scan_text_family(const Host& host, std::string_view base, std::vector<UsbConnectionSeen>& out, UsbHistory& history,
                      TextLogStats* stats) {
  std::vector<std::string> files = rotated_logs(host, "/var/log", base);
  if (files.empty()) return;
  const Zone& zone = host.zone();
  KernelUsbAssembler assembler;
  std::vector<SyslogYears> years(files.size());
  std::vector<UsbConnection> raw;
  const LiteralSearch needle(kNeedle);
  std::size_t hot_lines = 0;

  auto drain = [&] {
    for (UsbConnection& c : assembler.take())
      if (!c.hub && raw.size() < kMaxConnections) raw.push_back(std::move(c));
  };

  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const std::string& file = files[fi];
    LineReader reader(host.path(file));
    if (!reader.ok()) {
      history.problems.push_back(reader.error());
      continue;
    }
    SyslogYears& yr = years[fi];
    auto sample = [&](std::string_view line) {
      if (auto ts = parse_syslog_timestamp(line)) yr.observe(*ts);
    };
    auto feed_line = [&](std::string_view line) {
      if (line.size() < 20 || line.find("kernel") == std::string_view::npos) return;
      auto sl = parse_syslog_line(line);
      if (!sl || sl->tag != "kernel") return;
      if (stats) ++stats->kernel_lines;
      int idx = yr.observe(sl->ts);
      When w = sl->ts.has_year() ? token_abs(fi, syslog_time(sl->ts, 0, zone)) : token_rel(fi, idx, sl->ts);
      assembler.feed(split_kernel_message(sl->message).text, w);
    };
    std::string_view block;
    while (reader.next_block(block)) {
      if (stats) ++stats->blocks;
      sample(first_line(block));
      std::size_t pos = 0;
      while (pos < block.size()) {
        if (hot_lines > 0) {  // just after a new device: its strings and drivers follow
          std::size_t nl = block.find('\n', pos);
          std::size_t end = nl == std::string_view::npos ? block.size() : nl;
          feed_line(block.substr(pos, end - pos));
          pos = end + 1;
          --hot_lines;
          if (assembler.opened_recently()) hot_lines = kHotLines;
          continue;
        }
        std::size_t hit = needle.find(block.substr(pos));
        if (hit == std::string_view::npos) break;
        hit += pos;
        const void* nl_before = memrchr(block.data() + pos, '\n', hit - pos);
        std::size_t start =
            nl_before ? static_cast<std::size_t>(static_cast<const char*>(nl_before) - block.data()) + 1 : pos;
        std::size_t nl = block.find('\n', hit);
        std::size_t end = nl == std::string_view::npos ? block.size() : nl;
        pos = end + 1;
        // Only "new … USB device number N" and "USB disconnect, device number N"
        // open or close a connection; resets and the like are skipped unparsed.
        std::string_view before = block.substr(start, hit - start);
        bool opens = before.find(": new ") != std::string_view::npos;
        bool closes = before.size() >= 12 && before.substr(before.size() - 12) == "disconnect, ";
        if (!opens && !closes) continue;
        if (stats) ++stats->detailed_blocks;
        feed_line(block.substr(start, end - start));
        if (assembler.opened_recently()) hot_lines = kHotLines;
      }
      drain();
      sample(last_line(block));
    }
    if (stats) {
      stats->bytes += reader.bytes();
      ++stats->files;
    }
    if (reader.truncated()) {
      history.problems.push_back(fmt::format("{}: {}; kept what was read", file, reader.error()));
    }
    if (reader.long_lines() > 0)
      history.problems.push_back(
          fmt::format("{}: {} over-long lines cut to {} bytes", file, reader.long_lines(), LineReader::kMaxLine));
    history.sources_read.push_back(file);
  }
  assembler.finish();
  drain();

  // Years: newest file first. Each file's last line is no later than its
  // modification time (when that fits its content), else the next file's
  // first line, else --as-of.
  std::vector<std::optional<Time>> mtimes;
  for (const std::string& f : files) mtimes.push_back(host.mtime(f));
  std::vector<int> base_years = rotated_base_years(years, mtimes, host.now(), zone);

  std::string family(base);
  for (UsbConnection& c : raw) {
    UsbConnectionSeen s;
    s.connected = resolve(c.connected, base_years, zone);
    s.last = std::max(s.connected, resolve(c.last, base_years, zone));
    std::size_t f = token_file(c.connected);
    s.source = f < files.size() ? files[f] : files.back();
    s.family = family;
    s.c = std::move(c);
    out.push_back(std::move(s));
  }
}

std::vector<UsbSeen> merge_connections(const std::vector<UsbConnectionSeen>& conns, const std::vector<UsbSeen>& ledger,
                                       std::optional<Time> journal_from, std::optional<Time> journal_to,
                                       std::chrono::seconds tolerance) {
  struct Entry {
    Time t;
    std::string family;  // "ledger" entries never merge with each other
    bool ledger = false;
  };
  struct Group {
    UsbSeen dev;
    std::vector<Entry> entries;
    std::int64_t earlier = 0;  // ledger connections whose times were not kept
    bool ledger_unconfirmed = false;
    bool in_ledger = false;
  };
  std::map<std::string, Group> groups;
  std::vector<std::string> order;
  auto group_for = [&](const std::string& vid, const std::string& pid, const std::string& serial) -> Group& {
    std::string key = vid + ":" + pid + ":" + serial;
    auto it = groups.find(key);
    if (it == groups.end()) {
      order.push_back(key);
      it = groups.emplace(key, Group{}).first;
      it->second.dev.vid = vid;
      it->second.dev.pid = pid;
      it->second.dev.serial = serial;
    }
    return it->second;
  };
  auto widen = [](UsbSeen& d, Time a, Time b) {
    if (!d.first_seen || a < *d.first_seen) d.first_seen = a;
    if (!d.last_seen || b > *d.last_seen) d.last_seen = b;
  };

  for (const UsbSeen& l : ledger) {
    Group& g = group_for(l.vid, l.pid, l.serial);
    UsbSeen& d = g.dev;
    g.in_ledger = true;
    g.ledger_unconfirmed = l.unconfirmed;
    d.vendor = l.vendor;
    d.product = l.product;
    d.bcd = l.bcd;
    d.kind = l.kind;
    for (const auto& x : l.drivers) add_unique(d.drivers, x, 16);
    d.scsi_disk = l.scsi_disk;
    if (l.first_seen) widen(d, *l.first_seen, l.last_seen.value_or(*l.first_seen));
    for (Time t : l.connection_times) g.entries.push_back({t, "ledger", true});
    g.earlier = std::max<std::int64_t>(0, l.connections - static_cast<std::int64_t>(l.connection_times.size()));
    add_unique(d.sources, "ledger");
  }
  for (const UsbConnectionSeen& s : conns) {
    Group& g = group_for(s.c.vid, s.c.pid, s.c.serial);
    UsbSeen& d = g.dev;
    if (!s.c.vendor.empty()) d.vendor = s.c.vendor;
    if (!s.c.product.empty()) d.product = s.c.product;
    if (!s.c.bcd.empty()) d.bcd = s.c.bcd;
    for (const auto& x : s.c.drivers) add_unique(d.drivers, x, 16);
    d.scsi_disk = d.scsi_disk || s.c.scsi_disk;
    widen(d, s.connected, s.last);
    g.entries.push_back({s.connected, s.family, false});
    add_unique(d.sources, s.source);
  }

  std::vector<UsbSeen> out;
  for (const std::string& key : order) {
    Group& g = groups[key];
    std::stable_sort(g.entries.begin(), g.entries.end(), [](const Entry& a, const Entry& b) { return a.t < b.t; });
    struct Cluster {
      Time t;
      std::set<std::string> families;
      bool ledger = false;
    };
    std::vector<Cluster> clusters;
    for (const Entry& e : g.entries) {
      Cluster* join = nullptr;
      for (auto it = clusters.rbegin(); it != clusters.rend() && e.t - it->t <= tolerance; ++it) {
        bool clash = e.ledger ? it->ledger : it->families.count(e.family) > 0;
        if (!clash) {
          join = &*it;
          break;
        }
      }
      if (!join) {
        clusters.push_back({e.t, {}, false});
        join = &clusters.back();
      }
      if (e.ledger)
        join->ledger = true;
      else
        join->families.insert(e.family);
    }
    UsbSeen& d = g.dev;
    d.kind = std::max(d.kind == UsbKind::phone ? UsbKind::other : d.kind, kind_from_kernel(d.drivers, d.scsi_disk),
                      [](UsbKind a, UsbKind b) {
                        auto rank = [](UsbKind k) { return k == UsbKind::storage ? 2 : k == UsbKind::network ? 1 : 0; };
                        return rank(a) < rank(b);
                      });
    bool trusted = false, suspicious = false;
    for (const Cluster& c : clusters) {
      d.connection_times.push_back(c.t);
      bool journal = c.families.count("journal") || c.families.count("present");
      bool text = !c.families.empty() && !journal;
      bool covered = journal_from && journal_to && c.t >= *journal_from && c.t <= *journal_to;
      if (journal)
        trusted = true;
      else if (text && covered)
        suspicious = true;
      else if (text)
        trusted = true;
      else if (c.ledger && !g.ledger_unconfirmed)
        trusted = true;
    }
    if (g.in_ledger && g.ledger_unconfirmed && !trusted) suspicious = true;
    d.unconfirmed = suspicious && !trusted;
    if (d.unconfirmed) add_unique(d.sources, "unconfirmed: not in the kernel journal that covers this time");
    if (d.connection_times.size() > kLedgerTimesKept) {
      std::size_t drop = d.connection_times.size() - kLedgerTimesKept;
      d.connection_times.erase(d.connection_times.begin(), d.connection_times.begin() + static_cast<long>(drop));
    }
    d.connections = static_cast<std::int64_t>(clusters.size()) + g.earlier;
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const UsbSeen& a, const UsbSeen& b) {
    Time ta = a.first_seen.value_or(Time::max()), tb = b.first_seen.value_or(Time::max());
    return ta < tb;
  });
  return out;
}

UsbHistory build_usb_history(const Host& host) {
  UsbHistory h;
  std::vector<UsbConnectionSeen> conns;
  try {
    for (const char* base : {"syslog", "kern.log", "messages"}) scan_text_family(host, base, conns, h);

    KernelUsbAssembler journal_asm;
    std::vector<UsbConnection> jraw;
    JournalQuery kernel;
    kernel.kernel = true;
    JournalScan js = read_journal(host, kernel, [&](std::int64_t usec, std::string_view, std::string_view msg) {
      journal_asm.feed(split_kernel_message(msg).text, kAbsolute | (usec / 1000000));
      for (UsbConnection& c : journal_asm.take())
        if (!c.hub && jraw.size() < kMaxConnections) jraw.push_back(std::move(c));
    });
    journal_asm.finish();
    for (UsbConnection& c : journal_asm.take())
      if (!c.hub) jraw.push_back(std::move(c));
    for (auto& p : js.problems) h.problems.push_back(p);
    if (js.read) h.sources_read.push_back("journal");
    for (UsbConnection& c : jraw) {
      UsbConnectionSeen s;
      s.connected = resolve(c.connected, {}, host.zone());
      s.last = std::max(s.connected, resolve(c.last, {}, host.zone()));
      s.source = "journal";
      s.family = "journal";
      s.c = std::move(c);
      conns.push_back(std::move(s));
    }

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

const UsbHistory& usb_history(const Host& host) {
  return host.fact<UsbHistory>("usb.history", [&] { return build_usb_history(host); });
}

}  // namespace sc

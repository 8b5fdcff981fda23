// The memoized USB history fact: text logs (one streaming pass per log family,
// memmem prefilter on whole blocks), the kernel journal, the agent's ledger and
// the devices plugged in now, merged into one device list.
#include "checks/usb/usb_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <deque>
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

namespace {

// Every kernel message that starts or ends a USB connection contains this:
// "new high-speed USB device number 3", "USB disconnect, device number 3"
// and, before 2.6.26, "new high speed USB device using ehci_hcd and address
// 3", "USB disconnect, address 3". Blocks without it (and not just after a
// new device) are skipped unparsed.
constexpr std::string_view kNeedle = "USB d";
// Distinct identities kept per source family (a device's repeats are
// counted, never dropped); past it, new identities are counted as left out.
constexpr std::size_t kMaxIdentities = 20000;
// Lines read one by one after a new device (descriptors, usb-storage/uas,
// "Attached SCSI removable disk", network drivers follow within a second or
// two; a busy log writes a few hundred lines meanwhile). Measured on the
// bench's realistic log (issue 14): 5000 kept nearly every line of a 1 GB
// syslog in this slow path (0.5x grep -c); these lines are also prefiltered
// by might_be_usb() before the syslog parse.
constexpr std::size_t kHotLines = 500;

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

bool digit(char c) { return c >= '0' && c <= '9'; }

// A cheap look at a raw log line read in the slow path: could its kernel
// message be one KernelUsbAssembler::feed uses? ("usb 1-2: …", "scsi …",
// "sd …", "hub …", "usb-storage: …", "Linux version", "<driver> 1-2…").
// Firewall, Wi-Fi and audit lines are dropped here, before the full parse.
bool might_be_usb(std::string_view line) {
  std::size_t k = line.find("kernel: ");
  if (k == std::string_view::npos) return false;
  std::string_view m = line.substr(k + 8);
  if (!m.empty() && m[0] == '[') {  // "[ 2520.130000] " uptime
    std::size_t e = m.find("] ");
    if (e == std::string_view::npos) return false;
    m = m.substr(e + 2);
  }
  std::size_t sp = m.find(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  std::string_view word = m.substr(0, sp), rest = m.substr(sp + 1);
  if (word == "usb" || word == "sd" || word == "hub" || word == "usb-storage:" || word == "Linux" ||
      word.substr(0, 4) == "scsi")
    return true;
  if (word.back() == ':' || word[0] == '[') return false;
  return !rest.empty() && digit(rest[0]) && rest.find('-') < rest.find(':');  // "<driver> 1-2:1.0"
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void add_unique(std::vector<std::string>& v, std::string_view s, std::size_t cap = 64) {
  if (v.size() < cap && !contains(v, s)) v.emplace_back(s);
}

// Repeats of one device are counted as they are read, not stored: one record
// per identity (vid, pid, serial) with its first connection and the newest
// ones, so memory is bounded by the distinct identities whatever the log
// holds (a flapping device, a `logger` loop). Past kMaxIdentities new
// identities are counted as left out, and the findings say so.
class Aggregator {
 public:
  // `file`: which file of the family held it (names given to emit()).
  void add(UsbConnection&& c, std::size_t file) {
    if (c.hub) return;
    if (c.vid.empty() || c.pid.empty()) {  // storage activity, no identity printed
      if (anon_.size() < 20) anon_.push_back({c.port, c.connected, file});
      ++anonymous_;
      return;
    }
    if (!c.conflict_with.empty() && conflicts_.size() < 100) conflicts_.push_back({c, file});
    key_.assign(c.vid).append(":").append(c.pid).append(":").append(c.serial);
    auto it = map_.find(key_);
    if (it == map_.end()) {
      if (map_.size() >= kMaxIdentities) {
        ++dropped_;
        return;
      }
      it = map_.emplace(key_, Agg{}).first;
    }
    Agg& a = it->second;
    if (a.total == 0) {
      a.c = std::move(c);
      a.c.conflict_with.clear();
    } else {
      if (a.c.vendor.empty()) a.c.vendor = c.vendor;
      if (a.c.product.empty()) a.c.product = c.product;
      if (a.c.bcd.empty()) a.c.bcd = c.bcd;
      for (const auto& d : c.drivers)
        if (a.c.drivers.size() < 16 && !contains(a.c.drivers, d)) a.c.drivers.push_back(d);
      a.c.scsi_disk = a.c.scsi_disk || c.scsi_disk;
      a.c.conflict = a.c.conflict || c.conflict;
    }
    if (a.files.size() < 16 && std::find(a.files.begin(), a.files.end(), file) == a.files.end())
      a.files.push_back(file);
    if (a.times.size() >= kTimesKept) a.times.erase(a.times.begin() + 1);  // keep the first
    a.times.emplace_back(c.connected, c.last);
    ++a.total;
  }

  // One UsbConnectionSeen per device: `time(When)` → instant, `name(file)`
  // → the file's path.
  template <class TimeFn, class NameFn>
  void emit(const TimeFn& time, const NameFn& name, const std::string& family, const Zone& zone,
            std::vector<UsbConnectionSeen>& out, UsbHistory& h) {
    for (auto& [key, a] : map_) {
      UsbConnectionSeen s;
      s.connected = time(a.times.front().first);
      Time last = s.connected;
      for (std::size_t i = 0; i < a.times.size(); ++i) {
        Time t = time(a.times[i].first);
        last = std::max({last, t, time(a.times[i].second)});
        if (i > 0) s.also.push_back(t);
      }
      s.last = last;
      s.source = name(a.files.front());
      for (std::size_t i = 1; i < a.files.size(); ++i) s.also_sources.push_back(name(a.files[i]));
      s.family = family;
      s.earlier = a.total - static_cast<std::int64_t>(a.times.size());
      s.c = std::move(a.c);
      out.push_back(std::move(s));
    }
    map_.clear();
    // The same connections are in several families (syslog and kern.log):
    // the family that saw most speaks for all.
    if (anonymous_ > h.anonymous_storage) {
      h.anonymous_storage = anonymous_;
      h.anonymous_storage_evidence.clear();
      for (const Anon& x : anon_)
        h.anonymous_storage_evidence.push_back(
            fmt::format("port {} {} {}", x.port, zone.iso(time(x.when)), name(x.file)));
    }
    for (const auto& [c, file] : conflicts_) {
      UsbConflict k;
      k.where = fmt::format("port {} device number {}", c.port, c.devnum);
      k.first = c.conflict_with;
      k.second = c.vid + ":" + c.pid + (c.serial.empty() ? " (no serial)" : " serial " + c.serial);
      k.time = time(c.connected);
      k.source = name(file);
      bool seen = std::any_of(h.conflicts.begin(), h.conflicts.end(), [&](const UsbConflict& x) {
        return x.where == k.where && x.first == k.first && x.second == k.second;
      });
      if (!seen && h.conflicts.size() < 100) h.conflicts.push_back(std::move(k));
    }
    if (dropped_ > 0) {
      h.dropped_connections += dropped_;
      h.distinct_cap = kMaxIdentities;
      h.problems.push_back(fmt::format("{}: {} connections of devices beyond {} distinct devices left out", family,
                                       dropped_, kMaxIdentities));
    }
  }

 private:
  // Connection times kept per device and family: enough to match the same
  // plug across families and for the ledger's newest times; more are counted.
  static constexpr std::size_t kTimesKept = 64;
  struct Agg {
    UsbConnection c;
    std::deque<std::pair<When, When>> times;  // the first connection, then the newest
    std::vector<std::size_t> files;
    std::int64_t total = 0;
  };
  struct Anon {
    std::string port;
    When when;
    std::size_t file;
  };
  std::map<std::string, Agg> map_;
  std::string key_;
  std::vector<Anon> anon_;
  std::vector<std::pair<UsbConnection, std::size_t>> conflicts_;
  std::int64_t anonymous_ = 0, dropped_ = 0;
};

}  // namespace

UsbKind kind_from_kernel(const std::vector<std::string>& drivers, bool scsi_disk) {
  if (scsi_disk || contains(drivers, "usb-storage") || contains(drivers, "uas")) return UsbKind::storage;
  return UsbKind::other;  // network and phone: decided from rules/usb.yaml by the judgement
}

void scan_text_family(const Host& host, std::string_view base, std::vector<UsbConnectionSeen>& out, UsbHistory& history,
                      TextLogStats* stats) {
  std::vector<std::string> files = rotated_logs(host, "/var/log", base);
  if (files.empty()) return;
  const Zone& zone = host.zone();
  KernelUsbAssembler assembler;
  std::vector<SyslogYears> years(files.size());
  Aggregator agg;
  const LiteralSearch needle(kNeedle);
  std::size_t hot_lines = 0;
  std::vector<bool> read_ok(files.size(), false);

  auto drain = [&] {
    for (UsbConnection& c : assembler.take()) {
      std::size_t file = token_file(c.connected);
      agg.add(std::move(c), file);
    }
  };

  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const std::string& file = files[fi];
    // A log that exists but cannot be read is not "no devices" (issue 13.1):
    // the usb findings become unknown with the reason.
    if (host.is_dir(file)) {
      std::string why = fmt::format("{} is a directory, not a log file", file);
      history.unreadable.push_back({file, why});
      history.problems.push_back(why);
      continue;
    }
    LineReader reader(host.path(file));
    if (!reader.ok()) {
      history.unreadable.push_back({file, reader.error()});
      history.problems.push_back(reader.error());
      continue;
    }
    SyslogYears& yr = years[fi];
    auto sample = [&](std::string_view line) {
      if (auto ts = parse_syslog_timestamp(line)) yr.observe(*ts);
    };
    auto feed_line = [&](std::string_view line) {
      if (line.size() < 20 || !might_be_usb(line)) return;
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
        // Only "new … USB device …" and "USB disconnect, …" open or close a
        // connection; resets and the like are skipped unparsed.
        std::string_view at = block.substr(hit, end - hit);
        bool opens = at.substr(0, 11) == "USB device " &&
                     block.substr(start, hit - start).find(": new ") != std::string_view::npos;
        bool closes = at.substr(0, 16) == "USB disconnect, ";
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
    if (reader.truncated() && reader.bytes() == 0) {  // nothing could be read at all
      std::string why = fmt::format("{}: {}", file, reader.error());
      history.unreadable.push_back({file, why});
      history.problems.push_back(why);
      continue;
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

  agg.emit([&](When w) { return resolve(w, base_years, zone); },
           [&](std::size_t f) -> const std::string& { return f < files.size() ? files[f] : files.back(); },
           std::string(base), zone, out, history);
}

std::vector<UsbSeen> merge_connections(const std::vector<UsbConnectionSeen>& conns, const std::vector<UsbSeen>& ledger,
                                       std::optional<Time> journal_from, std::optional<Time> journal_to,
                                       std::chrono::seconds tolerance) {
  struct Entry {
    Time t;
    std::string_view family;  // "ledger" entries never merge with each other (views into `conns`)
    bool ledger = false;
  };
  struct Group {
    UsbSeen dev;
    std::vector<Entry> entries;
    std::int64_t earlier = 0;                               // ledger connections whose times were not kept
    std::map<std::string, std::int64_t> earlier_by_family;  // log connections counted, times not kept
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
    d.conflict = d.conflict || s.c.conflict;
    widen(d, s.connected, s.last);
    g.entries.push_back({s.connected, s.family, false});
    for (Time t : s.also) g.entries.push_back({t, s.family, false});
    if (s.earlier > 0) g.earlier_by_family[s.family] += s.earlier;
    add_unique(d.sources, s.source);
    for (const auto& src : s.also_sources) add_unique(d.sources, src);
  }

  std::vector<UsbSeen> out;
  for (const std::string& key : order) {
    Group& g = groups[key];
    std::stable_sort(g.entries.begin(), g.entries.end(), [](const Entry& a, const Entry& b) { return a.t < b.t; });
    struct Cluster {
      Time t;
      std::set<std::string_view> families;
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
    // Times not kept (a ledger's oldest, a log family's repeats past the
    // newest kept): the same connections may be in several families, so the
    // largest count stands for all.
    std::int64_t earlier = g.earlier;
    for (const auto& [f, n] : g.earlier_by_family) earlier = std::max(earlier, n);
    d.connections = static_cast<std::int64_t>(clusters.size()) + earlier;
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const UsbSeen& a, const UsbSeen& b) {
    Time ta = a.first_seen.value_or(Time::max()), tb = b.first_seen.value_or(Time::max());
    return ta < tb;
  });
  return out;
}

JournalScan scan_kernel_journal(const Host& host, std::vector<UsbConnectionSeen>& conns, UsbHistory& h) {
  KernelUsbAssembler journal_asm;
  Aggregator agg;
  JournalQuery kernel;
  kernel.kernel = true;
  JournalScan js = read_journal(host, kernel, [&](std::int64_t usec, std::string_view, std::string_view msg) {
    journal_asm.feed(split_kernel_message(msg).text, kAbsolute | (usec / 1000000));
    for (UsbConnection& c : journal_asm.take()) agg.add(std::move(c), 0);
  });
  journal_asm.finish();
  for (UsbConnection& c : journal_asm.take()) agg.add(std::move(c), 0);
  for (auto& p : js.problems) h.problems.push_back(p);
  // Journal files libsystemd would skip (unreadable, a newer format): the
  // kernel history is incomplete, never "no devices" (DESIGN.md, known traps).
  if (js.files > js.readable) {
    std::string why = fmt::format("{} of {} journal files cannot be read", js.files - js.readable, js.files);
    for (const auto& p : js.problems) why += "; " + p;
    h.unreadable.push_back({"journal", why});
  }
  if (js.read) h.sources_read.push_back("journal");
  const std::string journal = "journal";
  agg.emit([&](When w) { return resolve(w, {}, host.zone()); },
           [&](std::size_t) -> const std::string& { return journal; }, journal, host.zone(), conns, h);
  return js;
}

}  // namespace sc

// Reading many findings files for the unit summary: parallel read, verify and
// digest (trees dropped), newest file per machine, clones, cross-use of media.
#include "agent/summary.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "agent/core/platform.hpp"
#include "agent/core/time.hpp"

namespace sc {

namespace fs = std::filesystem;

static bool findings_name(const fs::path& p) {
  std::string name = path_text(p.filename());
  if (name.empty() || name[0] == '.') return false;
  if (name == "selfcheck-collection.yaml") return false;
  std::string ext = path_text(p.extension());
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

namespace {

// The order of std::filesystem::path on normalised paths (component by
// component), on plain strings: '/' sorts before every other byte.
bool path_less(const std::string& a, const std::string& b) {
  auto key = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return key(x) < key(y); });
}

}  // namespace

std::vector<std::string> summary_files(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad) {
  std::vector<std::string> files;  // strings, not paths: a path keeps its parsed components too
  for (const auto& in : inputs) {
    std::error_code ec;
    fs::path p(in);
    if (fs::is_directory(p, ec)) {
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) bad.push_back({in, FileCheck::unreadable, ec.message()});
      for (; !ec && it != end; it.increment(ec)) {
        std::string name = path_text(it->path().filename());
        if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && findings_name(it->path())) files.push_back(it->path().string());
      }
      if (ec) bad.push_back({in, FileCheck::unreadable, "while listing: " + ec.message()});
    } else if (fs::exists(p, ec)) {
      files.push_back(p.string());
    } else {
      bad.push_back({in, FileCheck::unreadable, "no such file or directory"});
    }
  }
  std::sort(files.begin(), files.end(), path_less);
  files.erase(std::unique(files.begin(), files.end()), files.end());
  files.shrink_to_fit();
  return files;
}

namespace {

// Seconds since the epoch of an ISO time, for "newest"; -inf when unparsable.
long long instant(const std::string& iso) {
  static const Zone utc;
  auto t = parse_time(iso, utc);
  return t ? static_cast<long long>(t->time_since_epoch().count()) : std::numeric_limits<long long>::min();
}

// The devices a finding's evidence names: its `serials`, else the serial (or
// vid:pid) of each `devices` line the usb probe writes ("0781:5583 SanDisk
// Ultra Fit serial=4C53… first=…").
std::vector<std::string> evidence_devices(const Evidence& ev) {
  std::vector<std::string> out;
  auto add = [&](std::string d) {
    if (!d.empty() && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(std::move(d));
  };
  auto list = [&](const char* key) -> const std::vector<std::string>* {
    auto it = ev.find(key);
    return it == ev.end() ? nullptr : std::get_if<std::vector<std::string>>(&it->second);
  };
  if (const auto* serials = list("serials")) {
    for (const auto& s : *serials) add(s);
    return out;
  }
  if (const auto* lines = list("devices")) {
    for (const auto& line : *lines) {
      std::string_view l = line;
      if (l.rfind("unconfirmed ", 0) == 0) l.remove_prefix(12);
      std::string_view first = l.substr(0, l.find(' '));
      if (first.size() != 9 || first[4] != ':') continue;  // not a "vid:pid …" line
      auto s = l.find(" serial=");
      std::string_view serial = s == std::string_view::npos ? std::string_view() : l.substr(s + 8);
      serial = serial.substr(0, serial.find(' '));
      add(std::string(serial.empty() || serial == "(none)" ? first : serial));
    }
  }
  return out;
}

}  // namespace

MachineDigest digest(const Document& doc, const Catalog& catalog) {
  MachineDigest m;
  const HostInfo& h = doc.host;
  m.hostname = h.hostname;
  m.machine_id = h.machine_id;
  m.asset_id = h.asset_id;
  m.owner = h.owner;
  m.department = h.department;
  m.classification = h.classification;
  m.finished = doc.finished;
  m.verdict = doc.verdict;
  auto items = report_items(doc, catalog);
  m.sections.reserve(items.size());
  for (const ReportItem& item : items) {
    if (!item.checked) continue;
    m.sections.emplace_back(item.section, item.status);
    for (const Finding* f : item.findings) {
      if (f->status != Status::fail && f->status != Status::warn) continue;
      m.problems.push_back({f->id, f->section, f->status, f->detail.empty() ? f->title : f->detail, f->title,
                            f->remediation, evidence_devices(f->evidence)});
    }
  }
  for (const auto& u : doc.usb_devices) {
    if (u.kind != "storage" || u.serial.empty() || u.role == "collection") continue;
    bool seen = std::any_of(m.media.begin(), m.media.end(), [&](const SummaryMedium& x) {
      return x.vid == u.vid && x.pid == u.pid && x.serial == u.serial;
    });
    if (!seen) m.media.push_back({u.vid, u.pid, u.serial, u.vendor, u.product});
  }
  m.sections.shrink_to_fit();
  m.problems.shrink_to_fit();
  m.media.shrink_to_fit();
  return m;
}

namespace {

// One file's outcome: verified and digested, or left out with the reason.
struct Outcome {
  FileCheck check = FileCheck::corrupt;
  std::string reason;
  std::unique_ptr<MachineDigest> m;  // a pointer: most of the slots are freed or moved on
};

using Key3 = std::tuple<std::string_view, std::string_view, std::string_view>;

}  // namespace

Summary summarize(const std::vector<std::string>& files, std::string_view key, unsigned threads,
                  const Progress& progress, const Catalog& catalog) {
  Summary s;
  s.key_used = !key.empty();
  s.files_read = files.size();
  // Each worker parses, verifies and digests a file, then drops its tree:
  // what stays is the digest, not the document.
  std::vector<Outcome> results(files.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, files.size()));
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  auto work = [&] {
    for (;;) {
      std::size_t i = next++;
      if (i >= files.size()) break;
      Outcome& o = results[i];
      {
        Verification v = verify_file(files[i], key);
        o.check = v.check;
        o.reason = std::move(v.reason);
        if (v.check == FileCheck::ok && v.doc) o.m = std::make_unique<MachineDigest>(digest(*v.doc, catalog));
      }
      std::size_t d = ++done;
      if (progress && (d % 64 == 0 || d == files.size())) {
        std::lock_guard lock(progress_mutex);
        progress(d, files.size());
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  // Newest file per machine (machine_id + asset_id + hostname; the file's
  // path when there is no machine_id), in file order.
  std::map<std::pair<bool, Key3>, std::size_t> newest;
  for (std::size_t i = 0; i < files.size(); ++i) {
    Outcome& o = results[i];
    if (o.check != FileCheck::ok || !o.m) {
      s.bad.push_back({files[i], o.check, std::move(o.reason)});
      continue;
    }
    const MachineDigest& h = *o.m;
    bool no_id = h.machine_id.empty();
    auto k = std::make_pair(no_id, Key3(no_id ? std::string_view(files[i]) : h.machine_id, h.asset_id, h.hostname));
    auto [it, fresh] = newest.emplace(k, i);
    if (fresh) continue;
    std::size_t old = it->second;
    auto t_new = instant(h.finished), t_old = instant(results[old].m->finished);
    bool newer = t_new > t_old || (t_new == t_old && path_less(files[old], files[i]));
    if (newer) {
      s.superseded.emplace_back(files[old], files[i]);
      // The map's key points into the old digest: re-key onto the new one.
      newest.erase(it);
      newest.emplace(k, i);
      results[old].m.reset();
    } else {
      s.superseded.emplace_back(files[i], files[old]);
      o.m.reset();
    }
  }
  s.machines.reserve(newest.size());
  for (const auto& [k, i] : newest) s.machines.push_back({std::move(*results[i].m), files[i], {}});
  newest.clear();
  std::vector<Outcome>().swap(results);
  std::sort(s.machines.begin(), s.machines.end(), [](const SummaryMachine& a, const SummaryMachine& b) {
    const MachineDigest &x = a.m, &y = b.m;
    if (std::tie(x.department, x.hostname, x.asset_id) != std::tie(y.department, y.hostname, y.asset_id))
      return std::tie(x.department, x.hostname, x.asset_id) < std::tie(y.department, y.hostname, y.asset_id);
    return path_less(a.file, b.file);
  });

  // Clones: the same machine_id on machines kept apart.
  std::map<std::string_view, std::vector<std::size_t>> by_id;
  for (std::size_t i = 0; i < s.machines.size(); ++i)
    if (!s.machines[i].m.machine_id.empty()) by_id[s.machines[i].m.machine_id].push_back(i);
  for (const auto& [id, group] : by_id)
    if (group.size() > 1)
      for (std::size_t i : group)
        for (std::size_t j : group)
          if (i != j) s.machines[i].clones.push_back(j);
  by_id.clear();

  // Cross-use: a storage serial on a confidential and a non-confidential
  // machine. The map points into the digests; names are copied for the few
  // media that are cross-used.
  struct Seen {
    const SummaryMedium* medium = nullptr;
    std::vector<std::uint32_t> confidential, other;
  };
  std::map<Key3, Seen> media;
  for (std::size_t i = 0; i < s.machines.size(); ++i) {
    const MachineDigest& d = s.machines[i].m;
    bool conf = d.classification == "confidential";
    for (const auto& u : d.media) {
      Seen& c = media[Key3(u.vid, u.pid, u.serial)];
      if (!c.medium) c.medium = &u;
      (conf ? c.confidential : c.other).push_back(static_cast<std::uint32_t>(i));
    }
  }
  for (auto& [k, c] : media) {
    if (c.confidential.empty() || c.other.empty()) continue;
    const SummaryMedium& u = *c.medium;
    s.cross_use.push_back({u.vid,
                           u.pid,
                           u.serial,
                           u.vendor,
                           u.product,
                           {c.confidential.begin(), c.confidential.end()},
                           {c.other.begin(), c.other.end()}});
  }
  return s;
}

}  // namespace sc

// Reading many findings files for the unit summary: parallel read + verify,
// newest file per machine, clones, cross-use of storage media.
#include "agent/summary.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
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

std::vector<fs::path> summary_files(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad) {
  std::vector<fs::path> files;
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
        if (it->is_regular_file(ec) && findings_name(it->path())) files.push_back(it->path());
      }
      if (ec) bad.push_back({in, FileCheck::unreadable, "while listing: " + ec.message()});
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      bad.push_back({in, FileCheck::unreadable, "no such file or directory"});
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

namespace {

// Seconds since the epoch of an ISO time, for "newest"; -inf when unparsable.
long long instant(const std::string& iso) {
  static const Zone utc;
  auto t = parse_time(iso, utc);
  return t ? static_cast<long long>(t->time_since_epoch().count()) : std::numeric_limits<long long>::min();
}

}  // namespace

Summary summarize(const std::vector<fs::path>& files, std::string_view key, unsigned threads,
                  const Progress& progress) {
  Summary s;
  s.key_used = !key.empty();
  s.files_read = files.size();
  std::vector<Verification> results(files.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, files.size()));
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  auto work = [&] {
    for (;;) {
      std::size_t i = next++;
      if (i >= files.size()) break;
      results[i] = verify_file(files[i], key);
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

  // Newest file per machine (machine_id + asset_id + hostname).
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> newest;
  for (std::size_t i = 0; i < files.size(); ++i) {
    Verification& v = results[i];
    if (v.check != FileCheck::ok || !v.doc) {
      s.bad.push_back({path_text(files[i]), v.check, v.reason});
      continue;
    }
    const HostInfo& h = v.doc->host;
    auto k =
        std::make_tuple(h.machine_id.empty() ? "file:" + path_text(files[i]) : h.machine_id, h.asset_id, h.hostname);
    auto [it, fresh] = newest.emplace(k, i);
    if (fresh) continue;
    std::size_t old = it->second;
    auto t_new = instant(v.doc->finished), t_old = instant(results[old].doc->finished);
    bool newer = t_new > t_old || (t_new == t_old && files[i] > files[old]);
    if (newer) {
      s.superseded.emplace_back(path_text(files[old]), path_text(files[i]));
      it->second = i;
    } else {
      s.superseded.emplace_back(path_text(files[i]), path_text(files[old]));
    }
  }
  for (const auto& [k, i] : newest) s.machines.push_back({std::move(*results[i].doc), path_text(files[i]), {}});
  results.clear();
  std::sort(s.machines.begin(), s.machines.end(), [](const SummaryMachine& a, const SummaryMachine& b) {
    const HostInfo &x = a.doc.host, &y = b.doc.host;
    return std::tie(x.department, x.hostname, x.asset_id, a.file) <
           std::tie(y.department, y.hostname, y.asset_id, b.file);
  });

  // Clones: the same machine_id on machines kept apart.
  std::map<std::string, std::vector<std::size_t>> by_id;
  for (std::size_t i = 0; i < s.machines.size(); ++i)
    if (!s.machines[i].doc.host.machine_id.empty()) by_id[s.machines[i].doc.host.machine_id].push_back(i);
  for (const auto& [id, group] : by_id)
    if (group.size() > 1)
      for (std::size_t i : group)
        for (std::size_t j : group)
          if (i != j) s.machines[i].clones.push_back(j);

  // Cross-use: a storage serial on a confidential and a non-confidential machine.
  std::map<std::tuple<std::string, std::string, std::string>, CrossUse> media;
  for (std::size_t i = 0; i < s.machines.size(); ++i) {
    const Document& d = s.machines[i].doc;
    bool conf = d.host.classification == "confidential";
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& u : d.usb_devices) {
      if (u.kind != "storage" || u.serial.empty() || u.role == "collection") continue;
      auto k = std::make_tuple(u.vid, u.pid, u.serial);
      if (!seen.insert(k).second) continue;
      CrossUse& c = media[k];
      if (c.serial.empty()) c = {u.vid, u.pid, u.serial, u.vendor, u.product, {}, {}};
      (conf ? c.confidential : c.other).push_back(i);
    }
  }
  for (auto& [k, c] : media)
    if (!c.confidential.empty() && !c.other.empty()) s.cross_use.push_back(std::move(c));
  return s;
}

}  // namespace sc

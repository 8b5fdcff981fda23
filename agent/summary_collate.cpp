// The unit summary over many files in bounded memory (issue 20): every file
// read, verified and digested on all cores into a store (its tree dropped);
// then, in file order, the newest file per machine (an external sort on a
// fixed-size hashed key), the machines put in order (external sort), clones
// and cross-use of media found by sorting their keys. What stays in memory is
// what the summary aggregates, not one digest per file.
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "agent/core/digest.hpp"
#include "agent/core/time.hpp"
#include "agent/summary.hpp"

namespace sc {

namespace {

// Seconds since the epoch of an ISO time, for "newest"; -inf when unparsable.
long long instant(const std::string& iso) {
  static const Zone utc;
  auto t = parse_time(iso, utc);
  return t ? static_cast<long long>(t->time_since_epoch().count()) : std::numeric_limits<long long>::min();
}

// A fixed-size key (128 bits of SHA-256) over length-prefixed fields.
constexpr std::size_t kKeySize = 32;
std::string hashed_key(std::initializer_list<std::string_view> parts) {
  RecWriter w;
  for (auto p : parts) w.str(p);
  return sha256_hex(w.bytes()).substr(0, kKeySize);
}

bool bytes_less(std::string_view a, std::string_view b) { return a < b; }

// A file's record in the store: path, check, reason, then (verified) the
// instant, the machine key and the digest.
struct FileRecord {
  std::string_view path, reason, key, digest;
  FileCheck check = FileCheck::corrupt;
  bool has = false;
  long long t = 0;
};

FileRecord parse_record(std::string_view rec) {
  RecReader r(rec);
  FileRecord f;
  f.path = r.str();
  f.check = static_cast<FileCheck>(r.u8());
  f.reason = r.str();
  f.has = r.u8() != 0;
  if (f.has) {
    f.t = static_cast<long long>(r.u64());
    f.key = r.raw(kKeySize);
    f.digest = r.rest();
  }
  return f;
}

}  // namespace

Summary summarize(const SummaryFileList& files, std::string_view key, unsigned threads, const Progress& progress,
                  const Catalog& catalog, std::size_t budget) {
  Summary s;
  s.key_used = !key.empty();
  s.files_read = files.count;
  s.budget = budget;
  s.machines = Spill(budget);
  s.superseded = Spill(budget);
  const std::size_t n = files.count;

  // Each worker parses, verifies and digests a file, then drops its tree:
  // what is stored is the digest's encoding, at a place noted per file.
  Spill store(budget);
  std::vector<std::uint64_t> at(n);
  {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, std::max<std::size_t>(1, n));
    auto list = files.paths.cursor();
    std::size_t next = 0;
    std::atomic<std::size_t> done{0};
    std::mutex list_mutex, store_mutex, progress_mutex;
    std::exception_ptr failure;
    auto work = [&] {
      try {
        std::string path;
        for (;;) {
          std::size_t i;
          {
            std::lock_guard lock(list_mutex);
            if (failure || !list.next(path)) break;
            i = next++;
          }
          RecWriter w;
          {
            Verification v = verify_file(path, key);
            w.str(path).u8(static_cast<unsigned>(v.check)).str(v.reason);
            if (v.check == FileCheck::ok && v.doc) {
              MachineDigest m = digest(*v.doc, catalog);
              v.doc.reset();
              std::string k = m.machine_id.empty() ? hashed_key({"file", path})
                                                   : hashed_key({"machine", m.machine_id, m.asset_id, m.hostname});
              w.u8(1).u64(static_cast<std::uint64_t>(instant(m.finished))).raw(k);
              encode_digest(m, w);
            } else {
              w.u8(0);
            }
          }
          {
            std::lock_guard lock(store_mutex);
            at[i] = store.append(w.bytes());
          }
          std::size_t d = ++done;
          if (progress && (d % 64 == 0 || d == n)) {
            std::lock_guard lock(progress_mutex);
            progress(d, n);
          }
        }
      } catch (...) {
        std::lock_guard lock(list_mutex);
        if (!failure) failure = std::current_exception();
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  }

  // In file order: files left out, and each verified file's machine key.
  std::string rec, other;
  SpillSorter by_key(bytes_less, budget);  // key, file index, instant
  for (std::size_t i = 0; i < n; ++i) {
    store.read(at[i], rec);
    FileRecord f = parse_record(rec);
    if (f.check != FileCheck::ok || !f.has) {
      s.bad.push_back({std::string(f.path), f.check, std::string(f.reason)});
      continue;
    }
    RecWriter w;
    w.raw(f.key).be32(static_cast<std::uint32_t>(i)).u64(static_cast<std::uint64_t>(f.t));
    by_key.add(std::move(w.bytes()));
  }

  // Newest file per machine (machine_id + asset_id + hostname; the file's
  // path when there is no machine_id): each machine's files in file order,
  // the newest so far kept, ties to the later path.
  auto path_of = [&](std::uint32_t i) {
    store.read(at[i], other);
    return std::string(parse_record(other).path);
  };
  // Department, hostname, asset id, path, file index.
  SpillSorter order(
      [](std::string_view a, std::string_view b) {
        RecReader x(a), y(b);
        for (int k = 0; k < 3; ++k) {
          std::string_view u = x.str(), v = y.str();
          if (u != v) return u < v;
        }
        std::string_view pu = x.str(), pv = y.str();
        if (pu != pv) return summary_path_less(pu, pv);
        return x.be32() < y.be32();
      },
      budget);
  auto keep = [&](std::uint32_t i) {
    store.read(at[i], other);
    FileRecord f = parse_record(other);
    RecReader d(f.digest);
    std::string_view hostname = d.str(), machine_id = d.str(), asset_id = d.str(), owner = d.str(),
                     department = d.str();
    (void)machine_id;
    (void)owner;
    RecWriter w;
    w.str(department).str(hostname).str(asset_id).str(f.path).be32(i);
    order.add(std::move(w.bytes()));
  };
  SpillSorter superseded(bytes_less, budget);  // the later file's index, the older, the kept
  {
    std::string group;
    std::uint32_t best = 0;
    long long t_best = 0;
    bool have = false;
    while (by_key.next(rec)) {
      RecReader r(rec);
      std::string_view k = r.raw(kKeySize);
      std::uint32_t i = r.be32();
      auto t = static_cast<long long>(r.u64());
      if (!have || k != group) {
        if (have) keep(best);
        group.assign(k);
        best = i;
        t_best = t;
        have = true;
        continue;
      }
      bool newer = t > t_best || (t == t_best && summary_path_less(path_of(best), path_of(i)));
      RecWriter w;
      w.be32(i);
      if (newer) {
        w.u32(best).u32(i);
        best = i;
        t_best = t;
      } else {
        w.u32(i).u32(best);
      }
      superseded.add(std::move(w.bytes()));
    }
    if (have) keep(best);
  }
  while (superseded.next(rec)) {
    RecReader r(rec);
    r.be32();
    std::uint32_t old = r.u32(), kept = r.u32();
    RecWriter w;
    w.str(path_of(old)).str(path_of(kept));
    s.superseded.append(w.bytes());
    ++s.superseded_count;
  }

  // The machines in order, into their store; the keys of clones and media.
  SpillSorter clone_keys(bytes_less, budget);  // hashed machine_id, index
  SpillSorter media(                           // vid, pid, serial, index, confidential, vendor, product
      [](std::string_view a, std::string_view b) {
        RecReader x(a), y(b);
        for (int k = 0; k < 3; ++k) {
          std::string_view u = x.str(), v = y.str();
          if (u != v) return u < v;
        }
        return x.be32() < y.be32();
      },
      budget);
  std::uint32_t p = 0;
  while (order.next(rec)) {
    RecReader r(rec);
    for (int k = 0; k < 4; ++k) r.str();
    store.read(at[r.be32()], other);
    FileRecord f = parse_record(other);
    RecWriter w;
    w.str(f.path).raw(f.digest);
    s.machines.append(w.bytes());
    RecReader d(f.digest);
    MachineDigest m = decode_digest(d);
    if (!m.machine_id.empty()) {
      RecWriter c;
      c.raw(hashed_key({m.machine_id})).be32(p);
      clone_keys.add(std::move(c.bytes()));
    }
    bool conf = m.classification == "confidential";
    for (const SummaryMedium& u : m.media) {
      RecWriter c;
      c.str(u.vid).str(u.pid).str(u.serial).be32(p).u8(conf ? 1 : 0).str(u.vendor).str(u.product);
      media.add(std::move(c.bytes()));
    }
    ++p;
  }
  s.machine_count = p;
  std::vector<std::uint64_t>().swap(at);
  store = Spill();

  // Clones: the same machine_id on machines kept apart.
  {
    std::vector<std::size_t> group;
    std::string id;
    auto flush = [&] {
      if (group.size() > 1)
        for (std::size_t a : group)
          for (std::size_t b : group)
            if (a != b) s.clones[a].push_back(b);
      group.clear();
    };
    while (clone_keys.next(rec)) {
      RecReader r(rec);
      std::string_view k = r.raw(kKeySize);
      if (k != id) {
        flush();
        id.assign(k);
      }
      group.push_back(r.be32());
    }
    flush();
  }

  // Cross-use: a storage serial on a confidential and a non-confidential
  // machine; the names are those of its first machine.
  {
    CrossUse c;
    bool have = false;
    auto flush = [&] {
      if (have && !c.confidential.empty() && !c.other.empty()) s.cross_use.push_back(std::move(c));
      c = CrossUse{};
    };
    while (media.next(rec)) {
      RecReader r(rec);
      std::string_view vid = r.str(), pid = r.str(), serial = r.str();
      std::size_t i = r.be32();
      bool conf = r.u8() != 0;
      if (!have || vid != c.vid || pid != c.pid || serial != c.serial) {
        flush();
        have = true;
        c.vid = vid;
        c.pid = pid;
        c.serial = serial;
        c.vendor = r.str();
        c.product = r.str();
      }
      (conf ? c.confidential : c.other).push_back(i);
    }
    flush();
  }

  // The names clones and cross-use show.
  std::set<std::size_t> wanted;
  for (const auto& [i, others] : s.clones) wanted.insert(i);
  for (const CrossUse& c : s.cross_use) {
    wanted.insert(c.confidential.begin(), c.confidential.end());
    wanted.insert(c.other.begin(), c.other.end());
  }
  if (!wanted.empty())
    s.each_machine([&](std::size_t i, const SummaryMachine& m) {
      if (!wanted.count(i)) return;
      const std::string& name = !m.m.hostname.empty() ? m.m.hostname : !m.m.asset_id.empty() ? m.m.asset_id : m.file;
      s.named[i] = {name, m.m.asset_id};
    });
  return s;
}

Summary summarize(const std::vector<std::string>& files, std::string_view key, unsigned threads,
                  const Progress& progress, const Catalog& catalog, std::size_t budget) {
  SummaryFileList list{Spill(budget), 0};
  for (const auto& f : files) {
    list.paths.append(f);
    ++list.count;
  }
  return summarize(list, key, threads, progress, catalog, budget);
}

void Summary::each_machine(const std::function<void(std::size_t, const SummaryMachine&)>& f) const {
  auto c = machines.cursor();
  std::string rec;
  for (std::size_t i = 0; c.next(rec); ++i) {
    RecReader r(rec);
    SummaryMachine m;
    m.file = r.str();
    m.m = decode_digest(r);
    auto it = clones.find(i);
    if (it != clones.end()) m.clones = it->second;
    f(i, m);
  }
}

std::vector<std::pair<std::string, std::string>> Summary::superseded_files() const {
  std::vector<std::pair<std::string, std::string>> out;
  auto c = superseded.cursor();
  for (std::string rec; c.next(rec);) {
    RecReader r(rec);
    std::string old(r.str());
    out.emplace_back(std::move(old), std::string(r.str()));
  }
  return out;
}

const std::string& Summary::name_of(std::size_t machine) const { return named.at(machine).first; }

}  // namespace sc

// Finding and reading apt's security lists. The file names are apt's
// URI-to-filename form (deb.debian.org_debian-security_dists_bookworm-security_
// main_binary-amd64_Packages); the suite is taken from the Release/InRelease
// file of the same prefix, so renamed mirrors and Ubuntu pockets work alike.
#include "checks/patch/apt_lists.hpp"

#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <algorithm>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "agent/core/text.hpp"
#include "checks/formats/deb_version.hpp"
#include "checks/linux/log_reader.hpp"

namespace sc {

namespace {

constexpr std::string_view kListsDir = "/var/lib/apt/lists";

bool glob(const std::string& pattern, const std::string& text) { return glob_match(pattern, text); }

}  // namespace

std::optional<Time> parse_release_date(std::string_view text) {
  std::string s(trim(text));
  cctz::time_point<cctz::seconds> tp;  // seconds: a nanosecond time_point overflows (UB) past ±292 years
  for (const char* fmt : {"%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z", "%d %b %Y %H:%M:%S %Z"}) {
    if (cctz::parse(fmt, s, cctz::utc_time_zone(), &tp)) return Time(tp.time_since_epoch());
  }
  return std::nullopt;
}

ReleaseInfo parse_release(std::string_view text) {
  ReleaseInfo r;
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    if (line.rfind("-----BEGIN PGP SIGNATURE", 0) == 0) break;
    if (line.empty() || line.front() == ' ' || line.front() == '\t') continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    std::string value(trim(line.substr(colon + 1)));
    if (key == "Origin")
      r.origin = value;
    else if (key == "Label")
      r.label = value;
    else if (key == "Suite")
      r.suite = value;
    else if (key == "Codename")
      r.codename = value;
    else if (key == "Date")
      r.date = parse_release_date(value);
  }
  return r;
}

bool is_security_release(const ReleaseInfo& r, const SecurityListRules& rules) {
  for (const auto& p : rules.suites) {
    if (!r.suite.empty() && glob(p, r.suite)) return true;
    if (!r.codename.empty() && glob(p, r.codename)) return true;
  }
  for (const auto& l : rules.labels)
    if (!r.label.empty() && r.label == l) return true;
  return false;
}

AptListScan scan_apt_lists(const Host& host, const SecurityListRules& rules) {
  AptListScan scan;
  scan.dir_exists = host.is_dir(kListsDir);
  if (!scan.dir_exists) return scan;
  std::vector<std::string> names = host.list_dir(kListsDir);

  // Release files by prefix ("..._dists_bookworm-security_").
  struct Rel {
    std::string prefix;
    ReleaseInfo info;
  };
  std::vector<Rel> releases;
  for (const auto& n : names) {
    std::string_view prefix;
    if (n.ends_with("_InRelease"))
      prefix = std::string_view(n).substr(0, n.size() - 9);
    else if (n.ends_with("_Release"))
      prefix = std::string_view(n).substr(0, n.size() - 7);
    else
      continue;
    // InRelease and Release of the same suite: the first one read wins.
    if (std::any_of(releases.begin(), releases.end(), [&](const Rel& r) { return r.prefix == prefix; })) continue;
    FileResult f = host.read_file(std::string(kListsDir) + "/" + n, 8u << 20);
    if (!f.ok()) continue;
    releases.push_back({std::string(prefix), parse_release(f.data)});
  }

  for (const auto& n : names) {
    auto pk = n.rfind("_Packages");
    if (pk == std::string::npos) continue;
    std::string rest = n.substr(pk + 9);  // "", ".gz", ".lz4", ...
    if (!rest.empty() && rest.front() != '.') continue;
    if (n.ends_with(".diff_Index") || rest.find("diff") != std::string::npos) continue;
    ++scan.packages_files;
    AptListFile file;
    file.path = std::string(kListsDir) + "/" + n;
    file.compression = rest.empty() ? "" : rest.substr(1);
    const Rel* best = nullptr;
    for (const auto& r : releases)
      if (n.rfind(r.prefix, 0) == 0 && (!best || r.prefix.size() > best->prefix.size())) best = &r;
    bool security = false;
    if (best) {
      security = is_security_release(best->info, rules);
      file.suite = best->info.suite.empty() ? best->info.codename : best->info.suite;
      file.date = best->info.date;
    } else {
      for (const auto& p : rules.file_names) security = security || glob(p, n);
    }
    if (!security) continue;
    if (!file.date) file.date = host.mtime(file.path);
    scan.security.push_back(std::move(file));
  }
  return scan;
}

void add_candidate(CandidateMap& map, const std::string& name, Candidate c) {
  auto& list = map[name];
  for (auto& have : list) {
    if (have.arch == c.arch) {
      if (compare_deb_versions(have.version, c.version) < 0) have = std::move(c);
      return;
    }
  }
  list.push_back(std::move(c));
}

SecurityCandidates read_security_candidates(const Host& host, const AptListScan& scan,
                                            const std::function<bool(std::string_view)>& wanted) {
  SecurityCandidates out;
  for (const AptListFile& f : scan.security) {
    std::string origin = f.suite.empty() ? "security" : f.suite;
    DpkgStanzaParser parser([&](DpkgPackage&& p) {
      if (p.version.empty() || (wanted && !wanted(p.name))) return;
      add_candidate(out.candidates, p.name, Candidate{p.architecture, p.version, origin});
    });
    bool ended_in_newline = true;
    if (f.compression.empty() || f.compression == "gz") {
      LineReader reader(host, f.path);
      if (!reader.ok()) {
        out.problems.push_back(fmt::format("cannot read {}: {}", f.path, reader.error()));
        continue;
      }
      std::string_view line;
      std::uint64_t consumed = 0;  // bytes of lines plus their '\n'
      while (reader.next(line)) {
        parser.line(line);
        consumed += line.size() + 1;
      }
      // A last line without '\n' (apt always ends its lists with one): cut file.
      if (reader.long_lines() == 0 && consumed != reader.bytes()) ended_in_newline = false;
      if (reader.truncated()) {
        ended_in_newline = false;
        out.problems.push_back(fmt::format("{} is truncated: {}", f.path, reader.error()));
      }
    } else {
      // lz4 (Docker images' apt setting), xz, zstd: the machine's own tool
      // decompresses the root's own file (a file fact, allowed offline).
      static const std::map<std::string, std::string, std::less<>> tools{
          {"lz4", "lz4"}, {"xz", "xz"}, {"zst", "zstd"}, {"bz2", "bzip2"}};
      auto tool = tools.find(f.compression);
      if (tool == tools.end()) {
        out.problems.push_back(fmt::format("{}: unsupported compression .{}", f.path, f.compression));
        continue;
      }
      // The path resolved inside the root, and a regular file: the tool never
      // follows a link out of the audited tree nor waits on a FIFO.
      std::string unresolved;
      auto real = host.resolved_path(f.path, &unresolved);
      if (!real || !host.is_file(f.path)) {
        out.problems.push_back(real ? fmt::format("{} is not a regular file", f.path) : unresolved);
        continue;
      }
      CommandResult r = host.run({tool->second, "-dc", real->string()});
      if (!r.ok()) {
        std::string why = !r.error.empty()      ? r.error
                          : r.timed_out         ? "timed out"
                          : trim(r.err).empty() ? fmt::format("exit {}", r.exit_code)
                                                : std::string(trim(r.err));
        out.problems.push_back(fmt::format("cannot decompress {} with {}: {}", f.path, tool->second, why));
        continue;
      }
      std::string_view text = r.out;
      std::size_t pos = 0;
      while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) {
          parser.line(text.substr(pos));
          ended_in_newline = false;
          break;
        }
        parser.line(text.substr(pos, nl - pos));
        pos = nl + 1;
      }
    }
    parser.finish(ended_in_newline);
    const auto& st = parser.stats();
    out.stats.stanzas += st.stanzas;
    out.stats.skipped += st.skipped;
    out.stats.bad_lines += st.bad_lines;
    out.stats.long_values += st.long_values;
    out.stats.truncated = out.stats.truncated || st.truncated;
    out.files_read.push_back(f.path);
    if (f.date && (!out.oldest || *f.date < *out.oldest)) out.oldest = f.date;
  }
  return out;
}

std::vector<PendingUpdate> find_pending(const std::vector<DpkgPackage>& installed, const CandidateMap& candidates) {
  std::vector<PendingUpdate> out;
  for (const DpkgPackage& p : installed) {
    if (!p.installed() || p.version.empty()) continue;
    auto it = candidates.find(p.name);
    if (it == candidates.end()) continue;
    const Candidate* best = nullptr;
    for (const Candidate& c : it->second) {
      if (!(c.arch.empty() || c.arch == p.architecture || c.arch == "all" || p.architecture == "all")) continue;
      if (!best || compare_deb_versions(best->version, c.version) < 0) best = &c;
    }
    if (best && compare_deb_versions(p.version, best->version) < 0)
      out.push_back({p.name, p.architecture, p.version, best->version, best->origin});
  }
  std::sort(out.begin(), out.end(), [](const PendingUpdate& a, const PendingUpdate& b) {
    return a.name != b.name ? a.name < b.name : a.arch < b.arch;
  });
  return out;
}

}  // namespace sc

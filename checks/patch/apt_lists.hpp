// apt's package lists (/var/lib/apt/lists/): which Packages indexes belong to
// a security suite (Debian's bookworm-security, Ubuntu's jammy-security
// pocket, old Debian's buster/updates), how old they are, and the newest
// version each offers — the candidates the installed packages are held to.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"
#include "checks/formats/dpkg_status.hpp"

namespace sc {

class Host;

// The fields of a Release / InRelease file that say which suite it is.
struct ReleaseInfo {
  std::string origin, label, suite, codename;
  std::optional<Time> date;  // "Date:" (apt writes RFC 2822, UTC)
};
// Parses Release or clearsigned InRelease text (stops at the signature).
ReleaseInfo parse_release(std::string_view text);
// "Sat, 21 Nov 2026 00:53:02 UTC" / "... +0000" → instant.
std::optional<Time> parse_release_date(std::string_view text);

// Which lists are security lists (rules/patch.yaml `security:`).
struct SecurityListRules {
  std::vector<std::string> suites{"*-security", "*/updates"};   // fnmatch on Suite: or Codename:
  std::vector<std::string> labels{"Debian-Security"};           // exact Label:
  std::vector<std::string> file_names{"*_dists_*-security_*"};  // fnmatch on the file name, when no Release
};
bool is_security_release(const ReleaseInfo& r, const SecurityListRules& rules);

struct AptListFile {
  std::string path;          // absolute path on the audited machine
  std::string suite;         // from its Release (or "" when matched by name)
  std::optional<Time> date;  // Release Date:, else the file's mtime
  std::string compression;   // "", "gz", "lz4", "xz", "zst", ...
};

struct AptListScan {
  bool dir_exists = false;
  std::size_t packages_files = 0;     // Packages indexes of any suite
  std::vector<AptListFile> security;  // those of security suites
};
// Lists /var/lib/apt/lists under the host's root and classifies its indexes.
AptListScan scan_apt_lists(const Host& host, const SecurityListRules& rules);

// A version some source says should be installed at least.
struct Candidate {
  std::string arch;  // "" = any architecture (baseline)
  std::string version;
  std::string origin;  // suite name or "baseline"
};
using CandidateMap = std::map<std::string, std::vector<Candidate>, std::less<>>;
// Adds `c` for `name`, keeping the newest per architecture.
void add_candidate(CandidateMap& map, const std::string& name, Candidate c);

struct SecurityCandidates {
  CandidateMap candidates;
  std::vector<std::string> files_read;
  std::vector<std::string> problems;  // unreadable / unsupported lists, with the reason
  std::optional<Time> oldest;         // the oldest list's date
  DpkgParseStats stats;               // summed over the files
};
// Reads the security indexes (plain and .gz directly; .lz4/.xz/.zst through
// the decompressor found on the machine, reading the root's own file).
// `wanted` (when given) keeps only the packages it accepts — the installed
// ones — so the map stays as small as the machine, not the archive.
SecurityCandidates read_security_candidates(const Host& host, const AptListScan& scan,
                                            const std::function<bool(std::string_view)>& wanted = {});

// An installed package older than a candidate.
struct PendingUpdate {
  std::string name, arch, installed, candidate, origin;
};
// Installed packages (installed()) older than the newest candidate of their
// architecture (or "all", or any-arch baseline entries). Sorted by name.
std::vector<PendingUpdate> find_pending(const std::vector<DpkgPackage>& installed, const CandidateMap& candidates);

}  // namespace sc

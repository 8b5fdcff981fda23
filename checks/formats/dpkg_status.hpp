// The dpkg database (/var/lib/dpkg/status) and apt Packages indexes are
// deb822 stanzas. This streaming parser keeps the fields the patch probe needs
// (Package, Version, Status, Source, Architecture) and skips the rest
// (Description, Conffiles, ...), line by line, whatever bytes it is given.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

struct DpkgPackage {
  std::string name;
  std::string version;
  std::string status;        // "install ok installed"; empty in Packages indexes
  std::string source;        // source package name without "(version)"; empty when the same as name
  std::string architecture;  // amd64, all, ...
  // Its files are on disk at `version`: the status word is installed,
  // triggers-pending or triggers-awaited (dpkg -l "ii" and friends).
  bool installed() const;
};

struct DpkgParseStats {
  std::size_t stanzas = 0;      // stanzas seen (including skipped ones)
  std::size_t skipped = 0;      // stanzas without a Package field
  std::size_t bad_lines = 0;    // lines that are neither "Field: value" nor continuations
  std::size_t long_values = 0;  // field values cut to kMaxValue
  bool truncated = false;       // the text ended inside a line: its last stanza was dropped
};

// Incremental form: feed lines (without '\n'), then finish(). Each complete
// stanza with a Package field goes to `sink`. Used by parse_dpkg_status and by
// the readers of (possibly gzipped) Packages files.
class DpkgStanzaParser {
 public:
  static constexpr std::size_t kMaxValue = 4096;
  explicit DpkgStanzaParser(std::function<void(DpkgPackage&&)> sink) : sink_(std::move(sink)) {}
  void line(std::string_view line);
  // `ended_in_newline`: false when the input stopped inside its last line
  // (a truncated file): that last stanza is dropped and stats().truncated set.
  void finish(bool ended_in_newline = true);
  const DpkgParseStats& stats() const { return stats_; }

 private:
  void flush();
  std::function<void(DpkgPackage&&)> sink_;
  DpkgPackage cur_;
  bool in_stanza_ = false;
  DpkgParseStats stats_;
};

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, DpkgParseStats* stats = nullptr);

// "1:1.0.7+dfsg-1~deb12u1" → "1.0.7": the upstream version without epoch,
// Debian revision or +dfsg/~ suffixes, for human-facing text.
std::string dpkg_upstream_version(std::string_view version);

}  // namespace sc

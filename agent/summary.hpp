// The unit-level summary (`selfcheck summary`): many findings files read as a
// stream on all cores, each verified and reduced to what the summary needs
// (its parsed tree dropped), duplicates and clones sorted out, cross-use of
// media found, and the unit section rendered as text, Markdown, HTML or JSON.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agent/document.hpp"
#include "agent/integrity.hpp"
#include "agent/report.hpp"
#include "agent/summary_spill.hpp"

namespace sc {

// A file left out of the summary and why.
struct SummaryFile {
  std::string path;
  FileCheck check = FileCheck::corrupt;
  std::string reason;
};

// A fail or warn finding as the summary shows it.
struct SummaryProblem {
  std::string id, section;
  Status status = Status::fail;
  Text text;                         // the detail, or the title when there is none
  Text title;                        // counts an id the probe table has no wording for
  Text remediation;                  // the measure
  std::vector<std::string> devices;  // serials (or vid:pid) its evidence names
};

// A storage medium with a serial seen on a machine (for cross-use).
struct SummaryMedium {
  std::string vid, pid, serial, vendor, product;
};

// What the summary keeps of one findings file.
struct MachineDigest {
  std::string hostname, machine_id, asset_id, owner, department, classification;
  std::string finished, verdict;
  std::vector<std::pair<std::string, Status>> sections;  // each section found: its worst status
  std::vector<SummaryProblem> problems;                  // in item order
  std::vector<SummaryMedium> media;                      // storage, with serial, not a collection drive
};
// The digest of a document (items ordered by `catalog`).
MachineDigest digest(const Document& doc, const Catalog& catalog = builtin_catalog());

struct SummaryMachine {
  MachineDigest m;
  std::string file;
  std::vector<std::size_t> clones;  // other machines with the same machine_id
};

// A storage device seen on confidential and on non-confidential machines.
struct CrossUse {
  std::string vid, pid, serial, vendor, product;
  std::vector<std::size_t> confidential, other;  // indexes into machines
};

// What the summary keeps: aggregates in memory, the kept machines (and the
// files set aside) in bounded stores read back in order (issue 20: memory
// does not grow with the number of files).
struct Summary {
  std::size_t machine_count = 0;                                     // kept machines
  Spill machines;                                                    // sorted by department, hostname, asset id, file
  std::vector<SummaryFile> bad;                                      // never dropped silently
  std::size_t superseded_count = 0;                                  // older files set aside
  Spill superseded;                                                  // each: the older file, the newer kept
  std::map<std::size_t, std::vector<std::size_t>> clones;            // machine → the others with its machine_id
  std::map<std::size_t, std::pair<std::string, std::string>> named;  // machine → name, asset id (clones, cross-use)
  std::vector<CrossUse> cross_use;
  bool key_used = false;
  std::size_t files_read = 0;
  std::size_t budget = kSummaryBudget;

  // Each kept machine in order, with its index.
  void each_machine(const std::function<void(std::size_t, const SummaryMachine&)>& f) const;
  // The older files and the newer ones kept, in file order.
  std::vector<std::pair<std::string, std::string>> superseded_files() const;
  // The name of a machine clones or cross-use name.
  const std::string& name_of(std::size_t machine) const;
};

// The findings files, in path order, held in a bounded store.
struct SummaryFileList {
  Spill paths;
  std::size_t count = 0;
};

// The findings files under DIRs (recursively: *.yaml, *.yml, *.json, not
// hidden, not the collection marker) and the FILEs named; inputs that do not
// exist are added to `bad`. Sorted (in path order), deduplicated.
SummaryFileList summary_file_list(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad,
                                  std::size_t budget = kSummaryBudget);
std::vector<std::string> summary_files(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad);

using Progress = std::function<void(std::size_t done, std::size_t total)>;
// Reads, verifies and digests every file on `threads` threads (0: hardware),
// keeps the newest file per machine (machine_id + asset_id + hostname), flags
// clones (same machine_id), finds cross-use of storage media. The result is
// the same whatever the number of threads and whatever the `budget` (bytes
// each store keeps in memory before it spills to a temporary file).
Summary summarize(const SummaryFileList& files, std::string_view key, unsigned threads = 0,
                  const Progress& progress = {}, const Catalog& catalog = builtin_catalog(),
                  std::size_t budget = kSummaryBudget);
Summary summarize(const std::vector<std::string>& files, std::string_view key, unsigned threads = 0,
                  const Progress& progress = {}, const Catalog& catalog = builtin_catalog(),
                  std::size_t budget = kSummaryBudget);

// format: text | markdown | html | json. The streaming form hands the text to
// `out` piece by piece (each piece ends at a line end or is the last).
using SummarySink = std::function<void(std::string_view)>;
void render_summary(const Summary& s, const std::string& format, Lang lang, const SummarySink& out,
                    const Catalog& catalog = builtin_catalog());
std::string render_summary(const Summary& s, const std::string& format, Lang lang,
                           const Catalog& catalog = builtin_catalog());

// The order of std::filesystem::path on normalised paths, on strings.
bool summary_path_less(std::string_view a, std::string_view b);

// The digest encoding of the stores (summary.cpp).
void encode_digest(const MachineDigest& m, RecWriter& w);
MachineDigest decode_digest(RecReader& r);

}  // namespace sc

// The unit-level summary (`selfcheck summary`): many findings files read and
// verified in parallel, duplicates and clones sorted out, cross-use of media
// found, and the unit section rendered as text, Markdown, HTML or JSON.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/document.hpp"
#include "agent/integrity.hpp"

namespace sc {

// A file left out of the summary and why.
struct SummaryFile {
  std::string path;
  FileCheck check = FileCheck::corrupt;
  std::string reason;
};

struct SummaryMachine {
  Document doc;
  std::string file;
  std::vector<std::size_t> clones;  // other machines with the same machine_id
};

// A storage device seen on confidential and on non-confidential machines.
struct CrossUse {
  std::string vid, pid, serial, vendor, product;
  std::vector<std::size_t> confidential, other;  // indexes into machines
};

struct Summary {
  std::vector<SummaryMachine> machines;                         // sorted by department, hostname
  std::vector<SummaryFile> bad;                                 // never dropped silently
  std::vector<std::pair<std::string, std::string>> superseded;  // older file, the newer kept
  std::vector<CrossUse> cross_use;
  bool key_used = false;
  std::size_t files_read = 0;
};

// The findings files under DIRs (recursively: *.yaml, *.yml, *.json, not
// hidden, not the collection marker) and the FILEs named; inputs that do not
// exist are added to `bad`. Sorted, deduplicated.
std::vector<std::filesystem::path> summary_files(const std::vector<std::string>& inputs, std::vector<SummaryFile>& bad);

using Progress = std::function<void(std::size_t done, std::size_t total)>;
// Reads and verifies every file on `threads` threads (0: hardware), keeps the
// newest file per machine (machine_id + asset_id + hostname), flags clones
// (same machine_id), finds cross-use of storage media.
Summary summarize(const std::vector<std::filesystem::path>& files, std::string_view key, unsigned threads = 0,
                  const Progress& progress = {});

// format: text | markdown | html | json.
std::string render_summary(const Summary& s, const std::string& format, Lang lang);

}  // namespace sc

// The antivirus probe's rule data (rules/antivirus.yaml and rules.d
// overrides): the signature age limit and the product recipes. Parsing is
// strict (unknown keys, wrong types → ConfigError with file:line:column);
// documents merge in order: same product id replaces, new ids append,
// scalars: the later document wins.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/rules.hpp"

namespace sc {

struct AvSignatureSource {
  enum class Kind { clamav, mtime, none };
  Kind kind = Kind::none;
  std::vector<std::string> config_files;  // clamav: freshclam.conf/clamd.conf candidates
  std::vector<std::string> default_dirs;  // clamav: DatabaseDirectory when no config names one
  std::vector<std::string> paths;         // mtime: files or directories
  Text reason;                            // none: why no date can be read
};

struct AvProduct {
  std::string id;
  Text name;
  std::vector<std::string> packages;      // dpkg
  std::vector<std::string> rpm_packages;  // rpm (see rules/antivirus.yaml)
  std::vector<std::string> paths;
  std::vector<std::string> services;  // systemd unit names
  AvSignatureSource signatures;
};

struct AvRules {
  std::int64_t signature_max_age_days = 7;
  std::vector<AvProduct> products;
};

// Parses and merges every "antivirus" document of `rules`. Throws ConfigError.
AvRules load_av_rules(const Rules& rules);
// One document (tests and `rules check`); merged into `into`.
void merge_av_rules(const YamlDoc& doc, AvRules& into);

}  // namespace sc

// Rules are data: rules/*.yaml (installed to /usr/share/selfcheck/rules, or
// --rules DIR) then overrides from <root>/etc/selfcheck/rules.d/*.yaml. Each
// probe reads the documents of its own name ("antivirus" → antivirus.yaml from
// every directory, base first) and merges them as its rule file documents.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/yaml_util.hpp"

namespace sc {

class Host;

class Rules {
 public:
  // Loads every *.yaml in each directory (missing directories are skipped,
  // except `required_dirs` which must exist). Throws ConfigError.
  static Rules load(const std::vector<std::filesystem::path>& dirs,
                    const std::vector<std::filesystem::path>& required_dirs = {});
  // `dirs` as above, then the override directory `overrides_abs` of the
  // audited machine, listed and read through the Host (inside its root).
  static Rules load(const std::vector<std::filesystem::path>& dirs,
                    const std::vector<std::filesystem::path>& required_dirs, const Host& host,
                    std::string_view overrides_abs);
  // Rules from in-memory documents (tests).
  static Rules from_docs(std::vector<YamlDoc> docs);

  // Documents whose file stem is `stem`, base directory first, overrides after.
  std::vector<const YamlDoc*> docs(std::string_view stem) const;
  const std::vector<YamlDoc>& all() const { return docs_; }
  // The file stem of each of all()'s documents ("usb" for usb.yaml).
  const std::vector<std::string>& stems() const { return stems_; }
  // "sha256:<hex>" over the names and bytes of all files read.
  const std::string& digest() const { return digest_; }

 private:
  std::vector<YamlDoc> docs_;
  std::vector<std::string> stems_;
  std::string digest_;
};

// The default rules directory: $SELFCHECK_RULES_DIR, the installed
// /usr/share/selfcheck/rules, or the source tree's rules/ for a dev build.
std::filesystem::path default_rules_dir();

}  // namespace sc

// The antivirus probe's rule data (rules/antivirus.yaml and rules.d
// overrides): the signature age limit and the product recipes. Parsing is
// strict (unknown keys, wrong types → ConfigError with file:line:column);
// documents merge in order: same product id replaces, new ids append,
// scalars: the later document wins. A product has a Linux recipe, a Windows
// recipe (`windows:`, antivirus_rules_windows.cpp) or both.
#pragma once
#include <cstdint>
#include <optional>
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

// What a service does for the product: scans (real-time protection, the
// daemon), updates the signatures, or not said (a flat `services` list).
enum class AvServiceRole { scanner, updater, any };

struct AvService {
  std::string name;  // systemd unit name; Windows: a glob over Services subkey names
  AvServiceRole role = AvServiceRole::any;
};

// Where a Windows product keeps its signature date (rules `windows.signatures`).
struct AvWinRegistryDate {
  enum class Type { filetime, unix_time, unix_ms, string_date, version_date };
  std::string key;  // "HKLM\SOFTWARE\…"; a component "*" enumerates subkeys
  std::string value;
  Type type = Type::filetime;
  std::vector<std::string> formats;  // string_date / version_date
  bool utc = false;                  // zone: utc (default local)
};

struct AvWinFileDate {
  enum class Kind { mtime, ini };
  std::string path;  // with %ProgramFiles% etc.; globs in the components
  Kind kind = Kind::mtime;
  std::string key, section;          // ini
  std::vector<std::string> formats;  // ini
  bool utc = false;
};

struct AvWinVersion {
  std::string key, value;
};

struct AvWindowsRecipe {
  std::vector<std::string> display_names;  // globs over Uninstall DisplayName
  std::vector<std::string> exclude_names;
  std::vector<std::string> wsc_names;  // globs over the Security Center name; empty: display_names
  std::vector<AvService> services;     // scanner / updater globs
  std::vector<std::string> install_dirs;
  std::vector<AvWinRegistryDate> registry;
  std::vector<AvWinFileDate> files;
  std::optional<Text> none;  // no readable date: why
  std::vector<AvWinVersion> version;
};

struct AvProduct {
  std::string id;
  Text name;
  bool has_linux = false;                 // packages/rpm_packages/paths and signatures given
  std::vector<std::string> packages;      // dpkg
  std::vector<std::string> rpm_packages;  // rpm database (rpm --root ROOT -qa)
  std::vector<std::string> paths;
  std::vector<AvService> services;  // systemd unit names
  AvSignatureSource signatures;
  std::optional<AvWindowsRecipe> windows;
};

struct AvRules {
  std::int64_t signature_max_age_days = 7;
  std::vector<AvProduct> products;
};

// Parses and merges every "antivirus" document of `rules`. Throws ConfigError.
AvRules load_av_rules(const Rules& rules);
// One document (tests and `rules check`); merged into `into`.
void merge_av_rules(const YamlDoc& doc, AvRules& into);
// A name or reason: one string, or {zh, en}.
Text read_av_text(const YamlDoc& doc, const YAML::Node& n, std::string_view what);
// The `windows:` block of a product (antivirus_rules_windows.cpp). Throws ConfigError.
AvWindowsRecipe read_av_windows(const YamlDoc& doc, const YAML::Node& n);
// Case-insensitive glob (*, ?, [...]) as the rules' name patterns use it;
// ASCII letters fold, other bytes compare as they are.
bool av_glob_match(std::string_view pattern, std::string_view text);

}  // namespace sc

// rules/windows_builds.yaml (schema selfcheck.windows_builds/1, described in
// the file's header): per Windows build its name, end of security updates per
// edition group, ESU dates and the cumulative updates (UBR → release date).
// A strict loader (unknown or missing keys and bad values fail with
// file:line:column) and the pure lookups the patch probe judges with.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent/core/finding.hpp"
#include "agent/core/yaml_util.hpp"

namespace sc {

struct WinUpdate {
  std::optional<std::int64_t> ubr;
  std::string kb;        // "" when unknown
  std::string released;  // YYYY-MM-DD
  std::string type;      // security, oob, preview, hotpatch, hotpatch_oob
};

struct WinBuild {
  std::int64_t build = 0;
  bool server = false;
  std::string version;
  Text name;
  std::map<std::string, std::string> end_of_support;  // group (or "default") → date
  std::map<std::string, std::string> esu;             // consumer/commercial/azure → date
  std::vector<WinUpdate> updates;                     // ubr descending
};

struct WinEditionGroup {
  std::string group;
  std::vector<std::string> patterns;
};

struct WindowsBuilds {
  std::string data_as_of;  // YYYY-MM-DD; empty when no file was loaded
  std::string file;
  std::vector<WinEditionGroup> groups;
  std::vector<WinBuild> builds;

  bool empty() const { return builds.empty(); }
  // The first group whose pattern matches `edition_id` (case-insensitive fnmatch); "" for none.
  std::string group_of(const std::string& edition_id) const;
  const WinBuild* find(std::int64_t build, bool server) const;
  // The largest client build in the data.
  std::int64_t newest_client_build() const;
};

// Throws ConfigError (file:line:column) on anything outside the schema.
WindowsBuilds load_windows_builds(const YamlDoc& doc);

// The end of security updates of `b` for an edition group ("" = default).
std::string end_of_support(const WinBuild& b, const std::string& group);

// How a machine's UBR places against a build's updates (schema lookup rules 1–5).
struct UbrPlace {
  enum Kind { exact, newer_than_data, estimated, older_than_data, no_ubr } kind = no_ubr;
  const WinUpdate* update = nullptr;  // exact/estimated: that update; older_than_data: the oldest listed
};
UbrPlace place_ubr(const WinBuild& b, std::optional<std::int64_t> ubr);

}  // namespace sc

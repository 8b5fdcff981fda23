// The strict loader and lookups of rules/windows_builds.yaml (see the header).
#include "checks/patch/windows_builds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "agent/core/platform.hpp"

namespace sc {

namespace {

void check_date(const YamlDoc& d, const YAML::Node& n, const std::string& s, std::string_view what) {
  static const std::regex re("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  if (!std::regex_match(s, re)) d.fail(n, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", what, s));
}

std::string date(const YamlDoc& d, const YAML::Node& n, std::string_view what) {
  std::string s = d.str(n, what);
  check_date(d, n, s, what);
  return s;
}

Text text2(const YamlDoc& d, const YAML::Node& n, std::string_view what) {
  d.expect_map(n, what);
  d.only_keys(n, {"zh", "en"});
  if (!n["zh"] || !n["en"]) d.fail(n, fmt::format("{}: needs zh and en", what));
  Text t{d.str(n["zh"], "zh"), d.str(n["en"], "en")};
  if (t.zh.empty() || t.en.empty()) d.fail(n, fmt::format("{}: zh and en must not be empty", what));
  return t;
}

const std::vector<std::string> kGroups{"home_pro", "enterprise_education", "ltsc", "iot_ltsc", "server"};

}  // namespace

WindowsBuilds load_windows_builds(const YamlDoc& d) {
  WindowsBuilds w;
  w.file = d.file;
  const YAML::Node& root = d.root;
  d.expect_map(root, "the Windows build data");
  d.only_keys(root, {"schema", "data_as_of", "edition_groups", "builds"});
  for (const char* k : {"schema", "data_as_of", "edition_groups", "builds"})
    if (!root[k]) d.fail(root, fmt::format("missing key '{}'", k));
  if (d.str(root["schema"], "schema") != "selfcheck.windows_builds/1")
    d.fail(root["schema"], "schema: expected selfcheck.windows_builds/1");
  w.data_as_of = date(d, root["data_as_of"], "data_as_of");

  d.expect_list(root["edition_groups"], "edition_groups");
  for (const auto& g : root["edition_groups"]) {
    d.expect_map(g, "an edition group");
    d.only_keys(g, {"group", "patterns"});
    if (!g["group"] || !g["patterns"]) d.fail(g, "an edition group needs group and patterns");
    WinEditionGroup eg{d.str(g["group"], "group"), d.str_list(g["patterns"], "patterns")};
    if (std::find(kGroups.begin(), kGroups.end(), eg.group) == kGroups.end())
      d.fail(g["group"], fmt::format("unknown edition group '{}'", eg.group));
    if (eg.patterns.empty()) d.fail(g["patterns"], "patterns: at least one");
    w.groups.push_back(std::move(eg));
  }

  d.expect_list(root["builds"], "builds");
  for (const auto& b : root["builds"]) {
    d.expect_map(b, "a build");
    d.only_keys(b, {"build", "family", "version", "name", "end_of_support", "esu", "updates"});
    for (const char* k : {"build", "family", "version", "name", "end_of_support", "updates"})
      if (!b[k]) d.fail(b, fmt::format("a build needs '{}'", k));
    WinBuild wb;
    wb.build = d.integer(b["build"], "build", 0, 1000000);
    std::string fam = d.str(b["family"], "family");
    if (fam != "client" && fam != "server") d.fail(b["family"], "family: client or server");
    wb.server = fam == "server";
    wb.version = d.str(b["version"], "version");
    wb.name = text2(d, b["name"], "name");
    const YAML::Node& eos = b["end_of_support"];
    d.expect_map(eos, "end_of_support");
    std::vector<std::string> allowed = kGroups;
    allowed.push_back("default");
    d.only_keys(eos, allowed);
    if (!eos["default"]) d.fail(eos, "end_of_support needs 'default'");
    for (const auto& k : allowed)
      if (eos[k]) wb.end_of_support[k] = date(d, eos[k], "end_of_support." + k);
    if (const YAML::Node& esu = b["esu"]) {
      d.expect_map(esu, "esu");
      d.only_keys(esu, {"consumer", "commercial", "azure"});
      for (const char* k : {"consumer", "commercial", "azure"})
        if (esu[k]) wb.esu[k] = date(d, esu[k], std::string("esu.") + k);
      if (wb.esu.empty()) d.fail(esu, "esu: at least one date");
    }
    d.expect_list(b["updates"], "updates");
    std::optional<std::int64_t> last;
    for (const auto& u : b["updates"]) {
      d.expect_map(u, "an update");
      d.only_keys(u, {"ubr", "kb", "released", "type"});
      if (!u["released"] || !u["type"]) d.fail(u, "an update needs released and type");
      WinUpdate wu;
      if (u["ubr"]) wu.ubr = d.integer(u["ubr"], "ubr", 0, 100000000);
      if (u["kb"]) {
        wu.kb = d.str(u["kb"], "kb");
        static const std::regex kb("^KB[0-9]{6,7}$");
        if (!std::regex_match(wu.kb, kb)) d.fail(u["kb"], fmt::format("kb: '{}' is not KB + 6-7 digits", wu.kb));
      }
      if (!wu.ubr && wu.kb.empty()) d.fail(u, "an update needs ubr or kb");
      wu.released = date(d, u["released"], "released");
      wu.type = d.str(u["type"], "type");
      static const std::vector<std::string> types{"security", "oob", "preview", "hotpatch", "hotpatch_oob"};
      if (std::find(types.begin(), types.end(), wu.type) == types.end())
        d.fail(u["type"], fmt::format("unknown update type '{}'", wu.type));
      if (wu.ubr) {
        if (last && *wu.ubr >= *last) d.fail(u["ubr"], "updates must be sorted by ubr, descending, without repeats");
        last = wu.ubr;
      }
      wb.updates.push_back(std::move(wu));
    }
    if (w.find(wb.build, wb.server)) d.fail(b, fmt::format("build {} {} listed twice", wb.build, fam));
    w.builds.push_back(std::move(wb));
  }
  if (w.builds.empty()) d.fail(root["builds"], "builds: at least one");
  return w;
}

std::string WindowsBuilds::group_of(const std::string& edition_id) const {
  if (edition_id.empty()) return "";
  for (const auto& g : groups)
    for (const auto& p : g.patterns)
      if (glob_match(p, edition_id, true)) return g.group;
  return "";
}

const WinBuild* WindowsBuilds::find(std::int64_t build, bool server) const {
  for (const auto& b : builds)
    if (b.build == build && b.server == server) return &b;
  return nullptr;
}

std::int64_t WindowsBuilds::newest_client_build() const {
  std::int64_t n = 0;
  for (const auto& b : builds)
    if (!b.server) n = std::max(n, b.build);
  return n;
}

std::string end_of_support(const WinBuild& b, const std::string& group) {
  if (!group.empty())
    if (auto it = b.end_of_support.find(group); it != b.end_of_support.end()) return it->second;
  return b.end_of_support.at("default");
}

UbrPlace place_ubr(const WinBuild& b, std::optional<std::int64_t> ubr) {
  UbrPlace p;
  const WinUpdate* newest = nullptr;
  const WinUpdate* oldest = nullptr;
  for (const auto& u : b.updates) {
    if (!u.ubr) continue;
    if (!newest) newest = &u;
    oldest = &u;
  }
  if (!ubr || !newest) return p;  // no_ubr
  if (*ubr > *newest->ubr) {
    p.kind = UbrPlace::newer_than_data;
    p.update = newest;
    return p;
  }
  for (const auto& u : b.updates) {  // descending: the first ≤ is the nearest older
    if (!u.ubr || *u.ubr > *ubr) continue;
    p.kind = *u.ubr == *ubr ? UbrPlace::exact : UbrPlace::estimated;
    p.update = &u;
    return p;
  }
  p.kind = UbrPlace::older_than_data;
  p.update = oldest;
  return p;
}

}  // namespace sc

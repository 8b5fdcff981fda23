// Strict reading of a product's `windows:` block in rules/antivirus.yaml
// (schema: docs in the file's header; researched in the `windata` branch):
// Uninstall display-name globs, Security Center names, service globs, and
// where the signature date lives (registry values, files, or `none` with the
// reason). Every error names file:line:column (exit 2 from `rules check`).
#include <fmt/format.h>

#include "checks/antivirus/antivirus_rules.hpp"
#include "checks/formats/date_pattern.hpp"

namespace sc {

namespace {

std::vector<std::string> globs(const YamlDoc& doc, const YAML::Node& n, std::string_view what, bool need_one) {
  std::vector<std::string> out = doc.str_list(n, what);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].empty()) doc.fail(n[i], fmt::format("{}: expected a non-empty pattern", what));
  if (need_one && out.empty()) doc.fail(n, fmt::format("{}: expected at least one pattern", what));
  return out;
}

std::string registry_key(const YamlDoc& doc, const YAML::Node& n, std::string_view what) {
  std::string k = doc.str(n, what);
  if (k.rfind("HKLM\\", 0) != 0 || k.size() <= 5)
    doc.fail(n, fmt::format("{}: expected a key under HKLM\\ (\"HKLM\\SOFTWARE\\...\"), found '{}'", what, k));
  return k;
}

std::vector<std::string> formats(const YamlDoc& doc, const YAML::Node& n, std::string_view what) {
  std::vector<std::string> out = doc.str_list(n, what);
  if (out.empty()) doc.fail(n, fmt::format("{}: expected at least one format", what));
  for (std::size_t i = 0; i < out.size(); ++i)
    if (std::string why; !valid_date_pattern(out[i], &why)) doc.fail(n[i], fmt::format("{}: {}", what, why));
  return out;
}

bool read_zone(const YamlDoc& doc, const YAML::Node& n) {
  if (!n) return false;
  std::string z = doc.str(n, "zone");
  if (z == "utc") return true;
  if (z == "local") return false;
  doc.fail(n, fmt::format("zone: expected utc or local, found '{}'", z));
}

AvWinRegistryDate read_registry_date(const YamlDoc& doc, const YAML::Node& n) {
  doc.expect_map(n, "signatures.registry entry");
  doc.only_keys(n, {"key", "value", "type", "formats", "zone"});
  for (const char* k : {"key", "value", "type"})
    if (!n[k]) doc.fail(n, fmt::format("signatures.registry: missing '{}'", k));
  AvWinRegistryDate r;
  r.key = registry_key(doc, n["key"], "signatures.registry.key");
  r.value = doc.str(n["value"], "signatures.registry.value");
  std::string type = doc.str(n["type"], "signatures.registry.type");
  using T = AvWinRegistryDate::Type;
  if (type == "filetime")
    r.type = T::filetime;
  else if (type == "unix_time")
    r.type = T::unix_time;
  else if (type == "unix_ms")
    r.type = T::unix_ms;
  else if (type == "string_date")
    r.type = T::string_date;
  else if (type == "version_date")
    r.type = T::version_date;
  else
    doc.fail(n["type"], fmt::format("signatures.registry.type: expected filetime, unix_time, unix_ms, string_date or "
                                    "version_date, found '{}'",
                                    type));
  const bool textual = r.type == T::string_date || r.type == T::version_date;
  if (textual && !n["formats"]) doc.fail(n, fmt::format("signatures.registry: type {} needs formats", type));
  if (!textual && n["formats"])
    doc.fail(n["formats"], "signatures.registry.formats: only for string_date and version_date");
  if (n["formats"]) r.formats = formats(doc, n["formats"], "signatures.registry.formats");
  r.utc = read_zone(doc, n["zone"]);
  return r;
}

AvWinFileDate read_file_date(const YamlDoc& doc, const YAML::Node& n) {
  doc.expect_map(n, "signatures.files entry");
  doc.only_keys(n, {"path", "kind", "key", "section", "formats", "zone"});
  if (!n["path"]) doc.fail(n, "signatures.files: missing 'path'");
  if (!n["kind"]) doc.fail(n, "signatures.files: missing 'kind' (mtime or ini)");
  AvWinFileDate f;
  f.path = doc.str(n["path"], "signatures.files.path");
  if (f.path.empty() || f.path.front() != '%')
    doc.fail(n["path"], fmt::format("signatures.files.path: expected a path starting with %ProgramFiles%, "
                                    "%ProgramFiles(x86)% or %ProgramData%, found '{}'",
                                    f.path));
  std::string kind = doc.str(n["kind"], "signatures.files.kind");
  if (kind == "mtime") {
    f.kind = AvWinFileDate::Kind::mtime;
    for (const char* k : {"key", "section", "formats", "zone"})
      if (n[k]) doc.fail(n[k], fmt::format("signatures.files.{}: only for kind ini", k));
  } else if (kind == "ini") {
    f.kind = AvWinFileDate::Kind::ini;
    if (!n["key"] || !n["formats"]) doc.fail(n, "signatures.files: kind ini needs key and formats");
    f.key = doc.str(n["key"], "signatures.files.key");
    if (n["section"]) f.section = doc.str(n["section"], "signatures.files.section");
    f.formats = formats(doc, n["formats"], "signatures.files.formats");
    f.utc = read_zone(doc, n["zone"]);
  } else {
    doc.fail(n["kind"], fmt::format("signatures.files.kind: expected mtime or ini, found '{}'", kind));
  }
  return f;
}

void read_win_signatures(const YamlDoc& doc, const YAML::Node& n, AvWindowsRecipe& w) {
  doc.expect_map(n, "windows.signatures");
  doc.only_keys(n, {"registry", "files", "none", "version"});
  if (n["none"] && (n["registry"] || n["files"]))
    doc.fail(n["none"], "windows.signatures: 'none' stands alone (no registry or files beside it)");
  if (!n["none"] && !n["registry"] && !n["files"]) doc.fail(n, "windows.signatures: expected registry, files or none");
  if (n["none"]) w.none = read_av_text(doc, n["none"], "windows.signatures.none");
  if (n["registry"]) {
    doc.expect_list(n["registry"], "windows.signatures.registry");
    if (n["registry"].size() == 0) doc.fail(n["registry"], "windows.signatures.registry: expected at least one entry");
    for (const auto& e : n["registry"]) w.registry.push_back(read_registry_date(doc, e));
  }
  if (n["files"]) {
    doc.expect_list(n["files"], "windows.signatures.files");
    if (n["files"].size() == 0) doc.fail(n["files"], "windows.signatures.files: expected at least one entry");
    for (const auto& e : n["files"]) w.files.push_back(read_file_date(doc, e));
  }
  if (n["version"]) {
    doc.expect_list(n["version"], "windows.signatures.version");
    for (const auto& e : n["version"]) {
      doc.expect_map(e, "windows.signatures.version entry");
      doc.only_keys(e, {"key", "value"});
      if (!e["key"] || !e["value"]) doc.fail(e, "windows.signatures.version: needs key and value");
      w.version.push_back({registry_key(doc, e["key"], "windows.signatures.version.key"),
                           doc.str(e["value"], "windows.signatures.version.value")});
    }
  }
}

}  // namespace

AvWindowsRecipe read_av_windows(const YamlDoc& doc, const YAML::Node& n) {
  doc.expect_map(n, "windows");
  doc.only_keys(n, {"display_names", "exclude_names", "wsc_names", "services", "install_dirs", "signatures"});
  for (const char* k : {"display_names", "services", "signatures"})
    if (!n[k]) doc.fail(n, fmt::format("windows: missing '{}'", k));
  AvWindowsRecipe w;
  w.display_names = globs(doc, n["display_names"], "windows.display_names", true);
  if (n["exclude_names"]) w.exclude_names = globs(doc, n["exclude_names"], "windows.exclude_names", false);
  if (n["wsc_names"]) w.wsc_names = globs(doc, n["wsc_names"], "windows.wsc_names", false);
  const YAML::Node& sv = n["services"];
  doc.expect_map(sv, "windows.services");
  doc.only_keys(sv, {"scanner", "updater"});
  if (!sv["scanner"] || !sv["updater"])
    doc.fail(sv, "windows.services: needs both scanner and updater (lists may be empty)");
  for (const auto& s : globs(doc, sv["scanner"], "windows.services.scanner", false))
    w.services.push_back({s, AvServiceRole::scanner});
  for (const auto& s : globs(doc, sv["updater"], "windows.services.updater", false))
    w.services.push_back({s, AvServiceRole::updater});
  if (n["install_dirs"]) {
    w.install_dirs = doc.str_list(n["install_dirs"], "windows.install_dirs");
    for (std::size_t i = 0; i < w.install_dirs.size(); ++i)
      if (w.install_dirs[i].empty() || w.install_dirs[i].front() != '%')
        doc.fail(n["install_dirs"][i],
                 "windows.install_dirs: expected a path starting with %ProgramFiles%, "
                 "%ProgramFiles(x86)% or %ProgramData%");
  }
  read_win_signatures(doc, n["signatures"], w);
  return w;
}

// A small glob instead of fnmatch(3): the Windows build (mingw-w64) has no
// fnmatch, and the rules must match alike on both builds. '*' any run, '?'
// one UTF-8 character, '[...]' one ASCII character of a set (ranges, '!'
// negates); ASCII letters fold case, other bytes compare as they are.
bool av_glob_match(std::string_view p, std::string_view t) {
  auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; };
  auto char_len = [](unsigned char c) -> std::size_t {
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  };
  std::size_t pi = 0, ti = 0, star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    bool step = false;
    if (pi < p.size()) {
      unsigned char pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_t = ti;
        continue;
      }
      if (pc == '?') {
        pi += 1;
        ti += std::min(char_len(t[ti]), t.size() - ti);
        continue;
      }
      if (pc == '[') {
        std::size_t close = p.find(']', pi + 2);
        if (close != std::string_view::npos) {
          std::size_t i = pi + 1;
          bool negate = p[i] == '!' || p[i] == '^';
          if (negate) ++i;
          bool in = false;
          unsigned char c = lower(t[ti]);
          for (; i < close; ++i) {
            if (i + 2 < close && p[i + 1] == '-') {
              if (c >= lower(p[i]) && c <= lower(p[i + 2])) in = true;
              i += 2;
            } else if (lower(p[i]) == c) {
              in = true;
            }
          }
          if (in != negate) {
            pi = close + 1;
            ++ti;
            continue;
          }
        } else if (lower(t[ti]) == '[') {
          step = true;
        }
      } else if (lower(pc) == lower(t[ti])) {
        step = true;
      }
    }
    if (step) {
      ++pi;
      ++ti;
    } else if (star_p != std::string_view::npos) {
      pi = star_p;
      ti = ++star_t;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace sc

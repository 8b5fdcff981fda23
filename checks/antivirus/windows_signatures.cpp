// Signature dates of Windows antivirus products, as rules/antivirus.yaml
// names them per product: registry values (FILETIME, unix seconds or
// milliseconds, date strings, versions embedding a date) in both registry
// views, then files (modification times, INI-style keys). The first source
// that yields a date wins; none → `unknown` with what was looked at.
// Defender: SignaturesLastUpdated is a REG_BINARY FILETIME (WINDOWS.md).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "agent/core/text.hpp"
#include "checks/antivirus/windows_evidence.hpp"
#include "checks/formats/date_pattern.hpp"
#include "checks/formats/ini_file.hpp"

namespace sc {

namespace {

std::vector<std::string> split_backslash(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t e = s.find('\\', start);
    if (e == std::string_view::npos) e = s.size();
    if (e > start) out.emplace_back(s.substr(start, e - start));
    start = e + 1;
  }
  return out;
}

bool is_glob(std::string_view c) { return c.find_first_of("*?[") != std::string_view::npos; }

std::optional<Time> unix_seconds(std::uint64_t v) {
  // 0 and 0xFFFFFFFF mean "never" (Kaspersky's LastSuccessfulUpdate).
  if (v == 0 || v == 0xFFFFFFFFull || v > 253402300799ull) return std::nullopt;
  return Time{std::chrono::seconds(static_cast<std::int64_t>(v))};
}

std::optional<std::uint64_t> number_of(const RegValue& v) {
  if (auto q = v.qword()) return *q;
  if (auto d = v.dword()) return *d;
  if (auto s = v.string()) {
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
    if (ec == std::errc() && p == s->data() + s->size()) return n;
  }
  return std::nullopt;
}

std::optional<Time> text_date(std::string_view text, const std::vector<std::string>& formats, bool utc,
                              const Zone& zone) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  for (const auto& f : formats)
    if (auto cs = match_date_pattern(f, text)) return utc ? Zone().from_civil(*cs) : zone.from_civil(*cs);
  return std::nullopt;
}

// One registry value → a date (nullopt: absent, wrong type or not a date; `why` says which).
std::optional<Time> registry_date(const RegValue& v, const AvWinRegistryDate& r, const Zone& zone, std::string& why) {
  using T = AvWinRegistryDate::Type;
  std::optional<Time> t;
  switch (r.type) {
    case T::filetime:
      t = v.filetime();
      break;
    case T::unix_time:
      if (auto n = number_of(v)) t = unix_seconds(*n);
      break;
    case T::unix_ms:
      if (auto n = number_of(v)) t = unix_seconds(*n / 1000);
      break;
    case T::string_date:
    case T::version_date:
      if (auto s = v.string()) t = text_date(*s, r.formats, r.utc, zone);
      break;
  }
  if (!t) why = "not a date in the expected form";
  return t;
}

struct Search {
  AvSignatureFact fact;
  std::vector<std::string> looked, errors;
};

void from_registry(const Host& host, const Registry& reg, const AvWinRegistryDate& r, Search& s) {
  s.looked.push_back(r.key + "\\" + r.value);
  for (const std::string& key : win_expand_key(reg, r.key, &s.errors)) {
    RegValueResult v = reg.value(key, r.value);
    if (!v.found()) {
      if (!v.error.empty()) s.errors.push_back(v.error);
      continue;
    }
    std::string why;
    auto t = registry_date(*v.value, r, host.zone(), why);
    if (!t) {
      s.errors.push_back(fmt::format("{}\\{}: {}", key, r.value, why));
      continue;
    }
    if (!s.fact.built || *t > *s.fact.built) {
      s.fact.built = t;
      s.fact.database = key + "\\" + r.value;
      s.fact.date_source = "registry";
    }
  }
}

void newest_mtime(const Host& host, const std::string& path, int depth, AvSignatureFact& f) {
  if (auto t = host.mtime(path); t && (!f.built || *t > *f.built)) {
    f.built = t;
    f.database = path;
    f.date_source = "mtime";
  }
  if (depth > 0 && host.is_dir(path)) {
    std::size_t n = 0;
    for (const auto& name : host.list_dir(path)) {
      if (++n > 5000) break;
      newest_mtime(host, path + "/" + name, depth - 1, f);
    }
  }
}

void from_file(const Host& host, const AvWinFileDate& fd, Search& s) {
  s.looked.push_back(fd.path);
  for (const std::string& path : win_expand_path(host, fd.path)) {
    if (fd.kind == AvWinFileDate::Kind::mtime) {
      newest_mtime(host, path, 1, s.fact);
      continue;
    }
    FileResult f = host.read_file(path, 64u << 10);
    if (!f.ok()) {
      s.errors.push_back(fmt::format("{}: {}", path, f.error));
      continue;
    }
    // definfo.dat and the like: "[DefDates]\r\nCurDefs=20231015.003" (GKeyFile
    // rules: '#' comments at line start, values trimmed).
    for (const IniEntry& e : parse_ini(f.data, IniDialect::gkeyfile).entries) {
      if (!fd.section.empty() && !av_glob_match(fd.section, e.section)) continue;
      if (!av_glob_match(fd.key, e.key)) continue;
      if (auto t = text_date(e.value, fd.formats, fd.utc, host.zone())) {
        if (!s.fact.built || *t > *s.fact.built) {
          s.fact.built = t;
          s.fact.database = path;
          s.fact.date_source = "file";
        }
      } else {
        s.errors.push_back(fmt::format("{}: {} is not a date in the expected form", path, e.key));
      }
      break;
    }
  }
}

}  // namespace

std::vector<std::string> win_expand_key(const Registry& reg, std::string_view key, std::vector<std::string>* errors) {
  std::vector<std::string> roots{std::string(key)};
  constexpr std::string_view kSoftware = "HKLM\\SOFTWARE\\";
  if (key.size() > kSoftware.size() && iequals(key.substr(0, kSoftware.size()), kSoftware) &&
      !iequals(key.substr(kSoftware.size(), 12), "WOW6432Node\\"))
    roots.push_back(std::string(kSoftware) + "WOW6432Node\\" + std::string(key.substr(kSoftware.size())));
  std::vector<std::string> out;
  for (const auto& root : roots) {
    std::vector<std::string> parts = split_backslash(root);
    std::vector<std::string> current{parts.at(0) + "\\" + parts.at(1)};  // "HKLM\SOFTWARE"
    for (std::size_t i = 2; i < parts.size() && !current.empty(); ++i) {
      std::vector<std::string> next;
      for (const auto& k : current) {
        if (parts[i] != "*") {
          next.push_back(k + "\\" + parts[i]);
          continue;
        }
        RegKeyResult r = reg.key(k);
        if (!r.error.empty() && errors) errors->push_back(r.error);
        if (!r.found()) continue;
        for (const auto& sub : r.key.subkeys) next.push_back(k + "\\" + sub);
      }
      if (next.size() > 256) next.resize(256);
      current = std::move(next);
    }
    for (const auto& k : current) {
      RegKeyResult r = reg.key(k);
      if (!r.error.empty() && errors) errors->push_back(r.error);
      if (r.found()) out.push_back(k);
    }
  }
  return out;
}

std::vector<std::string> win_expand_path(const Host& host, std::string_view rules_path) {
  static const std::pair<std::string_view, std::string_view> kPlaces[] = {
      {"%ProgramFiles(x86)%", "/Program Files (x86)"},
      {"%ProgramFiles%", "/Program Files"},
      {"%ProgramData%", "/ProgramData"},
  };
  std::string path;
  for (const auto& [ph, dir] : kPlaces)
    if (rules_path.size() >= ph.size() && iequals(rules_path.substr(0, ph.size()), ph)) {
      path = std::string(dir) + std::string(rules_path.substr(ph.size()));
      break;
    }
  if (path.empty()) return {};
  std::replace(path.begin(), path.end(), '\\', '/');
  std::vector<std::string> current{""};
  std::size_t start = 1;
  while (start <= path.size() && !current.empty()) {
    std::size_t e = path.find('/', start);
    if (e == std::string::npos) e = path.size();
    std::string comp = path.substr(start, e - start);
    start = e + 1;
    if (comp.empty()) continue;
    std::vector<std::string> next;
    for (const auto& dir : current) {
      bool found = false;
      for (const auto& name : host.list_dir(dir.empty() ? "/" : dir)) {
        if (is_glob(comp) ? av_glob_match(comp, name) : iequals(comp, name)) {
          next.push_back(dir + "/" + name);
          found = true;
          if (!is_glob(comp)) break;
        }
      }
      (void)found;
    }
    if (next.size() > 512) next.resize(512);
    current = std::move(next);
  }
  return current;
}

AvSignatureFact windows_signatures(const Host& host, const Registry& reg, const AvWindowsRecipe& w) {
  Search s;
  for (const auto& r : w.registry) {
    from_registry(host, reg, r, s);
    if (s.fact.built) break;
  }
  if (!s.fact.built)
    for (const auto& f : w.files) {
      from_file(host, f, s);
      if (s.fact.built) break;
    }
  for (const auto& v : w.version) {
    for (const std::string& key : win_expand_key(reg, v.key, nullptr)) {
      RegValueResult r = reg.value(key, v.value);
      if (!r.found()) continue;
      if (auto str = r.value->string())
        s.fact.version = *str;
      else if (auto n = r.value->qword())
        s.fact.version = std::to_string(*n);
      if (!s.fact.version.empty()) break;
    }
    if (!s.fact.version.empty()) break;
  }
  if (s.fact.built) return s.fact;
  if (w.none) {
    s.fact.reason = *w.none;
    s.fact.reason_from_rules = true;
    return s.fact;
  }
  std::sort(s.errors.begin(), s.errors.end());
  s.errors.erase(std::unique(s.errors.begin(), s.errors.end()), s.errors.end());
  std::string looked = fmt::format("{}", fmt::join(s.looked, ", "));
  s.fact.reason = {fmt::format("未找到病毒库日期(已检查 {})", looked),
                   fmt::format("no signature date found (looked at {})", looked)};
  if (!s.errors.empty()) {
    std::string errs = fmt::format("{}", fmt::join(s.errors, "; "));
    s.fact.reason.zh += ";" + errs;
    s.fact.reason.en += "; " + errs;
  }
  return s.fact;
}

}  // namespace sc

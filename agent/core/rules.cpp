// Rules: load every rule file of the base and override directories, keep
// them per file stem for the probes, and digest them for the findings file.
#include "agent/core/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "agent/core/digest.hpp"
#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "selfcheck_install_paths.h"

namespace sc {

namespace fs = std::filesystem;

Rules Rules::load(const std::vector<fs::path>& dirs, const std::vector<fs::path>& required_dirs) {
  Rules r;
  std::string digest_input;
  for (const fs::path& dir : required_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw ConfigError(fmt::format("{}:1:1: rules directory not found", path_text(dir)));
  }
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() == ".yaml" || p.extension() == ".yml") files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      YamlDoc d = YamlDoc::load_file(p);
      r.stems_.push_back(path_text(p.stem()));
      r.docs_.push_back(std::move(d));
      // The digest names files by directory index and name so that the same
      // rules installed elsewhere digest alike.
      digest_input += fmt::format("{}\n{}\n", path_text(p.filename()), YAML::Dump(r.docs_.back().root));
    }
  }
  r.digest_ = "sha256:" + sha256_hex(digest_input);
  return r;
}

Rules Rules::load(const std::vector<fs::path>& dirs, const std::vector<fs::path>& required_dirs, const Host& host,
                  std::string_view overrides_abs) {
  Rules r = load(dirs, required_dirs);
  std::string digest_input;
  for (const std::string& name : host.list_dir(overrides_abs)) {
    fs::path n(name);
    if (n.extension() != ".yaml" && n.extension() != ".yml") continue;
    std::string abs = fmt::format("{}/{}", overrides_abs, name);
    FileResult f = host.read_file(abs, kMaxYamlBytes);
    std::string shown = host.path(abs).string();
    if (f.ok() && f.truncated) f.error = fmt::format("{} is larger than {} bytes", abs, kMaxYamlBytes);
    if (!f.ok()) throw ConfigError(fmt::format("{}:1:1: cannot read the file: {}", shown, f.error));
    YamlDoc d = YamlDoc::load_string(f.data, shown);
    r.stems_.push_back(n.stem().string());
    r.docs_.push_back(std::move(d));
    digest_input += fmt::format("{}\n{}\n", name, YAML::Dump(r.docs_.back().root));
  }
  // The base digest chained with the overrides read through the Host.
  if (!digest_input.empty()) r.digest_ = "sha256:" + sha256_hex(r.digest_ + "\n" + digest_input);
  return r;
}

Rules Rules::from_docs(std::vector<YamlDoc> docs) {
  Rules r;
  std::string digest_input;
  for (auto& d : docs) {
    r.stems_.push_back(path_text(path_from_utf8(d.file).stem()));
    digest_input += d.file + "\n" + YAML::Dump(d.root) + "\n";
    r.docs_.push_back(std::move(d));
  }
  r.digest_ = "sha256:" + sha256_hex(digest_input);
  return r;
}

std::vector<const YamlDoc*> Rules::docs(std::string_view stem) const {
  std::vector<const YamlDoc*> out;
  for (std::size_t i = 0; i < docs_.size(); ++i)
    if (stems_[i] == stem) out.push_back(&docs_[i]);
  return out;
}

fs::path default_rules_dir() {
  if (const char* env = std::getenv("SELFCHECK_RULES_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::is_directory(SELFCHECK_RULES_INSTALL_DIR, ec)) return SELFCHECK_RULES_INSTALL_DIR;
  return SELFCHECK_SOURCE_RULES_DIR;
}

}  // namespace sc

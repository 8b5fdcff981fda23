// YamlDoc: strict, position-aware YAML reading for config and rules files.
#include "agent/core/yaml_util.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "agent/core/errors.hpp"
#include "agent/core/platform.hpp"

namespace sc {

namespace {

std::string pos(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return file;
  return fmt::format("{}:{}:{}", file, m.line + 1, m.column + 1);
}

// A node looked up by a missing key (const operator[]) is invalid: Type() and
// Mark() throw YAML::InvalidNode. Accessors report it as missing instead.
YAML::Mark mark_of(const YAML::Node& n) { return n.IsDefined() ? n.Mark() : YAML::Mark::null_mark(); }

// Nodes in a document counted with aliases expanded: a few lines of nested
// aliases ("billion laughs") expand to billions of nodes, and every walk over
// the tree would take that long. Real config and rule files have thousands.
constexpr long kMaxNodes = 200000;

// yaml-cpp 0.7 keeps duplicate keys (first wins on lookup): refuse them.
void check_duplicates(const std::string& file, const YAML::Node& n, int depth, long& budget) {
  if (depth > 64) throw ConfigError(pos(file, n.Mark()) + ": nesting too deep");
  if (--budget < 0)
    throw ConfigError(fmt::format("{}: more than {} nodes (aliases expanding?)", pos(file, n.Mark()), kMaxNodes));
  if (n.IsMap()) {
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (it->first.IsScalar()) {
        if (!seen.insert(it->first.Scalar()).second)
          throw ConfigError(fmt::format("{}: duplicate key '{}'", pos(file, it->first.Mark()), it->first.Scalar()));
      }
      check_duplicates(file, it->second, depth + 1, budget);
    }
  } else if (n.IsSequence()) {
    for (const auto& c : n) check_duplicates(file, c, depth + 1, budget);
  }
}

std::string kind_of(const YAML::Node& n) {
  if (!n.IsDefined()) return "nothing";
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", n.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

}  // namespace

YamlDoc YamlDoc::load_string(std::string_view text, std::string file) {
  YamlDoc d;
  d.file = std::move(file);
  try {
    d.root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("{}: {}", pos(d.file, e.mark), e.msg));
  }
  long budget = kMaxNodes;
  check_duplicates(d.file, d.root, 0, budget);
  return d;
}

YamlDoc YamlDoc::load_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}:1:1: cannot read the file", path_text(path)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_string(ss.str(), path_text(path));
}

std::string YamlDoc::where(const YAML::Node& at) const { return pos(file, mark_of(at)); }

void YamlDoc::fail(const YAML::Node& at, std::string_view message) const {
  throw ConfigError(fmt::format("{}: {}", where(at), message));
}

void YamlDoc::expect_map(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsMap()) fail(n, fmt::format("{}: expected a map, found {}", what, kind_of(n)));
}

void YamlDoc::expect_list(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsSequence()) fail(n, fmt::format("{}: expected a list, found {}", what, kind_of(n)));
}

void YamlDoc::only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) const {
  only_keys(map, std::vector<std::string>(allowed.begin(), allowed.end()));
}

void YamlDoc::only_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const {
  // Iterating a list as a map throws YAML::InvalidNode, and a scalar would pass unchecked.
  if (!map.IsDefined() || !map.IsMap()) fail(map, fmt::format("expected a map, found {}", kind_of(map)));
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    bool ok = false;
    for (const auto& a : allowed) ok = ok || key == a;
    if (!ok) fail(it->first, fmt::format("unknown key '{}' (expected one of: {})", key, fmt::join(allowed, ", ")));
  }
}

std::string YamlDoc::str(const YAML::Node& n, std::string_view what) const {
  if (!n.IsDefined() || !n.IsScalar()) fail(n, fmt::format("{}: expected a string, found {}", what, kind_of(n)));
  return n.Scalar();
}

std::int64_t YamlDoc::integer(const YAML::Node& n, std::string_view what, std::int64_t min, std::int64_t max) const {
  if (!n.IsDefined() || !n.IsScalar()) fail(n, fmt::format("{}: expected a whole number, found {}", what, kind_of(n)));
  const std::string& s = n.Scalar();
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used, 10);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != s.size()) fail(n, fmt::format("{}: expected a whole number, found '{}'", what, s));
  if (v < min || v > max) fail(n, fmt::format("{}: expected a number from {} to {}, found {}", what, min, max, v));
  return v;
}

bool YamlDoc::boolean(const YAML::Node& n, std::string_view what) const {
  if (n.IsDefined() && n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail(n, fmt::format("{}: expected true or false, found {}", what, kind_of(n)));
}

std::vector<std::string> YamlDoc::str_list(const YAML::Node& n, std::string_view what) const {
  expect_list(n, what);
  std::vector<std::string> out;
  for (const auto& c : n) out.push_back(str(c, what));
  return out;
}

}  // namespace sc

// Strict YAML reading for config and rules: load with duplicate-key detection
// (yaml-cpp 0.7 keeps the first silently), and typed accessors that refuse
// bad input with "file:line:column: what was expected" (1-based positions).
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

// The largest config or rules file read (checked before parsing: a 100 MB
// agent.yaml is refused at once instead of costing gigabytes).
inline constexpr std::size_t kMaxYamlBytes = 8u << 20;

// A loaded YAML file and position-aware accessors. All failures throw
// ConfigError whose message starts with "file:line:column: ".
struct YamlDoc {
  std::string file;  // as shown in messages
  YAML::Node root;

  // Throws ConfigError on unreadable file (a FIFO or device, larger than
  // max_bytes), syntax error, duplicate key, a second document, bytes that
  // are not UTF-8 or control characters.
  static YamlDoc load_file(const std::filesystem::path& path, std::size_t max_bytes = kMaxYamlBytes);
  static YamlDoc load_string(std::string_view text, std::string file);

  std::string where(const YAML::Node& at) const;  // "file:line:column"
  [[noreturn]] void fail(const YAML::Node& at, std::string_view message) const;

  void expect_map(const YAML::Node& n, std::string_view what) const;
  void expect_list(const YAML::Node& n, std::string_view what) const;
  // Refuses keys outside `allowed` ("unknown key 'x' (expected one of: a, b)").
  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) const;
  void only_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const;

  // A scalar; control characters (other than tab) in it are refused.
  std::string str(const YAML::Node& n, std::string_view what) const;
  std::int64_t integer(const YAML::Node& n, std::string_view what, std::int64_t min, std::int64_t max) const;
  bool boolean(const YAML::Node& n, std::string_view what) const;
  // A list of scalars; a single scalar is not accepted.
  std::vector<std::string> str_list(const YAML::Node& n, std::string_view what) const;
};

}  // namespace sc

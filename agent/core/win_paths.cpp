// Case-insensitive lookup of Windows paths under the Host's root.
#include "agent/core/win_paths.hpp"

#include <filesystem>

#include "agent/core/host.hpp"
#include "agent/core/registry.hpp"
#include "agent/core/text.hpp"

namespace sc {

std::optional<std::string> find_case_insensitive(const Host& host, std::string_view abs) {
  std::string found;  // the stored path so far, "" = the root
  std::size_t start = 0;
  int depth = 0;
  while (start < abs.size()) {
    std::size_t sep = abs.find_first_of("/\\", start);
    if (sep == std::string_view::npos) sep = abs.size();
    std::string_view part = abs.substr(start, sep - start);
    start = sep + 1;
    if (part.empty()) continue;
    if (part == "." || part == ".." || ++depth > 64) return std::nullopt;
    std::string exact = found + "/" + std::string(part);
    if (host.exists(exact)) {
      found = std::move(exact);
      continue;
    }
    std::optional<std::string> match;
    for (const std::string& name : host.list_dir(found.empty() ? "/" : found)) {
      if (iequals(name, part)) {
        match = name;
        break;
      }
    }
    if (!match) return std::nullopt;
    found += "/" + *match;
  }
  return found.empty() ? std::string("/") : found;
}

bool stays_under_root(const Host& host, std::string_view abs) {
  if (host.is_system_root()) return true;
  std::error_code ec;
  std::filesystem::path real = std::filesystem::weakly_canonical(host.path(abs), ec);
  if (ec) return false;
  std::filesystem::path root = std::filesystem::weakly_canonical(host.root(), ec);
  if (ec) return false;
  auto r = root.begin();
  auto p = real.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == real.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace sc

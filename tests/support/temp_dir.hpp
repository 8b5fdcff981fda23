// A fresh temporary directory per call (mkdtemp), so that tests run in
// parallel (`ctest -j8`, one process per test case) never share one; the
// directories are removed when the test process exits.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace sc::test {

namespace detail {
struct TempDirs {
  std::mutex mutex;
  std::vector<std::filesystem::path> made;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& d : made) std::filesystem::remove_all(d, ec);
  }
};
inline TempDirs& temp_dirs() {
  static TempDirs dirs;
  return dirs;
}
}  // namespace detail

// <tmp>/selfcheck-<name>-XXXXXX, created empty and unique.
inline std::filesystem::path unique_temp_dir(const std::string& name) {
  std::string tmpl = (std::filesystem::temp_directory_path() / ("selfcheck-" + name + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp " + tmpl + " failed");
  auto& dirs = detail::temp_dirs();
  std::lock_guard lock(dirs.mutex);
  dirs.made.emplace_back(tmpl);
  return tmpl;
}

}  // namespace sc::test

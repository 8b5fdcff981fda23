// A fresh temporary directory per call, so that tests run in
// parallel (`ctest -j8`, one process per test case) never share one; the
// directories are removed when the test process exits.
#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <random>
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

// <tmp>/selfcheck-<name>-XXXXXX, created empty and unique: a random suffix
// and create_directory, which fails on an existing one (mkdtemp(3)'s
// guarantee, also on the Windows build, where mingw has no mkdtemp).
inline std::filesystem::path unique_temp_dir(const std::string& name) {
  static std::mutex rng_mutex;
  static std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::uint64_t r;
    {
      std::lock_guard lock(rng_mutex);
      r = rng();
    }
    const char* digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::string suffix;
    for (int i = 0; i < 6; ++i, r /= 62) suffix += digits[r % 62];
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("selfcheck-" + name + "-" + suffix);
    std::error_code ec;
    if (!std::filesystem::create_directory(dir, ec) || ec) continue;
    auto& dirs = detail::temp_dirs();
    std::lock_guard lock(dirs.mutex);
    dirs.made.push_back(dir);
    return dir;
  }
  throw std::runtime_error("cannot create a temp directory for " + name);
}

}  // namespace sc::test

// Real Windows artifacts for tests (tests/fixtures/windows/samples/*.xz),
// unpacked with `xz -dc` (xz-utils, in every Debian install) into a temp
// directory owned by one test, laid out as an audited Windows root. Kept
// compressed in the repo; no library is linked for a test-only need. The
// Windows build's tests run under wine, where no xz can be started: there the
// samples are unpacked at build time (tests/CMakeLists.txt,
// SELFCHECK_UNPACKED_SAMPLES) and copied.
#pragma once
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace sc::test {

inline std::filesystem::path windows_sample(const std::string& name) {
  return std::filesystem::path(SELFCHECK_FIXTURES) / "windows/samples" / (name + ".xz");
}

// A temp root removed on destruction; add() unpacks a sample to a path in it.
class SampleRoot {
 public:
  explicit SampleRoot(const std::string& tag) {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("selfcheck-win-" + tag + "-" + std::to_string(std::random_device{}()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~SampleRoot() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  SampleRoot(const SampleRoot&) = delete;
  SampleRoot& operator=(const SampleRoot&) = delete;

  // Unpacks sample `name` to <root>/<rel>; false when xz failed.
  bool add(const std::string& name, const std::string& rel) const {
    std::filesystem::path out = dir_ / rel;
    std::filesystem::create_directories(out.parent_path());
#ifdef SELFCHECK_UNPACKED_SAMPLES
    std::error_code ec;
    std::filesystem::copy_file(std::filesystem::path(SELFCHECK_UNPACKED_SAMPLES) / name, out,
                               std::filesystem::copy_options::overwrite_existing, ec);
    return !ec;
#else
    std::string cmd = "xz -dc '" + windows_sample(name).string() + "' > '" + out.string() + "'";
    return std::system(cmd.c_str()) == 0;
#endif
  }
  const std::filesystem::path& path() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace sc::test

// Text at the Win32 edge (issue 15 item 6): `selfcheck scan` with a root, a
// config and an output file whose paths hold Chinese characters. The real
// binary is started through Host::run, so on Windows (selfcheck.exe under
// wine64) the UTF-16 command line (CreateProcessW → wmain → GetCommandLineW),
// the wide-char file APIs and the UTF-8 findings file are all exercised; on
// Linux the same test holds with UTF-8 bytes throughout.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);  // fs::path: the wide name on Windows
  f << bytes;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("scan: Chinese characters in --root, --config and --output paths") {
  fs::path base =
      fs::temp_directory_path() / path_from_utf8("selfcheck-自查-" + std::to_string(std::random_device{}()));
  fs::path root = base / path_from_utf8("根目录");
  fs::create_directories(root / "etc");
  write_bytes(root / "etc" / "hostname", "主机-01\n");
  fs::path config = base / path_from_utf8("配置.yaml");
  write_bytes(config, "host:\n  owner: 张三\n  department: 保密办\n");
  fs::path output = base / path_from_utf8("结果.yaml");

  Host host(Host::Options{});
  CommandResult r = host.run({SELFCHECK_BINARY, "scan", "--root", path_text(root), "--config", path_text(config),
                              "--output", path_text(output), "--only", "boot", "--lang", "zh"},
                             std::chrono::seconds(120));
  INFO("stderr: " << r.err << " error: " << r.error);
  REQUIRE(r.error.empty());
  CHECK((r.exit_code == 0 || r.exit_code == 1));  // pass or fail: the boot items of an empty root

  REQUIRE(fs::exists(output));
  std::string yaml = read_bytes(output);
  // The UTF-8 bytes themselves, not the ANSI code page's or UTF-16's.
  CHECK(yaml.find("\xE5\xBC\xA0\xE4\xB8\x89") != std::string::npos);              // 张三
  CHECK(yaml.find("\xE4\xBF\x9D\xE5\xAF\x86\xE5\x8A\x9E") != std::string::npos);  // 保密办
  CHECK(yaml.find("\xE4\xB8\xBB\xE6\x9C\xBA-01") != std::string::npos);           // 主机-01
  CHECK(yaml.find('\0') == std::string::npos);

  std::error_code ec;
  fs::remove_all(base, ec);
}

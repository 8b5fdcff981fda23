// Tests for the command line on hostile roots that only the Linux build can
// make (agent/host/files_posix.cpp behind the CLI, issue 13 items 6 and 9):
// links out of the tree and FIFOs where files are expected; and the modes of
// the unit key and its folder (0600, 0700). Moved out of
// cli_test.cpp so that the Windows build (no mkfifo, no POSIX links) builds
// the rest.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/cli.hpp"
#include "support/cli_run.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

using test::cli;
using test::Run;

fs::path temp_dir(const std::string& name) { return sc::test::unique_temp_dir("cli-" + name); }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("cmd_scan on a hostile root") {
  std::string rules = SELFCHECK_SOURCE_RULES_DIR;
  fs::path root = temp_dir("hostile-root");
  fs::create_directories(root / "etc");
  fs::create_directories(root / "var");
  std::ofstream(root / "etc/passwd") << "root:x:0:0:root:/root:/bin/bash\n";
  fs::path out = temp_dir("hostile-out") / "f.json";
  SUBCASE("links out of the tree: the auditor's own data never appears") {
    fs::create_symlink("/etc/hostname", root / "etc/hostname");
    fs::create_symlink("../../../../../../../../../etc/shadow", root / "etc/shadow");
    fs::create_symlink("/var/log", root / "var/log");
    auto r = cli({"scan", "--root", root.string(), "--rules", rules, "--only", "boot", "--lang", "en", "--format",
                  "json", "--output", out.string()});
    CHECK((r.code == 0 || r.code == 1));
    std::string text = read_file(out);
    std::string own = read_file("/etc/hostname");
    while (!own.empty() && (own.back() == '\n' || own.back() == ' ')) own.pop_back();
    if (own.size() >= 4) CHECK(text.find("\"" + own + "\"") == std::string::npos);
    CHECK(text.find("\"hostname\": \"\"") != std::string::npos);
    // /etc/shadow leads outside: unknown with that reason, not the auditor's accounts.
    CHECK(text.find("/etc/shadow leads outside the audited root") != std::string::npos);
  }
  SUBCASE("FIFOs where files are expected: no hang, said why") {
    for (const char* f : {"etc/hostname", "etc/machine-id", "etc/os-release", "etc/shadow"})
      REQUIRE(::mkfifo((root / f).c_str(), 0644) == 0);
    auto r = cli({"scan", "--root", root.string(), "--rules", rules, "--only", "boot", "--lang", "en", "--format",
                  "json", "--output", out.string()});
    CHECK((r.code == 0 || r.code == 1));
    CHECK(read_file(out).find("/etc/shadow is not a regular file") != std::string::npos);
  }
  SUBCASE("a FIFO as the config: exit 2 at once") {
    fs::create_directories(root / "etc/selfcheck");
    REQUIRE(::mkfifo((root / "etc/selfcheck/agent.yaml").c_str(), 0644) == 0);
    auto r = cli({"scan", "--root", root.string(), "--rules", rules, "--output", out.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("not a regular file") != std::string::npos);
  }
  SUBCASE("a FIFO as a rules file: exit 2 at once") {
    fs::create_directories(root / "etc/selfcheck/rules.d");
    REQUIRE(::mkfifo((root / "etc/selfcheck/rules.d/usb.yaml").c_str(), 0644) == 0);
    auto r = cli({"scan", "--root", root.string(), "--rules", rules, "--output", out.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("not a regular file") != std::string::npos);
  }
}

// The unit key and its folder are private whatever the umask (POSIX modes).
TEST_CASE("cmd_key") {
  fs::path d = temp_dir("key-new");
  mode_t old = ::umask(0);
  auto r = cli({"key", "new", (d / "etc/selfcheck/unit.key").string()});
  ::umask(old);
  CHECK(r.code == 0);
  struct stat st {};
  REQUIRE(::stat((d / "etc/selfcheck").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat((d / "etc/selfcheck/unit.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  SUBCASE("--key /dev/zero is refused at once") {
    auto v = cli({"verify", "--key", "/dev/zero", (d / "x.yaml").string()});
    CHECK(v.code == 2);
    CHECK(v.err.find("not a regular file") != std::string::npos);
  }
}

// Tests for agent/host/files_posix.cpp under hostile roots (issue 13): links
// that leave the audited tree (item 6), FIFOs and devices where files are
// expected (item 9), the read cap that says it cut (item 15), and output onto
// a device or FIFO that is written in place, never replaced (item 5).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "agent/core/errors.hpp"
#include "agent/core/host.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {

fs::path fresh_root(const std::string& name) {
  fs::path d = sc::test::unique_temp_dir("files-" + name);
  fs::create_directories(d / "etc");
  fs::create_directories(d / "var");
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A file outside the root the links point at, with a marker the root must never show.
fs::path outside_file(const std::string& name, const std::string& text) {
  fs::path d = sc::test::unique_temp_dir("files-outside");
  std::ofstream(d / name) << text;
  return d / name;
}

}  // namespace

namespace {

// Every escape, against one resolver: openat2 RESOLVE_IN_ROOT (when the kernel
// has it) or the component-wise walk used where it is missing or filtered.
void check_escapes(bool walk) {
  if (walk)
    ::setenv("SELFCHECK_NO_OPENAT2", "1", 1);
  else
    ::unsetenv("SELFCHECK_NO_OPENAT2");
  struct Unset {
    ~Unset() { ::unsetenv("SELFCHECK_NO_OPENAT2"); }
  } unset;
  fs::path secret = outside_file("hostname", "AUDITOR-OWN-HOST\n");
  std::string depth = "../../../../../../../../..";
  {
    INFO("an absolute link resolves inside the root, not on this machine");
    fs::path root = fresh_root("escape-abs");
    fs::create_symlink(secret, root / "etc/hostname");
    Host host({.root = root});
    auto r = host.read_file("/etc/hostname");
    CHECK_FALSE(r.ok());
    CHECK(r.data.find("AUDITOR-OWN-HOST") == std::string::npos);
    CHECK(r.error.find("leads outside the audited root") != std::string::npos);
    CHECK_FALSE(r.missing);  // never taken for "not installed"
  }
  {
    INFO("a relative ../ link is clamped at the root");
    fs::path root = fresh_root("escape-rel");
    fs::create_symlink(depth + secret.string(), root / "etc/hostname");
    Host host({.root = root});
    auto r = host.read_file("/etc/hostname");
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("leads outside the audited root") != std::string::npos);
  }
  {
    INFO("a linked directory (var/log -> /var/log) does not reach this machine's logs");
    fs::path root = fresh_root("escape-dir");
    fs::create_symlink(secret.parent_path(), root / "var/log");
    Host host({.root = root});
    CHECK_FALSE(host.read_file("/var/log/hostname").ok());
    CHECK(host.list_dir("/var/log").empty());
    CHECK_FALSE(host.exists("/var/log/hostname"));
    CHECK_FALSE(host.mtime("/var/log/hostname"));
    CHECK_FALSE(host.is_dir("/var/log"));
  }
  {
    INFO("an absolute link to a file inside the root is followed there");
    fs::path root = fresh_root("escape-inside");
    fs::create_directories(root / "usr/lib");
    std::ofstream(root / "usr/lib/os-release") << "NAME=Inside\n";
    fs::create_symlink("/usr/lib/os-release", root / "etc/os-release");
    fs::create_symlink("../usr/lib", root / "etc/lib");
    Host host({.root = root});
    auto r = host.read_file("/etc/os-release");
    CHECK(r.ok());
    CHECK(r.data == "NAME=Inside\n");
    CHECK(host.read_file("/etc/lib/os-release").data == "NAME=Inside\n");
    CHECK(host.resolved_path("/etc/os-release") == root / "usr/lib/os-release");
    CHECK(host.list_dir("/etc/lib") == std::vector<std::string>{"os-release"});
  }
  {
    INFO("read_link and lexists do not follow the last link");
    fs::path root = fresh_root("escape-link");
    fs::create_symlink("/dev/null", root / "etc/masked.service");
    Host host({.root = root});
    CHECK(host.lexists("/etc/masked.service"));
    CHECK(host.read_link("/etc/masked.service") == std::optional<std::string>("/dev/null"));
    CHECK_FALSE(host.read_link("/etc"));
    CHECK_FALSE(host.lexists("/etc/none"));
  }
}

}  // namespace

TEST_CASE("Host::read_file inside the root") {
  SUBCASE("openat2") { check_escapes(false); }
  SUBCASE("component-wise walk") { check_escapes(true); }
}

TEST_CASE("Host::read_file of a FIFO") {
  fs::path root = fresh_root("fifo");
  REQUIRE(::mkfifo((root / "etc/hostname").c_str(), 0644) == 0);
  Host host({.root = root});
  auto start = std::chrono::steady_clock::now();
  auto r = host.read_file("/etc/hostname");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK_FALSE(r.ok());
  CHECK(r.error == "/etc/hostname is not a regular file");
  FileResult why;
  CHECK(host.open_file("/etc/hostname", why) == -1);
  CHECK_FALSE(host.is_file("/etc/hostname"));
}

TEST_CASE("read_local_file") {
  fs::path root = fresh_root("local");
  SUBCASE("a device is refused without reading") {
    auto r = read_local_file("/dev/zero", 1024);
    CHECK_FALSE(r.ok());
    CHECK(r.error == "/dev/zero is not a regular file");
  }
  SUBCASE("a FIFO is refused without waiting") {
    REQUIRE(::mkfifo((root / "fifo").c_str(), 0644) == 0);
    CHECK(read_local_file(root / "fifo", 1024).error.find("is not a regular file") != std::string::npos);
  }
  SUBCASE("a file over the cap is refused by its size") {
    std::ofstream(root / "big") << std::string(2000, 'x');
    auto r = read_local_file(root / "big", 1000);
    CHECK_FALSE(r.ok());
    CHECK(r.truncated);
    CHECK(r.data.empty());
    CHECK(r.error.find("is larger than 1000 bytes") != std::string::npos);
  }
}

TEST_CASE("Host::read_file cap") {
  fs::path root = fresh_root("cap");
  std::ofstream(root / "etc/shadow") << std::string(100, 'x');
  Host host({.root = root});
  CHECK(host.read_file("/etc/shadow", 100).truncated == false);
  auto r = host.read_file("/etc/shadow", 99);
  CHECK(r.ok());
  CHECK(r.truncated);
  CHECK(r.data.size() == 99);
}

TEST_CASE("Host::read_file_chunks") {
  fs::path root = fresh_root("chunks");
  std::string text;
  for (int i = 0; text.size() < 300000; ++i) text += "line " + std::to_string(i) + "\n";
  std::ofstream(root / "var/big.log", std::ios::binary) << text;
  Host host({.root = root});
  std::string got;
  std::size_t pieces = 0, largest = 0;
  auto sink = [&](std::string_view piece) {
    got.append(piece);
    ++pieces;
    largest = std::max(largest, piece.size());
  };
  SUBCASE("the whole file, in order, in bounded pieces") {
    auto r = host.read_file_chunks("/var/big.log", 1u << 20, sink);
    CHECK(r.ok());
    CHECK_FALSE(r.truncated);
    CHECK(r.data.empty());
    CHECK(got == text);
    CHECK(pieces >= 5);
    CHECK(largest <= 65536);
  }
  SUBCASE("cut at the cap, and says so") {
    auto r = host.read_file_chunks("/var/big.log", 100001, sink);
    CHECK(r.ok());
    CHECK(r.truncated);
    CHECK(got == text.substr(0, 100001));
  }
  SUBCASE("a file of exactly the cap is whole") {
    auto r = host.read_file_chunks("/var/big.log", text.size(), sink);
    CHECK_FALSE(r.truncated);
    CHECK(got == text);
  }
  SUBCASE("missing, a FIFO, a link out of the root: no bytes, the reason") {
    auto r = host.read_file_chunks("/var/none.log", 1000, sink);
    CHECK(r.missing);
    REQUIRE(::mkfifo((root / "var/fifo.log").c_str(), 0644) == 0);
    r = host.read_file_chunks("/var/fifo.log", 1000, sink);
    CHECK(r.error == "/var/fifo.log is not a regular file");
    fs::create_symlink(outside_file("chunks-secret", "SECRET-OUTSIDE"), root / "var/out.log");
    r = host.read_file_chunks("/var/out.log", 1000, sink);
    CHECK_FALSE(r.ok());
    CHECK(got.empty());
    CHECK(pieces == 0);
  }
}

TEST_CASE("Host::write_file_atomic onto a device or FIFO") {
  fs::path dir = fresh_root("devout");
  Host host({.root = dir});
  // Not /dev/null itself: on a build without the fix, running as root, the
  // test would replace the machine's /dev/null. A FIFO shows the same rule.
  SUBCASE("a FIFO with a reader is written in place") {
    fs::path fifo = dir / "out.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    int rfd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(rfd >= 0);
    host.write_file_atomic(fifo, "findings");
    char buf[16] = {0};
    CHECK(::read(rfd, buf, sizeof buf) == 8);
    ::close(rfd);
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
  }
  SUBCASE("a FIFO nobody reads is an error, not a hang") {
    fs::path fifo = dir / "lonely.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    CHECK_THROWS_AS(host.write_file_atomic(fifo, "x"), OutputError);
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
  }
}

TEST_CASE("Host::write_file_atomic through a link") {
  // `--output /dev/stdout` with stdout redirected to a file: /dev/stdout is a
  // link; the file is replaced, the link stays (as root, replacing the link
  // would leave a regular file at /dev/stdout).
  fs::path dir = fresh_root("linkout");
  std::ofstream(dir / "real.yaml") << "old";
  fs::create_symlink(dir / "real.yaml", dir / "stdout");
  Host host({.root = dir});
  host.write_file_atomic(dir / "stdout", "new");
  CHECK(fs::is_symlink(dir / "stdout"));
  CHECK(slurp(dir / "real.yaml") == "new");
}

TEST_CASE("Host::write_file_atomic_stream") {
  // The unit summary written in pieces (issue 20).
  fs::path dir = fresh_root("stream");
  std::ofstream(dir / "out.txt") << "old";
  Host host({.root = dir});
  auto files = [&] {
    int n = 0;
    for (auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
    return n;
  };
  SUBCASE("the pieces in order") {
    host.write_file_atomic_stream(dir / "out.txt", [](const Host::Chunk& write) {
      write("one\n");
      write("");
      write("two\n");
    });
    CHECK(slurp(dir / "out.txt") == "one\ntwo\n");
  }
  SUBCASE("a producer that fails leaves the file as it was, no temp file") {
    CHECK_THROWS_AS(host.write_file_atomic_stream(dir / "out.txt",
                                                  [](const Host::Chunk& write) {
                                                    write("half");
                                                    throw OutputError("summary: temporary file: write");
                                                  }),
                    OutputError);
    CHECK(slurp(dir / "out.txt") == "old");
  }
  CHECK(files() == 1);
}

TEST_CASE("Host::write_file_new") {
  fs::path dir = fresh_root("new");
  Host host({.root = dir});
  CHECK(host.write_file_new(dir / "a.yaml", "first"));
  CHECK_FALSE(host.write_file_new(dir / "a.yaml", "second"));
  CHECK(slurp(dir / "a.yaml") == "first");
  int files = 0;
  for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  CHECK(files == 1);  // no temp file left behind
}

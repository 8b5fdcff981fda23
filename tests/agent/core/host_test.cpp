// Tests for agent/host: files under a root with reasons for failures, the
// zone from <root>/etc/localtime, memoized facts, commands, atomic writes.
#include "agent/core/host.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "agent/core/errors.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {
fs::path temp_root(const std::string& name) {
  fs::path d = sc::test::unique_temp_dir("host-" + name);
  fs::create_directories(d / "etc");
  return d;
}
}  // namespace

TEST_CASE("Host::read_file") {
  fs::path root = temp_root("read");
  std::ofstream(root / "etc/hostname") << "PC-0123\n";
  fs::create_directories(root / "etc/shadow");  // a directory where a file is expected
  Host host({.root = root});
  SUBCASE("a file under the root") {
    auto r = host.read_file("/etc/hostname");
    CHECK(r.ok());
    CHECK(r.data == "PC-0123\n");
  }
  SUBCASE("missing: flagged, with the path of the audited machine") {
    auto r = host.read_file("/etc/nothing");
    CHECK_FALSE(r.ok());
    CHECK(r.missing);
    CHECK(r.error == "/etc/nothing does not exist");
  }
  SUBCASE("a directory is not readable as a file") {
    auto r = host.read_file("/etc/shadow");
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.missing);
    CHECK(r.error == "/etc/shadow is a directory");
  }
  SUBCASE("max_bytes caps what is read") { CHECK(host.read_file("/etc/hostname", 2).data == "PC"); }
  SUBCASE("list_dir is sorted and empty when missing") {
    std::ofstream(root / "etc/b");
    std::ofstream(root / "etc/a");
    auto names = host.list_dir("/etc");
    CHECK(names.front() == "a");
    CHECK(host.list_dir("/nope").empty());
  }
}

TEST_CASE("Host::describe") {
  CHECK(Host::describe("/etc/shadow", std::make_error_code(std::errc::permission_denied)) ==
        "no permission to read /etc/shadow: run as root");
}

TEST_CASE("Host::Host") {
  SUBCASE("another root is offline unless --live") {
    fs::path root = temp_root("offline");
    CHECK_FALSE(Host({.root = root}).live());
    CHECK(Host({.root = root, .live = true}).live());
    CHECK_FALSE(Host({.root = root}).is_system_root());
  }
  SUBCASE("zone from the root's /etc/localtime") {
    fs::path root = temp_root("zone");
    fs::copy_file("/usr/share/zoneinfo/Asia/Shanghai", root / "etc/localtime");
    Host host({.root = root, .as_of = Time(std::chrono::seconds(1795161600))});  // 2026-11-20T08:00:00Z
    CHECK(host.zone_note().empty());
    CHECK(host.zone().iso(host.now()) == "2026-11-20T16:00:00+08:00");
  }
  SUBCASE("no localtime: UTC, and it says so") {
    Host host({.root = temp_root("nozone"), .as_of = Time(std::chrono::seconds(1795161600))});
    CHECK_FALSE(host.zone_note().empty());
    CHECK(host.zone().iso(host.now()) == "2026-11-20T08:00:00+00:00");
  }
}

TEST_CASE("Host::fact") {
  Host host({.root = temp_root("fact")});
  std::atomic<int> computed{0};
  std::vector<std::thread> threads;
  std::vector<const int*> seen(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      seen[i] = &host.fact<int>("k", [&] {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return 42;
      });
    });
  for (auto& t : threads) t.join();
  CHECK(computed == 1);
  for (auto* p : seen) CHECK(p == seen[0]);
  CHECK(*seen[0] == 42);
  SUBCASE("a throwing computation is retried by the next caller") {
    CHECK_THROWS(host.fact<int>("bad", []() -> int { throw std::runtime_error("x"); }));
    CHECK(host.fact<int>("bad", [] { return 7; }) == 7);
  }
}

TEST_CASE("Host::run") {
  Host host({});
  SUBCASE("output and exit code") {
    auto r = host.run({"sh", "-c", "echo out; echo err >&2; exit 3"});
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.ok());
  }
  SUBCASE("more than 64 KB of output does not deadlock") {
    auto r = host.run({"sh", "-c", "head -c 300000 /dev/zero"}, std::chrono::milliseconds(5000));
    CHECK(r.ok());
    CHECK(r.out.size() == 300000);
  }
  SUBCASE("a command that hangs is cut at the timeout") {
    auto start = std::chrono::steady_clock::now();
    auto r = host.run({"sleep", "30"}, std::chrono::milliseconds(300));
    CHECK(r.timed_out);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  }
  SUBCASE("a missing command") {
    auto r = host.run({"no-such-command-selfcheck"});
    CHECK(r.error == "command not found: no-such-command-selfcheck");
  }
  SUBCASE("concurrent commands") {
    std::vector<std::thread> ts;
    std::atomic<int> ok{0};
    for (int i = 0; i < 6; ++i) ts.emplace_back([&] { ok += host.run({"sh", "-c", "echo hi"}).out == "hi\n"; });
    for (auto& t : ts) t.join();
    CHECK(ok == 6);
  }
}

TEST_CASE("Host::write_file_atomic") {
  fs::path dir = temp_root("write");
  Host host({.root = dir});
  SUBCASE("writes whole and leaves no temp file") {
    host.write_file_atomic(dir / "out.yaml", "hello");
    std::ifstream in(dir / "out.yaml");
    std::string s;
    std::getline(in, s);
    CHECK(s == "hello");
    int n = 0;
    for (auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
    CHECK(n == 1);
  }
  SUBCASE("a missing directory is an OutputError") {
    CHECK_THROWS_AS(host.write_file_atomic(dir / "no/such/out.yaml", "x"), OutputError);
  }
}

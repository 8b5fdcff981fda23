// Tests for checks/log_reader: plain and gzip lines, truncated gzip, NUL
// bytes, over-long lines, blocks, and the order of a rotated set.
#include "checks/linux/log_reader.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "agent/core/host.hpp"
#include "agent/core/platform.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace sc;

namespace {
fs::path tmp(const std::string& name) {
  static const fs::path d = sc::test::unique_temp_dir("logreader");
  return d / name;
}
void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }
void write_gz(const fs::path& p, const std::string& s) {
  gzFile g = gzopen(sc::path_text(p).c_str(), "wb");
  gzwrite(g, s.data(), static_cast<unsigned>(s.size()));
  gzclose(g);
}
std::vector<std::string> lines_of(const fs::path& p) {
  LineReader r(p);
  std::vector<std::string> out;
  std::string_view l;
  while (r.next(l)) out.emplace_back(l);
  return out;
}
}  // namespace

TEST_CASE("LineReader::next") {
  SUBCASE("plain, with and without a final newline") {
    write(tmp("a"), "one\ntwo\nthree");
    CHECK(lines_of(tmp("a")) == std::vector<std::string>{"one", "two", "three"});
    write(tmp("b"), "one\n\nthree\n");
    CHECK(lines_of(tmp("b")) == std::vector<std::string>{"one", "", "three"});
  }
  SUBCASE("gzip by magic, whatever the name") {
    write_gz(tmp("c.log"), "Nov 20 kernel: x\nNov 21 kernel: y\n");
    LineReader r(tmp("c.log"));
    CHECK(r.gzip());
    CHECK(lines_of(tmp("c.log")).size() == 2);
  }
  SUBCASE("truncated gzip keeps what was read and says so") {
    std::string body;
    for (int i = 0; i < 20000; ++i) body += "line " + std::to_string(i) + " some text to compress\n";
    write_gz(tmp("full.gz"), body);
    std::ifstream in(tmp("full.gz"), std::ios::binary);
    std::string gz((std::istreambuf_iterator<char>(in)), {});
    write(tmp("cut.gz"), gz.substr(0, gz.size() / 2));
    LineReader r(tmp("cut.gz"));
    std::string_view l;
    std::size_t n = 0;
    while (r.next(l)) ++n;
    CHECK(n > 1000);
    CHECK(n < 20000);
    CHECK(r.truncated());
    CHECK(r.error().find("gzip") != std::string::npos);
  }
  SUBCASE("NUL bytes and invalid UTF-8 pass through") {
    // Not "nul": on Windows that name is the null device in every folder.
    write(tmp("nul-bytes"), std::string("a\0b\n\xff\xfe\n", 7));
    auto ls = lines_of(tmp("nul-bytes"));
    REQUIRE(ls.size() == 2);
    CHECK(ls[0] == std::string("a\0b", 3));
  }
  SUBCASE("an over-long line is cut and counted") {
    std::string big(3 * LineReader::kMaxLine, 'x');
    write(tmp("long"), "first\n" + big + "\nlast\n");
    LineReader r(tmp("long"));
    std::vector<std::size_t> sizes;
    std::string_view l;
    while (r.next(l)) sizes.push_back(l.size());
    CHECK(sizes == std::vector<std::size_t>{5, LineReader::kMaxLine, 4});
    CHECK(r.long_lines() == 1);
  }
  SUBCASE("a missing file") {
    LineReader r(tmp("missing"));
    CHECK_FALSE(r.ok());
    CHECK(r.error().find("does not exist") != std::string::npos);
  }
}

TEST_CASE("LineReader::next_block") {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "line " + std::to_string(i) + "\n";
  body += "tail-without-newline";
  write(tmp("blocks"), body);
  LineReader r(tmp("blocks"));
  std::string joined;
  std::string_view b;
  while (r.next_block(b)) {
    bool whole = b.back() == '\n' || b == "tail-without-newline";
    CHECK(whole);
    joined += b;
  }
  CHECK(joined == body);
}

TEST_CASE("rotated_logs") {
  fs::path root = sc::test::unique_temp_dir("rotated");
  fs::create_directories(root / "var/log");
  for (const char* n : {"syslog", "syslog.1", "syslog.2.gz", "syslog.10.gz", "syslog.3.gz", "syslog-old", "syslogd"})
    write(root / "var/log" / n, "x\n");
  for (const char* n : {"messages", "messages-20261108", "messages-20261115.gz"}) write(root / "var/log" / n, "x\n");
  Host host({.root = root});
  CHECK(rotated_logs(host, "/var/log", "syslog") ==
        std::vector<std::string>{"/var/log/syslog.10.gz", "/var/log/syslog.3.gz", "/var/log/syslog.2.gz",
                                 "/var/log/syslog.1", "/var/log/syslog"});
  CHECK(rotated_logs(host, "/var/log", "messages") ==
        std::vector<std::string>{"/var/log/messages-20261108", "/var/log/messages-20261115.gz", "/var/log/messages"});
}

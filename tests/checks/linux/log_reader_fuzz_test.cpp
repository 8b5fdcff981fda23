// Regression tests for inputs the fuzzer (tests/fuzz/fuzz_log_reader.cpp) found
// in checks/log_reader: a line over kMaxLine is cut even when its newline is
// already in the buffer; next_block keeps the line after a cut one.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checks/linux/log_reader.hpp"

using namespace sc;

TEST_CASE("LineReader::next") {
  SUBCASE("over-long line whose newline is in the same read") {
    auto path = std::filesystem::temp_directory_path() / ("lr_fuzz_" + std::to_string(::getpid()));
    const std::string longer(LineReader::kMaxLine + 512, 'A');
    const std::string at_cap(LineReader::kMaxLine, 'B');
    {
      std::ofstream out(path, std::ios::binary);
      out << "short\n" << longer << "\nafter a long line\n" << at_cap << "\n";
    }
    LineReader r(path);
    REQUIRE(r.ok());
    std::string_view v;
    REQUIRE(r.next(v));
    CHECK(v == "short");
    REQUIRE(r.next(v));
    CHECK(v.size() == LineReader::kMaxLine);
    CHECK(v == std::string_view(longer).substr(0, LineReader::kMaxLine));
    REQUIRE(r.next(v));
    CHECK(v == "after a long line");
    REQUIRE(r.next(v));
    CHECK(v == at_cap);
    CHECK_FALSE(r.next(v));
    CHECK(r.long_lines() == 1);
    CHECK_FALSE(r.truncated());
    std::filesystem::remove(path);
  }
}

TEST_CASE("LineReader::next_block") {
  SUBCASE("the line after an over-long line that spans reads") {
    auto path = std::filesystem::temp_directory_path() / ("lr_fuzz_b" + std::to_string(::getpid()));
    const std::string filler(700 * 1024, 'F');  // the long line starts late in the first 1 MiB read
    const std::string longer(600 * 1024, 'A');
    {
      std::ofstream out(path, std::ios::binary);
      out << filler << "\n" << longer << "\nlast line\n";
    }
    LineReader r(path);
    REQUIRE(r.ok());
    std::vector<std::string> lines;
    std::string_view b;
    while (r.next_block(b)) {
      std::string_view rest = b;
      while (!rest.empty()) {
        auto nl = rest.find('\n');
        lines.emplace_back(rest.substr(0, nl));
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      }
    }
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].size() == filler.size());
    CHECK(lines[1] == std::string_view(longer).substr(0, LineReader::kMaxLine));
    CHECK(lines[2] == "last line");
    std::filesystem::remove(path);
  }
}

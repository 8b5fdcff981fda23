// Tests for checks/text: trimming, ASCII case folding, word splitting and
// line walking as the parsers rely on them.
#include "agent/core/text.hpp"

#include <doctest/doctest.h>

using namespace sc;

TEST_CASE("trim") {
  SUBCASE("config line: blanks both ends, CR only at the end") {
    CHECK(trim("  \tDatabaseDirectory /var/lib/clamav \t\r") == "DatabaseDirectory /var/lib/clamav");
    CHECK(trim("\rx\r") == "\rx");
    CHECK(trim(" \t \r") == "");
    CHECK(trim("") == "");
  }
  SUBCASE("given characters") {
    CHECK(trim("\r ssid=x \r", " \t\r") == "ssid=x");
    CHECK(trim("\f\vKEY value\f", kSpaces) == "KEY value");
    CHECK(trim("x", kSpaces) == "x");
  }
  SUBCASE("one end only") {
    CHECK(trim_front("  a b  ", kBlanks) == "a b  ");
    CHECK(trim_back("  a b ; ;", " ;") == "  a b");
  }
}

TEST_CASE("to_lower") {
  CHECK(to_lower("Deb.Debian.ORG") == "deb.debian.org");
  CHECK(to_lower("0781:55AB") == "0781:55ab");
  CHECK(to_lower("\xc3\x89t\xc3\xa9") == "\xc3\x89t\xc3\xa9");  // bytes past ASCII untouched
  CHECK(to_lower("") == "");
}

TEST_CASE("iequals") {
  CHECK(iequals("Package", "package"));
  CHECK(iequals("STATUS", "status"));
  CHECK_FALSE(iequals("Status", "Statu"));
  CHECK_FALSE(iequals("Source", "Sourcf"));
  CHECK_FALSE(iequals("[", "{"));  // '[' and '{' differ by 0x20 but are not letters
  CHECK(iequals("", ""));
}

TEST_CASE("split_words") {
  SUBCASE("runs of separators, ends ignored") {
    auto w = split_words("  PASS_MAX_DAYS\t\t99999  ");
    CHECK(w == std::vector<std::string_view>{"PASS_MAX_DAYS", "99999"});
  }
  SUBCASE("at most max words") {
    auto w = split_words("a b  c d", " ", 2);
    CHECK(w == std::vector<std::string_view>{"a", "b"});
  }
  SUBCASE("separators are the given ones only") {
    auto w = split_words("a\tb c", " ");
    CHECK(w == std::vector<std::string_view>{"a\tb", "c"});
  }
  SUBCASE("nothing") {
    CHECK(split_words("").empty());
    CHECK(split_words(" \t ").empty());
  }
}

TEST_CASE("next_line") {
  std::vector<std::string_view> lines;
  auto all = [&](std::string_view text) {
    lines.clear();
    std::size_t pos = 0;
    std::string_view line;
    while (next_line(text, pos, line)) lines.push_back(line);
    return lines;
  };
  SUBCASE("last line with or without newline") {
    CHECK(all("a\nb\n") == std::vector<std::string_view>{"a", "b"});
    CHECK(all("a\nb") == std::vector<std::string_view>{"a", "b"});
  }
  SUBCASE("empty lines kept, CR kept") { CHECK(all("\n\nx\r\n") == std::vector<std::string_view>{"", "", "x\r"}); }
  SUBCASE("empty text has no line") { CHECK(all("").empty()); }
}

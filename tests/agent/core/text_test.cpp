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

TEST_CASE("printable") {
  SUBCASE("plain text, CJK, newlines and tabs pass unchanged") {
    CHECK(printable("PC-0123\t合格\n") == "PC-0123\t合格\n");
  }
  SUBCASE("ESC, CSI, OSC and other C0 controls are shown escaped") {
    CHECK(printable("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(printable("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
    CHECK(printable("x\ry") == "x\\x0dy");
    CHECK(printable("del\x7f") == "del\\x7f");
  }
  SUBCASE("C1 controls (U+0080-U+009F) in UTF-8 and as raw bytes") {
    CHECK(printable("\xc2\x9b"
                    "31m") == "<U+009B>31m");
    CHECK(printable("\x9b"
                    "31m") == "\\x9b31m");
  }
  SUBCASE("bidi overrides cannot display a serial reversed") {
    CHECK(printable("SN\xe2\x80\xae"
                    "4321") == "SN<U+202E>4321");
    CHECK(printable("\xe2\x81\xa6x\xe2\x81\xa9") == "<U+2066>x<U+2069>");
    CHECK(printable("\xe2\x80\x8e\xe2\x80\x8f") == "<U+200E><U+200F>");
  }
  SUBCASE("invalid UTF-8 bytes are escaped, a cut sequence too") {
    CHECK(printable("\xff") == "\\xff");
    CHECK(printable("\xe4\xb8") == "\\xe4\\xb8");
  }
}

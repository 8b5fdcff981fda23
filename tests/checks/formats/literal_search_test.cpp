// Tests for checks/literal_search: every position, block edges, near misses.
#include "checks/formats/literal_search.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

using namespace sc;

TEST_CASE("LiteralSearch::find") {
  const std::string needle = "device number ";
  LiteralSearch ls(needle);
  SUBCASE("at every offset of blocks of many lengths, same answer as memmem") {
    for (std::size_t len = 0; len < 80; ++len) {
      for (std::size_t at = 0; at + needle.size() <= len; ++at) {
        std::string hay(len, 'x');
        hay.replace(at, needle.size(), needle);
        CHECK(ls.find(hay) == at);
      }
      CHECK(ls.find(std::string(len, 'd')) == std::string::npos);
    }
  }
  SUBCASE("near misses and the first of several") {
    std::string hay = "device numbe device-number  usb 1-2: USB disconnect, device number 9 ... device number 10";
    CHECK(ls.find(hay) == hay.find(needle));
    std::string cut = "usb 1-2: new high-speed USB device numbe";
    CHECK(ls.find(cut) == std::string::npos);
  }
  SUBCASE("binary bytes") {
    std::string hay(1000, '\0');
    hay[500] = '\xff';
    hay.replace(900, needle.size(), needle);
    CHECK(ls.find(hay) == 900);
  }
  SUBCASE("short needles") {
    LiteralSearch one("v");
    CHECK(one.find("abcv") == 3);
    LiteralSearch empty("");
    CHECK(empty.find("abc") == 0);
  }
}

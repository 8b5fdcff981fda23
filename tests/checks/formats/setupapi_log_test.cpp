// Tests for checks/formats/setupapi_log: device install sections in the real
// format (as Windows 7/10 write them and plaso's sample shows), encodings,
// pieces of any size, bounded lines and damaged input.
#include "checks/formats/setupapi_log.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sc;

namespace {

const char* kLog =
    "[Device Install Log]\r\n"
    "     OS Version = 10.0.19045\r\n"
    "     Service Pack = 0.0\r\n"
    "     Suite = 0x0100\r\n"
    "     ProductType = 1\r\n"
    "     Architecture = amd64\r\n"
    "\r\n"
    "[BeginLog]\r\n"
    "\r\n"
    "[Boot Session: 2026/03/12 08:58:03.498]\r\n"
    "\r\n"
    ">>>  [Device Install (Hardware initiated) - USB\\VID_0781&PID_5567\\4C530001230822117223]\r\n"
    ">>>  Section start 2026/03/12 09:14:05.123\r\n"
    "     dvi: {Build Driver List} 09:14:05.180\r\n"
    "     dvi:      Searching for hardware ID(s):\r\n"
    "     dvi:           usb\\vid_0781&pid_5567&rev_0100\r\n"
    "<<<  Section end 2026/03/12 09:14:07.456\r\n"
    "<<<  [Exit status: SUCCESS]\r\n"
    "\r\n"
    "\r\n"
    ">>>  [Device Install (Hardware initiated) - "
    "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230822117223&0]\r\n"
    ">>>  Section start 2026/03/12 09:14:07.501\r\n"
    "!    dvi: Device not started\r\n"
    "<<<  Section end 2026/03/12 09:14:08.002\r\n"
    "<<<  [Exit status: SUCCESS]\r\n"
    "\r\n"
    ">>>  [Setup Import Driver Package - C:\\Program Files\\Oracle\\VBoxGuest.inf]\r\n"
    ">>>  Section start 2026/03/13 11:37:14.273\r\n"
    "<<<  Section end 2026/03/13 11:38:02.351\r\n"
    "<<<  [Exit status: FAILURE(0xe0000228)]\r\n";

std::string utf16le(std::string_view ascii, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

}  // namespace

TEST_CASE("parse_setupapi_log") {
  SUBCASE("device install sections with local times and exit status") {
    SetupapiStats st;
    auto s = parse_setupapi_log(kLog, &st);
    REQUIRE(s.size() == 3);
    CHECK(s[0].title == "Device Install (Hardware initiated)");
    CHECK(s[0].instance == "USB\\VID_0781&PID_5567\\4C530001230822117223");
    REQUIRE(s[0].start);
    CHECK(*s[0].start == cctz::civil_second(2026, 3, 12, 9, 14, 5));
    REQUIRE(s[0].end);
    CHECK(*s[0].end == cctz::civil_second(2026, 3, 12, 9, 14, 7));
    CHECK(s[0].exit_status == "SUCCESS");
    CHECK(s[0].line == 12);
    CHECK(s[1].instance == "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230822117223&0");
    CHECK(s[2].title == "Setup Import Driver Package");
    CHECK(s[2].exit_status == "FAILURE(0xe0000228)");
    CHECK(st.sections == 3);
    CHECK(st.encoding == "utf-8");
    CHECK(st.bad_times == 0);
  }
  SUBCASE("the documentation's older header and footer shapes") {
    auto s = parse_setupapi_log(
        ">>>  [Device Install - PCI\\VEN_104C&DEV_8019&SUBSYS_8010104C&REV_00\\3&61aaa01&0&38]\n"
        ">>>  2005/02/13 22:06:20.000: Section start\n"
        "ndv: Retrieving device info...\n"
        "<<<  [2005/02/13 22:06:28.109: Section end]\n"
        "<<<  [Exit Status(0x00000000)]\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].title == "Device Install");
    CHECK(*s[0].start == cctz::civil_second(2005, 2, 13, 22, 6, 20));
    CHECK(*s[0].end == cctz::civil_second(2005, 2, 13, 22, 6, 28));
    CHECK(s[0].exit_status == "0x00000000");
  }
  SUBCASE("a section cut off by the next header or the end of the file still counts") {
    auto s = parse_setupapi_log(
        ">>>  [Device Install (Hardware initiated) - USB\\VID_1234&PID_5678\\A]\n"
        ">>>  Section start 2026/01/02 03:04:05.006\n"
        ">>>  [Device Install (Hardware initiated) - USB\\VID_1234&PID_5678\\B]\n"
        ">>>  Section start 2026/01/02 03:05:05.006\n"
        "     dvi: …");
    REQUIRE(s.size() == 2);
    CHECK(s[0].instance.back() == 'A');
    CHECK(s[0].exit_status == "");
    CHECK_FALSE(s[0].end);
    CHECK(s[1].instance.back() == 'B');
  }
  SUBCASE("a header without an instance id, and stray footers") {
    auto s = parse_setupapi_log(
        "<<<  [Exit status: SUCCESS]\n"
        ">>>  [Sysprep Respecialize]\n>>>  Section start 2016/10/05 11:16:03.747\n<<<  [Exit]\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].title == "Sysprep Respecialize");
    CHECK(s[0].instance == "");
    CHECK(s[0].exit_status == "");
  }
  SUBCASE("bad times are counted, not invented") {
    SetupapiStats st;
    auto s = parse_setupapi_log(
        ">>>  [Device Install (Hardware initiated) - USB\\VID_1234&PID_5678\\A]\n"
        ">>>  Section start 2026/02/30 25:04:05.006\n"
        "<<<  Section end yesterday\n<<<  [Exit status: SUCCESS]\n",
        &st);
    REQUIRE(s.size() == 1);
    CHECK_FALSE(s[0].start);
    CHECK_FALSE(s[0].end);
    CHECK(st.bad_times == 2);
  }
  SUBCASE("UTF-16LE with BOM, without BOM, UTF-8 BOM") {
    auto a = parse_setupapi_log(utf16le(kLog, true));
    REQUIRE(a.size() == 3);
    CHECK(a[1].instance == "USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230822117223&0");
    CHECK(*a[0].start == cctz::civil_second(2026, 3, 12, 9, 14, 5));
    SetupapiStats st;
    auto b = parse_setupapi_log(utf16le(kLog, false), &st);
    CHECK(b.size() == 3);
    CHECK(st.encoding == "utf-16le");
    auto c = parse_setupapi_log(std::string("\xEF\xBB\xBF") + kLog);
    CHECK(c.size() == 3);
    CHECK(c[0].title == "Device Install (Hardware initiated)");
  }
  SUBCASE("non-ASCII and control bytes in a header come out as clean UTF-8") {
    auto s = parse_setupapi_log(">>>  [Device Install - USB\\VID_1234&PID_5678\\\xB2\xE2\x01]\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].instance == "USB\\VID_1234&PID_5678\\???");
  }
  SUBCASE("an over-long line is cut and counted, the next line still parses") {
    std::string text = ">>>  [Device Install - " + std::string(100000, 'x') + "]\n" +
                       ">>>  [Device Install - USB\\VID_1234&PID_5678\\OK]\n";
    SetupapiStats st;
    auto s = parse_setupapi_log(text, &st);
    REQUIRE(s.size() == 1);  // the cut header lost its ']'
    CHECK(s[0].instance == "USB\\VID_1234&PID_5678\\OK");
    CHECK(st.long_lines == 1);
  }
  SUBCASE("empty and tiny inputs") {
    CHECK(parse_setupapi_log("").empty());
    CHECK(parse_setupapi_log("\xFF").empty());
    CHECK(parse_setupapi_log("\xFF\xFE").empty());
    CHECK(parse_setupapi_log(">").empty());
  }
}

TEST_CASE("SetupapiLogParser") {
  SUBCASE("pieces of any size give the same sections as the whole") {
    for (const std::string& text : {std::string(kLog), utf16le(kLog, true), utf16le(kLog, false)}) {
      auto whole = parse_setupapi_log(text);
      for (std::size_t piece : {1u, 2u, 3u, 7u, 64u}) {
        std::vector<SetupapiSection> got;
        SetupapiLogParser p([&](SetupapiSection&& s) { got.push_back(std::move(s)); });
        for (std::size_t i = 0; i < text.size(); i += piece) p.feed(std::string_view(text).substr(i, piece));
        p.finish();
        REQUIRE(got.size() == whole.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
          CHECK(got[i].instance == whole[i].instance);
          CHECK(got[i].start == whole[i].start);
          CHECK(got[i].exit_status == whole[i].exit_status);
        }
        CHECK(p.stats().bytes == text.size());
      }
    }
  }
  SUBCASE("UTF-16 surrogate pairs split across pieces") {
    std::string t = utf16le(">>>  [T - USB\\VID_1234&PID_5678\\", true);
    t += std::string("\x3D\xD8\x00\xDE", 4);  // U+1F600
    t += utf16le("]\n", false);
    std::vector<SetupapiSection> got;
    SetupapiLogParser p([&](SetupapiSection&& s) { got.push_back(std::move(s)); });
    for (char c : t) p.feed(std::string_view(&c, 1));
    p.finish();
    REQUIRE(got.size() == 1);
    CHECK(got[0].instance == "USB\\VID_1234&PID_5678\\\xF0\x9F\x98\x80");
  }
}

TEST_CASE("parse_setupapi_time") {
  CHECK(parse_setupapi_time("2026/03/12 09:14:05.123") == cctz::civil_second(2026, 3, 12, 9, 14, 5));
  CHECK(parse_setupapi_time("2026/03/12 09:14:05,123") == cctz::civil_second(2026, 3, 12, 9, 14, 5));
  CHECK(parse_setupapi_time(" 2026/03/12 09:14:05 ") == cctz::civil_second(2026, 3, 12, 9, 14, 5));
  CHECK_FALSE(parse_setupapi_time("2026-03-12 09:14:05.123"));
  CHECK_FALSE(parse_setupapi_time("2026/13/12 09:14:05.123"));
  CHECK_FALSE(parse_setupapi_time("2026/02/29 09:14:05.123"));
  CHECK(parse_setupapi_time("2028/02/29 09:14:05.123"));
  CHECK_FALSE(parse_setupapi_time("2026/03/12 09:14:05.12"));
  CHECK_FALSE(parse_setupapi_time("2026/03/12 09:14:05.1234"));
  CHECK_FALSE(parse_setupapi_time(""));
}

TEST_CASE("is_setupapi_dev_log") {
  std::string stamp = "x";
  CHECK(is_setupapi_dev_log("setupapi.dev.log", &stamp));
  CHECK(stamp.empty());
  CHECK(is_setupapi_dev_log("SetupAPI.dev.20260312_091405.log", &stamp));
  CHECK(stamp == "20260312_091405");
  CHECK_FALSE(is_setupapi_dev_log("setupapi.app.log"));
  CHECK_FALSE(is_setupapi_dev_log("setupapi.setup.log"));
  CHECK_FALSE(is_setupapi_dev_log("setupapi.dev.2026031_091405.log"));
  CHECK_FALSE(is_setupapi_dev_log("setupapi.dev.20260312-091405.log"));
}

TEST_CASE("clean_text") {
  CHECK(clean_text("abc", 2) == "ab");
  CHECK(clean_text("\xE4\xB8\xAD\xE6\x96\x87", 4) == "\xE4\xB8\xAD");
  CHECK(clean_text("a\xC2\x85z", 10) == "a?z");
  CHECK(clean_text("\xED\xA0\x80", 10) == "???");
}

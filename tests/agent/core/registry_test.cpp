// Tests for agent/core/registry: typed values, UTF-16 text, logical paths.
// The hive-file backends are tested in tests/agent/host/registry_files_test.cpp.
#include "agent/core/registry.hpp"

#include <doctest/doctest.h>

using namespace sc;

namespace {
std::string u16(std::u16string_view s) {
  std::string out;
  for (char16_t c : s) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}
RegValue val(RegType t, std::string data) { return RegValue{"v", static_cast<std::uint32_t>(t), std::move(data)}; }
}  // namespace

TEST_CASE("utf16le_to_utf8") {
  SUBCASE("ASCII up to the NUL") { CHECK(utf16le_to_utf8(u16(u"WKS\0junk")) == "WKS"); }
  SUBCASE("Chinese") { CHECK(utf16le_to_utf8(u16(u"自查")) == "自查"); }
  SUBCASE("surrogate pair") { CHECK(utf16le_to_utf8(u16(u"\U0001F600")) == "\xF0\x9F\x98\x80"); }
  SUBCASE("lone surrogate and odd byte") {
    std::string s = u16(u"a") + std::string("\x00\xD8", 2) + "z";
    CHECK(utf16le_to_utf8(s) == "a\xEF\xBF\xBD");
  }
}

TEST_CASE("RegValue typed views") {
  SUBCASE("REG_SZ and REG_EXPAND_SZ") {
    CHECK(val(RegType::sz, u16(u"Windows 10 Pro") + std::string(2, '\0')).string() == "Windows 10 Pro");
    CHECK(val(RegType::expand_sz, u16(u"%SystemRoot%")).string() == "%SystemRoot%");
    CHECK_FALSE(val(RegType::dword, "\1\0\0\0").string());
  }
  SUBCASE("REG_DWORD, big-endian and short") {
    CHECK(val(RegType::dword, std::string("\x2c\x01\0\0", 4)).dword() == 300u);
    CHECK(val(RegType::dword_be, std::string("\0\0\x01\x2c", 4)).dword() == 300u);
    CHECK_FALSE(val(RegType::dword, "\1\0").dword());
    CHECK(val(RegType::dword, std::string("\xc4\xff\xff\xff", 4)).dword() == 0xffffffc4u);
  }
  SUBCASE("REG_QWORD") {
    CHECK(val(RegType::qword, std::string("\1\0\0\0\0\0\0\x80", 8)).qword() == 0x8000000000000001ull);
    CHECK(val(RegType::dword, std::string("\5\0\0\0", 4)).qword() == 5u);
  }
  SUBCASE("REG_MULTI_SZ") {
    auto v =
        val(RegType::multi_sz, u16(u"USBSTOR\\Disk") + std::string(2, '\0') + u16(u"GenDisk") + std::string(4, '\0'));
    REQUIRE(v.strings());
    CHECK(*v.strings() == std::vector<std::string>{"USBSTOR\\Disk", "GenDisk"});
    CHECK(val(RegType::multi_sz, "").strings()->empty());
  }
  SUBCASE("FILETIME in REG_BINARY") {
    // 2012-04-07T10:31:37Z = 129782682970000000 (100 ns since 1601).
    std::uint64_t ft = 129782682970000000ull;
    std::string b;
    for (int i = 0; i < 8; ++i) b += static_cast<char>((ft >> (8 * i)) & 0xFF);
    REQUIRE(val(RegType::binary, b).filetime());
    CHECK(Zone().iso(*val(RegType::binary, b).filetime()) == "2012-04-07T10:31:37+00:00");
    CHECK_FALSE(val(RegType::binary, std::string(8, '\0')).filetime());
    CHECK_FALSE(val(RegType::binary, "1234").filetime());
  }
}

TEST_CASE("parse_reg_path") {
  SUBCASE("HKLM hives") {
    auto p = parse_reg_path("HKEY_LOCAL_MACHINE\\software\\Microsoft\\\\Windows NT");
    REQUIRE(p);
    CHECK(p->hive == "SOFTWARE");
    CHECK(p->parts == std::vector<std::string>{"Microsoft", "Windows NT"});
  }
  SUBCASE("HKU") {
    auto p = parse_reg_path("HKU\\alice\\Software");
    REQUIRE(p);
    CHECK(p->hive == "USER");
    CHECK(p->user == "alice");
  }
  SUBCASE("refused") {
    std::string why;
    CHECK_FALSE(parse_reg_path("HKCU\\Software", &why));
    CHECK(why.find("HKLM or HKU") != std::string::npos);
    CHECK_FALSE(parse_reg_path("HKLM\\HARDWARE", &why));
    CHECK_FALSE(parse_reg_path("", &why));
    std::string deep = "HKLM\\SYSTEM";
    for (int i = 0; i < 600; ++i) deep += "\\k";
    CHECK_FALSE(parse_reg_path(deep, &why));
  }
}

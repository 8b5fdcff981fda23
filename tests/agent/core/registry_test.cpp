// Tests for agent/core/registry (typed values, paths) and the hivex backend
// (agent/host/registry_hivex.cpp) on a real SYSTEM hive written by Windows 7
// (tests/fixtures/windows/samples), on missing, misnamed and corrupt hives.
#include "agent/core/registry.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <thread>

#include "agent/core/host.hpp"
#include "support/windows_samples.hpp"

using namespace sc;
namespace fs = std::filesystem;

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

TEST_CASE("make_registry on a real SYSTEM hive") {
  test::SampleRoot root("reg");
  // Stored in another case than asked: found as Windows would find it.
  REQUIRE(root.add("SYSTEM", "WINDOWS/system32/Config/system"));
  Host host({.root = root.path()});
  auto reg = make_registry(host);

  SUBCASE("Select and CurrentControlSet") {
    CHECK(reg->value("HKLM\\SYSTEM\\Select", "Current").value->dword() == 1u);
    auto k = reg->key("hklm\\system\\currentcontrolset\\control\\computername\\COMPUTERNAME");
    REQUIRE(k.found());
    CHECK(k.key.path == "HKLM\\SYSTEM\\ControlSet001\\control\\computername\\COMPUTERNAME");
    CHECK(k.key.value("computername")->string() == "WKS-WIN732BITA");
  }
  SUBCASE("TimeZoneInformation") {
    auto k = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation");
    REQUIRE(k.found());
    CHECK(k.key.value("TimeZoneKeyName")->string() == "Eastern Standard Time");
    CHECK(k.key.value("Bias")->dword() == 300u);
    CHECK(static_cast<std::int32_t>(*k.key.value("DaylightBias")->dword()) == -60);
    CHECK(k.key.value("StandardStart")->data.size() == 16u);
  }
  SUBCASE("Enum\\USBSTOR: key names and last-write times") {
    auto k = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR");
    REQUIRE(k.found());
    CHECK(k.key.subkeys == std::vector<std::string>{"Disk&Ven_HP&Prod_v100w&Rev_1024"});
    REQUIRE(k.key.last_write);
    CHECK(Zone().iso(*k.key.last_write) == "2012-04-07T10:31:37+00:00");
    auto dev = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR\\Disk&Ven_HP&Prod_v100w&Rev_1024");
    CHECK(dev.key.subkeys == std::vector<std::string>{"AA951D0000007252&0"});
    auto inst = reg->value(
        "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR\\Disk&Ven_HP&Prod_v100w&Rev_1024\\AA951D0000007252&0",
        "FriendlyName");
    REQUIRE(inst.found());
    CHECK(inst.value->string() == "HP v100w USB Device");
    auto hw = reg->value(
        "HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR\\Disk&Ven_HP&Prod_v100w&Rev_1024\\AA951D0000007252&0",
        "HardwareID");
    REQUIRE(hw.value->strings());
    CHECK(hw.value->strings()->size() == 7u);
    CHECK(hw.value->strings()->back() == "GenDisk");
  }
  SUBCASE("class names (the boot key parts under Lsa)") {
    for (const char* part : {"JD", "Skew1", "GBG", "Data"}) {
      auto k = reg->key(std::string("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\") + part);
      REQUIRE(k.found());
      CHECK(k.key.class_name.size() == 8u);
      CHECK(k.key.class_name.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos);
    }
    CHECK(reg->key("HKLM\\SYSTEM\\Select").key.class_name.empty());
  }
  SUBCASE("an absent key is absent, not an error") {
    auto k = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\NoSuchBus");
    CHECK(k.absent);
    CHECK(k.error.empty());
    auto v = reg->value("HKLM\\SYSTEM\\Select", "NoSuchValue");
    CHECK(v.absent);
    CHECK_FALSE(v.found());
  }
  SUBCASE("a missing hive is an error with the reason") {
    auto k = reg->key("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
    CHECK(k.hive_missing);
    CHECK(k.error == "the SOFTWARE hive is missing: Windows/System32/config/SOFTWARE");
    auto u = reg->key("HKU\\alice\\Software");
    CHECK(u.error == "the NTUSER.DAT hive of user alice is missing: Users/alice/NTUSER.DAT");
    CHECK(reg->key("HKU\\..\\Software").error.find("not a user profile name") != std::string::npos);
  }
  SUBCASE("shared by threads") {
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 50; ++i) {
          auto k = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName");
          if (k.found() && k.key.value("ComputerName")->string() == "WKS-WIN732BITA") ++good;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(good == 400);
  }
}

TEST_CASE("make_registry on broken hives") {
  test::SampleRoot root("regbad");
  fs::create_directories(root.path() / "Windows/System32/config");
  SUBCASE("garbage") {
    std::ofstream(root.path() / "Windows/System32/config/SOFTWARE") << "not a hive at all";
    Host host({.root = root.path()});
    auto k = make_registry(host)->key("HKLM\\SOFTWARE\\Microsoft");
    CHECK_FALSE(k.found());
    CHECK_FALSE(k.hive_missing);
    CHECK(k.error.find("the SOFTWARE hive is corrupt or not a registry hive") == 0);
  }
  SUBCASE("truncated real hive") {
    REQUIRE(root.add("SYSTEM", "full-SYSTEM"));
    {
      std::ifstream in(root.path() / "full-SYSTEM", std::ios::binary);
      std::string head(64 * 1024, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      std::ofstream(root.path() / "Windows/System32/config/SYSTEM", std::ios::binary) << head;
    }
    Host host({.root = root.path()});
    auto reg = make_registry(host);
    // Whatever hivex makes of it: a value or a reason, never a crash.
    auto k = reg->key("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR");
    CHECK((k.found() || k.absent || !k.error.empty()));
  }
  SUBCASE("a directory where the hive should be") {
    fs::create_directories(root.path() / "Windows/System32/config/SAM");
    Host host({.root = root.path()});
    CHECK(make_registry(host)->key("HKLM\\SAM\\SAM").error ==
          "the SAM hive is not a regular file: Windows/System32/config/SAM");
  }
  SUBCASE("a symbolic link out of the root") {
    fs::create_symlink("/etc/passwd", root.path() / "Windows/System32/config/SECURITY");
    Host host({.root = root.path()});
    CHECK(make_registry(host)->key("HKLM\\SECURITY\\Policy").error.find("leads outside the root") != std::string::npos);
  }
}

TEST_CASE("Registry::users") {
  test::SampleRoot root("users");
  REQUIRE(root.add("NTUSER.DAT", "Users/alice/NTUSER.DAT"));
  fs::create_directories(root.path() / "Users/Public");
  Host host({.root = root.path()});
  auto reg = make_registry(host);
  CHECK(reg->users() == std::vector<std::string>{"alice"});
  auto k = reg->key("HKU\\alice\\Software");
  CHECK(k.found());
  CHECK_FALSE(k.key.subkeys.empty());
}

// Tests for `selfcheck usb list`: the device table, the --yaml entries that
// paste into agent.yaml, and usage errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/commands.hpp"
#include "agent/core/config.hpp"
#include "agent/core/errors.hpp"
#include "support/temp_dir.hpp"

using namespace sc;

namespace {
const std::string kRoot = std::string(SELFCHECK_FIXTURES) + "/roots/usb-debian-rotated";
}

TEST_CASE("cmd_usb") {
  std::ostringstream out, err;
  SUBCASE("list prints every device with kind, ids, serial and dates") {
    CHECK(cmd_usb({"list", "--root", kRoot, "--as-of", "2026-11-20T16:00:00+08:00"}, out, err) == 0);
    std::string s = out.str();
    CHECK(s.find("storage  0781:5583 4C531001550917108394") != std::string::npos);
    CHECK(s.find("2026-11-18T10:15:02+08:00") != std::string::npos);
    CHECK(s.find("collection") != std::string::npos);
    CHECK(s.find("other    046d:c31c") != std::string::npos);
  }
  SUBCASE("--yaml gives usb.approved entries that load as a config") {
    CHECK(cmd_usb({"list", "--root", kRoot, "--as-of", "2026-11-20T16:00:00+08:00", "--yaml"}, out, err) == 0);
    Config c = parse_config(out.str(), "pasted.yaml");
    REQUIRE(c.approved.size() == 3);  // the storage devices only
    CHECK(c.approved[1].matches("0781", "5583", "4C531001550917108394"));
    CHECK(c.approved[1].note == "SanDisk Ultra Fit, first seen 2026-11-18");
  }
  SUBCASE("--yaml does not offer a phone's mass-storage mode as a drive (issue 14)") {
    std::string root = std::string(SELFCHECK_FIXTURES) + "/roots/usb-phone-modes";
    CHECK(cmd_usb({"list", "--root", root, "--as-of", "2026-11-20T16:00:00+08:00", "--yaml"}, out, err) == 0);
    CHECK(out.str().find("1037") == std::string::npos);
    CHECK(out.str().find("no USB storage device seen") != std::string::npos);
    std::ostringstream table;
    CHECK(cmd_usb({"list", "--root", root, "--as-of", "2026-11-20T16:00:00+08:00"}, table, err) == 0);
    CHECK(table.str().find("phone    12d1:1037") != std::string::npos);
  }
  SUBCASE("usage errors") {
    CHECK_THROWS_AS(cmd_usb({}, out, err), UsageError);
    CHECK_THROWS_AS(cmd_usb({"frob"}, out, err), UsageError);
    CHECK_THROWS_AS(cmd_usb({"list", "--bogus"}, out, err), UsageError);
    CHECK_THROWS_AS(cmd_usb({"list", "--root", kRoot, "--as-of", "yesterday"}, out, err), UsageError);
  }
  SUBCASE("a bad config is a config error") {
    CHECK_THROWS_AS(cmd_usb({"list", "--root", kRoot, "--config", "/nonexistent/agent.yaml"}, out, err), ConfigError);
  }
}

TEST_CASE("cmd_usb with hostile descriptor strings") {
  // A stick whose serial holds ESC sequences and a right-to-left override
  // (shown reversed, "4321" would read as a registered "1234").
  auto root = sc::test::unique_temp_dir("usb-hostile");
  std::filesystem::create_directories(root / "var/log");
  {
    std::ofstream log(root / "var/log/kern.log", std::ios::binary);
    std::string p = "2026-11-20T09:05:30.130000+08:00 PC-0123 kernel: [346050.130000] usb 1-2: ";
    log << p << "new high-speed USB device number 12 using xhci_hcd\n"
        << p << "New USB device found, idVendor=0781, idProduct=5583, bcdDevice= 1.00\n"
        << p << "New USB device strings: Mfr=1, Product=2, SerialNumber=3\n"
        << p << "Product: Ultra\x1b]0;pwned\x07 Fit\n"
        << p << "Manufacturer: SanDisk\x1b[2J\n"
        << p
        << "SerialNumber: SN\xe2\x80\xae"
           "4321\n"
        << "2026-11-20T09:05:30.140000+08:00 PC-0123 kernel: [346050.140000] usb-storage 1-2:1.0: USB Mass Storage "
           "device detected\n";
  }
  std::ostringstream out, err;
  for (bool yaml : {false, true}) {
    INFO("--yaml " << yaml);
    std::vector<std::string> args{"list", "--root", root.string(), "--as-of", "2026-11-20T16:00:00+08:00"};
    if (yaml) args.push_back("--yaml");
    out.str("");
    CHECK(cmd_usb(args, out, err) == 0);
    std::string s = out.str();
    CHECK(s.find('\x1b') == std::string::npos);
    CHECK(s.find("\xe2\x80\xae") == std::string::npos);
  }
  CHECK(out.str().find("<U+202E>") != std::string::npos);
}

// Tests for the Linux USB gatherer (checks/usb/linux.cpp) that only the Linux
// build can run: a log the administrator's unprivileged run may not read
// (issue 13.1), by dropping to nobody in a forked child when run as root.
// Moved out of linux_test.cpp so that the Windows build builds the rest.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "agent/core/host.hpp"
#include "checks/usb/facts.hpp"

using namespace sc;
namespace fs = std::filesystem;

namespace {

fs::path temp_root(const std::string& name) {
  fs::path tmp = fs::temp_directory_path() / ("selfcheck-usblinux-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "var/log");
  fs::create_directories(tmp / "etc");
  fs::copy_file("/usr/share/zoneinfo/Asia/Shanghai", tmp / "etc/localtime");
  fs::permissions(tmp, fs::perms(0755));
  return tmp;
}

const char* kStick =
    "Nov 20 10:15:02 pc kernel: [ 100.000000] usb 1-2: new high-speed USB device number 9 using xhci_hcd\n"
    "Nov 20 10:15:02 pc kernel: [ 100.130000] usb 1-2: New USB device found, idVendor=0781, idProduct=5583, "
    "bcdDevice= 1.00\n"
    "Nov 20 10:15:02 pc kernel: [ 100.130000] usb 1-2: SerialNumber: 4C531001550917108394\n"
    "Nov 20 10:15:02 pc kernel: [ 100.140000] usb-storage 1-2:1.0: USB Mass Storage device detected\n"
    "Nov 20 10:15:02 pc kernel: [ 100.140000] scsi host6: usb-storage 1-2:1.0\n"
    "Nov 20 10:25:02 pc kernel: [ 700.000000] usb 1-2: USB disconnect, device number 9\n";

void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

UsbFacts gather(const fs::path& root) {
  Host::Options o;
  o.root = root;
  o.as_of = parse_time("2026-11-20T16:00:00+08:00", Zone());
  Host host(o);
  return gather_usb_facts_linux(host);
}

bool unreadable_names(const UsbFacts& f, std::string_view source, std::string_view words) {
  return std::any_of(f.unreadable.begin(), f.unreadable.end(), [&](const UsbUnreadable& u) {
    return u.source == source && u.reason.find(words) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("gather_usb_facts_linux: a log the unprivileged user may not read") {
  SUBCASE("kern.log 0640 root:adm read by an unprivileged user (Debian's default)") {
    fs::path root = temp_root("perm");
    write(root / "var/log/syslog", "Nov 20 09:00:00 pc systemd[1]: Started Session 1 of user admin.\n");
    write(root / "var/log/kern.log", kStick);
    fs::permissions(root / "var/log/syslog", fs::perms(0644));
    if (::geteuid() == 0) {
      // As root every file reads: drop to nobody in a child, as the
      // administrator's unprivileged run would be.
      fs::permissions(root / "var/log/kern.log", fs::perms(0640));
      pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
        UsbFacts f = gather(root);
        bool ok = unreadable_names(f, "/var/log/kern.log", "kern.log") && f.devices.empty();
        ::_exit(ok ? 0 : 1);
      }
      int status = 0;
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    } else {
      fs::permissions(root / "var/log/kern.log", fs::perms::none);
      UsbFacts f = gather(root);
      CHECK(unreadable_names(f, "/var/log/kern.log", "kern.log"));
    }
    fs::remove_all(root);
  }
}

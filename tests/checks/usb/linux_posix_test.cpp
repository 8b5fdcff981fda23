// Tests for the Linux USB gatherer (checks/usb/linux.cpp) that only the Linux
// build can run: a log the administrator's unprivileged run may not read
// (issue 13.1), by dropping to nobody in a forked child when run as root;
// var/log a link out of the root, kern.log a FIFO.
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
#include "checks/usb/linux_test_support.hpp"

using namespace sc;
namespace fs = std::filesystem;

using namespace sc::test_usb;

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

TEST_CASE("gather_usb_facts_linux: logs on a hostile root") {
  SUBCASE("var/log a link out of the root: the auditor's own logs are never read") {
    fs::path root = temp_root("escape");
    fs::path outside = fs::temp_directory_path() / ("selfcheck-usblinux-outside-" + std::to_string(::getpid()));
    fs::remove_all(outside);
    fs::create_directories(outside);
    write(outside / "kern.log", kStick);
    fs::remove_all(root / "var/log");
    fs::create_symlink(outside, root / "var/log");
    UsbFacts f = gather(root);
    CHECK(device(f, "5583") == nullptr);
    CHECK(std::none_of(f.sources_read.begin(), f.sources_read.end(),
                       [](const std::string& s) { return s.find("kern.log") != std::string::npos; }));
    fs::remove_all(root);
    fs::remove_all(outside);
  }
  SUBCASE("kern.log a FIFO: no hang, said why") {
    fs::path root = temp_root("fifo");
    write(root / "var/log/syslog", "Nov 20 09:00:00 pc systemd[1]: Started Session 1 of user admin.\n");
    REQUIRE(::mkfifo((root / "var/log/kern.log").c_str(), 0644) == 0);
    UsbFacts f = gather(root);  // returns: a FIFO is never opened for a blocking read
    CHECK(unreadable_names(f, "/var/log/kern.log", "not a regular file"));
    fs::remove_all(root);
  }
}

// Shared by the Linux USB gatherer's tests (linux_test.cpp, built for both
// platforms, and linux_posix_test.cpp, Linux only): a temporary machine root,
// a real stick's kernel lines, and lookups in the gathered facts.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "agent/core/host.hpp"
#include "checks/usb/facts.hpp"

namespace sc::test_usb {

namespace fs = std::filesystem;

inline fs::path temp_root(const std::string& name) {
  static int n = 0;
  fs::path tmp = fs::temp_directory_path() /
                 ("selfcheck-usblinux-" + name + "-" + std::to_string(std::random_device{}()) + std::to_string(n++));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "var/log");
  fs::create_directories(tmp / "etc");
  fs::copy_file("/usr/share/zoneinfo/Asia/Shanghai", tmp / "etc/localtime");
  fs::permissions(tmp, fs::perms(0755));
  return tmp;
}

inline const char* kStick =
    "Nov 20 10:15:02 pc kernel: [ 100.000000] usb 1-2: new high-speed USB device number 9 using xhci_hcd\n"
    "Nov 20 10:15:02 pc kernel: [ 100.130000] usb 1-2: New USB device found, idVendor=0781, idProduct=5583, "
    "bcdDevice= 1.00\n"
    "Nov 20 10:15:02 pc kernel: [ 100.130000] usb 1-2: SerialNumber: 4C531001550917108394\n"
    "Nov 20 10:15:02 pc kernel: [ 100.140000] usb-storage 1-2:1.0: USB Mass Storage device detected\n"
    "Nov 20 10:15:02 pc kernel: [ 100.140000] scsi host6: usb-storage 1-2:1.0\n"
    "Nov 20 10:25:02 pc kernel: [ 700.000000] usb 1-2: USB disconnect, device number 9\n";

inline void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

inline UsbFacts gather(const fs::path& root) {
  Host::Options o;
  o.root = root;
  o.as_of = parse_time("2026-11-20T16:00:00+08:00", Zone());
  Host host(o);
  return gather_usb_facts_linux(host);
}

inline bool unreadable_names(const UsbFacts& f, std::string_view source, std::string_view words) {
  return std::any_of(f.unreadable.begin(), f.unreadable.end(), [&](const UsbUnreadable& u) {
    return u.source == source && u.reason.find(words) != std::string::npos;
  });
}

inline const UsbSeen* device(const UsbFacts& f, std::string_view pid) {
  for (const auto& d : f.devices)
    if (d.pid == pid) return &d;
  return nullptr;
}

}  // namespace sc::test_usb

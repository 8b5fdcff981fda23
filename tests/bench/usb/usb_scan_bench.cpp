// Runs the usb probe's log pass (the USB history fact, uncached) on a root and
// prints what it scanned: the benchmark's "probe scan".
//   usb_scan_bench ROOT
#include <chrono>
#include <cstdio>

#include "agent/core/host.hpp"
#include "checks/usb/usb_history.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: usb_scan_bench ROOT\n");
    return 2;
  }
  sc::Host::Options o;
  o.root = argv[1];
  o.live = false;
  sc::Host host(o);
  auto start = std::chrono::steady_clock::now();
  sc::UsbHistory h = sc::build_usb_history(host);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::int64_t connections = 0;
  for (const auto& d : h.devices) connections += d.connections;
  std::printf("devices=%zu connections=%lld seconds=%.3f problems=%zu\n", h.devices.size(),
              static_cast<long long>(connections), secs, h.problems.size());
  for (const auto& p : h.problems) std::printf("problem: %s\n", p.c_str());
  return 0;
}

// Benchmark of the registry and event-log facades on a Windows root:
//   windows_bench ROOT   (ROOT/Windows/System32/config/SYSTEM and
//                         ROOT/Windows/System32/winevt/Logs/System.evtx)
// Prints the time to open the SYSTEM hive (first key read), the time of later
// key reads, and records per second over the whole System log.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "agent/core/host.hpp"

using namespace sc;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: windows_bench ROOT\n");
    return 2;
  }
  auto t0 = Clock::now();
  Host host({.root = argv[1]});  // reads the zone: opens SYSTEM
  double open_ms = ms_since(t0);
  auto t1 = Clock::now();
  int found = 0;
  for (int i = 0; i < 1000; ++i) found += host.registry().key("HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USBSTOR").found();
  double key_us = ms_since(t1);
  fmt::print("SYSTEM hive: Host with zone (opens the hive) {:.1f} ms; key read {:.1f} us ({} found)\n", open_ms, key_us,
             found);
  for (int round = 0; round < 3; ++round) {
    auto t2 = Clock::now();
    EventLogResult all = host.event_log().query("System", EventQuery{.max_records = 1000000});
    double all_ms = ms_since(t2);
    auto t3 = Clock::now();
    EventLogResult wu = host.event_log().query(
        "System", EventQuery{.providers = {"Microsoft-Windows-WindowsUpdateClient"}, .ids = {19}});
    double wu_ms = ms_since(t3);
    fmt::print(
        "System.evtx: all {} records in {:.1f} ms ({:.0f} records/s); WindowsUpdateClient 19: {} in {:.1f} ms "
        "({:.0f} scanned/s){}\n",
        all.records.size(), all_ms, all.records.size() / (all_ms / 1000), wu.records.size(), wu_ms,
        wu.scanned / (wu_ms / 1000), all.error.empty() ? "" : " error: " + all.error);
  }
  return 0;
}

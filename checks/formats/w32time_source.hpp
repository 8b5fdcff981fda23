// The time source named by Windows Time (Microsoft-Windows-Time-Service
// events 35 "now synchronizing the system time with the time source …" and
// 37 "now receiving valid time data from …"): the event's one string, e.g.
//   time.windows.com,0x9 (ntp.m|0x9|0.0.0.0:123->51.140.127.197:123)
// → name "time.windows.com", address "51.140.127.197" (the peer after "->").
// Real text: the System channel sample (windows-samples/system.evtx).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sc {

struct W32TimeSource {
  std::string name;     // as configured, without the ",0x9" flags ("" when none)
  std::string address;  // the peer's address, without the port ("" when not given)
};

std::optional<W32TimeSource> parse_w32time_source(std::string_view s);

}  // namespace sc

// The time of a syslog line's stamp for the network probe's evidence.
// A stand-in kept behind one function until the usb helper's shared
// checks/syslog_line.hpp lands; then this forwards to it.
#pragma once
#include <optional>
#include <string_view>

#include "agent/time.hpp"

namespace sc {

// "Nov 19 10:15:32" (no year: the latest such time not after `ref` + 1 day,
// local to `zone`) or RFC 3339 "2026-11-19T10:15:32.123456+08:00".
std::optional<Time> net_syslog_time(std::string_view stamp, const Zone& zone, Time ref);

}  // namespace sc

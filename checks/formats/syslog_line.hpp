// Pure parser of one text syslog line as rsyslog/syslog-ng write it, in the
// classic BSD form ("Nov 20 10:15:02 host tag[pid]: message") and the RFC 3339
// high-precision form ("2026-11-20T10:15:02.123456+08:00 host tag: message"),
// plus the year inference that classic lines need (they carry no year).
// Shared by the usb probe (kernel lines) and the network probe
// (timesyncd, NetworkManager lines).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

struct SyslogTimestamp {
  int year = 0;  // 0: the line carries no year (classic form)
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int micros = 0;
  std::optional<int> offset_seconds;  // RFC 3339 offset; none: local time of the machine
  bool has_year() const { return year != 0; }
};

struct SyslogLine {
  SyslogTimestamp ts;
  std::string_view host;
  std::string_view tag;  // program ("kernel", "systemd-timesyncd"); empty when absent
  std::optional<std::int64_t> pid;
  std::string_view message;  // after "tag[pid]: "
};

// The timestamp at the start of `line`; *consumed gets its length.
std::optional<SyslogTimestamp> parse_syslog_timestamp(std::string_view line, std::size_t* consumed = nullptr);

// A whole line; nullopt when it does not start with a timestamp and host.
std::optional<SyslogLine> parse_syslog_line(std::string_view line);

// A kernel message with its optional "[ 1234.567890] " uptime prefix split off.
struct KernelText {
  std::optional<double> uptime;
  std::string_view text;
};
KernelText split_kernel_message(std::string_view message);

// Year inference for one log file read in order. Feed every timestamp you
// keep (and a few samples: first/last line of each block); observe() returns
// the year index relative to the file's first line (0, then 1 after a
// December→January wrap). After the file, base_year() finds the year of the
// first line from an anchor instant the last line cannot be after (the file's
// mtime, the next rotation's first line, or --as-of).
class SyslogYears {
 public:
  int observe(const SyslogTimestamp& ts);
  bool empty() const { return !any_; }
  // True when `mtime` is plausibly the time of the last line (within a day
  // after it): the file was written up to its modification time.
  bool consistent_anchor(Time mtime, const Zone& zone) const;
  int base_year(Time anchor, const Zone& zone) const;
  // The first observed line's instant for a given base year.
  Time first_time(int base_year, const Zone& zone) const;
  const SyslogTimestamp& last() const { return last_; }
  int last_index() const { return index_; }

 private:
  bool any_ = false;
  SyslogTimestamp first_{}, last_{}, prev_{};
  int index_ = 0;
  std::optional<int> known_base_;  // from a line that carries its year
};

// The instant of a timestamp: its own year and offset when present,
// otherwise `year` and the machine's zone.
Time syslog_time(const SyslogTimestamp& ts, int year, const Zone& zone);

// The base years of a family of rotated files (`years` and `mtimes` oldest
// first, one per file), worked out newest file first: each file's last line
// is no later than its modification time (when that fits its content), else
// the next file's first line, else `now` (--as-of). Files without a
// timestamp get 1970.
std::vector<int> rotated_base_years(const std::vector<SyslogYears>& years,
                                    const std::vector<std::optional<Time>>& mtimes, Time now, const Zone& zone);

}  // namespace sc

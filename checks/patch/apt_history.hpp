// When was this machine last updated? apt's /var/log/apt/history.log (one
// stanza per apt run: Start-Date, Install/Upgrade/Remove, Error, End-Date)
// and dpkg's /var/log/dpkg.log ("2026-11-02 10:15:32 upgrade pkg:amd64 old
// new" … "status installed pkg:amd64 new"), rotated and .gz.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/core/time.hpp"

namespace sc {

class Host;

// One apt run. Times are the machine's local time, converted with its zone.
struct AptHistoryEntry {
  Time start{};
  std::optional<Time> end;
  std::size_t installed = 0, upgraded = 0, removed = 0;
  bool error = false;
  // Finished (End-Date), no Error line, and installed or upgraded something.
  bool success() const { return end && !error && (installed + upgraded) > 0; }
};

// Incremental parser: feed lines, then finish(). Stanzas without a
// parseable Start-Date are dropped.
class AptHistoryParser {
 public:
  AptHistoryParser(const Zone& zone, std::function<void(AptHistoryEntry&&)> sink)
      : zone_(zone), sink_(std::move(sink)) {}
  void line(std::string_view line);
  void finish();

 private:
  void flush();
  const Zone& zone_;
  std::function<void(AptHistoryEntry&&)> sink_;
  std::optional<AptHistoryEntry> cur_;
};
std::vector<AptHistoryEntry> parse_apt_history(std::string_view text, const Zone& zone);

// A package that dpkg finished installing or upgrading ("status installed"
// after its "install"/"upgrade" action line).
struct DpkgLogEvent {
  Time time{};
  std::string action;   // install | upgrade
  std::string package;  // pkg:arch
  std::string version;
};
class DpkgLogParser {
 public:
  static constexpr std::size_t kMaxPending = 65536;  // bound on actions awaiting their status line
  DpkgLogParser(const Zone& zone, std::function<void(DpkgLogEvent&&)> sink) : zone_(zone), sink_(std::move(sink)) {}
  void line(std::string_view line);

 private:
  struct Pending {
    std::string package, version, action;
  };
  const Zone& zone_;
  std::function<void(DpkgLogEvent&&)> sink_;
  std::vector<Pending> pending_;
};
std::vector<DpkgLogEvent> parse_dpkg_log(std::string_view text, const Zone& zone);

// "2026-06-06  20:09:44" (history) or "2026-06-06 20:09:44" (dpkg.log), local.
std::optional<Time> parse_log_time(std::string_view text, const Zone& zone);

struct LastUpdate {
  std::optional<Time> when;
  std::string action;        // install | upgrade
  std::string file;          // the log it was found in
  std::size_t packages = 0;  // packages in that apt run (history.log only)
  std::vector<std::string> files_read;
  std::vector<std::string> problems;  // unreadable or truncated logs
};
// The newest successful install/upgrade in history.log* and dpkg.log*
// (newest files first; stops at the first rotation that has one).
LastUpdate find_last_update(const Host& host);

}  // namespace sc

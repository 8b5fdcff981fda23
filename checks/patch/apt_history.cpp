// Parsers for apt's history.log and dpkg.log, and the search through their
// rotations for the last successful install or upgrade.
#include "checks/patch/apt_history.hpp"

#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <algorithm>

#include "agent/core/host.hpp"
#include "agent/core/text.hpp"
#include "checks/linux/log_reader.hpp"

namespace sc {

namespace {

// "a:amd64 (1.0, 1.1), b:amd64 (2.0, automatic)": one '(' per package.
std::size_t count_packages(std::string_view v) { return static_cast<std::size_t>(std::count(v.begin(), v.end(), '(')); }

template <class Parser>
void feed(std::string_view text, Parser& p) {
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) p.line(line);
}

}  // namespace

std::optional<Time> parse_log_time(std::string_view text, const Zone& zone) {
  std::string s(trim(text));
  if (s.size() < 19 || s.size() > 40) return std::nullopt;
  cctz::time_point<cctz::seconds> tp;  // seconds: a nanosecond time_point overflows (UB) past ±292 years
  // Parsed as UTC civil fields, then placed in the machine's zone.
  if (!cctz::parse("%Y-%m-%d %H:%M:%S", s, cctz::utc_time_zone(), &tp)) return std::nullopt;
  cctz::civil_second cs = cctz::convert(tp, cctz::utc_time_zone());
  return zone.from_civil(cs);
}

void AptHistoryParser::line(std::string_view l) {
  if (trim(l).empty()) {
    flush();
    return;
  }
  auto colon = l.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view key = l.substr(0, colon);
  std::string_view value = trim(l.substr(colon + 1));
  if (key == "Start-Date") {
    flush();  // a run without End-Date (killed apt) is followed directly by the next
    if (auto t = parse_log_time(value, zone_)) {
      cur_.emplace();
      cur_->start = *t;
    }
    return;
  }
  if (!cur_) return;
  if (key == "End-Date")
    cur_->end = parse_log_time(value, zone_);
  else if (key == "Install" || key == "Reinstall" || key == "Downgrade")
    cur_->installed += count_packages(value);
  else if (key == "Upgrade")
    cur_->upgraded += count_packages(value);
  else if (key == "Remove" || key == "Purge")
    cur_->removed += count_packages(value);
  else if (key == "Error")
    cur_->error = true;
}

void AptHistoryParser::flush() {
  if (cur_) sink_(std::move(*cur_));
  cur_.reset();
}

void AptHistoryParser::finish() { flush(); }

std::vector<AptHistoryEntry> parse_apt_history(std::string_view text, const Zone& zone) {
  std::vector<AptHistoryEntry> out;
  AptHistoryParser p(zone, [&](AptHistoryEntry&& e) { out.push_back(std::move(e)); });
  feed(text, p);
  p.finish();
  return out;
}

void DpkgLogParser::line(std::string_view l) {
  // "YYYY-MM-DD HH:MM:SS action rest..."
  if (l.size() < 21 || l[4] != '-' || l[10] != ' ') return;
  std::vector<std::string_view> w = split_words(l.substr(20), " ", 5);
  if (w.empty()) return;
  if ((w[0] == "install" || w[0] == "upgrade") && w.size() >= 4) {
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.package == w[1]; });
    if (it != pending_.end()) {
      it->version = std::string(w[3]);
      it->action = std::string(w[0]);
    } else if (pending_.size() < kMaxPending) {
      pending_.push_back({std::string(w[1]), std::string(w[3]), std::string(w[0])});
    }
    return;
  }
  if (w[0] == "status" && w.size() >= 4 && w[1] == "installed") {
    auto it = std::find_if(pending_.begin(), pending_.end(),
                           [&](const Pending& p) { return p.package == w[2] && p.version == w[3]; });
    if (it == pending_.end()) return;  // trigger processing, not an install
    auto t = parse_log_time(l.substr(0, 19), zone_);
    if (t) sink_(DpkgLogEvent{*t, it->action, it->package, it->version});
    pending_.erase(it);
  }
}

std::vector<DpkgLogEvent> parse_dpkg_log(std::string_view text, const Zone& zone) {
  std::vector<DpkgLogEvent> out;
  DpkgLogParser p(zone, [&](DpkgLogEvent&& e) { out.push_back(std::move(e)); });
  feed(text, p);
  return out;
}

LastUpdate find_last_update(const Host& host) {
  LastUpdate best;
  auto consider = [&](Time t, std::string action, const std::string& file, std::size_t packages) {
    if (!best.when || t > *best.when) {
      best.when = t;
      best.action = std::move(action);
      best.file = file;
      best.packages = packages;
    }
  };
  auto read = [&](const std::string& file, auto& parser) {
    LineReader reader(host, file);
    if (!reader.ok()) {
      best.problems.push_back(fmt::format("cannot read {}: {}", file, reader.error()));
      return;
    }
    best.files_read.push_back(file);
    std::string_view line;
    while (reader.next(line)) parser.line(line);
    if (reader.truncated()) best.problems.push_back(fmt::format("{} is truncated: {}", file, reader.error()));
  };

  // history.log: newest rotation first; the first one with a success holds the newest.
  auto history = rotated_logs(host, "/var/log/apt", "history.log");
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    bool found = false;
    AptHistoryParser p(host.zone(), [&](AptHistoryEntry&& e) {
      if (!e.success()) return;
      found = true;
      consider(*e.end, e.upgraded > 0 ? "upgrade" : "install", *it, e.installed + e.upgraded);
    });
    read(*it, p);
    p.finish();
    if (found) break;
  }
  // dpkg.log catches dpkg -i, unattended-upgrades and GUI installers too.
  auto dpkg = rotated_logs(host, "/var/log", "dpkg.log");
  for (auto it = dpkg.rbegin(); it != dpkg.rend(); ++it) {
    bool found = false;
    DpkgLogParser p(host.zone(), [&](DpkgLogEvent&& e) {
      found = true;
      if (best.when && e.time <= *best.when) return;
      consider(e.time, e.action, *it, 0);
    });
    read(*it, p);
    if (found) break;
  }
  return best;
}

}  // namespace sc

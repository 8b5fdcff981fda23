// Fuzz target: the Internet-history matchers (sc::split_syslog_line,
// sc::match_history_message with the shipped phrases, sc::match_apt_fetch,
// sc::apt_log_started), one log line a line. Parts are views of the line;
// a time_sync hit has the server's address; an apt fetch's host is part of
// its URL, which is part of the line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks/formats/timesync_lines.hpp"
#include "fuzz_check.hpp"

namespace {

const sc::HistoryPatterns& patterns() {  // as in rules/network.yaml
  static const sc::HistoryPatterns p = [] {
    sc::HistoryPatterns p;
    p.time_sync = {{"systemd-timesyncd", "Contacted time server"},
                   {"systemd-timesyncd", "Initial synchronization to time server"},
                   {"systemd-timesyncd", "Synchronized to time server for the first time"},
                   {"systemd-timesyncd", "Synchronized to time server"},
                   {"chronyd", "Selected source"},
                   {"ntpd", "synchronized to"},
                   {"", "time server"}};
    p.connectivity = {{"NetworkManager", {"NetworkManager state is now CONNECTED_GLOBAL"}},
                      {"NetworkManager", {"connectivity state changed from", "to FULL"}},
                      {"", {"connectivity checking indicates full"}}};
    return p;
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (std::string_view line : fuzz::lines(text)) {
    std::string_view ident = "systemd-timesyncd", message = line;
    if (auto parts = sc::split_syslog_line(line)) {
      FUZZ_CHECK(fuzz::inside(parts->stamp, line) && fuzz::inside(parts->host, line) &&
                 fuzz::inside(parts->ident, line) && fuzz::inside(parts->message, line));
      FUZZ_CHECK(parts->ident.find(' ') == std::string_view::npos);
      ident = parts->ident;
      message = parts->message;
    }
    if (auto hit = sc::match_history_message(ident, message, patterns())) {
      FUZZ_CHECK(hit->kind == "time_sync" || hit->kind == "connectivity");
      FUZZ_CHECK((hit->kind == "time_sync") == hit->address.has_value());
      FUZZ_CHECK(hit->server_name.size() <= 253);
    }
    if (auto f = sc::match_apt_fetch(line)) {
      FUZZ_CHECK(!f->host.empty() && f->host.size() <= 253);
      FUZZ_CHECK(f->url.find(f->host) != std::string::npos);
      FUZZ_CHECK(line.find(f->url) != std::string_view::npos);
    }
    if (auto s = sc::apt_log_started(line)) FUZZ_CHECK(s->size() == 19 && (*s)[10] == ' ');
  }
  return 0;
}

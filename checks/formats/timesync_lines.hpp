// Log evidence that a machine reached the Internet, matched on the message
// part of a log line (text syslog or a journal entry): time synchronisation
// naming a server address (systemd-timesyncd across versions, chrony, ntpd),
// NetworkManager connectivity "full", and apt's "Get:/Hit:" mirror lines.
// The phrases are data (rules/network.yaml); these are the pure matchers.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/formats/ip_networks.hpp"

namespace sc {

struct HistoryPatterns {
  // The server address follows `phrase` ("Contacted time server 203.0.113.5:123 (ntp…)").
  struct AddressPhrase {
    std::string ident;  // SYSLOG_IDENTIFIER / syslog tag, e.g. systemd-timesyncd
    std::string phrase;
  };
  // Every string in `all` occurs in the message.
  struct Contains {
    std::string ident;
    std::vector<std::string> all;
  };
  std::vector<AddressPhrase> time_sync;
  std::vector<Contains> connectivity;
};

struct HistoryHit {
  std::string kind;                  // "time_sync" | "connectivity"
  std::optional<IpAddress> address;  // time_sync: the server
  std::string server_name;           // "(ntp.ubuntu.com)" → "ntp.ubuntu.com"
};

// `ident` is the line's tag without "[pid]"; `message` what follows ": ".
std::optional<HistoryHit> match_history_message(std::string_view ident, std::string_view message,
                                                const HistoryPatterns& patterns);

// A traditional syslog line, "Nov 19 10:15:32 host ident[pid]: message", or
// with an RFC 3339 stamp ("2026-11-19T10:15:32.123456+08:00 host …"), as
// parse_syslog_line (checks/syslog_line.hpp) splits it; lines without a tag
// are refused.
struct SyslogParts {
  std::string_view stamp, host, ident, message;
};
std::optional<SyslogParts> split_syslog_line(std::string_view line);

// apt's download lines in /var/log/apt/term.log: "Get:1 http://host/debian …",
// "Hit:2 …", "Ign:3 …"; returns the URL's host (without brackets or port).
struct AptFetch {
  std::string host;
  std::string url;  // scheme://host/path up to the first space
};
std::optional<AptFetch> match_apt_fetch(std::string_view line);
// "Log started: 2026-11-02  10:15:32" → "2026-11-02 10:15:32"
std::optional<std::string> apt_log_started(std::string_view line);

}  // namespace sc

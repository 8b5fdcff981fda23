// Matchers for the network.internet_history log evidence.
#include "checks/formats/timesync_lines.hpp"

#include "checks/formats/syslog_line.hpp"

namespace sc {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view strip_pid(std::string_view tag) {
  auto b = tag.find('[');
  return b == std::string_view::npos ? tag : tag.substr(0, b);
}

}  // namespace

std::optional<HistoryHit> match_history_message(std::string_view ident, std::string_view message,
                                                const HistoryPatterns& p) {
  ident = strip_pid(ident);
  for (const auto& ph : p.time_sync) {
    if (!ph.ident.empty() && ident != ph.ident) continue;
    auto at = message.find(ph.phrase);
    if (at == std::string_view::npos) continue;
    std::string_view rest = message.substr(at + ph.phrase.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    auto addr = leading_address(rest);
    if (!addr) continue;  // "Synchronized to time server for the first time …" matched by a longer phrase
    HistoryHit hit;
    hit.kind = "time_sync";
    hit.address = addr;
    auto open = rest.find(" (");
    if (open != std::string_view::npos) {
      auto close = rest.find(')', open);
      if (close != std::string_view::npos && close - open - 2 <= 253)
        hit.server_name = std::string(rest.substr(open + 2, close - open - 2));
    }
    return hit;
  }
  for (const auto& c : p.connectivity) {
    if (!c.ident.empty() && ident != c.ident) continue;
    bool all = !c.all.empty();
    for (const auto& s : c.all) all = all && message.find(s) != std::string_view::npos;
    if (all) return HistoryHit{"connectivity", std::nullopt, {}};
  }
  return std::nullopt;
}

std::optional<SyslogParts> split_syslog_line(std::string_view line) {
  std::size_t stamp = 0;
  if (!parse_syslog_timestamp(line, &stamp)) return std::nullopt;
  auto l = parse_syslog_line(line);
  if (!l || l->tag.empty()) return std::nullopt;
  return SyslogParts{line.substr(0, stamp), l->host, l->tag, l->message};
}

std::optional<AptFetch> match_apt_fetch(std::string_view line) {
  std::string_view rest;
  for (std::string_view tag : {"Get:", "Hit:", "Ign:"}) {
    if (line.substr(0, tag.size()) == tag) {
      rest = line.substr(tag.size());
      break;
    }
  }
  if (rest.empty()) return std::nullopt;
  std::size_t i = 0;
  while (i < rest.size() && is_digit(rest[i])) ++i;
  if (i == 0 || i >= rest.size() || rest[i] != ' ') return std::nullopt;
  rest.remove_prefix(i + 1);
  auto scheme_end = rest.find("://");
  if (scheme_end == std::string_view::npos || scheme_end > 10) return std::nullopt;
  auto url_end = rest.find(' ');
  if (url_end != std::string_view::npos && url_end < scheme_end + 3) return std::nullopt;  // "://" not in the URL
  std::string_view url = rest.substr(0, url_end);
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find('/'));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  if (host.empty() || host.size() > 253) return std::nullopt;
  return AptFetch{std::string(host), std::string(url)};
}

std::optional<std::string> apt_log_started(std::string_view line) {
  constexpr std::string_view tag = "Log started: ";
  if (line.substr(0, tag.size()) != tag) return std::nullopt;
  std::string_view rest = line.substr(tag.size());
  auto sp = rest.find(' ');
  if (sp == std::string_view::npos || sp != 10) return std::nullopt;
  std::string_view date = rest.substr(0, 10), time = rest.substr(sp);
  while (!time.empty() && time.front() == ' ') time.remove_prefix(1);
  if (time.size() < 8) return std::nullopt;
  return std::string(date) + " " + std::string(time.substr(0, 8));
}

}  // namespace sc

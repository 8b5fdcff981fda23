// Fuzz target: one text syslog line (sc::parse_syslog_line, the timestamp
// alone, the kernel "[uptime]" split) and year inference over the lines of a
// file (sc::SyslogYears). Fields stay in range, the parts are views into the
// line, and the year index only moves forward (a year per wrap).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/formats/syslog_line.hpp"
#include "fuzz_check.hpp"

namespace {

void check_ts(const sc::SyslogTimestamp& t) {
  FUZZ_CHECK(t.month >= 1 && t.month <= 12);
  FUZZ_CHECK(t.day >= 1 && t.day <= 31);
  FUZZ_CHECK(t.hour >= 0 && t.hour <= 24);
  FUZZ_CHECK(t.minute >= 0 && t.minute <= 59);
  FUZZ_CHECK(t.second >= 0 && t.second <= 60);
  FUZZ_CHECK(t.micros >= 0 && t.micros <= 999999);
  FUZZ_CHECK(t.year >= 0 && t.year <= 9999);
  if (t.offset_seconds) FUZZ_CHECK(*t.offset_seconds > -86400 && *t.offset_seconds < 86400);
}

const sc::Zone& shanghai() {
  static const sc::Zone z = sc::Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai").value_or(sc::Zone());
  return z;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::SyslogYears years;
  int prev_index = 0;
  for (std::string_view line : fuzz::lines(text)) {
    std::size_t consumed = 0;
    auto ts = sc::parse_syslog_timestamp(line, &consumed);
    if (ts) {
      check_ts(*ts);
      FUZZ_CHECK(consumed > 0 && consumed <= line.size());
    }
    auto l = sc::parse_syslog_line(line);
    if (!l) continue;
    check_ts(l->ts);
    FUZZ_CHECK(ts.has_value());
    FUZZ_CHECK(fuzz::inside(l->host, line) && fuzz::inside(l->tag, line) && fuzz::inside(l->message, line));
    FUZZ_CHECK(!l->host.empty());
    auto k = sc::split_kernel_message(l->message);
    FUZZ_CHECK(fuzz::inside(k.text, l->message));
    if (k.uptime) FUZZ_CHECK(*k.uptime >= 0);

    int index = years.observe(l->ts);
    // Forward only: one year per December→January wrap, or to the year a
    // line carries (within 100 years).
    FUZZ_CHECK(index >= prev_index);
    FUZZ_CHECK(index <= prev_index + (l->ts.has_year() ? 99 : 1));
    prev_index = index;
    (void)sc::syslog_time(l->ts, 2026, shanghai());
  }
  if (!years.empty()) {
    const sc::Time anchor(std::chrono::seconds(1795161600));  // 2026-11-20
    int base = years.base_year(anchor, shanghai());
    (void)years.consistent_anchor(anchor, shanghai());
    (void)years.first_time(base, shanghai());
    (void)sc::syslog_time(years.last(), base + years.last_index(), shanghai());
  }
  return 0;
}

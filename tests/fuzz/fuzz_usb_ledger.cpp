// Fuzz target: the agent's USB ledger (sc::parse_ledger, sc::format_ledger).
// A ledger that reads is refused or accepted as a whole; written back and
// read again it gives the same devices (times to the second, or to the
// minute where the zone's offset has seconds).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "checks/usb/usb_ledger.hpp"
#include "fuzz_check.hpp"

namespace {

const sc::Zone& shanghai() {
  static const sc::Zone z = sc::Zone::load_file("/usr/share/zoneinfo/Asia/Shanghai").value_or(sc::Zone());
  return z;
}

// cctz writes years outside 1000..9999 in a form parse_time refuses: such a
// time may be dropped on the way back (see fuzz_time.cpp).
bool writable(const sc::Time& t, const sc::Zone& z) {
  auto y = z.to_civil(t).year();
  return y >= 1000 && y <= 9999;
}

bool close(const sc::Time& a, const sc::Time& b) { return std::abs((a - b).count()) < 60; }

bool same_opt(const std::optional<sc::Time>& a, const std::optional<sc::Time>& b, const sc::Zone& z) {
  if (a && !writable(*a, z)) return true;
  if (a.has_value() != b.has_value()) return false;
  return !a || close(*a, *b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const sc::Zone& zone = shanghai();
  sc::Ledger l = sc::parse_ledger(text, zone);
  if (!l.error.empty()) {
    FUZZ_CHECK(l.devices.empty());
    return 0;
  }
  bool all_writable = true;
  for (const auto& d : l.devices) {
    FUZZ_CHECK(fuzz::lower_hex(d.vid, 4) && fuzz::lower_hex(d.pid, 4));
    FUZZ_CHECK(d.connection_times.size() <= sc::kLedgerTimesKept);
    FUZZ_CHECK(d.connections >= static_cast<std::int64_t>(d.connection_times.size()));
    for (const auto& t : d.connection_times) all_writable = all_writable && writable(t, zone);
  }
  sc::Ledger again = sc::parse_ledger(sc::format_ledger(l.devices, zone), zone);
  FUZZ_CHECK(again.error.empty());
  FUZZ_CHECK(again.devices.size() == l.devices.size());
  for (std::size_t i = 0; i < l.devices.size(); ++i) {
    const auto &a = l.devices[i], &b = again.devices[i];
    FUZZ_CHECK(a.vid == b.vid && a.pid == b.pid && a.serial == b.serial && a.vendor == b.vendor &&
               a.product == b.product && a.bcd == b.bcd && a.kind == b.kind && a.drivers == b.drivers &&
               a.scsi_disk == b.scsi_disk && a.unconfirmed == b.unconfirmed && a.connections == b.connections);
    FUZZ_CHECK(same_opt(a.first_seen, b.first_seen, zone) && same_opt(a.last_seen, b.last_seen, zone));
    if (all_writable) {
      FUZZ_CHECK(a.connection_times.size() == b.connection_times.size());
      for (std::size_t k = 0; k < a.connection_times.size(); ++k)
        FUZZ_CHECK(close(a.connection_times[k], b.connection_times[k]));
    }
  }
  return 0;
}

// Fuzz target: USB connections assembled from kernel messages
// (sc::KernelUsbAssembler), one message a line, with the device-string
// cleaner and the port check. Open connections stay bounded, finish() closes
// them all, and every kept connection has a 4-hex-digit identity, a real
// port, clean strings and first <= last time.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/formats/kernel_usb.hpp"
#include "checks/formats/syslog_line.hpp"
#include "fuzz_check.hpp"

namespace {

void check_clean(std::string_view raw) {
  std::string c = sc::clean_device_string(raw);
  FUZZ_CHECK(c.size() <= 128);
  FUZZ_CHECK(fuzz::valid_utf8(c));
  FUZZ_CHECK(!fuzz::has_control(c));
  FUZZ_CHECK(sc::clean_device_string(c) == c);
}

void check_conn(const sc::UsbConnection& c) {
  // A connection without an identity (old kernels' "address N" lines with
  // storage activity, issue 14) has neither id; otherwise both are ids.
  FUZZ_CHECK((c.vid.empty() && c.pid.empty()) || (fuzz::lower_hex(c.vid, 4) && fuzz::lower_hex(c.pid, 4)));
  FUZZ_CHECK(sc::is_usb_port(c.port));
  FUZZ_CHECK(c.connected <= c.last);
  for (const std::string* s : {&c.vendor, &c.product, &c.serial, &c.bcd}) {
    FUZZ_CHECK(s->size() <= 128 && fuzz::valid_utf8(*s) && !fuzz::has_control(*s));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  sc::KernelUsbAssembler a;
  sc::When when = 0;
  std::size_t kept = 0;
  for (std::string_view line : fuzz::lines(text)) {
    // Whole syslog lines (as in the seeds) or bare messages.
    std::string_view msg = line;
    if (auto l = sc::parse_syslog_line(line)) msg = l->message;
    msg = sc::split_kernel_message(msg).text;
    (void)a.feed(msg, ++when);
    FUZZ_CHECK(a.open_count() <= sc::KernelUsbAssembler::kMaxOpen);
    (void)a.opened_recently();
    if (when % 64 == 0)
      for (const auto& c : a.take()) check_conn(c), ++kept;
    if (line.size() < 512) check_clean(line);
    (void)sc::is_usb_port(line);
  }
  a.finish();
  FUZZ_CHECK(a.open_count() == 0);
  for (const auto& c : a.take()) check_conn(c), ++kept;
  FUZZ_CHECK(a.take().empty());
  return 0;
}

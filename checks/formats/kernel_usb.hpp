// Pure assembly of USB connections from the kernel's own words, as printed by
// drivers/usb/core (hub.c, generic.c), usb-storage/uas, the SCSI disk driver
// and the USB network drivers. Each device is followed by its bus-port path
// ("1-1.2") and device number from "new … USB device number N" to
// "USB disconnect, device number N", so interleaved devices, re-plugs and
// hubs are kept apart. Times are opaque tokens (`When`): the caller maps
// them to instants (text logs resolve their year only after the file).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

using When = std::int64_t;

struct UsbConnection {
  std::string port;  // "1-1.2"
  int devnum = 0;
  std::string vid, pid, bcd;            // lower-case hex; bcd "1.00"
  std::string vendor, product, serial;  // Manufacturer / Product / SerialNumber, cleaned
  std::vector<std::string> drivers;     // interface drivers bound: usb-storage, uas, rndis_host, …
  bool hub = false;
  bool scsi_disk = false;  // "Attached SCSI removable disk" (or "Attached SCSI disk")
  // A second identity (New USB device found / SerialNumber) was printed for
  // this connection while it already had one: real kernels print a device's
  // identity once per connection, so one of the two is forged. Both sides are
  // kept as separate connections with `conflict` set; the side that came
  // second names the first in `conflict_with` ("0781:5583 serial 4C53…").
  bool conflict = false;
  std::string conflict_with;
  int serial_index = -1;         // "New USB device strings: … SerialNumber=N"; 0: the device has none
  When connected = 0, last = 0;  // first and last message of this connection
  bool disconnected = false;
};

class KernelUsbAssembler {
 public:
  // One kernel message, without syslog header and "[uptime]" prefix.
  // Returns true when the message was about USB (used or not).
  bool feed(std::string_view message, When when);
  // Ends the source: open connections are closed where they were last seen.
  void finish();
  // Connections closed so far (moved out), in order of closing. Kept: those
  // with an identity (idVendor/idProduct seen) and those without one that
  // showed storage (old kernels print no identity; the caller reports them).
  std::vector<UsbConnection> take();
  // A connection opened since the last call (clears the flag): the block
  // scanner keeps reading the next block line by line while descriptors and
  // driver messages may still follow.
  bool opened_recently();
  std::size_t open_count() const { return open_.size(); }

  static constexpr std::size_t kMaxOpen = 256;

 private:
  void close(std::map<std::string, UsbConnection>::iterator it);
  UsbConnection* at_port(std::string_view port);
  UsbConnection* strings_target(std::string_view port);
  void flush_shadow(UsbConnection& c);
  void open_shadow(UsbConnection& c, When when);
  void disconnect(std::string_view port, std::string_view how, When when);
  std::map<std::string, UsbConnection> open_;  // by port
  // The second identity printed on a port whose connection had one: receives
  // the strings that follow it until the port's connection closes.
  std::map<std::string, UsbConnection> shadow_;
  std::map<int, std::string> scsi_hosts_;  // scsi host number → port
  std::vector<UsbConnection> done_;
  std::string last_opened_;  // port of the newest identified device
  std::string last_new_;     // port of the newest "new … USB device" (identified or not)
  bool opened_recently_ = false;
};

// The connection stored storage evidence (a storage driver or a SCSI disk).
bool shows_storage(const UsbConnection& c);

// Is `s` a USB bus-port path ("1-1", "3-10.4.2")?
bool is_usb_port(std::string_view s);
// Printable, valid UTF-8, at most 128 bytes: device strings are untrusted.
std::string clean_device_string(std::string_view s);

}  // namespace sc

// Kernel USB message assembly: one UsbConnection per "new USB device number".
#include "checks/formats/kernel_usb.hpp"

#include <algorithm>

namespace sc {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Leading decimal number of s (at most 9 digits); -1 when none.
int number(std::string_view s) {
  int v = 0, n = 0;
  while (n < static_cast<int>(s.size()) && n < 9 && digit(s[static_cast<std::size_t>(n)])) {
    v = v * 10 + (s[static_cast<std::size_t>(n)] - '0');
    ++n;
  }
  return n ? v : -1;
}

std::string lower_hex(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (digit(c) || (c >= 'a' && c <= 'f'))
      out += c;
    else if (c >= 'A' && c <= 'F')
      out += static_cast<char>(c - 'A' + 'a');
    else
      break;
  }
  return out.size() == 4 ? out : std::string();
}

// Value after "key=" up to ',' (spaces skipped).
std::string_view field(std::string_view s, std::string_view key) {
  std::size_t p = s.find(key);
  if (p == std::string_view::npos) return {};
  p += key.size();
  while (p < s.size() && s[p] == ' ') ++p;
  std::size_t e = s.find(',', p);
  return s.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
}

bool driver_name(std::string_view w) {
  if (w.empty() || w.size() > 32) return false;
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || digit(c) || c == '_' || c == '-'; });
}

void add_driver(UsbConnection& c, std::string_view d) {
  if (c.drivers.size() >= 16) return;
  if (std::find(c.drivers.begin(), c.drivers.end(), d) == c.drivers.end()) c.drivers.emplace_back(d);
}

}  // namespace

bool is_usb_port(std::string_view s) {
  std::size_t dash = s.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 3 || s.size() > 40) return false;
  for (std::size_t i = 0; i < dash; ++i)
    if (!digit(s[i])) return false;
  bool need_digit = true;
  for (std::size_t i = dash + 1; i < s.size(); ++i) {
    if (digit(s[i])) {
      need_digit = false;
    } else if (s[i] == '.' && !need_digit) {
      need_digit = true;
    } else {
      return false;
    }
  }
  return !need_digit;
}

std::string clean_device_string(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < 128) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2 && c < 0xC2) ok = false;  // overlong
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) ok = false;  // overlong, surrogate
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c > 0xF4 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) ok = false;
    }
    if (!ok) {
      out += '?';
      ++i;
      continue;
    }
    if (len == 1 && (c < 0x20 || c == 0x7f)) {
      out += '?';
    } else {
      if (out.size() + len > 128) break;
      out.append(s.substr(i, len));
    }
    i += len;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::size_t lead = 0;
  while (lead < out.size() && out[lead] == ' ') ++lead;
  return out.substr(lead);
}

bool shows_storage(const UsbConnection& c) {
  if (c.scsi_disk) return true;
  return std::any_of(c.drivers.begin(), c.drivers.end(),
                     [](const std::string& d) { return d == "usb-storage" || d == "uas"; });
}

namespace {

std::string identity_text(const UsbConnection& c) {
  return c.vid + ":" + c.pid + (c.serial.empty() ? " (no serial)" : " serial " + c.serial);
}

bool same_identity(const UsbConnection& a, const UsbConnection& b) {
  return a.vid == b.vid && a.pid == b.pid && a.serial == b.serial;
}

// "device number 40" | "address 3" (kernels before 2.6.26) → the number, or -1.
int devnum_after(std::string_view s) {
  if (starts(s, "device number ")) return number(s.substr(14));
  if (starts(s, "address ")) return number(s.substr(8));
  return -1;
}

}  // namespace

UsbConnection* KernelUsbAssembler::at_port(std::string_view port) {
  auto it = open_.find(std::string(port));
  return it == open_.end() ? nullptr : &it->second;
}

UsbConnection* KernelUsbAssembler::strings_target(std::string_view port) {
  auto it = shadow_.find(std::string(port));
  return it != shadow_.end() ? &it->second : at_port(port);
}

// The shadow of `c`'s port (a second identity) is done: kept apart from `c`,
// both marked, unless it turned out to be the very same identity (a repeated
// line, not a contradiction).
void KernelUsbAssembler::flush_shadow(UsbConnection& c) {
  auto sh = shadow_.find(c.port);
  if (sh == shadow_.end()) return;
  UsbConnection s = std::move(sh->second);
  shadow_.erase(sh);
  if (s.vid.empty() || same_identity(s, c)) return;
  c.conflict = true;
  s.conflict = true;
  s.conflict_with = identity_text(c);
  s.drivers.clear();  // what the kernel bound belongs to the connection, not to a forged identity
  s.scsi_disk = false;
  done_.push_back(std::move(s));
}

// A second identity for `c`: the strings that follow go to a new shadow
// connection on the same port and device number.
void KernelUsbAssembler::open_shadow(UsbConnection& c, When when) {
  flush_shadow(c);
  UsbConnection s;
  s.port = c.port;
  s.devnum = c.devnum;
  s.connected = s.last = when;
  shadow_.emplace(c.port, std::move(s));
}

void KernelUsbAssembler::close(std::map<std::string, UsbConnection>::iterator it) {
  flush_shadow(it->second);
  UsbConnection& c = it->second;
  if ((!c.vid.empty() && !c.pid.empty()) || shows_storage(c)) done_.push_back(std::move(c));
  if (last_opened_ == it->first) last_opened_.clear();
  if (last_new_ == it->first) last_new_.clear();
  for (auto h = scsi_hosts_.begin(); h != scsi_hosts_.end();) {
    if (h->second == it->first)
      h = scsi_hosts_.erase(h);
    else
      ++h;
  }
  open_.erase(it);
}

void KernelUsbAssembler::disconnect(std::string_view port, std::string_view how, When when) {
  int n = devnum_after(how);
  auto it = open_.find(std::string(port));
  if (it == open_.end()) return;
  UsbConnection& c = it->second;
  if (c.devnum == n || c.devnum == 0) {
    c.last = when;
    c.disconnected = true;
    close(it);
  }
}

bool KernelUsbAssembler::feed(std::string_view m, When when) {
  std::size_t sp = m.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view word = m.substr(0, sp);
  std::string_view rest = m.substr(sp + 1);

  if (word == "usb") {
    std::size_t colon = rest.find(": ");
    if (colon == std::string_view::npos) return false;
    std::string_view port = rest.substr(0, colon);
    if (!is_usb_port(port)) return false;
    std::string_view msg = rest.substr(colon + 2);
    UsbConnection* c = at_port(port);
    if (starts(msg, "new ")) {
      // "new high-speed USB device number 3 using xhci_hcd" (2.6.26+) or
      // "new high speed USB device using ehci_hcd and address 3" (older).
      int devnum = -1;
      if (std::size_t p = msg.find("USB device number "); p != std::string_view::npos)
        devnum = number(msg.substr(p + 18));
      else if (std::size_t q = msg.find(" and address ");
               q != std::string_view::npos && msg.find("USB device using ") != std::string_view::npos)
        devnum = number(msg.substr(q + 13));
      else
        return true;
      if (c) close(open_.find(std::string(port)));
      if (open_.size() >= kMaxOpen) {  // forgotten connections: drop the oldest
        auto oldest = std::min_element(open_.begin(), open_.end(), [](const auto& a, const auto& b) {
          return a.second.connected < b.second.connected;
        });
        close(oldest);
      }
      UsbConnection n;
      n.port = std::string(port);
      n.devnum = std::max(0, devnum);
      n.connected = n.last = when;
      last_new_ = n.port;
      open_.emplace(n.port, std::move(n));
      opened_recently_ = true;
      return true;
    }
    if (starts(msg, "USB disconnect, ")) {
      disconnect(port, msg.substr(16), when);
      return true;
    }
    if (starts(msg, "New USB device found, ")) {
      if (!c) {  // the "new" line was not seen (log starts mid-event)
        UsbConnection n;
        n.port = std::string(port);
        n.connected = when;
        c = &open_.emplace(n.port, std::move(n)).first->second;
        opened_recently_ = true;
      }
      std::string vid = lower_hex(field(msg, "idVendor="));
      std::string pid = lower_hex(field(msg, "idProduct="));
      // An identity is both ids: a line cut short ("idVendor=12d1, idProdu")
      // kept a device without product id, which the ledger then refused as a
      // whole (found by fuzz_kernel_usb).
      if (vid.empty() || pid.empty()) return true;
      c->last = when;
      UsbConnection* target = c;
      if (!c->vid.empty()) {  // a second identity on one connection: never merged into the first
        open_shadow(*c, when);
        target = &shadow_.find(c->port)->second;
      }
      target->vid = std::move(vid);
      target->pid = std::move(pid);
      target->bcd = clean_device_string(field(msg, "bcdDevice=").substr(0, 8));
      if (target == c) last_opened_ = c->port;
      return true;
    }
    if (!c) return true;
    c->last = when;
    UsbConnection* t = strings_target(port);
    if (starts(msg, "New USB device strings: ")) {
      std::string_view sn = field(msg, "SerialNumber=");
      if (!sn.empty()) t->serial_index = number(sn);
    } else if (starts(msg, "Product: ")) {
      if (t->product.empty()) t->product = clean_device_string(msg.substr(9));
    } else if (starts(msg, "Manufacturer: ")) {
      if (t->vendor.empty()) t->vendor = clean_device_string(msg.substr(14));
    } else if (starts(msg, "SerialNumber: ")) {
      std::string serial = clean_device_string(msg.substr(14));
      if (serial == t->serial) return true;
      if (t->vid.empty() || (t->serial.empty() && t->serial_index != 0)) {
        t->serial = std::move(serial);
        return true;
      }
      // A second serial, or one for a device that said it has none: a new
      // identity (same ids, this serial) kept apart from the first.
      UsbConnection copy;
      copy.vid = t->vid;
      copy.pid = t->pid;
      copy.bcd = t->bcd;
      copy.vendor = t->vendor;
      copy.product = t->product;
      open_shadow(*c, when);
      UsbConnection& s = shadow_.find(c->port)->second;
      s.vid = copy.vid;
      s.pid = copy.pid;
      s.bcd = copy.bcd;
      s.vendor = copy.vendor;
      s.product = copy.product;
      s.serial = std::move(serial);
    }
    return true;
  }

  if (word == "usb-storage:") {
    // Kernels before 2.6.2x: "usb-storage: device found at 3" (the address).
    if (!starts(rest, "device found at ")) return false;
    int n = number(rest.substr(16));
    for (auto& [port, c] : open_)
      if (c.devnum == n) {
        add_driver(c, "usb-storage");
        c.last = when;
      }
    return true;
  }

  if (starts(word, "scsi") && word.size() > 4 && digit(word[4]) && starts(rest, ": ")) {
    // Kernels before 3.x: "scsi5 : usb-storage 1-1:1.0" and
    // "scsi4 : SCSI emulation for USB Mass Storage devices" (no port: the newest device).
    int host = number(word.substr(4));
    std::string_view what = rest.substr(2);
    std::string port;
    if (starts(what, "usb-storage ")) {
      std::string_view iface = what.substr(12);
      port = std::string(iface.substr(0, iface.find(':')));
    } else if (starts(what, "SCSI emulation for USB Mass Storage devices")) {
      port = !last_new_.empty() ? last_new_ : last_opened_;
    } else {
      return false;
    }
    UsbConnection* c = at_port(port);
    if (!c) return true;
    scsi_hosts_[host] = port;
    add_driver(*c, "usb-storage");
    c->last = when;
    return true;
  }

  if (word == "scsi") {
    // "scsi host6: usb-storage 1-1:1.0" | "scsi host2: uas"
    if (!starts(rest, "host")) return false;
    int host = number(rest.substr(4));
    std::size_t colon = rest.find(": ");
    if (host < 0 || colon == std::string_view::npos) return false;
    std::string_view what = rest.substr(colon + 2);
    std::string port;
    std::string driver;
    if (starts(what, "usb-storage ")) {
      std::string_view iface = what.substr(12);
      port = std::string(iface.substr(0, iface.find(':')));
      driver = "usb-storage";
    } else if (what == "uas" || starts(what, "uas ")) {
      port = !last_opened_.empty() ? last_opened_ : last_new_;
      driver = "uas";
    } else {
      return false;
    }
    UsbConnection* c = at_port(port);
    if (!c) return true;
    scsi_hosts_[host] = port;
    add_driver(*c, driver);
    c->last = when;
    return true;
  }

  if (word == "sd") {
    // "sd 6:0:0:0: [sdb] Attached SCSI removable disk"; 2.6.1x: "sd 5:0:0:0:
    // Attached scsi removable disk sdb at scsi5, channel 0, id 0, lun 0".
    bool attached = m.find("Attached SCSI ") != std::string_view::npos ||
                    m.find("Attached scsi removable disk") != std::string_view::npos ||
                    m.find("Attached scsi disk") != std::string_view::npos;
    if (!attached || m.find(" disk") == std::string_view::npos) return false;
    int host = number(rest);
    auto h = scsi_hosts_.find(host);
    if (h == scsi_hosts_.end()) return false;
    if (UsbConnection* c = at_port(h->second)) {
      c->scsi_disk = true;
      c->last = when;
    }
    return true;
  }

  if (word == "Linux" && starts(rest, "version ")) {  // a new boot: nothing stays plugged
    finish();
    return true;
  }

  // "<driver> 1-1:1.0: …" or "<driver> 1-1:1.0 usb0: …"; a driver bound to
  // the whole device prints its disconnect: "apple-mfi-fastcharge 3-2: USB
  // disconnect, device number 40".
  if (!driver_name(word)) return false;
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view port = rest.substr(0, colon);
  if (!is_usb_port(port)) return false;
  std::string_view after = rest.substr(colon + 1);
  if (starts(after, " USB disconnect, ")) {
    disconnect(port, after.substr(17), when);
    return true;
  }
  if (after.empty() || !digit(after[0])) return false;  // ":1.0"
  UsbConnection* c = at_port(port);
  if (!c) return true;
  c->last = when;
  if (word == "hub") {
    if (after.find("USB hub found") != std::string_view::npos) c->hub = true;
    return true;
  }
  add_driver(*c, word);
  return true;
}

void KernelUsbAssembler::finish() {
  while (!open_.empty()) close(open_.begin());
  shadow_.clear();
  scsi_hosts_.clear();
  last_opened_.clear();
  last_new_.clear();
}

std::vector<UsbConnection> KernelUsbAssembler::take() {
  std::vector<UsbConnection> out;
  out.swap(done_);
  return out;
}

bool KernelUsbAssembler::opened_recently() {
  bool r = opened_recently_;
  opened_recently_ = false;
  return r;
}

}  // namespace sc

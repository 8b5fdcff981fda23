// Windows device instance ids and device paths → USB identities (see
// windows_device_id.hpp for the shapes and sources).
#include "checks/formats/windows_device_id.hpp"

#include <algorithm>
#include <cctype>

#include "agent/core/text.hpp"
#include "checks/formats/setupapi_log.hpp"

namespace sc {

namespace {

constexpr std::size_t kMaxId = 512;

bool istarts(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && iequals(s.substr(0, p.size()), p);
}

std::string upper(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

bool hex4(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// Position of "&<key>" (case-insensitive) in `s` after `from`, or npos.
std::size_t find_field(std::string_view s, std::string_view key, std::size_t from = 0) {
  for (std::size_t i = from; i + key.size() + 1 <= s.size(); ++i)
    if (s[i] == '&' && iequals(s.substr(i + 1, key.size()), key)) return i;
  return std::string_view::npos;
}

// "Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00": type, vendor, product, revision.
// Vendor and product strings may themselves hold '&' (SCSI inquiry data is
// free text), so the fields are cut at the next known key, not at any '&'.
void storage_fields(std::string_view dev, WindowsDeviceId& id) {
  std::size_t ven = find_field(dev, "Ven_");
  if (ven == std::string_view::npos) {
    id.type = clean_text(dev, 64);
    return;
  }
  id.type = clean_text(dev.substr(0, ven), 64);
  std::size_t prod = find_field(dev, "Prod_", ven + 1);
  std::size_t rev = find_field(dev, "Rev_", prod == std::string_view::npos ? ven + 1 : prod + 1);
  std::size_t ven_end = prod != std::string_view::npos ? prod : rev;
  id.vendor =
      id_words(dev.substr(ven + 5, ven_end == std::string_view::npos ? std::string_view::npos : ven_end - ven - 5));
  if (prod != std::string_view::npos)
    id.product =
        id_words(dev.substr(prod + 6, rev == std::string_view::npos ? std::string_view::npos : rev - prod - 6));
  if (rev != std::string_view::npos) id.revision = id_words(dev.substr(rev + 5));
}

// "VID_0781&PID_5567[&MI_00][&REV_0100]" → vid, pid, interface.
void usb_fields(std::string_view dev, WindowsDeviceId& id) {
  if (!istarts(dev, "VID_")) return;
  std::string_view vid = dev.substr(4, 4);
  std::size_t pid = find_field(dev, "PID_");
  if (!hex4(vid) || pid != 8 || !hex4(dev.substr(pid + 5, 4))) return;
  id.vid = to_lower(vid);
  id.pid = to_lower(dev.substr(pid + 5, 4));
  std::size_t mi = find_field(dev, "MI_");
  if (mi != std::string_view::npos) {
    std::string_view n = dev.substr(mi + 4, 2);
    if (n.size() == 2 && std::isxdigit(static_cast<unsigned char>(n[0])) &&
        std::isxdigit(static_cast<unsigned char>(n[1])))
      id.interface = to_lower(n);
  }
}

// The serial in an instance id: USBSTOR and SCSI append "&<LUN>".
std::string serial_of(std::string_view instance, bool lun_suffix) {
  if (lun_suffix) {
    std::size_t amp = instance.rfind('&');
    if (amp != std::string_view::npos && amp + 1 < instance.size() &&
        std::all_of(instance.begin() + amp + 1, instance.end(), [](unsigned char c) { return std::isdigit(c); }))
      instance = instance.substr(0, amp);
  }
  return clean_text(instance, 128);
}

}  // namespace

std::string id_words(std::string_view s) {
  std::string o = clean_text(s, 128);
  std::replace(o.begin(), o.end(), '_', ' ');
  return std::string(trim(o));
}

bool same_serial_ci(std::string_view a, std::string_view b) { return iequals(a, b); }

std::optional<WindowsDeviceId> parse_device_instance_id(std::string_view text) {
  if (text.empty() || text.size() > kMaxId) return std::nullopt;
  std::size_t a = text.find('\\');
  if (a == std::string_view::npos) return std::nullopt;
  std::size_t b = text.find('\\', a + 1);
  if (b == std::string_view::npos || text.find('\\', b + 1) != std::string_view::npos) return std::nullopt;
  std::string_view en = text.substr(0, a), dev = text.substr(a + 1, b - a - 1), inst = text.substr(b + 1);
  if (en.empty() || dev.empty() || inst.empty()) return std::nullopt;
  if (!std::all_of(en.begin(), en.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; }))
    return std::nullopt;
  WindowsDeviceId id;
  id.enumerator = upper(en);
  id.device = clean_text(dev, kMaxId);
  id.instance = clean_text(inst, kMaxId);
  id.windows_made = inst.size() >= 2 && inst[1] == '&';
  if (id.enumerator == "USB") {
    usb_fields(dev, id);
    if (!id.windows_made) id.serial = serial_of(inst, false);
  } else if (id.enumerator == "USBSTOR" || id.enumerator == "SCSI") {
    storage_fields(dev, id);
    if (!id.windows_made) id.serial = serial_of(inst, true);
  } else if (!id.windows_made) {
    id.serial = serial_of(inst, false);
  }
  return id;
}

std::optional<WindowsDeviceId> parse_device_path(std::string_view path) {
  if (path.empty() || path.size() > 2 * kMaxId) return std::nullopt;
  std::string up = upper(path);
  // The innermost device: a WPD or volume path wraps the USBSTOR one.
  std::size_t at = std::string::npos;
  for (std::string_view marker : {"USBSTOR#", "USB#VID_", "SCSI#"}) {
    std::size_t p = up.rfind(marker);
    while (p != std::string::npos && p > 0 && up[p - 1] != '#' && up[p - 1] != '_' && up[p - 1] != '\\' &&
           up[p - 1] != '?')
      p = p == 0 ? std::string::npos : up.rfind(marker, p - 1);
    if (p != std::string::npos) {
      at = p;
      break;
    }
  }
  if (at == std::string::npos) return std::nullopt;
  std::string_view rest = path.substr(at);
  std::size_t h1 = rest.find('#');
  std::size_t h2 = h1 == std::string_view::npos ? h1 : rest.find('#', h1 + 1);
  if (h2 == std::string_view::npos) return std::nullopt;
  std::size_t h3 = rest.find('#', h2 + 1);  // before the interface class GUID ("#{53f56307-…}")
  std::string_view inst = rest.substr(h2 + 1, h3 == std::string_view::npos ? std::string_view::npos : h3 - h2 - 1);
  inst = trim_back(inst, "\\");
  std::string id;
  id.append(rest.substr(0, h1)).append("\\").append(rest.substr(h1 + 1, h2 - h1 - 1)).append("\\").append(inst);
  return parse_device_instance_id(id);
}

std::optional<WindowsDeviceId> parse_device_reference(std::string_view text) {
  text = trim(text);
  if (auto id = parse_device_instance_id(text)) {
    // "SWD\WPDBUSENUM\_??_USBSTOR#…": the device inside is the one meant.
    if (id->enumerator != "USB" && id->enumerator != "USBSTOR" && id->enumerator != "SCSI")
      if (auto inner = parse_device_path(id->instance)) return inner;
    return id;
  }
  return parse_device_path(text);
}

std::optional<WindowsDeviceId> parse_mounted_device(std::string_view text) {
  if (!istarts(text, "_??_") && !istarts(text, "\\??\\") && !istarts(text, "\\\\?\\")) return std::nullopt;
  return parse_device_path(text);
}

}  // namespace sc

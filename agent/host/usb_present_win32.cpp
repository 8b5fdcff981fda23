// Host::usb_present for the Windows build: the USB devices present now from
// SetupAPI (SetupDiGetClassDevsW over the "USB" enumerator, DIGCF_PRESENT).
// The device instance id "USB\VID_0781&PID_5567\4C530001..." carries vid, pid
// and the serial (an id whose second character is '&' was made up by Windows:
// no serial). libusb is not used on Windows: it cannot read the serial of a
// disk bound to usbstor (WINDOWS.md). Interface classes come from the
// compatible ids ("USB\Class_08&SubClass_06&Prot_50") of the device and of
// its interfaces (instance ids with "&MI_xx").
#include <windows.h>
// windows.h first.
#include <cfgmgr32.h>
#include <setupapi.h>

#include <algorithm>
#include <map>

#include "agent/core/host.hpp"
#include "agent/host/win32_text.hpp"

namespace sc {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The 4 hex digits after `key` ("VID_") in an upper-cased id, lower case; "" if none.
std::string hex4_after(const std::string& id, const char* key) {
  auto p = id.find(key);
  if (p == std::string::npos || p + 4 + 4 > id.size()) return {};
  std::string h = id.substr(p + 4, 4);
  if (!std::all_of(h.begin(), h.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) return {};
  return lower(h);
}

std::vector<std::wstring> multi_sz(HDEVINFO set, SP_DEVINFO_DATA& dev, DWORD prop) {
  std::vector<std::wstring> out;
  wchar_t buf[2048] = {};
  if (!SetupDiGetDeviceRegistryPropertyW(set, &dev, prop, nullptr, reinterpret_cast<BYTE*>(buf), sizeof buf - 4,
                                         nullptr))
    return out;
  for (const wchar_t* p = buf; *p; p += wcslen(p) + 1) out.emplace_back(p);
  return out;
}

std::string text_prop(HDEVINFO set, SP_DEVINFO_DATA& dev, DWORD prop) {
  auto v = multi_sz(set, dev, prop);
  return v.empty() ? std::string() : win::narrow(v.front());
}

}  // namespace

std::vector<UsbPresent> Host::usb_present(std::string* error) const {
  std::vector<UsbPresent> out;
  HDEVINFO set = SetupDiGetClassDevsW(nullptr, L"USB", nullptr, DIGCF_PRESENT | DIGCF_ALLCLASSES);
  if (set == INVALID_HANDLE_VALUE) {
    if (error) *error = "SetupAPI could not list USB devices: " + win::error_text(GetLastError());
    return out;
  }
  std::map<std::string, std::size_t> by_vidpid;  // "vid:pid" → index in out (for interfaces)
  std::vector<std::pair<std::string, int>> iface_classes;
  SP_DEVINFO_DATA dev{};
  dev.cbSize = sizeof dev;
  for (DWORD i = 0; SetupDiEnumDeviceInfo(set, i, &dev); ++i) {
    wchar_t idw[MAX_DEVICE_ID_LEN + 1] = {};
    if (!SetupDiGetDeviceInstanceIdW(set, &dev, idw, MAX_DEVICE_ID_LEN, nullptr)) continue;
    std::string id = upper(win::narrow(idw));
    std::string vid = hex4_after(id, "VID_"), pid = hex4_after(id, "PID_");
    if (vid.empty() || pid.empty()) continue;  // root hubs, host controllers
    int cls = -1;
    for (const auto& c : multi_sz(set, dev, SPDRP_COMPATIBLEIDS)) {
      std::string s = upper(win::narrow(c));
      auto p = s.find("CLASS_");
      if (p != std::string::npos && p + 8 <= s.size()) {
        cls = static_cast<int>(std::strtol(s.substr(p + 6, 2).c_str(), nullptr, 16));
        break;
      }
    }
    if (id.find("&MI_") != std::string::npos) {  // one interface of a composite device
      if (cls >= 0) iface_classes.emplace_back(vid + ":" + pid, cls);
      continue;
    }
    UsbPresent u;
    u.vid = vid;
    u.pid = pid;
    auto slash = id.rfind('\\');
    std::string inst = slash == std::string::npos ? std::string() : win::narrow(idw).substr(slash + 1);
    if (inst.size() >= 2 && inst[1] != '&') u.serial = inst;
    u.vendor = text_prop(set, dev, SPDRP_MFG);
    u.product = text_prop(set, dev, SPDRP_DEVICEDESC);
    u.port_path = text_prop(set, dev, SPDRP_LOCATION_INFORMATION);  // "Port_#0002.Hub_#0003"
    if (cls >= 0) u.interface_classes.push_back(cls);
    by_vidpid.emplace(vid + ":" + pid, out.size());
    out.push_back(std::move(u));
  }
  SetupDiDestroyDeviceInfoList(set);
  for (const auto& [key, cls] : iface_classes) {
    auto it = by_vidpid.find(key);
    if (it == by_vidpid.end()) continue;
    auto& v = out[it->second].interface_classes;
    if (std::find(v.begin(), v.end(), cls) == v.end()) v.push_back(cls);
  }
  return out;
}

}  // namespace sc

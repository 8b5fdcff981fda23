// Host::usb_present on Linux: the USB devices plugged in now, from libusb
// (descriptors, port path, interface classes). String descriptors need the
// device opened, which non-root users usually may not do: then the same
// strings are read from sysfs (world-readable), else left empty.
#include <fmt/format.h>
#include <libusb.h>

#include <fstream>
#include <string>

#include "agent/core/host.hpp"

namespace sc {

namespace {

std::string sysfs_attr(const std::string& port, const char* name) {
  std::ifstream in("/sys/bus/usb/devices/" + port + "/" + name);
  std::string s;
  std::getline(in, s);
  return s.size() > 128 ? s.substr(0, 128) : s;
}

std::string string_descriptor(libusb_device_handle* h, std::uint8_t index) {
  if (!h || index == 0) return {};
  unsigned char buf[256];
  int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
  return n > 0 ? std::string(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

std::vector<UsbPresent> Host::usb_present(std::string* error) const {
  std::vector<UsbPresent> out;
  libusb_context* ctx = nullptr;
  int r = libusb_init(&ctx);
  if (r < 0) {
    if (error) *error = fmt::format("libusb: {}", libusb_strerror(static_cast<libusb_error>(r)));
    return out;
  }
  libusb_device** list = nullptr;
  ssize_t n = libusb_get_device_list(ctx, &list);
  if (n < 0) {
    if (error) *error = fmt::format("libusb: {}", libusb_strerror(static_cast<libusb_error>(n)));
    libusb_exit(ctx);
    return out;
  }
  for (ssize_t i = 0; i < n; ++i) {
    libusb_device* dev = list[i];
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) != 0) continue;
    if (desc.bDeviceClass == LIBUSB_CLASS_HUB) continue;  // root hubs and hubs
    UsbPresent p;
    p.vid = fmt::format("{:04x}", desc.idVendor);
    p.pid = fmt::format("{:04x}", desc.idProduct);
    p.bus = libusb_get_bus_number(dev);
    std::uint8_t ports[8];
    int np = libusb_get_port_numbers(dev, ports, sizeof ports);
    p.port_path = std::to_string(p.bus) + "-";
    for (int k = 0; k < np; ++k) {
      if (k) p.port_path += '.';
      p.port_path += std::to_string(ports[k]);
    }
    if (desc.bDeviceClass != 0) p.interface_classes.push_back(desc.bDeviceClass);
    libusb_config_descriptor* cfg = nullptr;
    if (libusb_get_active_config_descriptor(dev, &cfg) == 0 || libusb_get_config_descriptor(dev, 0, &cfg) == 0) {
      for (int k = 0; k < cfg->bNumInterfaces; ++k)
        for (int a = 0; a < cfg->interface[k].num_altsetting; ++a)
          p.interface_classes.push_back(cfg->interface[k].altsetting[a].bInterfaceClass);
      libusb_free_config_descriptor(cfg);
    }
    libusb_device_handle* h = nullptr;
    if (libusb_open(dev, &h) == 0) {
      p.serial = string_descriptor(h, desc.iSerialNumber);
      p.vendor = string_descriptor(h, desc.iManufacturer);
      p.product = string_descriptor(h, desc.iProduct);
      libusb_close(h);
    }
    if (np > 0) {
      if (p.serial.empty()) p.serial = sysfs_attr(p.port_path, "serial");
      if (p.vendor.empty()) p.vendor = sysfs_attr(p.port_path, "manufacturer");
      if (p.product.empty()) p.product = sysfs_attr(p.port_path, "product");
    }
    out.push_back(std::move(p));
  }
  libusb_free_device_list(list, 1);
  libusb_exit(ctx);
  return out;
}

}  // namespace sc

// Host::usb_present on Linux (libusb). Placeholder until the usb probe's work.
#include "agent/host.hpp"

namespace sc {

std::vector<UsbPresent> Host::usb_present(std::string* error) const {
  if (error) *error = "not yet supported";
  return {};
}

}  // namespace sc

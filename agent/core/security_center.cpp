// productState decoding for the Security Center facade (both builds). The
// bit layout is the one WINDOWS.md gives ("productState & 0xF000": 0x1000 on,
// 0x0000 off, 0x2000 snoozed, 0x3000 expired; "& 0x00F0": 0x10 out of date).
#include "agent/core/security_center.hpp"

namespace sc {

WscProduct::State wsc_state_from_bits(std::uint32_t s) {
  switch (s & 0xF000u) {
    case 0x1000u:
      return WscProduct::State::on;
    case 0x2000u:
      return WscProduct::State::snoozed;
    case 0x3000u:
      return WscProduct::State::expired;
    default:
      return WscProduct::State::off;
  }
}

bool wsc_up_to_date_from_bits(std::uint32_t s) { return (s & 0x00F0u) == 0; }

const char* to_string(WscProduct::State s) {
  switch (s) {
    case WscProduct::State::on:
      return "on";
    case WscProduct::State::snoozed:
      return "snoozed";
    case WscProduct::State::expired:
      return "expired";
    case WscProduct::State::off:
      break;
  }
  return "off";
}

}  // namespace sc

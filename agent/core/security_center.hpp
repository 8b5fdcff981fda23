// The Host facade for Windows Security Center (WSC), live on a Windows build
// only: the antivirus products Windows itself knows, with their on/off state
// and whether their signatures are up to date. Windows 8+: the documented
// IWSCProductList (iwscapi.h); Windows 7: WMI root\SecurityCenter2
// AntiVirusProduct. The backend is agent/host/security_center_win32.cpp; the
// Linux build's (security_center_posix.cpp) answers "not available on this
// build". Tests answer through a test double of SecurityCenter.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sc {

struct WscProduct {
  enum class State { on, off, snoozed, expired };
  std::string name;  // as WSC shows it ("Windows Defender", "360杀毒")
  State state = State::off;
  bool up_to_date = false;                     // signature status
  std::string timestamp;                       // IWscProduct::get_ProductStateTimestamp as given (may be empty)
  std::optional<std::uint32_t> product_state;  // WMI productState, when the answer came from SecurityCenter2
};

struct WscAnswer {
  std::string source;  // "IWSCProductList" or "WMI root\\SecurityCenter2"
  std::string error;   // why WSC could not be asked (Server editions have none): not "no antivirus"
  std::vector<WscProduct> products;
  bool ok() const { return error.empty(); }
};

class SecurityCenter {
 public:
  virtual ~SecurityCenter() = default;
  virtual WscAnswer antivirus_products() const = 0;
};

// The backend of this build platform (never null).
std::unique_ptr<SecurityCenter> make_security_center();

// WMI's productState (SecurityCenter2, undocumented but stable since Vista):
// bits 12-15 the state (0x1000 on, 0x0000 off, 0x2000 snoozed, 0x3000
// expired), bits 4-7 the signatures (0x00 up to date, 0x10 out of date).
WscProduct::State wsc_state_from_bits(std::uint32_t product_state);
bool wsc_up_to_date_from_bits(std::uint32_t product_state);
const char* to_string(WscProduct::State s);

}  // namespace sc
